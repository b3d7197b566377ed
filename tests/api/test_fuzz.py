"""The fuzz suite, API side: every endpoint (found in the URL configuration) gets a bounded set of
hostile values in its path, its query (bad cursors too) and its headers as an anonymous reader,
and hostile bodies in an editor's writes (tests/support/fuzzing.py); none is answered with a server
error. schemathesis (test_api_schema.py) fuzzes from the schema besides."""

from django.test import Client

from tests.api.test_api_writes import token_client
from tests.support.fuzzing import named_routes, requests_for, write_cases

API_ROUTES = [route for route in named_routes() if route[0].startswith("api:")]


def server_error(response, method, path, query, extra=""):
    if response.streaming:
        b"".join(response.streaming_content)
    if response.status_code >= 500:
        return f"{response.status_code} {method.upper()} {path[:120]}?{query[:200]} {str(extra)[:200]}"
    return None


def test_every_endpoint_answers_hostile_reads_without_a_server_error(demo):
    client = Client(raise_request_exception=False)
    errors = [
        server_error(getattr(client, method)(path, QUERY_STRING=query, **extra), method, path, query, extra)
        for route in API_ROUTES
        for method, path, query, extra in requests_for(*route)
    ]
    assert len(API_ROUTES) > 20 and [error for error in errors if error] == []


def test_every_endpoint_answers_an_editors_hostile_writes_without_a_server_error(demo, editor):
    client = token_client(editor)
    client.raise_request_exception = False
    errors = [
        server_error(
            client.generic(method.upper(), path + ("?" + query if query else ""), body, "application/json"),
            method,
            path,
            query,
            body,
        )
        for route in API_ROUTES
        for method, path, query, body in write_cases(*route)
    ]
    assert [error for error in errors if error] == []
