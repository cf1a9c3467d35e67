"""Benchmark: requests per second of the hot pages under gunicorn with 8 concurrent connections.

Run: .venv/bin/python benchmarks/serve_speed.py [--measures 60] [--updates 40] [--seconds 10]
     [--runs 3] [--workers 5] [--only plan,measure,csv]

Builds a throwaway SQLite database with one published plan (measures in 10 goal areas,
`--updates` status updates each), starts gunicorn with the production settings and the
production server's configuration (`samordna/gunicorn_conf.py`; `--workers` sync workers,
default 2 × cores + 1 as there), and loads each page with 8 connections from two load
processes (four threads each, so the load generator itself is not held back by one Python
interpreter), `--runs` times: prints the median run's requests per second (and the range
over the runs), median and p99 latency, the server's CPU time per request and the status
codes seen. Visitors are anonymous, the way the public reads a
published plan.
"""

import argparse
import http.client
import multiprocessing
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CONNECTIONS = 8
PROCESSES = 2


def _load_worker(port, path, seconds, threads, queue):
    """One load process: `threads` threads each requesting `path` back to back."""
    latencies, codes, lock = [], {}, threading.Lock()
    deadline = time.perf_counter() + seconds

    def run():
        mine, mycodes = [], {}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
                code = response.status
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                code = "error"
            mine.append(time.perf_counter() - start)
            mycodes[code] = mycodes.get(code, 0) + 1
        with lock:
            latencies.extend(mine)
            for key, value in mycodes.items():
                codes[key] = codes.get(key, 0) + value

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put((latencies, codes))


def server_cpu_seconds(group):
    """CPU seconds (user + system) used so far by the processes of a process group (Linux)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # the process group
            total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def load(port, path, seconds, server_group=None):
    """Requests/s, median and p99 (ms), status codes, and the server's CPU ms per request.

    On a machine shared with other work the requests per second fall with the share of the
    processors the server gets; the server's CPU time per request does not, so
    `cores / CPU time per request` is what the machine would serve if it were free.
    """
    cpu_before = server_cpu_seconds(server_group) if server_group else 0
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(
            target=_load_worker,
            args=(port, path, seconds, CONNECTIONS // PROCESSES, queue),
        )
        for _ in range(PROCESSES)
    ]
    for process in processes:
        process.start()
    latencies, codes = [], {}
    for _ in processes:
        part, part_codes = queue.get()
        latencies.extend(part)
        for key, value in part_codes.items():
            codes[key] = codes.get(key, 0) + value
    for process in processes:
        process.join()
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    cpu = (server_cpu_seconds(server_group) - cpu_before) if server_group else 0
    cpu_ms = cpu * 1000 / len(latencies)
    rate = len(latencies) / seconds
    return rate, statistics.median(latencies) * 1000, p99 * 1000, codes, cpu_ms


def load_runs(port, path, seconds, server_group, runs):
    """`load` run `runs` times: the median run (by requests per second) and the range.

    A shared or virtual machine's speed drifts from minute to minute; one run can be
    lucky or slow, the median of several is what to quote, and the range shows the drift.
    """
    results = sorted(
        (load(port, path, seconds, server_group) for _ in range(runs)), key=lambda r: r[0]
    )
    return results[len(results) // 2], (results[0][0], results[-1][0])


HEADER = "{:<28}     req/s   (min–max)  median ms  p99 ms  CPU ms/req  req/s if free  codes"


def row(name, figures, spread=None):
    """A printed line of `load`'s figures; "if free": all cores / server CPU per request."""
    rate, median, p99, codes, cpu_ms = figures
    free = (os.cpu_count() or 1) * 1000 / cpu_ms if cpu_ms else 0
    low, high = spread or (rate, rate)
    return (
        f"{name:<28}{rate:>10.1f}{f'({low:.0f}–{high:.0f})':>12}{median:>11.1f}{p99:>8.1f}"
        f"{cpu_ms:>12.2f}{free:>15.0f}  {codes}"
    )


def production_env(data_dir):
    """Production settings, as behind the TLS proxy (which has already answered HTTPS)."""
    return {
        "SAMORDNA_DATA_DIR": str(data_dir),
        "SAMORDNA_DEBUG": "false",
        "SAMORDNA_SECRET_KEY": "benchmark-only-secret-key-" + "x" * 40,
        "DJANGO_SETTINGS_MODULE": "samordna.settings",
        "SAMORDNA_SSL_REDIRECT": "false",
        "SAMORDNA_HSTS_SECONDS": "0",
        # The request log (one line per request) stays on, as in production.
        "SAMORDNA_LOG_LEVEL": os.environ.get("SAMORDNA_LOG_LEVEL", "INFO"),
    }


def start_server(data_dir, port, workers):
    env = {**os.environ, **production_env(data_dir)}
    env["SAMORDNA_BIND"] = f"127.0.0.1:{port}"
    env["SAMORDNA_WEB_WORKERS"] = str(workers)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        # The production server's own configuration, as `make serve` runs it.
        [str(gunicorn), "-c", "python:samordna.gunicorn_conf"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        # The server's log (one line per request) goes to a file beside the database.
        stdout=open(Path(data_dir) / "server.log", "ab"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    for _ in range(200):
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; is port {port} taken? Give another --port.")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/", headers={"Host": "127.0.0.1"})
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def serve_and_load(data_dir, port, workers, pages, seconds, runs):
    """Start gunicorn on `data_dir` and print a `row` for each of `pages` ({label: path})."""
    from django.db import connections

    connections.close_all()  # the forked workers open their own
    server = start_server(data_dir, port, workers)
    try:
        print(HEADER.format("page"))
        for label, path in pages.items():
            load(port, path, 1)  # warm-up: every worker has the page once
            figures, spread = load_runs(port, path, seconds, server.pid, runs)
            print(row(label, figures, spread), flush=True)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--measures", type=int, default=60)
    parser.add_argument("--updates", type=int, default=40, help="status updates per measure")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--runs", type=int, default=3, help="load runs per page (median)")
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--only", default="plan,measure,csv")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="samordna-serve-"))
    # The database, cache table and static files are made with the server's own settings.
    os.environ.update(production_env(data_dir))
    import django

    django.setup()
    from django.core.management import call_command

    from benchmarks.report_speed import make_plan

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # for SAMORDNA_CACHE=database
    call_command("collectstatic", interactive=False, verbosity=0)  # as `make serve` does
    plan = make_plan(args.measures, args.updates)
    measure = plan.measures.order_by("position").first()
    pages = {
        "plan": f"/plans/{plan.slug}/",
        "measure": f"/plans/{plan.slug}/measures/{measure.pk}/",
        "csv": f"/plans/{plan.slug}/report.csv",
    }
    print(
        f"{args.measures} measures, {args.updates} updates each; gunicorn {args.workers} "
        f"sync workers; {CONNECTIONS} connections for {args.seconds:g} s per page, "
        f"median of {args.runs} runs"
    )
    serve_and_load(
        data_dir,
        args.port,
        args.workers,
        {name: pages[name] for name in args.only.split(",")},
        args.seconds,
        args.runs,
    )


if __name__ == "__main__":
    main()
