"""Texts Samordna wrote itself become codes; a coordinator's send-back comment leaves the
public history; each existing update records the path that wrote it.

Status updates are append-only for people; this one-off rewrite only replaces text the
system generated (in whatever language the closing coordinator happened to use) by its code.
"""

from django.db import migrations

NO_ANSWER = {
    "No answer in the status round.",
    "Ikke noe svar i statusrunden.",
    "Ikkje noko svar i statusrunden.",
    "Inget svar i statusomgången.",
}
SENT_BACK = (
    "Answer sent back for correction: ",
    "Svaret er sendt tilbake for retting: ",
    "Svaret har skickats tillbaka för rättelse: ",
)


def forwards(apps, schema_editor):
    StatusUpdate = apps.get_model("followup", "StatusUpdate")
    StatusUpdate.objects.filter(remaining__in=NO_ANSWER).update(
        note="no_answer", remaining="", source="system"
    )
    sent_back = [u for p in SENT_BACK for u in StatusUpdate.objects.filter(remaining__startswith=p)]
    for update in sent_back:
        # The public text goes back to what the measure said before the answer counted.
        before = (
            StatusUpdate.objects.filter(
                measure_id=update.measure_id,
                scope=update.scope,
                as_of__lte=update.as_of,
                answer__isnull=True,
                id__lt=update.id,
            )
            .exclude(note="sent_back")
            .order_by("-as_of", "-created_at", "-id")
            .first()
        )
        StatusUpdate.objects.filter(pk=update.pk).update(
            note="sent_back", remaining=before.remaining if before else ""
        )
    StatusUpdate.objects.filter(source="", generated=True).update(source="demo")
    StatusUpdate.objects.filter(source="", round__isnull=False).update(source="round")
    StatusUpdate.objects.filter(source="", decision__isnull=False).update(source="minutes")

    Report = apps.get_model("reports", "Report")
    for report in Report.objects.filter(snapshot__isnull=False):
        changed = False
        for row in report.snapshot.get("measures", []):
            if row.get("remaining") in NO_ANSWER:
                row["remaining"], row["note"], changed = "", "no_answer", True
            elif (row.get("remaining") or "").startswith(SENT_BACK):
                row["remaining"], row["note"], changed = "", "sent_back", True
        if changed:
            # A plain update: frozen reports refuse save(), and only system text changes.
            Report.objects.filter(pk=report.pk).update(snapshot=report.snapshot)


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0003_status_update_note_source_mail_answer"),
        ("reports", "0001_initial"),
        ("cooperation", "0003_label_fixes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
