"""Benchmark: a status report of a 300-measure plan as HTML, PDF, Word, Excel and CSV.

Run: .venv/bin/python benchmarks/report_speed.py [--measures 300] [--updates 20] [--runs 5]
Uses a throwaway SQLite database; prints the median, min and max of each over the runs.
Targets (issue 5): HTML well under a second, PDF a few seconds, on a 2-core machine.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=300)
    parser.add_argument("--updates", type=int, default=20, help="status updates per measure")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    os.environ["SAMORDNA_DATA_DIR"] = tempfile.mkdtemp(prefix="samordna-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "samordna.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    plan = make_plan(args.measures, args.updates)
    client = Client(HTTP_HOST="127.0.0.1")
    as_of = "2024-06-01"
    print(
        f"Plan: {args.measures} measures in 10 goal areas, {args.updates} updates each "
        f"({args.measures * args.updates} status rows); {args.runs} runs each, after one warm-up"
    )
    print(f"{'what':<22}{'median':>10}{'min':>10}{'max':>10}{'size':>12}")
    for label, url in [
        ("plan page (HTML)", f"/plans/{plan.slug}/?as_of={as_of}"),
        ("report page (HTML)", f"/plans/{plan.slug}/report/?as_of={as_of}&compare=2022-01-01"),
        ("report PDF", f"/plans/{plan.slug}/report.pdf?as_of={as_of}"),
        ("report Word", f"/plans/{plan.slug}/report.docx?as_of={as_of}"),
        ("report Excel", f"/plans/{plan.slug}/report.xlsx?as_of={as_of}"),
        ("report CSV", f"/plans/{plan.slug}/report.csv?as_of={as_of}"),
    ]:
        response = client.get(url)  # warm-up
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            times.append(time.perf_counter() - start)
        print(
            f"{label:<22}{statistics.median(times):>9.3f}s{min(times):>9.3f}s{max(times):>9.3f}s"
            f"{len(response.content) / 1024:>9.0f} KiB  ({len(queries)} queries)"
        )


def make_plan(measures, updates):
    from followup.models import State, StatusUpdate
    from plans.models import Area, Measure, Organisation, Plan, PlanOwner, Responsibility

    owner = Organisation.objects.create(name="Benchmark kommune", kind="municipality")
    plan = Plan.objects.create(slug="benchmark", title="Benchmark-plan", published=True)
    PlanOwner.objects.create(plan=plan, organisation=owner)
    areas = [
        Area.objects.create(plan=plan, number=str(i + 1), title=f"Område {i + 1}", position=i)
        for i in range(10)
    ]
    agencies = ["Politiet", "Barnevernet", "Helsestasjonen", "Krisesenteret", "Skolene", "NAV"]
    states = [State.NOT_STARTED, State.ONGOING, State.DONE, State.UNCLEAR]
    rows = []
    for i in range(measures):
        measure = Measure.objects.create(
            plan=plan,
            area=areas[i % 10],
            number=str(i + 1),
            position=i,
            title=f"Tiltak {i + 1}: tverretatlig samarbeid om forebygging",
            description="Beskrivelse av tiltaket. " * 5,
        )
        Responsibility.objects.create(measure=measure, name=agencies[i % 6])
        Responsibility.objects.create(measure=measure, name=agencies[(i + 2) % 6], position=1)
        for j in range(updates):
            rows.append(
                StatusUpdate(
                    measure=measure,
                    as_of=datetime.date(2021, 1, 1) + datetime.timedelta(days=60 * j),
                    state=states[(i + j) % 4],
                    done="Gjort så langt. " * 3,
                    remaining="Gjenstår noe.",
                )
            )
    StatusUpdate.objects.bulk_create(rows, batch_size=2000)
    return plan


if __name__ == "__main__":
    main()
