"""Counts and shares: shares add up to exactly 100 and come with their counts."""

import datetime
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from conftest import add_measure, add_update, make_plan
from followup.models import State
from reports.summary import shares_from_counts, summarise

STATES = [s.value for s in State]


@pytest.mark.parametrize(
    "counts",
    [
        [1, 1, 1, 0, 0],
        [12, 13, 2, 22, 1],
        [1, 0, 0, 0, 0],
        [2, 2, 2, 1, 0],
        [7, 7, 7, 7, 7],
        [1, 1, 1, 1, 1 + 1],
        [33, 33, 1, 0, 0],
    ],
)
def test_shares_add_up_to_exactly_100(counts):
    shares = shares_from_counts(dict(zip(STATES, counts, strict=True)))
    assert sum(shares.values()) == 100
    total = sum(counts)
    for state, count in zip(STATES, counts, strict=True):
        # Each share is its exact percentage rounded down or up, never further off.
        assert abs(shares[state] - count * 100 / total) < 1


def test_no_measures_gives_zero_shares():
    assert shares_from_counts(dict.fromkeys(STATES, 0)) == dict.fromkeys(STATES, 0)


@pytest.fixture
def plan(db):
    plan = make_plan("Rapportplan")
    done = add_measure(plan, "A", number="1")
    add_update(done, "2017-01-01", State.DONE)
    ongoing = add_measure(plan, "B", number="2")
    add_update(ongoing, "2017-01-01", State.ONGOING)
    add_measure(plan, "C", number="3")  # no update: unclear
    scoped = add_measure(plan, "D", number="4", scopes=["Moss", "Rygge"])
    add_update(scoped, "2017-01-01", State.DONE, scope="Moss")
    return plan


def test_summary_counts_scopes_one_each(plan):
    summary = summarise(plan, datetime.date(2017, 6, 1))
    assert summary.total == 5
    assert summary.counts == {
        "done": 2,
        "ongoing": 1,
        "not_started": 0,
        "unclear": 2,
        "discontinued": 0,
    }
    assert summary.shares == {
        "done": 40,
        "ongoing": 20,
        "not_started": 0,
        "unclear": 40,
        "discontinued": 0,
    }


def test_report_command_prints_the_summary_as_json(plan, capsys):
    call_command("report", plan=plan.slug, as_of="2016-12-31", format="json")
    printed = json.loads(capsys.readouterr().out)
    # The summary's four keys lead the report; the whole report follows them.
    assert {key: printed[key] for key in ("as_of", "total", "counts", "shares")} == {
        "as_of": "2016-12-31",
        "total": 5,
        "counts": {"done": 0, "ongoing": 0, "not_started": 0, "unclear": 5, "discontinued": 0},
        "shares": {"done": 0, "ongoing": 0, "not_started": 0, "unclear": 100, "discontinued": 0},
    }


@pytest.mark.parametrize(
    "options, message",
    [
        ({"plan": "no-such-plan"}, "There is no plan"),
        ({"as_of": "2017-13-01"}, "is not a date"),
        ({"as_of": "9999-12-31"}, "between 1900 and 2200"),
        ({"compare": "0001-01-01"}, "1900.*2200"),  # in the plan's language
    ],
)
def test_report_command_explains_bad_input(plan, options, message):
    options = {"plan": plan.slug, **options}
    with pytest.raises(CommandError, match=message):
        call_command("report", **options)
