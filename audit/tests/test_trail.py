"""The audit trail: changes made through the web show in `samordna audit` and on the
plan's history page, with who, when and the fields before and after."""

import datetime
import io
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import add_measure
from cooperation.models import Group, Meeting
from followup.models import StatusRound
from plans.models import Organisation
from plans.tests.test_pages import measure_data


def plan_edit_data(plan, **changes):
    data = {
        "title": plan.title,
        "slug": plan.slug,
        "kind": plan.kind,
        "language": plan.language,
        "owners": [o.organisation_id for o in plan.ownerships.all()],
        "goals": "",
        "target_groups": "",
        "answers_count_when": plan.answers_count_when,
    }
    data.update(changes)
    return data


def audit_json(slug, *extra):
    out = io.StringIO()
    call_command("audit", "--plan", slug, "--format", "json", *extra, stdout=out)
    return json.loads(out.getvalue())["changes"]


def test_title_change_through_the_web_form_shows_in_the_audit_command(world, login):
    plan = world["plan"]
    response = login(world["coordinator"]).post(
        reverse("plans:edit", args=[plan.slug]),
        plan_edit_data(plan, title="Handlingsplan Moss 2027"),
    )
    assert response.status_code == 302
    change = audit_json(plan.slug)[0]
    assert change["action"] == "update" and change["model"] == "plan"
    assert change["actor"] == "coordinator"
    assert change["changes"]["title"] == {
        "before": "Handlingsplan Moss",
        "after": "Handlingsplan Moss 2027",
    }
    # Saving unchanged records nothing new: timestamps are not changes.
    before = LogEntry.objects.count()
    login(world["coordinator"]).post(
        reverse("plans:edit", args=[plan.slug]),
        plan_edit_data(plan, title="Handlingsplan Moss 2027"),
    )
    assert LogEntry.objects.count() == before


def test_the_recorded_address_ignores_a_forged_forwarded_for(world, login, settings):
    settings.TRUSTED_PROXIES = 0  # no proxy in front: X-Forwarded-For is the visitor's word
    plan = world["plan"]
    login(world["coordinator"]).post(
        reverse("plans:edit", args=[plan.slug]),
        plan_edit_data(plan, title="Handlingsplan Moss 2027"),
        headers={"X-Forwarded-For": "203.0.113.9"},
        REMOTE_ADDR="198.51.100.7",
    )
    entry = LogEntry.objects.filter(object_repr="Handlingsplan Moss 2027").latest("pk")
    assert entry.remote_addr == "198.51.100.7"


def test_creating_and_deleting_a_measure_show_in_the_trail(world, login):
    plan = world["plan"]
    client = login(world["coordinator"])
    client.post(reverse("plans:measure_create", args=[plan.slug]), measure_data())
    measure = plan.measures.get(title="Informasjon til elevrådene")
    client.post(reverse("plans:measure_delete", args=[plan.slug, measure.pk]))
    changes = audit_json(plan.slug)
    by_model = [(c["action"], c["model"], c["object"]) for c in changes]
    # Newest first: the delete and its responsibilities, deleted along with it.
    assert {b[:2] for b in by_model[:3]} == {("delete", "measure"), ("delete", "responsibility")}
    assert ("create", "measure", "12. Informasjon til elevrådene") in by_model
    assert ("delete", "measure", "12. Informasjon til elevrådene") in by_model
    assert ("delete", "responsibility", "Utarbeidelse: Koordinator") in by_model
    created = next(c for c in changes if c["action"] == "create" and c["model"] == "measure")
    assert created["actor"] == "coordinator"
    assert created["changes"]["title"] == {"before": None, "after": "Informasjon til elevrådene"}


def test_another_plans_changes_and_the_directory_stay_out_of_the_trail(world):
    add_measure(world["public_plan"], "Natteravn")
    Organisation.objects.create(name="Krisesenteret")
    objects = [c["object"] for c in audit_json(world["plan"].slug)]
    assert "Natteravn" not in objects and "Krisesenteret" not in objects
    assert "11. Skolenes årshjul" in objects
    # The directory is audited all the same.
    assert LogEntry.objects.filter(object_repr="Krisesenteret").exists()


