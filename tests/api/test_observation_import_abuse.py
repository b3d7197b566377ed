"""The observation import's abuse suite, through the API: hostile JSON rows (the files of the suite go
through the command and the admin, tests/indicators/test_import_abuse.py). Each is refused with a 400
naming the problem, a dry run says the same, and nothing changes."""

import json

import pytest
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from indicators.models import ChangeSet, Observation
from tests.support.snapshot import content_snapshot


@pytest.fixture
def editor_token_client(editor):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor).key}")
    return client


def unchanged_since(before, change_sets):
    with translation.override("en"):  # the untranslated `name` columns read in the active language
        return content_snapshot() == before and ChangeSet.objects.count() == change_sets


def row(**more):
    return {"indicator": "schools", "region": "astana", "period": "2022", "value": "1950", **more}


HOSTILE_ROWS = {
    "NUL in a note": ([row(note="по данным\u0000 Бюро")], "NUL character"),
    "half a character": ([row(note="\ud800")], "lone surrogate"),
    "a note of 200 KiB": ([row(note="я" * 200 * 1024)], "longer than 128 KiB"),
    "more digits than are kept": ([row(value="123456789012345678.5")], "too large to store"),
    "a number past any size": ([row(value="1e400")], "not a number"),
    "not a number": ([row(value="NaN")], "not a number"),
}


@pytest.mark.parametrize("dry_run", ["0", "1"])
@pytest.mark.parametrize("case", list(HOSTILE_ROWS))
def test_the_api_refuses_hostile_rows_and_a_dry_run_says_so_too(demo, editor_token_client, case, dry_run):
    rows, reason = HOSTILE_ROWS[case]
    before, change_sets = content_snapshot(), ChangeSet.objects.count()
    body = json.dumps(rows).replace('"1e400"', "1e400")
    response = editor_token_client.post(
        f"/api/v1/observations/?lang=en&dry_run={dry_run}", body, content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert any(reason in error["reason"] for error in response.json()["errors"]), response.json()
    assert unchanged_since(before, change_sets)
    assert not Observation.objects.filter(indicator__code="schools", period="2022").exists()
