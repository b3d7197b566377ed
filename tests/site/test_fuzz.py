"""The fuzz suite, public side: every public URL (found in the URL configuration) gets a bounded set of
hostile values in its path, its query and its headers (tests/support/fuzzing.py), and answers each
without a server error: 400 or 404 for what it cannot read, 200 for what it can."""

from django.test import Client

from tests.support.fuzzing import named_routes, server_errors

PUBLIC_ROUTES = [route for route in named_routes() if not route[0].startswith("api:")]


def test_every_public_url_answers_hostile_requests_without_a_server_error(demo):
    assert len(PUBLIC_ROUTES) > 20
    assert server_errors(Client(raise_request_exception=False), PUBLIC_ROUTES) == []
