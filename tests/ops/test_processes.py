"""Every process serves an edit on its next request, in every profile: the content version lives in
the database (portal/ops/caching.py), not in a process's own memory nor only in Redis.

Two processes on the default settings (no CACHE_URL: each keeps its own local-memory cache): a
gunicorn server with two workers reads, `manage.py shell` edits. Then the same with Redis, stopped
while the edit is made and started again with what it held."""

import pytest

from tests.support.processes import Gunicorn, ThrowawayRedis, environment, manage

PAGE = "/en/institutions/"
EDIT = (
    "from portal.models import Institution; hub = Institution.objects.get(slug='astana_hub');"
    " hub.name_en = {name!r}; hub.save()"
)


def edit_through_another_process(env, name):
    manage("shell", "--no-imports", "-c", EDIT.format(name=name), env=env)


def served(server, times=6):
    """The page as the server's workers give it, read several times so that each worker answers."""
    pages = []
    for _ in range(times):
        status, _headers, page = server.get(PAGE)
        assert status == 200
        pages.append(page)
    return pages


@pytest.fixture
def server_of(demo_database_url, tmp_path):
    started = []

    def start(**variables):
        server = Gunicorn(environment(DATABASE_URL=demo_database_url, **variables), tmp_path / "server.log")
        started.append(server)
        return server

    yield start
    for server in started:
        server.close()


def test_without_a_shared_cache_an_edit_by_another_process_is_served_at_once(server_of, demo_database_url):
    server = server_of()
    assert all("Astana Hub" in page for page in served(server))  # cached in each worker's own memory
    edit_through_another_process(environment(DATABASE_URL=demo_database_url), "Astana Hub (renamed in a shell)")
    assert all("Astana Hub (renamed in a shell)" in page for page in served(server))


def test_an_edit_made_while_redis_was_stopped_is_served_when_it_is_back(server_of, demo_database_url):
    redis = ThrowawayRedis(persistent=True)
    try:
        server = server_of(CACHE_URL=redis.url)
        assert all("Astana Hub" in page for page in served(server))  # cached in Redis and in each worker
        redis.stop()
        edit_through_another_process(
            environment(DATABASE_URL=demo_database_url, CACHE_URL=redis.url), "Astana Hub (renamed without Redis)"
        )
        redis.start()  # with every page it held before
        assert all("Astana Hub (renamed without Redis)" in page for page in served(server))
    finally:
        redis.close()
