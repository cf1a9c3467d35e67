"""Two gunicorn servers and a worker on one PostgreSQL behave as one site.

A coordinator logs in on server A and sends a status round there; the worker sends the
e-mail; the contact answers through the link on server B; the coordinator sees the answer
on A, and B knows the coordinator's session. Each server keeps cached pages in its own
memory (the default), and a change shows on both at once. PostgreSQL runs only (skipped on SQLite).
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason="several servers share one PostgreSQL",
)

SEED = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("createcachetable", verbosity=0)
from accounts.models import Membership, Role
from django.contrib.auth.models import User
from plans.models import Contact, Measure, Organisation, Plan, PlanOwner, Responsibility
moss = Organisation.objects.create(name="Moss kommune", kind="municipality")
police = Organisation.objects.create(name="Politiet i Øst", kind="police")
user = User.objects.create_user("koordinator", password="several-servers-1")
Membership.objects.create(user=user, organisation=moss, role=Role.COORDINATOR)
plan = Plan.objects.create(title="Handlingsplan Moss", slug="moss")
PlanOwner.objects.create(plan=plan, organisation=moss, position=0)
measure = Measure.objects.create(plan=plan, title="Informasjonsmateriell", number="9", position=1)
Responsibility.objects.create(measure=measure, position=0, name=police.name, organisation=police)
# The police take part in Moss's plan (set up as from the command line: accepted at once).
from plans import invitations
from plans.models import InvitationKind
invitations.invite(plan, police, InvitationKind.PARTICIPANT, None)
Contact.objects.create(
    name="Kari Politi", email="kari@politiet.no", organisation=police, language="en"
)
"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Browser:
    """A cookie-keeping client that can post forms with their CSRF token."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url):
        with self.opener.open(url, timeout=20) as response:
            return response.geturl(), response.read().decode()

    def post(self, url, data):
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, body, headers={"Referer": url})
        with self.opener.open(request, timeout=20) as response:
            return response.geturl(), response.read().decode()


@pytest.fixture
def site(tmp_path):
    """A new database, two servers on it and a worker; all stopped afterwards."""
    params = settings.DATABASES["default"]
    base = f"postgresql://{params['USER']}@{params['HOST']}:{params['PORT']}/"
    name = f"servers_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(base + "postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": base + name,
        "DJANGO_SETTINGS_MODULE": "samordna.settings",
        "SAMORDNA_DATA_DIR": str(tmp_path),
        "SAMORDNA_SECRET_KEY": "shared-by-both-servers-" + uuid.uuid4().hex,
        "SAMORDNA_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "SAMORDNA_EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "SAMORDNA_TASKS": "database",
        "SAMORDNA_WEB_WORKERS": "1",
    }
    processes = []
    try:
        subprocess.run([sys.executable, "-c", SEED], cwd=ROOT, env=env, check=True, timeout=120)
        ports = [free_port(), free_port()]
        for port in ports:
            processes.append(
                subprocess.Popen(
                    [BIN / "gunicorn", "-c", "python:samordna.gunicorn_conf"],
                    cwd=ROOT,
                    env={**env, "SAMORDNA_BIND": f"127.0.0.1:{port}"},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        processes.append(
            subprocess.Popen(
                [BIN / "samordna", "worker", "--no-reload", "--interval", "0.2"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        urls = [f"http://127.0.0.1:{port}" for port in ports]
        for url in urls:
            wait_for(lambda url=url: urllib.request.urlopen(url + "/healthz", timeout=2))
        yield {"a": urls[0], "b": urls[1], "mail": tmp_path / "mail", "env": env}
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        with psycopg.connect(base + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def wait_for(attempt, seconds=30):
    deadline = time.monotonic() + seconds
    while True:
        try:
            result = attempt()
            if result:
                return result
        except (OSError, urllib.error.URLError):
            pass
        if time.monotonic() > deadline:
            raise AssertionError("gave up waiting")
        time.sleep(0.2)


def test_a_status_round_across_two_servers_and_a_worker(site):
    a, b = site["a"], site["b"]
    coordinator = Browser()
    coordinator.get(a + "/accounts/login/")
    url, page = coordinator.post(
        a + "/accounts/login/", {"username": "koordinator", "password": "several-servers-1"}
    )
    assert "/accounts/login/" not in url, "login failed"
    # The session made on A is known on B: it lives in the database.
    url, _page = coordinator.get(b + "/plans/moss/rounds/")
    assert url == b + "/plans/moss/rounds/"
    today = time.strftime("%Y-%m-%d")
    url, page = coordinator.post(
        a + "/plans/moss/rounds/",
        {"as_of": today, "deadline": "2099-12-31", "remind_days_before": "3", "message": "Hei!"},
    )
    round_url = url
    assert re.search(r"/plans/moss/rounds/\d+/$", round_url)
    _url, page = coordinator.post(round_url + "send/", {})
    assert "queued and sent in the background" in page
    # The worker sends the e-mail: a file appears with the personal link.
    written = wait_for(lambda: list(site["mail"].glob("*.log")))
    token = re.search(r"/r/([^/\s]+)/", written[0].read_text()).group(1)
    contact = Browser()
    _url, page = contact.get(f"{b}/r/{token}/")
    item = re.search(r'name="state_(\d+)"', page).group(1)
    _url, page = contact.post(
        f"{b}/r/{token}/",
        {
            f"state_{item}": "done",
            f"seen_{item}": "0",
            "done_" + item: "Brosjyre",
            "action": "submit",
        },
    )
    assert "Your answers were submitted" in page
    # A shows what B took in, and the mail as sent by the worker.
    _url, page = coordinator.get(round_url.replace(b, a))
    assert "1 of 1 answered" in page and "<td>Sent" in page


RENAME = """
import django
django.setup()
from plans.models import Measure
Measure.objects.filter(plan__slug="moss").update(title="Ny brosjyre til alle skoler")
"""


def test_a_change_shows_at_once_on_both_servers_with_their_own_caches(site):
    coordinator = Browser()
    coordinator.get(site["a"] + "/accounts/login/")
    coordinator.post(
        site["a"] + "/accounts/login/",
        {"username": "koordinator", "password": "several-servers-1"},
    )
    for server in (site["a"], site["b"]):
        for _ in range(2):  # the second answer comes from the server's cache
            _url, page = coordinator.get(server + "/plans/moss/")
            assert "Informasjonsmateriell" in page
    # Changed behind both servers' backs, as a third server or the command line would.
    subprocess.run([sys.executable, "-c", RENAME], cwd=ROOT, env=site["env"], check=True)
    for server in (site["a"], site["b"]):
        _url, page = coordinator.get(server + "/plans/moss/")
        assert "Ny brosjyre til alle skoler" in page
        assert "Informasjonsmateriell" not in page
