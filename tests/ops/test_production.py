"""The production profile for real: gunicorn (debug off), a PostgreSQL and a Redis of
the test's own, two app servers sharing them; then Redis and PostgreSQL are stopped
under the servers and started again."""

import importlib.util
import json
import os
import shutil
import tempfile
import threading
import time
from types import SimpleNamespace

import pytest

from portal.ops.resilience import ResilientRedisCache
from tests.support.processes import (
    PRODUCTION,
    Gunicorn,
    ThrowawayPostgres,
    ThrowawayRedis,
    environment,
    manage,
    wait_until,
)


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    folder = tempfile.mkdtemp(prefix="portal-production-test-", dir="/tmp")
    os.chmod(folder, 0o755)  # the postgres user must reach its cluster inside
    logs = tmp_path_factory.mktemp("logs")
    closing = []
    try:
        postgres = ThrowawayPostgres(f"{folder}/postgres")
        closing.append(postgres)
        redis = ThrowawayRedis()
        closing.append(redis)
        env = environment(
            **PRODUCTION, DATABASE_URL=postgres.url, CACHE_URL=redis.url, DJANGO_STATIC_ROOT=f"{folder}/static"
        )
        manage("migrate", "--no-input", env=env)
        manage("load_demo_data", env=env)
        manage("collectstatic", "--no-input", env=env)
        first = Gunicorn(env, logs / "first.log")
        closing.append(first)
        second = Gunicorn(env, logs / "second.log")
        closing.append(second)
        yield SimpleNamespace(postgres=postgres, redis=redis, env=env, first=first, second=second, logs=logs)
    finally:
        for process in reversed(closing):
            process.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_probes_pages_and_static_files_answer(stack):
    status, _headers, body = stack.first.get("/healthz")
    assert (status, json.loads(body)) == (200, {"status": "ok"})
    status, _headers, body = stack.first.get("/readyz")
    assert status == 200
    assert json.loads(body)["checks"] == {"database": "ok", "migrations": "ok", "cache": "ok"}

    status, headers, page = stack.first.get(
        "/en/", headers={"X-Request-ID": "proxy-given-id-42", "X-Forwarded-Proto": "https"}
    )
    assert status == 200
    assert headers["X-Request-ID"] == "proxy-given-id-42"
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["Referrer-Policy"] == "same-origin"
    stylesheet = page.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/portal/portal.") and stylesheet != "/static/portal/portal.css"  # hashed name
    status, headers, _css = stack.first.get(stylesheet)
    assert status == 200
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]


def test_errors_show_no_traceback(stack):
    for path, headers, expected in [("/en/no-such-page/", {}, 404), ("/en/", {"Host": "attacker.example"}, 400)]:
        status, _headers, body = stack.first.get(path, headers=headers)
        assert status == expected
        assert "Traceback" not in body and "DJANGO_SECRET_KEY" not in body and "settings" not in body.lower()


def test_a_change_made_through_one_app_server_is_served_by_the_other(stack):
    assert stack.second.get("/en/")[0] == 200  # the second server has served (and may have cached) the page
    manage(
        "shell", "--no-imports", "-c",
        "from indicators.models import Indicator; i = Indicator.objects.get(code='innovation_share');"
        " i.name_en = 'Share of firms that innovate (edited)'; i.save()",
        env=stack.env,
    )  # fmt: skip
    for server in (stack.second, stack.first):
        status, _headers, page = server.get("/en/")
        assert status == 200 and "Share of firms that innovate (edited)" in page


def test_with_redis_stopped_the_portal_answers_uncached_and_readyz_says_why(stack):
    stack.redis.stop()
    try:
        status, _headers, page = stack.first.get("/en/")
        assert status == 200 and "Astana" in page
        status, _headers, body = stack.first.get("/readyz")
        assert status == 503 and json.loads(body)["problems"] == {"cache": "cache unreachable"}
        assert stack.first.get("/healthz")[0] == 200
    finally:
        stack.redis.start()
    wait_until(lambda: stack.first.get("/readyz")[0] == 200, timeout=15, message="readyz after Redis returned")
    time.sleep(ResilientRedisCache.PAUSE_AFTER_FAILURE + 0.5)  # till no worker still skips the cache


