"""Concurrency proof: many coordinators writing status, reviewing and closing at once.

Run against PostgreSQL (a throwaway cluster):
    PGTEST_PORT=54332 bash scripts/with-postgres.sh .venv/bin/python benchmarks/concurrency.py
Options: [--writers 50] [--reviewers 20] [--closers 5] [--measures 10] [--answers 5]

Threads, each with its own database connection and Django test client, start together on
a barrier and post through the real views: status writers on a few measures (so they
collide), reviewers several to each submitted answer, closers all on one round. Prints
what was accepted, what was answered "already done", the HTTP codes, and checks that every
accepted status write is stored, each answer has exactly one review, the round froze
exactly one report, and no request answered 500. Exits 1 if anything was lost.
"""

import argparse
import collections
import datetime
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--closers", type=int, default=5)
    parser.add_argument("--measures", type=int, default=10)
    parser.add_argument("--answers", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("SAMORDNA_DATA_DIR", tempfile.mkdtemp(prefix="samordna-conc-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; SQLite takes one writer at a time", file=sys.stderr)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    world = make_world(args)
    print(
        f"{connection.vendor}: {args.writers} status writers on {args.measures} measures, "
        f"{args.reviewers} reviewers on {args.answers} answers, {args.closers} closers"
    )
    results = race(world, args)
    return report(world, results, args)


def make_world(args):
    from django.contrib.auth import get_user_model

    from accounts.models import Membership, Role
    from followup import rounds
    from followup.models import RequestedMeasure, StatusRound
    from plans.models import Contact, Measure, Organisation, Plan, PlanOwner, Responsibility

    stamp = str(int(time.time()))
    moss = Organisation.objects.create(name=f"Moss kommune {stamp}", kind="municipality")
    plan = Plan.objects.create(title=f"Samtidighet {stamp}", slug=f"samtidighet-{stamp}")
    PlanOwner.objects.create(plan=plan, organisation=moss, position=0)
    users = []
    for i in range(args.writers + args.reviewers + args.closers):
        user = get_user_model().objects.create_user(f"koordinator-{stamp}-{i}", password="x")
        Membership.objects.create(user=user, organisation=moss, role=Role.COORDINATOR)
        users.append(user)
    measures = []
    for i in range(max(args.measures, args.answers)):
        measure = Measure.objects.create(plan=plan, title=f"Tiltak {i + 1}", position=i + 1)
        contact = Contact.objects.create(
            name=f"Kontakt {i + 1}", email=f"k{i}@example.org", organisation=moss
        )
        Responsibility.objects.create(
            measure=measure, position=0, name=contact.name, contact=contact
        )
        measures.append(measure)
    today = datetime.date.today()
    status_round = StatusRound.objects.create(
        plan=plan, as_of=today, deadline=today + datetime.timedelta(days=7)
    )
    rounds.propose_requests(status_round)
    rounds.open_round(status_round)
    answers = []
    for item in RequestedMeasure.objects.filter(request__round=status_round)[: args.answers]:
        answers += rounds.save_answers(item.request, {item: ("done", "Gjort", "")}, submit=True)
    return {
        "plan": plan,
        "users": users,
        "measures": measures,
        "round": status_round,
        "answers": answers,
    }


def race(world, args):
    from django.db import connections
    from django.test import Client
    from django.urls import reverse

    plan, users = world["plan"], world["users"]
    jobs = []
    for i in range(args.writers):
        measure = world["measures"][i % args.measures]
        url = reverse("plans:status_create", args=[plan.slug, measure.pk])
        data = {
            "as_of": datetime.date.today().isoformat(),
            "state": "ongoing",
            "done": f"skriver-{i}",
            "remaining": "",
            "seen": "0",
        }
        jobs.append(("write", users[i], url, data))
    for i in range(args.reviewers):
        answer = world["answers"][i % len(world["answers"])]
        url = reverse("followup:review", args=[plan.slug, world["round"].pk, answer.pk])
        jobs.append(("review", users[args.writers + i], url, {"decision": "accept"}))
    for i in range(args.closers):
        url = reverse("followup:close", args=[plan.slug, world["round"].pk])
        jobs.append(("close", users[args.writers + args.reviewers + i], url, {}))

    barrier = threading.Barrier(len(jobs))
    results = []
    lock = threading.Lock()

    def run(kind, user, url, data):
        client = Client(HTTP_HOST="127.0.0.1", raise_request_exception=False)
        client.force_login(user)
        try:
            barrier.wait()
            started = time.monotonic()
            response = client.post(url, data, follow=True)
            page = response.content.decode()
            # "Only an open round…": a closer that came after the round was closed.
            said = "already" in page or "Only an open round" in page
            outcome = (kind, response.status_code, said, time.monotonic() - started)
        except Exception as error:  # a failure of the harness itself, counted as a 500
            outcome = (kind, 500, False, 0.0)
            print(f"{kind}: {type(error).__name__}: {error}", file=sys.stderr)
        finally:
            connections.close_all()
        with lock:
            results.append((outcome, data))

    threads = [threading.Thread(target=run, args=job) for job in jobs]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    world["seconds"] = time.monotonic() - started
    return results


def report(world, results, args):
    from followup.models import Review, StatusUpdate
    from reports.models import Report

    codes = collections.Counter((outcome[0], outcome[1]) for outcome, _ in results)
    accepted = [
        data["done"] for (kind, code, _, _), data in results if kind == "write" and code == 200
    ]
    stored = set(
        StatusUpdate.objects.filter(
            measure__plan=world["plan"], done__startswith="skriver-"
        ).values_list("done", flat=True)
    )
    lost = [done for done in accepted if done not in stored]
    reviews = Review.objects.filter(answer__in=world["answers"]).count()
    already = sum(1 for (kind, _, said, _), _ in results if kind == "review" and said)
    reports = Report.objects.filter(plan=world["plan"]).count()
    closed_already = sum(1 for (kind, _, said, _), _ in results if kind == "close" and said)
    errors = sum(count for (kind, code), count in codes.items() if code >= 500)
    slowest = max(outcome[3] for outcome, _ in results)

    print(
        f"requests:            {len(results)} in {world['seconds']:.1f} s (slowest {slowest:.2f} s)"
    )
    print(
        "HTTP codes:          " + ", ".join(f"{k} {c}: {n}" for (k, c), n in sorted(codes.items()))
    )
    print(f"status writes:       {len(accepted)} accepted, {len(stored)} stored, {len(lost)} lost")
    print(
        f"reviews:             {reviews} stored for {len(world['answers'])} answers; "
        f"{already} reviewers told 'already reviewed'"
    )
    print(
        f"closes:              {reports} frozen report(s); {closed_already} told 'already closed'"
    )
    print(f"500 answers:         {errors}")
    ok = (
        not lost
        and len(accepted) == args.writers
        and reviews == len(world["answers"])
        and already == args.reviewers - len(world["answers"])
        and reports == 1
        and errors == 0
    )
    print("result:              " + ("nothing lost, no 500" if ok else "PROBLEM"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
