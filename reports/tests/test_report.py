"""The report content: filters, per-area and per-responsible counts, comparisons."""

import datetime

import pytest

from conftest import add_measure, add_update, make_plan
from demo.loader import read_demo_plan
from followup.models import State
from interchange.load import load_plan
from plans.models import Area
from reports.report import Filters, build_report, compare_reports

D = datetime.date.fromisoformat


@pytest.fixture
def plan(db):
    plan = make_plan("Rapportplan")
    rus = Area.objects.create(plan=plan, number="1", title="Rus", position=1)
    skole = Area.objects.create(plan=plan, number="1.1", title="Skole", parent=rus, position=2)
    vold = Area.objects.create(plan=plan, number="2", title="Vold", position=3)
    a = add_measure(
        plan, "Foreldremøter", number="1", area=skole, responsible=["Rektor"], kind="existing"
    )
    b = add_measure(
        plan,
        "Utekontakt",
        number="2",
        area=rus,
        responsible=["Utekontakten", "Politiet"],
        kind="proposed",
    )
    c = add_measure(
        plan, "Kurs", number="3", area=vold, responsible=["Politiet"], scopes=["Moss", "Rygge"]
    )
    add_measure(plan, "Uten ansvar", number="4", area=vold)
    add_update(a, "2020-01-01", State.DONE, done="Holdt")
    add_update(b, "2020-01-01", State.ONGOING)
    add_update(b, "2021-01-01", State.DISCONTINUED)
    add_update(c, "2020-01-01", State.DONE, scope="Moss")
    return plan


def test_measures_in_plan_order_with_their_state(plan):
    report = build_report(plan, D("2020-06-01"))
    assert [r["number"] for r in report["measures"]] == ["2", "1", "3", "4"]
    assert [r["state"] for r in report["measures"]] == ["ongoing", "done", "ongoing", "unclear"]
    assert report["measures"][1]["done"] == "Holdt"
    assert report["summary"]["total"] == 5  # measure 3 counts once per municipality
    assert sum(report["summary"]["shares"].values()) == 100


def test_area_counts_include_nested_areas(plan):
    areas = {a["title"]: a["summary"] for a in build_report(plan, D("2020-06-01"))["areas"]}
    assert areas["Rus"]["total"] == 2 and areas["Rus"]["counts"]["done"] == 1
    assert areas["Skole"]["total"] == 1
    assert areas["Vold"]["counts"] == {
        "done": 1,
        "ongoing": 0,
        "not_started": 0,
        "unclear": 2,
        "discontinued": 0,
    }


def test_counts_per_responsible(plan):
    rows = {
        r["name"]: r["summary"]["total"] for r in build_report(plan, D("2020-06-01"))["responsible"]
    }
    assert rows == {"Politiet": 3, "Rektor": 1, "Utekontakten": 1, "": 1}


@pytest.mark.parametrize(
    "filters, numbers",
    [
        (Filters(kind="proposed"), ["2"]),
        (Filters(responsible="Politiet"), ["2", "3"]),
        (Filters(state="unclear"), ["4"]),
        (Filters(scope="Rygge"), ["3"]),
        (Filters(area=-1), []),
    ],
)
def test_filters(plan, filters, numbers):
    assert [
        r["number"] for r in build_report(plan, D("2020-06-01"), filters)["measures"]
    ] == numbers


def test_area_filter_takes_nested_areas(plan):
    rus = plan.areas.get(title="Rus")
    report = build_report(plan, D("2020-06-01"), Filters(area=rus.pk))
    assert [r["number"] for r in report["measures"]] == ["2", "1"]


def test_scope_filter_counts_that_municipality_only(plan):
    report = build_report(plan, D("2020-06-01"), Filters(scope="Rygge"))
    assert report["summary"]["counts"]["unclear"] == 1 and report["summary"]["total"] == 1


def test_filters_from_a_query_ignore_nonsense():
    filters = Filters.from_query(
        {"area": "x", "kind": "weird", "state": "green", "responsible": " Politiet "}
    )
    assert filters.as_query() == {"responsible": "Politiet"}


def test_comparison(plan):
    before = build_report(plan, D("2019-06-01"))
    after = build_report(plan, D("2021-06-01"))
    comparison = compare_reports(before, after)
    assert {r["number"] for r in comparison["new"]} == {"1", "2", "3"}
    again = compare_reports(build_report(plan, D("2020-06-01")), after)
    assert [(r["number"], r["previous_state"], r["state"]) for r in again["changed"]] == [
        ("2", "ongoing", "discontinued")
    ]
    assert [r["number"] for r in again["discontinued"]] == ["2"]
    # Measure 3 counts per municipality (done + unclear), so only measure 2 is ongoing.
    assert again["before"]["summary"]["counts"]["ongoing"] == 1


@pytest.mark.django_db
def test_report_of_the_mosseregionen_seed_matches_the_seed():
    plan = load_plan(read_demo_plan("mosseregionen.json"), slug="mosseregionen")
    report = build_report(plan, D("2017-06-01"))
    assert report["summary"]["counts"] == {
        "done": 11,
        "ongoing": 14,
        "not_started": 1,
        "unclear": 23,
        "discontinued": 1,
    }
    assert report["summary"]["shares"] == {
        "done": 22,
        "ongoing": 28,
        "not_started": 2,
        "unclear": 46,
        "discontinued": 2,
    }


def test_responsible_written_in_different_case_is_one_row(db):
    plan = make_plan("Store og små bokstaver")
    add_measure(plan, "A", number="1", responsible=["Politiet"])
    add_measure(plan, "B", number="2", responsible=["politiet", "Skolen"])
    report = build_report(plan, D("2020-01-01"))
    assert [(r["name"], r["summary"]["total"]) for r in report["responsible"]] == [
        ("Politiet", 2),
        ("Skolen", 1),
    ]
    assert report["choices"]["responsible"] == ["Politiet", "Skolen"]
    assert (
        len(build_report(plan, D("2020-01-01"), Filters(responsible="POLITIET"))["measures"]) == 2
    )


def test_a_change_in_one_municipality_is_a_change(plan):
    scoped = plan.measures.get(number="3")
    add_update(scoped, "2020-01-15", State.NOT_STARTED, scope="Rygge")
    add_update(scoped, "2020-03-01", State.ONGOING, scope="Rygge")
    # Moss done and Rygge not started, then ongoing: the measure is "ongoing" both times.
    comparison = compare_reports(
        build_report(plan, D("2020-02-01")), build_report(plan, D("2020-06-01"))
    )
    assert [(r["number"], r["previous_state"], r["state"]) for r in comparison["changed"]] == [
        ("3", "ongoing", "ongoing")
    ]
