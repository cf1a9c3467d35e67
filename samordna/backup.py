"""Backup and restore of a whole installation, as one JSON file.

The backup holds every row of every model of every installed app (found through the app
registry, so a model added later is included without a change here), read in one
snapshot while the site runs. Content types and permissions are not written: `migrate`
makes them on the target, and rows that point at them do so by natural key, because
their ids differ between databases. Restoring needs an empty, migrated database (it
migrates one itself) and works between SQLite and PostgreSQL in both directions.
"""

import contextlib
import datetime
import json

from auditlog.context import disable_auditlog
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

SCHEMA = "samordna/backup@1"
# Made again by `migrate` on the target; everything else is data.
REMADE_BY_MIGRATE = (ContentType, Permission)


class RestoreError(Exception):
    """The file cannot be restored here; the message says why."""


def data_models():
    """Every concrete model whose rows are the installation's data, in dependency order."""
    models = [
        model
        for config in apps.get_app_configs()
        for model in config.get_models()
        if model not in REMADE_BY_MIGRATE and not model._meta.proxy
    ]
    app_list = {}
    for model in models:
        app_list.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


@contextlib.contextmanager
def snapshot():
    """One consistent read of the whole database that does not stop others writing."""
    if connection.in_atomic_block:  # already inside a transaction (e.g. a test): read there
        yield
        return
    if connection.vendor == "sqlite":
        # Samordna's SQLite transactions start IMMEDIATE, which would lock writers out for
        # the whole backup; a deferred read transaction in WAL mode is a snapshot instead.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def _rows():
    for model in data_models():
        yield from model._default_manager.order_by("pk").iterator(chunk_size=2000)


def write_backup(stream):
    """Write the backup to a text stream; returns the number of rows written."""
    counter = {"rows": 0}

    def counted():
        for row in _rows():
            counter["rows"] += 1
            yield row

    with snapshot():
        header = {
            "schema": SCHEMA,
            "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "migrations": _applied_migrations(),
        }
        stream.write(json.dumps(header, ensure_ascii=False)[:-1] + ', "objects": ')
        serializers.serialize(
            "json",
            counted(),
            stream=stream,
            use_natural_foreign_keys=True,
            ensure_ascii=False,
        )
        stream.write("}\n")
    return counter["rows"]


def _applied_migrations():
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def existing_data():
    """{model label: row count} of the data already in this database."""
    counts = {}
    for model in data_models():
        count = model._default_manager.count()
        if count:
            counts[model._meta.label] = count
    return counts


def read_backup(stream):
    try:
        content = json.load(stream)
    except (ValueError, UnicodeDecodeError) as error:
        raise RestoreError(f"This is not a Samordna backup (not JSON: {error}).") from None
    if not isinstance(content, dict) or content.get("schema") != SCHEMA:
        raise RestoreError(f"This is not a Samordna backup (no {SCHEMA!r} schema line).")
    return content


def restore_backup(stream, migrate=True):
    """Load a backup into this (empty) database; returns the number of rows restored."""
    content = read_backup(stream)
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)
    found = existing_data()
    if found:
        listed = ", ".join(f"{count} {label}" for label, count in sorted(found.items()))
        raise RestoreError(
            "The database is not empty (it holds "
            + listed
            + "). Restore only into a new, empty database, so that nothing is mixed or lost."
        )
    known = {model._meta.label_lower for model in data_models()}
    unknown = sorted({row["model"] for row in content["objects"]} - known)
    if unknown:
        raise RestoreError(
            "The backup holds data of models this installation does not have: "
            + ", ".join(unknown)
            + ". Install the same or a newer version of Samordna first."
        )
    restored = 0
    touched = set()
    deferred = []
    # Restored rows are old history, not new changes: the audit log must not record them.
    with transaction.atomic(), disable_auditlog(), connection.constraint_checks_disabled():
        for item in serializers.deserialize(
            "python", content["objects"], handle_forward_references=True
        ):
            item.save()
            if item.deferred_fields:
                deferred.append(item)
            touched.add(type(item.object))
            restored += 1
        for item in deferred:
            item.save_deferred_fields()
        connection.check_constraints(table_names=[m._meta.db_table for m in touched])
    _reset_sequences(touched)
    return restored


def _reset_sequences(models):
    """Rows came with their ids; new rows must get ids after them (PostgreSQL sequences)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
