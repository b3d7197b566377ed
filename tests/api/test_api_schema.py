"""The API's OpenAPI schema: generated without warnings, and the API keeps to it under fuzzing."""

import pytest
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings


def test_schema_generates_without_warnings_and_validates(db, tmp_path):
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(tmp_path / "schema.yaml"))
    assert "/api/v1/observations/" in (tmp_path / "schema.yaml").read_text()


def test_schema_and_docs_are_served_with_local_assets(client):
    schema = client.get("/api/v1/schema/?format=json")
    assert schema.status_code == 200 and schema.json()["openapi"].startswith("3.")
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in page
    assert "cdn" not in page.lower() and "https://" not in page


@pytest.fixture
def connection_kept_between_requests():
    """As Django's test client does: the WSGI handler would otherwise close the database
    connection after each request, and with it the test's transaction (on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_schemathesis_finds_no_server_error_and_no_answer_outside_the_schema(
    demo, connection_kept_between_requests, mode
):
    import schemathesis
    from schemathesis import GenerationMode
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

    from portal.wsgi import application

    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    if mode == "positive":
        # Every answer, 200 or 400 alike, must be one the schema describes.
        checks = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
        strategy = schema.as_strategy(generation_mode=GenerationMode.POSITIVE)
    else:
        # Malformed parameters: a documented 4xx, never a 500. (A key with a slash in it
        # matches no URL at all and gets Django's HTML 404, hence no content-type check.)
        checks = [not_a_server_error, status_code_conformance]
        strategy = schema.as_strategy(generation_mode=GenerationMode.NEGATIVE)

    @given(case=strategy)
    @hypothesis_settings(
        max_examples=100,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        case.call_and_validate(checks=checks)

    call()
