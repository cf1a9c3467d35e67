"""Organisations already taking part in a plan they do not own (responsible, group member,
asked in a round) keep their access: their participation counts as accepted."""

from django.db import migrations


def accept_existing(apps, schema_editor):
    PlanOwner = apps.get_model("plans", "PlanOwner")
    Invitation = apps.get_model("plans", "Invitation")
    Responsibility = apps.get_model("plans", "Responsibility")
    GroupMember = apps.get_model("cooperation", "GroupMember")
    StatusRequest = apps.get_model("followup", "StatusRequest")
    pairs = set()
    for plan_id, org_id, contact_org_id in Responsibility.objects.values_list(
        "measure__plan_id", "organisation_id", "contact__organisation_id"
    ):
        pairs.update((plan_id, o) for o in (org_id, contact_org_id) if o)
    for plan_id, org_id, contact_org_id in GroupMember.objects.values_list(
        "group__plans", "organisation_id", "contact__organisation_id"
    ):
        if plan_id:
            pairs.update((plan_id, o) for o in (org_id, contact_org_id) if o)
    pairs.update(StatusRequest.objects.values_list("round__plan_id", "contact__organisation_id"))
    owners = set(PlanOwner.objects.values_list("plan_id", "organisation_id"))
    Invitation.objects.bulk_create(
        [
            Invitation(plan_id=plan_id, organisation_id=org_id, kind="participant", state="accepted")
            for plan_id, org_id in sorted(pairs - owners)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_invitations_and_organisation_creator"),
        ("cooperation", "0003_label_fixes"),
        ("followup", "0002_failedlinkattempt_answer_statusupdate_answer_and_more"),
    ]

    operations = [migrations.RunPython(accept_existing, migrations.RunPython.noop)]
