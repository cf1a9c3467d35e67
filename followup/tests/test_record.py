"""The one write path of status updates, and the texts Samordna writes itself as codes."""

import ast
import datetime
import pathlib

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from followup import rounds
from followup.models import Answer, Note, Source, StatusUpdate
from followup.status import record_status
from followup.tests.test_rounds import opened, setup  # noqa: F401 (fixtures)
from reports.formats import render
from reports.report import build_report

TODAY = timezone.localdate()
ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_only_the_write_path_creates_status_updates():
    """No module outside followup/status.py creates StatusUpdate rows itself."""
    writers = []
    for path in ROOT.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.parts[-2:] in (("followup", "status.py"),):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in ("create", "bulk_create", "get_or_create")
                and "StatusUpdate" in ast.unparse(node.value)
            ):
                writers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    # The demo loader's invented history and the benchmark write in bulk on purpose.
    assert all(w.startswith(("benchmarks/", "demo/")) for w in writers), writers


def test_record_status_keeps_its_rules(world):
    measure = world["police_measure"]
    update = record_status(measure, TODAY, "ongoing", "Brosjyre", "", world["coordinator"])
    assert update.source == Source.FORM and update.author_name == "coordinator"
    with pytest.raises(ValidationError) as bad:
        record_status(measure, TODAY, "finished", scope="Rygge")
    assert len(bad.value.messages) == 2  # a state that is none, a scope the measure has not
    with pytest.raises(ValidationError):
        record_status(measure, TODAY + datetime.timedelta(days=1), "done")
    # An imported plan may carry a planned date; a person may not.
    later = record_status(measure, TODAY + datetime.timedelta(days=1), "done", source=Source.IMPORT)
    assert later.source == Source.IMPORT
    assert StatusUpdate.objects.count() == 2


def test_status_form_writes_through_the_write_path(world, login):
    client = login(world["contributor"])
    measure = world["police_measure"]
    url = reverse("plans:status_create", args=[world["plan"].slug, measure.pk])
    response = client.post(url, {"as_of": TODAY.isoformat(), "state": "done", "seen": "0"})
    assert response.status_code == 302
    assert StatusUpdate.objects.get().source == Source.FORM


def _answer(opened_, state="done", remaining="Mangler tall"):  # noqa: F811
    item = opened_["round"].requests.get(contact=opened_["kari"]).items.get()
    return rounds.save_answers(item.request, {item: (state, "", remaining)}, submit=True)[0]


def test_no_answer_is_a_code_shown_in_each_readers_language(opened, login):  # noqa: F811
    rounds.close_round(opened["round"], opened["coordinator"])
    unanswered = StatusUpdate.objects.filter(note=Note.NO_ANSWER)
    assert unanswered.count() == 2 and not unanswered.filter(remaining__gt="").exists()
    assert set(unanswered.values_list("source", flat=True)) == {Source.SYSTEM}
    report = build_report(opened["plan"], opened["round"].as_of)
    for language, text in (
        ("nb", "Ikke noe svar i statusrunden."),
        ("nn", "Ikkje noko svar i statusrunden."),
        ("sv", "Inget svar i statusomgången."),
        ("en", "No answer in the status round."),
    ):
        with translation.override(language):
            assert text in render("csv", report).decode("utf-8-sig")
        client = login(opened["coordinator"])
        # The round fixture chose English by cookie; here the browser's language decides.
        client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
        page = client.get(
            opened["police_measure"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language
        ).content.decode()
        assert text in page, language
    # A frozen report keeps the code, so it too follows its reader.
    opened["round"].refresh_from_db()  # closing locks and saves its own copy of the round
    frozen = opened["round"].report.snapshot
    assert {row["note"] for row in frozen["measures"]} == {Note.NO_ANSWER}


def test_sent_back_comment_stays_private_and_the_mail_says_which_and_why(opened):  # noqa: F811
    measure = opened["police_measure"]
    record_status(measure, TODAY, "ongoing", "", "Trykking gjenstår", opened["coordinator"])
    answer = _answer(opened)
    mail.outbox.clear()
    rounds.review_answer(answer, False, "Hvor mange brosjyrer? Ring meg.", opened["coordinator"])
    latest = StatusUpdate.objects.filter(measure=measure).latest("id")
    assert latest.note == Note.SENT_BACK
    # The public history goes back to what it said before; the comment is not in it.
    assert latest.remaining == "Trykking gjenstår" and latest.state == "ongoing"
    assert not StatusUpdate.objects.filter(remaining__contains="brosjyrer").exists()
    rounds.deliver_pending()
    body = mail.outbox[-1].body
    assert "9. Informasjonsmateriell" in body
    assert "Hvor mange brosjyrer? Ring meg." in body
    with translation.override("nb"):
        assert translation.gettext("Measure:") in body  # Kari reads Norwegian
    assert Answer.objects.get().mails.count() == 1


def test_an_export_keeps_the_note_as_a_code(opened):  # noqa: F811
    from interchange.export import export_plan
    from interchange.load import load_plan

    rounds.close_round(opened["round"], opened["coordinator"])
    document = export_plan(opened["plan"])
    measures = document["measures"] + [m for a in document["areas"] for m in a["measures"]]
    notes = [(m.get("status") or {}).get("note") for m in measures]
    assert notes == ["no_answer", "no_answer"]
    copy = load_plan(document, slug="kopi")
    assert StatusUpdate.objects.filter(measure__plan=copy, note=Note.NO_ANSWER).count() == 2


def test_migration_turns_old_system_texts_into_codes(world):
    import importlib

    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migration = importlib.import_module("followup.migrations.0004_system_texts_as_codes")
    state = MigrationExecutor(connection).loader.project_state(
        ("followup", "0004_system_texts_as_codes")
    )
    measure = world["police_measure"]
    kept = record_status(measure, TODAY, "ongoing", "", "Trykking gjenstår", source=Source.IMPORT)
    old = StatusUpdate.objects.bulk_create(
        [
            StatusUpdate(measure=measure, as_of=TODAY, state="unclear", remaining=text)
            for text in (
                "Svaret er sendt tilbake for retting: Ring meg, Per.",
                "Ikke noe svar i statusrunden.",
            )
        ]
    )
    migration.forwards(state.apps, None)
    sent_back, no_answer = (StatusUpdate.objects.get(pk=u.pk) for u in old)
    assert (no_answer.note, no_answer.remaining) == (Note.NO_ANSWER, "")
    assert (sent_back.note, sent_back.remaining) == (Note.SENT_BACK, kept.remaining)
