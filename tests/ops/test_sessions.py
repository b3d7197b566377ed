"""Editors' sessions (OWASP ASVS V3): a new session at log-in, none left after log-out, cookies
scripts cannot read and other sites do not send (Secure: `check --deploy`, tests/core/test_settings.py)."""

from django.conf import settings

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "correct horse battery staple"


def test_logging_in_gives_a_new_session_and_logging_out_ends_it(client, editor):
    planted = client.session  # a session before logging in (one an attacker could have planted)
    planted["seen"] = True
    planted.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before == planted.session_key
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 302
    after = response.cookies[settings.SESSION_COOKIE_NAME]
    assert after.value and after.value != before
    assert after["httponly"] and after["samesite"] == "Lax"
    assert client.get("/admin/").status_code == 200

    assert client.post("/admin/logout/").status_code == 200
    client.cookies[settings.SESSION_COOKIE_NAME] = after.value  # the old cookie, replayed
    assert client.get("/admin/").status_code == 302  # to the log-in page: the session is gone