def test_since_and_text_format(world):
    out = io.StringIO()
    call_command("audit", "--plan", world["plan"].slug, "--since", "2199-01-01", stdout=out)
    assert out.getvalue() == ""
    out = io.StringIO()
    call_command("audit", "--plan", world["plan"].slug, "--format", "text", stdout=out)
    assert "created measure “11. Skolenes årshjul”" in out.getvalue()
    assert "Title: – → Skolenes årshjul" in out.getvalue()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--plan", "nowhere"], "There is no plan “nowhere”"),
        (["--plan", "{slug}", "--since", "2024-02-30"], "is not a date. Use the form YYYY-MM-DD"),
    ],
)
def test_bad_options_get_a_clear_message(world, args, message):
    args = [a.format(slug=world["plan"].slug) for a in args]
    with pytest.raises(CommandError, match=message):
        call_command("audit", *args)


def test_history_page_for_coordinators_only(world, login, client):
    url = reverse("audit:plan_history", args=[world["plan"].slug])
    assert login(world["outsider"]).get(url).status_code == 404
    assert login(world["viewer"]).get(url).status_code == 403
    assert login(world["contributor"]).get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
    assert login(world["admin"]).get(url).status_code == 200
    page = login(world["coordinator"]).get(url).content.decode()
    assert "History of changes" in page and "Skolenes årshjul" in page
    detail = login(world["coordinator"]).get(reverse("plans:detail", args=[world["plan"].slug]))
    assert url in detail.content.decode()
    assert (
        url
        not in login(world["viewer"])
        .get(reverse("plans:detail", args=[world["plan"].slug]))
        .content.decode()
    )


def test_history_page_shows_before_and_after_translated(world, login):
    plan = world["plan"]
    client = login(world["coordinator"])
    client.post(
        reverse("plans:edit", args=[plan.slug]),
        plan_edit_data(plan, title="Handlingsplan Moss 2027", published="on"),
    )
    url = reverse("audit:plan_history", args=[plan.slug])
    page = client.get(url, headers={"Accept-Language": "nb"}).content.decode()
    assert "Endringshistorikk" in page
    assert "Handlingsplan Moss → Handlingsplan Moss 2027" in page
    assert "nei → ja" in page


def test_history_page_runs_a_constant_number_of_queries(world, login, django_assert_num_queries):
    client = login(world["coordinator"])
    url = reverse("audit:plan_history", args=[world["plan"].slug])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(60):
        add_measure(world["plan"], f"Tiltak {i}", responsible=["Rektor"])
    with django_assert_num_queries(len(few)):
        assert "Tiltak 59" in client.get(url).content.decode()
    # A later page of many runs the same queries.
    with django_assert_num_queries(len(few)):
        assert "Tiltak 0" in client.get(url + "?page=3").content.decode()


def test_groups_meetings_and_rounds_of_the_plan_are_in_its_trail(world):
    plan = world["plan"]
    group = Group.objects.create(name="Koordineringsgruppa")
    group.plans.add(plan)
    start = timezone.make_aware(datetime.datetime(2027, 3, 1, 10))
    Meeting.objects.create(group=group, starts_at=start, ends_at=start)
    StatusRound.objects.create(
        plan=plan, as_of=datetime.date(2027, 1, 1), deadline=datetime.date(2027, 1, 15)
    )
    measure = world["other_measure"]
    measure.area = None
    measure.save()
    group.delete()
    changes = [(c["action"], c["model"], c["object"]) for c in audit_json(plan.slug)]
    assert ("delete", "group", "Koordineringsgruppa") in changes
    # The meeting went with its group, and is still known to be the plan's.
    assert ("delete", "meeting", "Koordineringsgruppa 2027-03-01") in changes
    assert ("create", "meeting", "Koordineringsgruppa 2027-03-01") in changes
    assert ("create", "statusround", "Handlingsplan Moss – 2027-01-01") in changes
    added = next(c for c in audit_json(plan.slug) if c["changes"].get("plans"))
    assert added["changes"]["plans"]["objects"] == ["Handlingsplan Moss"]
    moved = next(c for c in audit_json(plan.slug) if c["changes"].get("area"))
    # A link to another object is kept by its name as it was then.
    assert moved["changes"]["area"] == {"before": "1 Informasjon", "after": None}
