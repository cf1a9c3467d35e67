"""The as-of computation and the append-only status history."""

import datetime

import pytest

from conftest import add_measure, add_update, make_plan
from followup.models import AppendOnlyError, State, StatusUpdate
from followup.status import overall_state, status_as_of

D = datetime.date.fromisoformat


@pytest.fixture
def plan(db):
    return make_plan()


def state_on(plan, measure, day):
    return status_as_of(plan, D(day), [measure])[measure.pk].state


def test_no_update_is_unclear(plan):
    measure = add_measure(plan, "Veileder")
    status = status_as_of(plan, D("2020-01-01"), [measure])[measure.pk]
    assert status.state == State.UNCLEAR
    assert status.update is None


def test_latest_update_on_or_before_the_date_counts(plan):
    measure = add_measure(plan, "Veileder")
    add_update(measure, "2017-01-01", State.NOT_STARTED)
    add_update(measure, "2017-06-01", State.ONGOING)
    add_update(measure, "2018-01-01", State.DONE)
    assert state_on(plan, measure, "2016-12-31") == State.UNCLEAR
    assert state_on(plan, measure, "2017-01-01") == State.NOT_STARTED
    assert state_on(plan, measure, "2017-05-31") == State.NOT_STARTED
    assert state_on(plan, measure, "2017-06-01") == State.ONGOING
    assert state_on(plan, measure, "2030-01-01") == State.DONE


def test_tie_on_one_date_goes_to_the_update_written_last(plan):
    measure = add_measure(plan, "Veileder")
    add_update(measure, "2017-06-01", State.DONE, done="first")
    correction = add_update(measure, "2017-06-01", State.ONGOING, done="corrected")
    status = status_as_of(plan, D("2017-06-01"), [measure])[measure.pk]
    assert status.state == State.ONGOING
    assert status.update == correction


def test_an_update_written_later_for_an_earlier_date_does_not_override(plan):
    measure = add_measure(plan, "Veileder")
    add_update(measure, "2018-01-01", State.DONE)
    add_update(measure, "2017-01-01", State.NOT_STARTED)  # back-filled history
    assert state_on(plan, measure, "2018-06-01") == State.DONE
    assert state_on(plan, measure, "2017-06-01") == State.NOT_STARTED


def test_discontinued_measure_stays_discontinued_until_a_new_update(plan):
    measure = add_measure(plan, "Barnevernvakten")
    add_update(measure, "2017-01-01", State.ONGOING)
    add_update(measure, "2017-06-01", State.DISCONTINUED)
    assert state_on(plan, measure, "2019-01-01") == State.DISCONTINUED
    add_update(measure, "2019-06-01", State.ONGOING, done="Tatt opp igjen")
    assert state_on(plan, measure, "2019-06-01") == State.ONGOING


def test_measures_of_other_plans_do_not_leak_in(plan):
    measure = add_measure(plan, "Veileder")
    other = add_measure(make_plan("Annen plan"), "Veileder")
    add_update(other, "2017-01-01", State.DONE)
    assert state_on(plan, measure, "2018-01-01") == State.UNCLEAR


def test_scopes_have_their_own_states_and_an_overall_state(plan):
    measure = add_measure(plan, "Samarbeidsrutiner", scopes=["Moss", "Rygge", "Våler"])
    add_update(measure, "2017-06-01", State.DONE, scope="Moss")
    add_update(measure, "2017-06-01", State.NOT_STARTED, scope="Rygge")
    status = status_as_of(plan, D("2017-06-01"), [measure])[measure.pk]
    assert {k: v.state for k, v in status.scopes.items()} == {
        "Moss": State.DONE,
        "Rygge": State.NOT_STARTED,
        "Våler": State.UNCLEAR,
    }
    assert status.state == State.ONGOING


@pytest.mark.parametrize(
    "states, overall",
    [
        ([], State.UNCLEAR),
        ([State.DONE, State.DONE], State.DONE),
        ([State.DONE, State.DISCONTINUED], State.DONE),
        ([State.DONE, State.NOT_STARTED], State.ONGOING),
        ([State.NOT_STARTED, State.UNCLEAR], State.NOT_STARTED),
        ([State.DISCONTINUED, State.DISCONTINUED], State.DISCONTINUED),
        ([State.UNCLEAR, State.UNCLEAR], State.UNCLEAR),
    ],
)
def test_overall_state(states, overall):
    assert overall_state(states) == overall


def test_updates_are_append_only(plan):
    measure = add_measure(plan, "Veileder")
    update = add_update(measure, "2017-01-01", State.ONGOING)
    update.state = State.DONE
    with pytest.raises(AppendOnlyError):
        update.save()
    with pytest.raises(AppendOnlyError):
        update.delete()
    with pytest.raises(AppendOnlyError):
        StatusUpdate.objects.filter(pk=update.pk).update(state=State.DONE)
    with pytest.raises(AppendOnlyError):
        StatusUpdate.objects.all().delete()
    assert StatusUpdate.objects.get().state == State.ONGOING
