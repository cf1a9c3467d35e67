"""`/healthz`: whether this server can serve, for load balancers and monitoring.

200 when the database answers and every migration is applied; 503 (with the reason)
otherwise. It reads nothing else and needs no login.
"""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

# Applied migrations stay applied while this code runs (new migrations come with new code
# and a restart), so once all are seen applied only the database's reachability is checked.
_migrated = False


def unapplied_migrations():
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return [migration.name for migration, _backwards in executor.migration_plan(targets)]


def unhealthy(body):
    response = JsonResponse(body, status=503)
    # A probe every few seconds during an outage must not mail the admins every time.
    response._has_been_logged = True
    return response


@never_cache
def healthz(request):
    global _migrated
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        if not _migrated:
            missing = unapplied_migrations()
            if missing:
                return unhealthy({"status": "migrations not applied", "missing": len(missing)})
            _migrated = True
    except DatabaseError as error:
        return unhealthy({"status": "database unavailable", "error": type(error).__name__})
    return JsonResponse({"status": "ok"})
