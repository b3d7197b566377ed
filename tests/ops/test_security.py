"""The login lockout (django-axes) and the client address it counts failures by (portal/ops/security.py)."""

from django.test import RequestFactory
from django.urls import reverse

from portal.ops.security import client_ip


def test_login_locks_out_one_user_from_one_address_not_everyone(client, editor, settings):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    locked = client.post(
        url, {"username": "editor", "password": "correct horse battery staple"}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code == 429
    other_address = client.post(
        url, {"username": "editor", "password": "correct horse battery staple"}, REMOTE_ADDR="10.0.0.2"
    )
    assert other_address.status_code == 302


def test_client_address_behind_a_proxy_ignores_what_the_client_wrote(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # the faked 6.6.6.6 is not believed
