"""An import behind a proxy without sticky sessions: two app servers (gunicorn, production profile)
share one database, one Redis (cache and Celery broker) and a Celery worker. The file is uploaded
through one server, its preview is read and confirmed through the other, and the worker does the
reading and the writing."""

import re
import uuid
from http.cookies import SimpleCookie

import pytest

from tests.support.processes import (
    PRODUCTION,
    CeleryWorker,
    Gunicorn,
    ThrowawayRedis,
    environment,
    http_request,
    manage,
    wait_until,
)

CSV = "indicator;region;period;value\r\nuniversities;astana;2022;17\r\n"


@pytest.fixture
def stack(editor, demo_database_url, tmp_path):
    """(The editor fixture first: the Editors group, which an earlier test's flush may have removed, is
    in the database the servers share.)"""
    closing = []
    try:
        redis = ThrowawayRedis()
        closing.append(redis)
        env = environment(
            **PRODUCTION,
            DATABASE_URL=demo_database_url,
            CACHE_URL=redis.url,
            CELERY_BROKER_URL=redis.url.replace("/0", "/1"),
            DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        )
        manage("collectstatic", "--no-input", env=env)
        closing.append(CeleryWorker(env, tmp_path / "worker.log"))
        closing.append(Gunicorn(env, tmp_path / "first.log", workers=1))
        closing.append(Gunicorn(env, tmp_path / "second.log", workers=1))
        yield env, closing[-2], closing[-1]
    finally:
        for process in reversed(closing):
            process.close()


def signed_in_editor(env):
    """The session cookie of a new editor (sessions live in the database: every server knows it)."""
    code = (
        "from django.contrib.auth import get_user_model, SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY\n"
        "from django.contrib.auth.models import Group\n"
        "from django.contrib.sessions.backends.db import SessionStore\n"
        "user = get_user_model().objects.create_user('importer', password='x' * 20, is_staff=True)\n"
        "user.groups.add(Group.objects.get(name='Editors'))\n"
        "session = SessionStore()\n"
        "session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: 'django.contrib.auth.backends.ModelBackend',"
        " HASH_SESSION_KEY: user.get_session_auth_hash()})\n"
        "session.save()\n"
        "print(session.session_key)\n"
    )
    return manage("shell", "--no-imports", "-c", code, env=env).stdout.strip().splitlines()[-1]


def test_preview_on_one_server_confirm_on_the_other(stack):
    env, first, second = stack
    cookies = {"sessionid": signed_in_editor(env)}

    def call(server, path, **kwargs):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Accept-Language": "en"}
        status, answer_headers, body = http_request(server.base + path, headers=headers, **kwargs)
        for header in answer_headers.get_all("Set-Cookie") or []:
            cookies.update({name: morsel.value for name, morsel in SimpleCookie(header).items()})
        return status, answer_headers, body

    status, _headers, page = call(first, "/admin/indicators/observation/import/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    boundary = uuid.uuid4().hex
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{token}\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="universities.csv"\r\n'
        f"Content-Type: text/csv\r\n\r\n{CSV}\r\n--{boundary}--\r\n"
    ).encode()
    status, headers, _page = call(
        first,
        "/admin/indicators/observation/import/",
        data=body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )
    assert status == 302
    job_path = headers["Location"]

    def preview_on_second():
        return "import-summary" in call(second, job_path)[2]

    wait_until(preview_on_second, timeout=60, message="the worker's preview, read through the other server")
    page = call(second, job_path)[2]
    assert "1 new, 0 changed, 0 unchanged" in page
    fingerprint = re.search(r'name="fingerprint" value="([^"]+)"', page).group(1)
    form = f"csrfmiddlewaretoken={token}&fingerprint={fingerprint}&confirm=1".encode()
    status, _headers, _page = call(second, job_path, data=form, content_type="application/x-www-form-urlencoded")
    assert status == 302

    def imported_on_first():
        status, headers, _body = call(first, job_path)
        return status == 302 and "/changeset/" in headers["Location"]

    wait_until(imported_on_first, timeout=60, message="the worker's import, seen through the first server")
    code = (
        "from indicators.models import Observation, ImportJob\n"
        "print(Observation.objects.get(indicator__code='universities', period='2022').value,"
        " ImportJob.objects.get().data == b'')\n"
    )
    assert manage("shell", "--no-imports", "-c", code, env=env).stdout.split()[-2:] == ["17.000000", "True"]
