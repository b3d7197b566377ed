"""Probes for a load balancer or an orchestrator.

/healthz: the process answers (no database, no cache), so a stuck worker is
restarted but a database outage does not restart every app server.
/readyz: this server can serve: the database answers, the cache keeps what it
is given, no migration is waiting. 503 with the reasons otherwise, so the
balancer sends readers elsewhere and the operator sees why.
"""

import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

_migrations_applied = False  # once true for this process, it stays true


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def database_problem():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"database unreachable ({type(error).__name__})"
    return None


def migrations_problem():
    global _migrations_applied
    if _migrations_applied:
        return None
    try:
        executor = MigrationExecutor(connection)
        waiting = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return f"migrations unknown ({type(error).__name__})"
    if waiting:
        return f"{len(waiting)} migrations not applied"
    _migrations_applied = True
    return None


def cache_problem():
    key, token = "portal:readyz", uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    if cache.get(key) != token:
        return "cache unreachable"
    return None


@never_cache
def readyz(request):
    checks = {"database": database_problem()}
    checks["migrations"] = migrations_problem() if checks["database"] is None else "not checked"
    checks["cache"] = cache_problem()
    problems = {name: problem for name, problem in checks.items() if problem}
    if problems:
        return JsonResponse({"status": "unavailable", "problems": problems}, status=503)
    return JsonResponse({"status": "ok", "checks": dict.fromkeys(checks, "ok")})
