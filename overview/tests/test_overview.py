"""The overview: who sees which plans, the figures as of a date, filters, sorting, downloads,
and a query count that does not grow with the number of plans."""

import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Role
from conftest import add_measure, add_update, make_plan, make_user
from followup.models import State
from followup.status import status_as_of
from overview.table import overview_rows
from plans.models import Adoption, Organisation, Plan
from reports.exports.csvfile import readable
from reports.summary import summarise

URL = reverse("overview:page")


def test_the_public_sees_published_plans_and_members_their_own(world, login, client):
    page = client.get(URL).content.decode()
    assert "SLT-plan Rana" in page and "Handlingsplan Moss" not in page
    # The wide table scrolls in its own box on a phone (samordna.css: .table-wrap).
    assert '<div class="table-wrap"><table class="overview-table">' in page.replace("\n", "")
    page = login(world["viewer"]).get(URL).content.decode()
    assert "SLT-plan Rana" in page and "Handlingsplan Moss" in page


def test_figures_as_of_a_date_match_the_plan_page(world):
    plan = world["plan"]
    police, other = world["police_measure"], world["other_measure"]
    add_update(police, "2020-01-01", State.ONGOING)
    add_update(police, "2020-06-01", State.DONE)
    add_update(other, "2020-03-01", State.NOT_STARTED)
    scoped = add_measure(plan, "Per kommune", scopes=["Moss", "Råde"])
    add_update(scoped, "2020-02-01", State.ONGOING)
    add_update(scoped, "2020-04-01", State.DONE, scope="Råde")
    for day in ["2019-12-31", "2020-01-01", "2020-03-15", "2020-05-01", "2021-01-01"]:
        as_of = datetime.date.fromisoformat(day)
        (row,) = overview_rows(Plan.objects.filter(pk=plan.pk), as_of)
        summary = summarise(plan, as_of)
        assert row["counts"] == summary.counts, day
        assert row["shares"] == summary.shares, day
        assert row["total"] == summary.total == 4
    assert status_as_of(plan, datetime.date(2020, 5, 1), [scoped])[scoped.pk].scopes


def test_a_county_coordinator_starts_with_their_county(db, client):
    county = Organisation.objects.create(name="Viken fylke", kind="county_board")
    inside = Organisation.objects.create(name="Moss", kind="municipality", parent=county)
    outside = Organisation.objects.create(name="Rana", kind="municipality")
    make_plan("Plan i fylket", owners=[inside], published=True)
    make_plan("Plan utenfor", owners=[outside], published=True)
    coordinator = make_user("fylke", county, Role.COORDINATOR)
    client.force_login(coordinator)
    page = client.get(URL).content.decode()
    assert "Plan i fylket" in page and "Plan utenfor" not in page
    everything = client.get(URL + "?county=").content.decode()
    assert "Plan i fylket" in everything and "Plan utenfor" in everything
    by_municipality = client.get(URL + f"?county=&municipality={outside.pk}").content.decode()
    assert "Plan utenfor" in by_municipality and "Plan i fylket" not in by_municipality


def test_filters_by_kind_and_year_and_bad_values_say_so(world, client):
    make_plan(
        "Strategi 2030", published=True, kind="strategy", period_start=datetime.date(2025, 1, 1)
    )
    page = client.get(URL + "?kind=strategy").content.decode()
    assert "Strategi 2030" in page and "SLT-plan Rana" not in page
    assert "Strategi 2030" not in client.get(URL + "?year=2020").content.decode()
    assert "Strategi 2030" in client.get(URL + "?year=2026").content.decode()
    bad = client.get(URL + "?kind=poem&year=abc&as_of=2020-02-31")
    assert bad.status_code == 200
    assert "is not a kind of plan" in bad.content.decode()
    # The live region wraps the list, so the items stay list items (axe: listitem).
    assert '<div role="status"><ul class="messages">' in bad.content.decode()
    assert "is not a date" in bad.content.decode()
    assert "“abc” is not a year." in bad.content.decode()
    assert "“1800” is not a year." in client.get(URL + "?year=1800").content.decode()
    # A download with a bad filter leaves no warning behind for the next page.
    assert client.get(URL + "?kind=poem&format=csv").status_code == 200
    assert "is not a kind of plan" not in client.get(URL).content.decode()


def test_sorting_and_downloads(world, client):
    make_plan("Alfa-plan", published=True)
    Adoption.objects.create(plan=world["public_plan"], organisation=world["rana"], state="adopted")
    page = client.get(URL + "?sort=-title").content.decode()
    assert page.index("SLT-plan Rana") < page.index("Alfa-plan")
    page = client.get(URL + "?sort=title").content.decode()
    assert page.index("Alfa-plan") < page.index("SLT-plan Rana")
    assert "1 of 1" in page
    response = client.get(URL + "?sort=title&format=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Plan" and [r[0] for r in rows[1:]] == ["Alfa-plan", "SLT-plan Rana"]
    book = load_workbook(io.BytesIO(client.get(URL + "?format=xlsx").content))
    assert book.active["A2"].value in {"Alfa-plan", "SLT-plan Rana"}


def test_downloads_follow_the_readers_language_and_keep_formula_like_titles_as_text(db, client):
    make_plan("=1+1", published=True)
    make_plan("Plan, med komma", published=True)
    response = client.get(URL + "?sort=title&format=csv", HTTP_ACCEPT_LANGUAGE="nb")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["\t=1+1", "Plan, med komma"]
    assert readable(rows[1][0]) == "=1+1"
    english = client.get(URL + "?sort=title&format=csv", HTTP_ACCEPT_LANGUAGE="en")
    rows = list(csv.reader(io.StringIO(english.content.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["\t=1+1", "Plan, med komma"]
    sheet = load_workbook(io.BytesIO(client.get(URL + "?sort=title&format=xlsx").content)).active
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=1+1", "s")
    assert sheet["A3"].value == "Plan, med komma"


def test_query_count_does_not_grow_with_plans(db, client, django_assert_num_queries):
    def plans(n):
        for i in range(n):
            plan = make_plan(f"Plan {Plan.objects.count()}-{i}", published=True)
            measure = add_measure(plan, "Tiltak", scopes=["A", "B"] if i % 2 else [])
            add_update(measure, "2020-01-01", State.DONE)

    plans(2)
    with CaptureQueriesContext(connection) as few:
        client.get(URL + "?as_of=2021-01-01")
    plans(12)
    with django_assert_num_queries(len(few)):
        page = client.get(URL + "?as_of=2021-01-01").content.decode()
    assert page.count('class="num state-cell state-done"') == 14
