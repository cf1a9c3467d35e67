"""`make serve`: refuses to start without production settings; with them, static files are
served compressed under hashed names with a long cache lifetime, and HTTP goes to HTTPS; the
application gunicorn loads before forking opens no database connection."""

import json
import os
import subprocess
import sys
from pathlib import Path

from samordna import gunicorn_conf
from samordna.tests.test_settings import PRODUCTION

ROOT = Path(__file__).resolve().parents[2]

# Collects the static files as `make serve` does and fetches the CSS through Django.
FETCH = """
import json, django
django.setup()
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
# The admin's many files would only make the test slow.
call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
url = static("css/samordna.css")
client = Client(HTTP_HOST="samordna.example.no")
css = client.get(url, HTTP_ACCEPT_ENCODING="gzip", HTTP_X_FORWARDED_PROTO="https")
page = client.get("/healthz", HTTP_X_FORWARDED_PROTO="https")
print(json.dumps({
    "url": url,
    "status": css.status_code,
    "encoding": css.get("Content-Encoding"),
    "cache": css.get("Cache-Control"),
    "page_redirect": client.get("/").get("Location"),
    "hsts": page.get("Strict-Transport-Security"),
}))
"""


def test_serve_refuses_to_start_without_production_settings():
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAMORDNA_")}
    result = subprocess.run(
        ["bash", "scripts/serve.sh"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "needs production settings" in result.stderr
    assert "SAMORDNA_SECRET_KEY" in result.stderr and "make run" in result.stderr


def test_gunicorn_uses_sync_workers_from_the_cpu_count():
    assert gunicorn_conf.worker_class == "sync"
    assert gunicorn_conf.workers == 2 * os.cpu_count() + 1 or "SAMORDNA_WEB_WORKERS" in os.environ
    assert gunicorn_conf.accesslog is None  # the request log, without link tokens, does it


def test_static_files_are_compressed_hashed_and_cached_for_a_year(tmp_path):
    env = {
        **os.environ,
        **PRODUCTION,
        "SAMORDNA_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "samordna.settings",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", FETCH], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert (
        seen["url"].startswith("/static/css/samordna.")
        and seen["url"] != "/static/css/samordna.css"
    )
    assert seen["status"] == 200 and seen["encoding"] == "gzip"
    max_age = int(seen["cache"].split("max-age=")[1].split(",")[0])
    assert max_age >= 365 * 24 * 3600
    assert seen["page_redirect"] == "https://samordna.example.no/"
    assert seen["hsts"] == "max-age=31536000; includeSubDomains"


# What gunicorn's master process loads before it forks the workers (preload_app).
PRELOAD = """
import samordna.wsgi
from django.db import connections
from django.utils.translation import trans_real
print(json.dumps({
    "open": [alias for alias in connections if connections[alias].connection is not None],
    "languages": sorted(trans_real._translations),
}))
"""


def test_the_preloaded_application_opens_no_database_connection(tmp_path):
    # A connection opened before the fork would be one socket shared by every worker.
    assert gunicorn_conf.preload_app
    env = {**os.environ, **PRODUCTION, "SAMORDNA_DATA_DIR": str(tmp_path)}
    env.pop("DJANGO_SETTINGS_MODULE", None)  # samordna.wsgi chooses the settings
    result = subprocess.run(
        [sys.executable, "-c", "import json\n" + PRELOAD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["open"] == []
    assert {"nb", "nn", "sv"} <= set(loaded["languages"])  # shared by the workers too