def test_with_postgresql_stopped_pages_answer_503_in_the_readers_language_and_recover_alone(stack):
    statuses, reading = [], threading.Event()
    reading.set()

    def reader():  # a reader who keeps reading through the outage
        while reading.is_set():
            statuses.append(stack.second.get("/kk/?reader=1")[0])  # a query string the page cache does not keep

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        status, _headers, cached_before = stack.first.get("/en/")
        assert status == 200
        stack.postgres.stop()
        status, headers, page = stack.first.get("/en/?uncached=1")
        assert status == 503 and headers["Retry-After"] == "30"
        assert "The portal is briefly unavailable" in page and "Traceback" not in page
        assert "Портал временно недоступен" in stack.first.get("/ru/?uncached=1")[2]
        assert "Портал уақытша қолжетімсіз" in stack.first.get("/kk/?uncached=1")[2]
        if importlib.util.find_spec("portal.ops.page_cache"):  # the public pages' cache (issue 3)
            # Each worker serves it from its own copy or the shared cache: the page as it was, or a 503
            # from a worker that holds neither (after the Redis restart above), never another page.
            during = [stack.first.get("/en/")[::2] for _ in range(6)]
            assert (200, cached_before) in during, "a cached page is served while the database is down"
            assert all(status == 503 or page == cached_before for status, page in during)
        status, _headers, body = stack.first.get("/readyz")
        assert status == 503 and json.loads(body)["problems"]["database"].startswith("database unreachable")
        assert stack.first.get("/healthz")[0] == 200
        wait_until(lambda: 503 in statuses, timeout=30, message="the reader to meet the outage")
        stack.postgres.start()
        wait_until(
            lambda: stack.first.get("/en/?uncached=1")[0] == 200, timeout=15, message="pages after PostgreSQL returned"
        )
        wait_until(
            lambda: stack.first.get("/readyz")[0] == 200, timeout=15, message="readyz after PostgreSQL returned"
        )
        count = len(statuses)
        wait_until(lambda: statuses[count:] and statuses[-1] == 200, timeout=30, message="the reader's pages")
    finally:
        reading.clear()
        thread.join()
    assert set(statuses) <= {200, 503}, sorted(set(statuses))
    assert stack.first.process.poll() is None and stack.second.process.poll() is None  # no restart was needed


RENAME = (
    "from portal.models import Institution; hub = Institution.objects.get(slug='astana_hub');"
    " hub.name_en = {name!r}; hub.save()"
)


def test_an_edit_made_just_before_the_database_stops_is_never_served_stale(stack):
    """The page cache serves through an outage only the version the database last held: an edit
    made by another process a moment before PostgreSQL stops makes the old page unservable."""
    for _ in range(4):  # each worker of each server caches the page
        for server in (stack.first, stack.second):
            page = server.get("/en/institutions/")[2]
            assert "Astana Hub" in page and "(edited)" not in page
    manage("shell", "--no-imports", "-c", RENAME.format(name="Astana Hub (edited)"), env=stack.env)
    stack.postgres.stop()
    try:
        answers = [server.get("/en/institutions/") for _ in range(4) for server in (stack.first, stack.second)]
        for status, _headers, page in answers:
            assert status == 503 or "Astana Hub (edited)" in page, "the page from before the edit was served"
    finally:
        stack.postgres.start()
        wait_until(lambda: stack.first.get("/readyz")[0] == 200, timeout=15, message="readyz after PostgreSQL")
        wait_until(lambda: stack.second.get("/readyz")[0] == 200, timeout=15, message="readyz after PostgreSQL")
        manage("shell", "--no-imports", "-c", RENAME.format(name="Astana Hub"), env=stack.env)


def test_logs_are_one_json_object_per_line_with_request_id_path_status_and_time(stack):
    lines = [
        line for name in ("first.log", "second.log") for line in (stack.logs / name).read_text().splitlines() if line
    ]
    entries = [json.loads(line) for line in lines]  # every line parses
    requests = [entry for entry in entries if entry["logger"] == "portal.request"]
    given = [entry for entry in requests if entry["request_id"] == "proxy-given-id-42"]
    assert given and given[0]["path"] == "/en/" and given[0]["status"] == 200 and given[0]["duration_ms"] > 0
    assert all({"request_id", "path", "status", "duration_ms"} <= set(entry) for entry in requests)
    assert any(
        entry["logger"] == "portal.ops.resilience" and entry["message"] == "database unavailable" for entry in entries
    )
