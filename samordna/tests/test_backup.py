"""Backup and restore: every plan exports byte-identical after a move, SQLite and
PostgreSQL in both directions; a database that holds data is refused."""

import io
import json
import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from conftest import make_plan
from followup.models import StatusRound
from followup.tests.test_rounds import opened, setup  # noqa: F401  (fixtures)
from interchange.export import export_json
from plans.models import Plan
from samordna import backup

ROOT = Path(__file__).resolve().parents[2]

# Exports every plan of the database the environment names, as {slug: export}.
EXPORT_ALL = """
import json, django
django.setup()
from interchange.export import export_json
from plans.models import Plan
print(json.dumps({p.slug: export_json(p) for p in Plan.objects.order_by("slug")}))
"""


def run(database_url, *args):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "samordna.settings",
    }
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def samordna(*args, database_url):
    result = run(database_url, "-m", "samordna.cli", *args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def exports_in(database_url):
    result = run(database_url, "-c", EXPORT_ALL)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def postgres_url(name):
    params = connection.settings_dict
    return f"postgresql://{params['USER']}@{params['HOST']}:{params['PORT']}/{name}"


@pytest.fixture
def installation(opened, client):  # noqa: F811
    """A plan with a closed round (answers, reviews, mails, a frozen report) and its users."""
    item = opened["round"].requests.get(contact=opened["kari"]).items.get()
    client.post(
        reverse("followup:link", args=[opened["links"]["kari@politiet.no"]]),
        {f"state_{item.pk}": "done", f"seen_{item.pk}": "0", "action": "submit"},
    )
    opened["client"].post(
        reverse("followup:close", args=[opened["plan"].slug, opened["round"].pk]),
        {"confirm": "yes"},
    )
    assert StatusRound.objects.get().report.is_frozen
    return opened


def write_backup(path):
    with open(path, "w", encoding="utf-8") as stream:
        return backup.write_backup(stream)


def test_backup_holds_every_model_with_rows(installation, tmp_path):
    path = tmp_path / "backup.json"
    rows = write_backup(path)
    content = json.loads(path.read_text())
    assert content["schema"] == "samordna/backup@1" and len(content["objects"]) == rows
    with_rows = {m._meta.label_lower for m in backup.data_models() if m._default_manager.exists()}
    assert {"plans.plan", "followup.answer", "reports.report", "auth.user"} <= with_rows
    assert {row["model"] for row in content["objects"]} == with_rows


def test_restore_refuses_a_database_that_holds_data(installation, tmp_path):
    path = tmp_path / "backup.json"
    write_backup(path)
    with open(path, encoding="utf-8") as stream, pytest.raises(backup.RestoreError) as error:
        backup.restore_backup(stream, migrate=False)
    assert "The database is not empty" in str(error.value)
    assert "1 reports.Report" in str(error.value)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    with pytest.raises(backup.RestoreError, match="not a Samordna backup"):
        backup.restore_backup(io.StringIO('{"schema": "samordna/plan@1"}'), migrate=False)


def test_backup_and_restore_give_identical_exports(installation, tmp_path):
    """From this database (SQLite, or PostgreSQL in the PostgreSQL pass) into a new SQLite
    file; on PostgreSQL also back from that file into a new PostgreSQL database."""
    expected = {p.slug: export_json(p) for p in Plan.objects.order_by("slug")}
    first = tmp_path / "first.json"
    write_backup(first)
    sqlite_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    assert "rows restored" in samordna("restore", str(first), database_url=sqlite_url)
    assert exports_in(sqlite_url) == expected
    again = run(sqlite_url, "-m", "samordna.cli", "restore", str(first))
    assert again.returncode == 1 and "The database is not empty" in again.stderr
    if connection.vendor != "postgresql":
        return
    second = tmp_path / "second.json"
    samordna("backup", "--output", str(second), database_url=sqlite_url)
    name = f"restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        samordna("restore", str(second), database_url=postgres_url(name))
        assert exports_in(postgres_url(name)) == expected
    finally:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_the_backup_reads_one_snapshot_while_others_write():
    """A plan written during the backup neither waits for it nor appears half-way in it."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the test database is in memory here; WAL snapshots need a file")
    make_plan("Before the backup")
    written = []

    def write_elsewhere():
        try:
            written.append(make_plan("During the backup").slug)
        finally:
            connection.close()  # this thread's own connection

    with backup.snapshot():
        assert Plan.objects.count() == 1
        writer = threading.Thread(target=write_elsewhere)
        writer.start()
        writer.join(timeout=10)
        assert written, "the writer waited for the backup"
        assert Plan.objects.count() == 1  # the snapshot does not change
    assert Plan.objects.count() == 2


@pytest.mark.django_db
def test_backup_into_a_missing_folder_says_so_and_leaves_nothing(tmp_path):
    with pytest.raises(CommandError, match="Cannot write .*: No such file or directory"):
        call_command("backup", "--output", str(tmp_path / "missing" / "backup.json"))
    assert not (tmp_path / "missing").exists()


@pytest.mark.django_db
def test_a_failed_backup_leaves_no_partial_file(tmp_path, monkeypatch):
    def fail(stream):
        stream.write('{"schema": ')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("samordna.management.commands.backup.write_backup", fail)
    with pytest.raises(CommandError, match="No space left on device"):
        call_command("backup", "--output", str(tmp_path / "backup.json"))
    assert list(tmp_path.iterdir()) == []
