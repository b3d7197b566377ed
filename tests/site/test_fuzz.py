"""The fuzz suite, public side: every public URL (found in the URL configuration) gets a bounded set of
hostile values in its path, its query and its headers (tests/support/fuzzing.py), and answers each
without a server error: 400 or 404 for what it cannot read, 200 for what it can."""

from django.test import Client

from tests.support.fuzzing import named_routes, requests_for

PUBLIC_ROUTES = [route for route in named_routes() if not route[0].startswith("api:")]


def server_errors(client, cases):
    errors = []
    for method, path, query, extra in cases:
        response = getattr(client, method)(path, QUERY_STRING=query, **extra)
        if response.streaming:  # read to the end, as a server would (the test client then closes it)
            b"".join(response.streaming_content)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {method.upper()} {path[:120]}?{query[:200]} {extra}")
    return errors


def test_every_public_url_answers_hostile_requests_without_a_server_error(demo):
    client = Client(raise_request_exception=False)
    errors = [error for route in PUBLIC_ROUTES for error in server_errors(client, requests_for(*route))]
    assert len(PUBLIC_ROUTES) > 20 and errors == []
