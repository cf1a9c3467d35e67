"""`make bench`: the speed of the pages people open most, on a generated country.

Run: .venv/bin/python benchmarks/bench.py [--scale county|national] [--data-dir DIR]
     [--runs 20] [--seconds 10] [--load-runs 3] [--workers 5]

1. Builds (or reuses, with --data-dir of an earlier run) a SQLite database holding the
   generated country (`samordna demo --scale …`) and one 1,000-measure plan.
2. Times each page in-process, rendered afresh (the cache emptied before every run) and
   from the cache: median and p99 over --runs, beside the time the database takes for the
   same SQL (every query the page ran, run again on its own).
3. Starts gunicorn as `make serve` does (production settings and configuration, --workers
   sync workers, default 2 × cores + 1) and loads the plan page,
   measure page, CSV and overview with 8 concurrent connections: requests per second.

The national scale takes many minutes to build; --scale county (the default) builds in
seconds and shows the same shape. See docs/performance.md.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def percentile(values, fraction):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * fraction))]


def sql_time(queries):
    """Seconds the database takes for these SELECTs when run again on their own."""
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for query in queries:
            if query["sql"].lstrip().upper().startswith("SELECT"):
                cursor.execute(query["sql"])
                cursor.fetchall()
    return time.perf_counter() - start


def time_page(client, url, runs, cold):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times, sql, count = [], [], 0
    client.get(url)
    for _ in range(runs):
        if cold:
            cache.clear()
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        sql.append(sql_time(queries.captured_queries))
        count = len(queries)
    return times, sql, count


def build(scale, data_dir):
    from django.core.management import call_command

    from benchmarks.report_speed import make_plan
    from demo.country import generate_country
    from plans.models import Plan

    call_command("migrate", verbosity=0)
    if not Plan.objects.filter(slug="gen-1").exists():
        start = time.perf_counter()
        counts = generate_country(scale, log=lambda text: print("  " + text, flush=True))
        print(
            f"Built the {scale} country in {time.perf_counter() - start:.0f} s: "
            + ", ".join(f"{n} {what}" for what, n in counts.items()),
            flush=True,
        )
    if not Plan.objects.filter(slug="benchmark").exists():
        make_plan(1000, 10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["county", "national"], default="county")
    parser.add_argument("--data-dir", help="reuse (or keep) the database in this folder")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--load-runs", type=int, default=3, help="load runs per page (median)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=18766)
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn load test")
    args = parser.parse_args()

    data_dir = Path(args.data_dir or tempfile.mkdtemp(prefix="samordna-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    from benchmarks.serve_speed import production_env

    # The settings the site is served with (debug off, its cache), in-process as under load.
    os.environ.update(production_env(data_dir))
    import django

    django.setup()
    import logging

    # The request log's line per request would bury the tables (gunicorn below keeps it).
    logging.getLogger("samordna.request").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.test import Client

    from followup.models import StatusUpdate
    from interchange.export import export_plan
    from interchange.load import load_plan
    from plans.models import Measure, Plan

    build(args.scale, data_dir)
    call_command("createcachetable", verbosity=0)  # for SAMORDNA_CACHE=database
    call_command("collectstatic", interactive=False, verbosity=0)  # as `make serve` does
    plan60 = Plan.objects.get(slug="gen-1")
    plan1000 = Plan.objects.get(slug="benchmark")
    measure = Measure.objects.filter(plan=plan60).order_by("position").first()
    as_of = "2024-06-01"
    pages = {
        "plan page, 60 measures": f"/plans/{plan60.slug}/",
        "plan page, 1,000 measures": f"/plans/{plan1000.slug}/",
        "measure page": f"/plans/{plan60.slug}/measures/{measure.pk}/",
        "CSV report, 60 measures": f"/plans/{plan60.slug}/report.csv",
        "overview, all plans": f"/overview/?as_of={as_of}",
        "PDF report, 60 measures": f"/plans/{plan60.slug}/report.pdf",
    }
    print(
        f"Database: {Plan.objects.count()} plans, {Measure.objects.count()} measures, "
        f"{StatusUpdate.objects.count()} status updates (SQLite, {data_dir})"
    )
    print(f"In-process, {args.runs} runs each, milliseconds:")
    print(
        f"{'page':<28}{'fresh med':>10}{'p99':>8}{'SQL':>8}{'cached med':>11}{'p99':>8}"
        f"{'SQL':>8}{'queries':>9}"
    )
    client = Client(HTTP_HOST="127.0.0.1")
    for label, url in pages.items():
        runs = max(3, args.runs // 5) if "PDF" in label else args.runs
        fresh, fresh_sql, count = time_page(client, url, runs, cold=True)
        warm, warm_sql, _ = time_page(client, url, runs, cold=False)
        print(
            f"{label:<28}{statistics.median(fresh) * 1000:>10.1f}"
            f"{percentile(fresh, 0.99) * 1000:>8.1f}{statistics.median(fresh_sql) * 1000:>8.1f}"
            f"{statistics.median(warm) * 1000:>11.1f}{percentile(warm, 0.99) * 1000:>8.1f}"
            f"{statistics.median(warm_sql) * 1000:>8.1f}{count:>9}",
            flush=True,
        )
    document = export_plan(plan60)
    times = []
    for run in range(max(3, args.runs // 5)):
        document["title"] = f"Importert plan {run}"
        start = time.perf_counter()
        load_plan(json.loads(json.dumps(document)), slug=f"bench-import-{time.time_ns()}")
        times.append(time.perf_counter() - start)
    print(
        f"{'import, 60 measures (JSON)':<28}{statistics.median(times) * 1000:>10.1f}"
        f"{percentile(times, 0.99) * 1000:>8.1f}{'–':>8}"
    )
    if args.no_load:
        return
    from benchmarks.serve_speed import serve_and_load

    print(
        f"gunicorn, {args.workers} sync workers, 8 connections, {args.seconds:g} s per page, "
        f"median of {args.load_runs} runs:"
    )
    # Every page but the PDF, which is timed in-process above.
    loaded = {label: url for label, url in pages.items() if "PDF" not in label}
    serve_and_load(data_dir, args.port, args.workers, loaded, args.seconds, args.load_runs)


if __name__ == "__main__":
    main()
