"""Input Samordna refuses with a message, never a 500: far-off dates and control characters.

The rules live in samordna/cleaning.py; these tests drive them through the forms and
pages where they were found to break things.
"""

import datetime

import pytest
from django.urls import reverse

from cooperation import feeds
from cooperation.models import AnnualEntry, Meeting, ReportingDuty
from cooperation.tests.test_cooperation import group  # noqa: F401  (fixture)
from followup.models import Answer, StatusUpdate
from followup.tests import test_rounds
from imports.forms import CreateForm
from plans.forms import PlanForm
from samordna.cleaning import input_problem, parse_query_date

setup = test_rounds.setup
opened = test_rounds.opened

FAR_OFF = ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"]


@pytest.mark.parametrize("day", FAR_OFF)
def test_wheel_entry_far_off_is_refused(world, login, day):
    url = reverse("cooperation:entry_create", args=[world["plan"].slug])
    response = login(world["coordinator"]).post(
        url, {"title": "Rapport", "kind": "deadline", "starts": day, "days": "1"}
    )
    assert response.status_code == 200
    assert "between 1900 and 2200" in response.content.decode()
    assert not AnnualEntry.objects.exists()


def test_duty_far_off_is_refused_and_nothing_saved(world, login):
    url = reverse("cooperation:duty_create", args=[world["plan"].slug])
    response = login(world["coordinator"]).post(
        url,
        {"title": "Rapport til kommunestyret", "starts": "9999-12-31", "recurrence": "FREQ=YEARLY"},
    )
    assert response.status_code == 200
    assert "between 1900 and 2200" in response.content.decode()
    assert not ReportingDuty.objects.exists()


def test_meeting_on_year_one_is_refused(world, login, group):  # noqa: F811
    url = reverse("cooperation:meeting_create", args=[world["plan"].slug, group.pk])
    response = login(world["coordinator"]).post(
        url,
        {"starts_at": "0001-01-01T10:00", "ends_at": "0001-01-01T12:00", "state": "planned"},
        follow=True,
    )
    assert response.status_code == 200
    assert "between 1900 and 2200" in response.content.decode()
    assert not Meeting.objects.exists()


def test_feed_leaves_out_far_off_rows_stored_before_the_rule(world):
    AnnualEntry.objects.create(
        plan=world["plan"], title="Feil", kind="deadline", starts=datetime.date(9999, 12, 31)
    )
    AnnualEntry.objects.create(
        plan=world["plan"], title="Rapport", kind="deadline", starts=datetime.date(2026, 3, 1)
    )
    feed = feeds.plan_feed(world["plan"]).decode()
    assert "Rapport" in feed and "Feil" not in feed


@pytest.mark.parametrize("url_name", ["plans:detail", "reports:page"])
@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_far_off_as_of_in_the_address_is_explained(world, login, url_name, day):
    url = reverse(url_name, args=[world["plan"].slug])
    response = login(world["viewer"]).get(url, {"as_of": day, "compare": day})
    assert response.status_code == 200
    assert "between 1900 and 2200" in response.content.decode()


def test_every_date_field_of_the_plan_forms_is_checked(world):
    form = PlanForm(
        data={
            "title": "Plan",
            "kind": "action_plan",
            "language": "nb",
            "period_start": "9999-12-31",
        },
        user=world["coordinator"],
    )
    assert not form.is_valid() and "between 1900 and 2200" in str(form.errors["period_start"])
    form = CreateForm(data={"status_as_of": "0001-01-01"}, needs_date=True)
    assert "between 1900 and 2200" in str(form.errors.get("status_as_of"))


def test_nul_in_a_personal_link_answer_is_refused(opened, client):
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    response = client.post(
        url,
        {
            f"state_{item.pk}": "done",
            f"done_{item.pk}": "brosjyrer\x00delt ut",
            f"seen_{item.pk}": "0",
            "action": "submit",
        },
    )
    assert response.status_code == 400
    assert "control characters" in response.content.decode()
    assert not Answer.objects.exists() and not StatusUpdate.objects.exists()


def test_control_characters_in_form_text_are_refused(world, login):
    url = reverse("plans:edit", args=[world["plan"].slug])
    response = login(world["coordinator"]).post(
        url, {"title": "Plan\x0bmed\x1bfeil", "slug": "", "kind": "action_plan", "language": "nb"}
    )
    assert response.status_code == 200
    assert "control characters" in response.content.decode()
    world["plan"].refresh_from_db()
    assert world["plan"].title == "Handlingsplan Moss"


def test_the_rules_themselves():
    assert input_problem("linje 1\r\n\tlinje 2") is None
    assert input_problem(["ok", "ikke\x07ok"])
    assert input_problem(datetime.date(1900, 1, 1)) is None
    assert input_problem(datetime.date(2200, 12, 31)) is None
    assert parse_query_date("") == (None, None)
    assert parse_query_date("2020-02-30")[1]
    assert parse_query_date("2024-02-29") == (datetime.date(2024, 2, 29), None)
