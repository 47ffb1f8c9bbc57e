"""Health endpoints for the load balancer and the compose health checks.

/health/live/  the process answers (no I/O): restart it when this fails.
/health/ready/ the database, the cache and the Celery broker answer: send traffic.
"""

import logging

from django.core.cache import cache
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from shop.celery import app as celery_app

logger = logging.getLogger(__name__)


@never_cache
@transaction.non_atomic_requests
def live(request):
    return JsonResponse({"status": "ok"})


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache():
    cache.set("health:ready", "1", 5)
    if cache.get("health:ready") != "1":
        raise RuntimeError("cache did not return what was just stored")


def _broker():
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": _database, "cache": _cache, "broker": _broker}


@never_cache
@transaction.non_atomic_requests
def ready(request):
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure means "not ready"; the log says which and why
            logger.warning("readiness check %s failed: %s", name, exc)
            results[name] = "unavailable"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "unavailable", **results}, status=200 if healthy else 503)
