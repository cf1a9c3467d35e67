"""Two coordinators at once: one review per answer, one close and one frozen report per round.

The sequential tests replay what a race does (both callers hold the object as it was
before either wrote); the PostgreSQL test runs real threads against row locks.
"""

import threading

import pytest
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from followup import rounds
from followup.models import Answer, Review, RoundState, StatusRound
from followup.tests import test_rounds
from reports.models import Report

# The round fixtures of the round tests, shared rather than copied.
setup = test_rounds.setup
opened = test_rounds.opened


def submitted_answer(opened, client):
    url = reverse("followup:link", args=[opened["links"]["kari@politiet.no"]])
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    client.post(url, {f"state_{item.pk}": "done", f"seen_{item.pk}": "0", "action": "submit"})
    return Answer.objects.get()


def test_second_review_of_the_same_answer_says_who_was_first(opened, client):
    answer = submitted_answer(opened, client)
    stale = Answer.objects.get(pk=answer.pk)
    rounds.review_answer(answer, True, "", opened["coordinator"])
    with pytest.raises(rounds.AlreadyDone, match="already reviewed by coordinator"):
        rounds.review_answer(stale, False, "Nei", opened["admin"])
    assert Review.objects.get().accepted


def test_review_page_answers_a_late_reviewer_with_a_message(opened, client):
    answer = submitted_answer(opened, client)
    url = reverse("followup:review", args=[opened["plan"].slug, opened["round"].pk, answer.pk])
    opened["client"].post(url, {"decision": "accept"})
    response = opened["client"].post(url, {"decision": "accept"}, follow=True)
    assert response.status_code == 200
    assert "already reviewed by coordinator" in response.content.decode()
    assert Review.objects.count() == 1


def test_second_close_freezes_no_second_report(opened):
    stale = StatusRound.objects.get(pk=opened["round"].pk)
    rounds.close_round(opened["round"], opened["coordinator"])
    with pytest.raises(rounds.AlreadyDone, match="already closed by coordinator"):
        rounds.close_round(stale, opened["admin"])
    assert Report.objects.count() == 1
    assert StatusRound.objects.get().state == RoundState.CLOSED


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite has one writer"
)
@pytest.mark.django_db(transaction=True)
def test_racing_reviews_and_closes_on_postgresql(opened, client):
    answer = submitted_answer(opened, client)
    barrier = threading.Barrier(4)
    outcomes = []

    def race(action):
        try:
            barrier.wait()
            action()
            outcomes.append("done")
        except rounds.AlreadyDone:
            outcomes.append("already")
        finally:
            connections.close_all()

    reviewers = [
        lambda: rounds.review_answer(Answer.objects.get(pk=answer.pk), True, "", opened["admin"])
        for _ in range(4)
    ]
    threads = [threading.Thread(target=race, args=(r,)) for r in reviewers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already"] * 3 + ["done"]
    assert Review.objects.count() == 1

    outcomes.clear()
    barrier.reset()
    round_pk = opened["round"].pk
    closers = [
        lambda: rounds.close_round(StatusRound.objects.get(pk=round_pk), opened["admin"])
        for _ in range(4)
    ]
    threads = [threading.Thread(target=race, args=(c,)) for c in closers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already"] * 3 + ["done"]
    assert Report.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_racing_status_writers_lose_nothing_on_postgresql(world):
    """A reduced benchmarks/concurrency.py: writers at once on one measure, all stored."""
    measure = world["police_measure"]
    url = reverse("plans:status_create", args=[world["plan"].slug, measure.pk])
    writers = 8
    barrier = threading.Barrier(writers)
    codes = []

    def write(i):
        client = Client(raise_request_exception=False)
        client.force_login(world["coordinator"])
        try:
            barrier.wait()
            data = {"as_of": "2024-01-01", "state": "ongoing", "done": f"skriver-{i}", "seen": "0"}
            codes.append(client.post(url, data).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302] * writers
    stored = set(measure.status_updates.values_list("done", flat=True))
    assert stored == {f"skriver-{i}" for i in range(writers)}
