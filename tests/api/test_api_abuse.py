"""What one client can do to the API: the anonymous throttle and the count of wrong tokens both go by
the client address the login lockout reads (portal/ops/security.py), so a forged X-Forwarded-For
neither escapes them nor locks anyone else out."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.api.test_api_writes import token_client

WRONG_TOKEN = "Token 0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize("proxies", [0, 1])
def test_a_forged_x_forwarded_for_does_not_escape_the_throttle(demo, client, settings, empty_cache, proxies):
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    settings.TRUSTED_PROXY_COUNT = proxies
    # Behind one proxy the client is the entry that proxy appended (203.0.113.7); the rest is the client's own.
    answers = [
        client.get(
            "/api/v1/regions/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, 203.0.113.7"
        ).status_code
        for n in range(6)
    ]
    assert answers == [200, 200, 200, 429, 429, 429]
    # Another client (behind the proxy: another address the proxy saw) is counted apart.
    other = {"REMOTE_ADDR": "10.0.0.2"} if proxies == 0 else {"HTTP_X_FORWARDED_FOR": "203.0.113.8"}
    assert client.get("/api/v1/regions/", **other).status_code == 200


def test_wrong_tokens_are_counted_like_failed_logins_and_then_refused(demo, editor, settings, client):
    guesser = APIClient(REMOTE_ADDR="10.0.0.66")
    guesser.credentials(HTTP_AUTHORIZATION=WRONG_TOKEN)
    answers = [guesser.delete("/api/v1/regions/astana/").status_code for _ in range(settings.AXES_FAILURE_LIMIT + 3)]
    assert answers == [401] * (settings.AXES_FAILURE_LIMIT - 1) + [429] * 4
    refused = guesser.delete("/api/v1/regions/astana/?lang=en")
    assert refused["Content-Type"] == "application/json" and int(refused["Retry-After"]) == 3600
    assert "Too many wrong tokens" in refused.json()["detail"]
    # Even a right token is refused from that address for the hour, as a locked-out login is…
    right = token_client(editor)
    right.defaults["REMOTE_ADDR"] = "10.0.0.66"
    assert right.get("/api/v1/regions/astana/").status_code == 429
    # …but nobody else is locked out: the same token from another address, the editor's password login.
    assert token_client(editor).get("/api/v1/regions/astana/").status_code == 200
    login = client.post(
        "/admin/login/?next=/admin/",
        {"username": "editor", "password": "correct horse battery staple"},
        REMOTE_ADDR="10.0.0.66",
    )
    assert login.status_code == 302 and login["Location"] == "/admin/"


def test_a_forged_x_forwarded_for_neither_escapes_the_token_count_nor_locks_others_out(demo, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    guesser = APIClient(REMOTE_ADDR="127.0.0.1")  # behind the proxy
    guesser.credentials(HTTP_AUTHORIZATION=WRONG_TOKEN)
    answers = [
        guesser.get("/api/v1/regions/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}, 198.51.100.9").status_code
        for n in range(settings.AXES_FAILURE_LIMIT + 1)
    ]
    assert answers[-1] == 429
    # The editor behind the same proxy, at her own address, is not affected.
    right = token_client(editor)
    assert (
        right.get("/api/v1/regions/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.10").status_code == 200
    )


def test_a_body_in_another_content_type_is_refused_with_415(demo, editor):
    response = token_client(editor).generic(
        "POST", "/api/v1/regions/?lang=en", "code=almaty", "application/x-www-form-urlencoded"
    )
    assert response.status_code == 415 and "Unsupported media type" in response.json()["detail"]
