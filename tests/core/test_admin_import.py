"""An editor imports a real XLSX file of institutions through the admin: upload, preview, confirm.

(Observations have an import of their own, tests/indicators/test_observation_import.py; the other
models use django-import-export's admin import with the natural-key resources.)"""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.models import Institution

HEADERS = [
    "slug",
    "kind",
    "region",
    "founded_year",
    "website",
    "published",
    "name_kk",
    "name_ru",
    "name_en",
    "description_kk",
    "description_ru",
    "description_en",
    "references",
]


def xlsx_file(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "institutions.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def upload(client, rows, language="en"):
    return client.post(
        reverse("admin:portal_institution_import"),
        {"import_file": xlsx_file(rows), "format": "1", "resource": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    )


TECHNOPARK = [
    "astana-it-park",
    "hub",
    "astana",
    2024,
    "",
    1,
    "IT паркі",
    "IT-парк",
    "IT park",
    "",
    "",
    "",
    "mukhamedzhanova2021",
]


def test_an_editor_previews_then_confirms_an_xlsx_import(demo, editor_client):
    preview = upload(editor_client, [TECHNOPARK])
    assert preview.status_code == 200
    assert "New" in preview.content.decode()
    assert not Institution.objects.filter(slug="astana-it-park").exists()

    confirm = preview.context["confirm_form"].initial
    done = editor_client.post(reverse("admin:portal_institution_process_import"), confirm, follow=True)
    assert done.status_code == 200
    saved = Institution.objects.get(slug="astana-it-park")
    assert (saved.name_kk, saved.name_ru, saved.name_en, saved.founded_year, saved.region.code) == (
        "IT паркі",
        "IT-парк",
        "IT park",
        2024,
        "astana",
    )
    assert [r.key for r in saved.references.all()] == ["mukhamedzhanova2021"]


@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "No region has the code “nowhere”."),
        ("ru", "Нет объекта «регион» с полем code = «nowhere»."),
        ("kk", "code мәні «nowhere» болатын өңір жоқ."),
    ],
)
def test_a_bad_row_in_the_admin_import_is_shown_in_the_editors_language_and_nothing_is_saved(
    demo, editor_client, language, message
):
    before = Institution.objects.count()
    response = upload(
        editor_client,
        [TECHNOPARK, ["lost-park", "hub", "nowhere", "", "", 1, "", "Парк", "Park", "", "", "", ""]],
        language,
    )
    assert message in response.content.decode()
    assert response.context.get("confirm_form") is None
    assert Institution.objects.count() == before
