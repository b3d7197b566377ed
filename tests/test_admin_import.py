"""An editor imports a real XLSX file through the admin: upload, preview, confirm."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from indicators.models import Observation

HEADERS = ["indicator", "region", "period", "value", "status", "source", "note_kk", "note_ru", "note_en"]


def xlsx_file(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("observations.xlsx", buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def upload(client, rows, language="en"):
    return client.post(
        reverse("admin:indicators_observation_import"),
        {"import_file": xlsx_file(rows), "format": "1", "resource": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_an_editor_previews_then_confirms_an_xlsx_import(demo, editor_client):
    rows = [
        ["enterprises_total", "astana", "2021", 3498, "P", "mukhamedzhanova2021", "Алдын ала", "Предварительно", "Provisional"],
        ["enterprises_total", "astana", "2020", 3605, "A", "mukhamedzhanova2021", None, None, None],
    ]
    preview = upload(editor_client, rows)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "New" in page and "Skipped" in page  # one new row, one unchanged
    assert not Observation.objects.filter(period="2021", indicator__code="enterprises_total").exists()

    confirm = preview.context["confirm_form"].initial
    done = editor_client.post(reverse("admin:indicators_observation_process_import"), confirm, follow=True)
    assert done.status_code == 200
    saved = Observation.objects.get(period="2021", indicator__code="enterprises_total")
    assert (saved.value, saved.status, saved.note_kk, saved.note_en) == (Decimal("3498"), "P", "Алдын ала", "Provisional")


@pytest.mark.parametrize("language, message", [
    ("en", "“2022-13” is not a period"),
    ("ru", "«2022-13» — не период"),
    ("kk", "«2022-13» кезең емес"),
])
def test_a_bad_row_in_the_admin_import_is_shown_in_the_editors_language_and_nothing_is_saved(demo, editor_client, language, message):
    before = Observation.objects.count()
    response = upload(editor_client, [
        ["enterprises_total", "astana", "2022", 3500, "A", "", None, None, None],
        ["enterprises_total", "astana", "2022-13", 3500, "A", "", None, None, None],
    ], language)
    page = response.content.decode()
    assert message in page
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert Observation.objects.count() == before
