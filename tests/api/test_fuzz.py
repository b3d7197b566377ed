"""The fuzz suite, API side: every endpoint (found in the URL configuration) gets a bounded set of
hostile values in its path, its query (bad cursors too) and its headers as an anonymous reader,
and hostile bodies in an editor's writes (tests/support/fuzzing.py); none is answered with a server
error. schemathesis (test_api_schema.py) fuzzes from the schema besides."""

from django.test import Client

from tests.api.test_api_writes import token_client
from tests.support.fuzzing import named_routes, server_errors, write_cases

API_ROUTES = [route for route in named_routes() if route[0].startswith("api:")]


def test_every_endpoint_answers_hostile_reads_without_a_server_error(demo):
    assert len(API_ROUTES) > 20
    assert server_errors(Client(raise_request_exception=False), API_ROUTES) == []


def test_every_endpoint_answers_an_editors_hostile_writes_without_a_server_error(demo, editor):
    client = token_client(editor)
    client.raise_request_exception = False
    errors = []
    for route in API_ROUTES:
        for method, path, query, body in write_cases(*route):
            response = client.generic(method.upper(), path + ("?" + query if query else ""), body, "application/json")
            if response.status_code >= 500:
                errors.append(f"{response.status_code} {method.upper()} {path}?{query} {body[:200]}")
    assert errors == []
