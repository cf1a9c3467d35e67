"""State periods kept on write give the same state as the updates, for any date."""

import contextlib
import datetime
import random

import pytest

from conftest import add_measure, add_update, make_plan
from followup.models import State, StatePeriod, StatusUpdate, status_writes_in_bulk
from followup.status import status_as_of


def state_from_periods(measure, as_of):
    period = (
        StatePeriod.objects.filter(measure=measure, valid_from__lte=as_of)
        .order_by("-valid_from")
        .first()
    )
    if period is None or (period.valid_to is not None and period.valid_to <= as_of):
        return State.UNCLEAR
    return period.state


@pytest.mark.parametrize("in_bulk", [False, True], ids=["one by one", "in bulk"])
def test_periods_agree_with_the_updates_on_every_date(db, in_bulk):
    plan = make_plan("Periodeplan")
    measures = [add_measure(plan, f"Tiltak {i}") for i in range(4)]
    rng = random.Random(7)
    start = datetime.date(2020, 1, 1)
    with status_writes_in_bulk() if in_bulk else contextlib.nullcontext():
        for _ in range(30):  # same-date corrections, dates out of order, and future dates
            add_update(
                rng.choice(measures),
                start + datetime.timedelta(days=rng.randrange(0, 40) * 30),
                rng.choice(list(State)),
            )
    StatusUpdate.objects.bulk_create(
        [
            StatusUpdate(measure=measures[0], as_of=start, state=State.DISCONTINUED),
            StatusUpdate(measure=measures[3], as_of=start, state=State.DONE),
        ]
    )
    for offset in range(-30, 40 * 30 + 60, 15):
        day = start + datetime.timedelta(days=offset)
        statuses = status_as_of(plan, day, measures)
        for measure in measures:
            assert state_from_periods(measure, day) == statuses[measure.pk].state, (measure, day)


def test_consecutive_equal_states_make_one_period(db):
    measure = add_measure(make_plan("Plan"), "Tiltak")
    for month in (1, 2, 3):
        add_update(measure, datetime.date(2021, month, 1), State.ONGOING)
    add_update(measure, datetime.date(2021, 4, 1), State.DONE)
    periods = list(StatePeriod.objects.filter(measure=measure).order_by("valid_from"))
    assert [(p.state, p.valid_from.month, p.valid_to and p.valid_to.month) for p in periods] == [
        (State.ONGOING, 1, 4),
        (State.DONE, 4, None),
    ]


def test_updates_in_bulk_rebuild_periods_and_bump_the_plan_once_at_the_end(db):
    plan = make_plan("Plan")
    first, second = add_measure(plan, "Ett"), add_measure(plan, "To")
    version = type(plan).objects.get(pk=plan.pk).version
    with status_writes_in_bulk():
        add_update(first, datetime.date(2021, 1, 1), State.ONGOING)
        with status_writes_in_bulk():  # a nested use waits for the outermost
            # Written by the measure's id alone: its plan is looked up at the end.
            StatusUpdate.objects.create(
                measure_id=second.pk, as_of=datetime.date(2021, 2, 1), state=State.DONE
            )
            # Rows written in bulk wait too.
            StatusUpdate.objects.bulk_create(
                [StatusUpdate(measure=second, as_of=datetime.date(2021, 4, 1), state=State.ONGOING)]
            )
        add_update(first, datetime.date(2021, 3, 1), State.DONE)
        assert not StatePeriod.objects.filter(plan=plan).exists()
        assert type(plan).objects.get(pk=plan.pk).version == version
    assert type(plan).objects.get(pk=plan.pk).version == version + 1
    assert state_from_periods(first, datetime.date(2021, 2, 1)) == State.ONGOING
    assert state_from_periods(first, datetime.date(2021, 3, 1)) == State.DONE
    assert state_from_periods(second, datetime.date(2021, 2, 1)) == State.DONE
    assert state_from_periods(second, datetime.date(2021, 4, 1)) == State.ONGOING
