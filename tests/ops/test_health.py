"""Probes, request ids and JSON log lines, and a Redis that goes away, in process."""

import json
import logging
import sys

import pytest
from django.core.cache import cache
from django.test import override_settings

from portal.ops.caching import content_version, new_content_version
from portal.ops.logs import JsonFormatter, request_id_var
from tests.support.processes import ThrowawayRedis


def test_healthz_answers_without_touching_the_database(client):
    response = client.get("/healthz")  # no django_db mark: any query would fail the test
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_checks_database_migrations_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "migrations": "ok", "cache": "ok"}}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "given, kept",
    [("from-the-proxy.1", True), ("", False), ("two words", False), ("x" * 200, False), ("<script>", False)],
)
def test_a_request_id_from_the_proxy_is_kept_only_when_harmless(client, given, kept):
    response = client.get("/healthz", headers={"X-Request-ID": given} if given else {})
    if kept:
        assert response["X-Request-ID"] == given
    else:
        assert len(response["X-Request-ID"]) == 32 and response["X-Request-ID"] != given


def test_a_log_record_is_one_json_line_with_the_request_id_and_the_traceback():
    token = request_id_var.set("abc123")
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            record = logging.LogRecord(
                "django.request", logging.ERROR, __file__, 1, "Failed %s", ("/en/",), sys.exc_info()
            )
        record.status_code = 500
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Failed /en/" and entry["request_id"] == "abc123" and entry["status_code"] == 500
    assert entry["level"] == "ERROR" and "RuntimeError: boom" in entry["exception"]


def test_with_redis_gone_the_cache_misses_instead_of_failing(db):
    redis = ThrowawayRedis()
    caches = {
        "default": {
            "BACKEND": "portal.ops.resilience.ResilientRedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_timeout": 0.5},
        }
    }
    try:
        with override_settings(CACHES=caches):
            cache.set("greeting", "hello")
            assert cache.get("greeting") == "hello"
            redis.stop()
            assert cache.get("greeting") is None and cache.get("greeting", "fallback") == "fallback"
            assert cache.set("greeting", "again") is None and cache.get_many(["a", "b"]) == {}
            version = content_version()
            new_content_version()  # an editor's save still succeeds, and changes the version (in the database)
            assert content_version() not in (None, version)
    finally:
        redis.close()
