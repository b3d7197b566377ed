"""A published derived indicator whose numerator is still a draft names no draft anywhere the public
reads: its page, the API, the XLSX's `indicators` sheet, datapackage.zip's indicators.csv."""

import io
import zipfile

import openpyxl

from indicators.models import Indicator

DRAFT = "enterprises_with_innovation"
DRAFT_NAME = "Number of enterprises with innovation"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_public_reads_nothing_of_a_draft_numerator(demo, client):
    Indicator.objects.filter(code=DRAFT).update(published=False)

    page = client.get("/en/indicators/innovation_share/").content.decode()
    assert "Share of enterprises with innovation" in page
    assert DRAFT_NAME not in page and DRAFT not in page

    detail = client.get("/api/v1/indicators/innovation_share/").json()
    assert (detail["numerator"], detail["denominator"]) == (None, "enterprises_total")
    listed = body(client.get("/api/v1/indicators/?format=csv")).decode()
    assert DRAFT not in listed and DRAFT_NAME not in listed

    workbook = openpyxl.load_workbook(io.BytesIO(body(client.get("/en/data/observations.xlsx"))), read_only=True)
    sheet = list(workbook["indicators"].values)
    share = next(row for row in sheet if row[0] == "innovation_share")
    numerator = sheet[0].index("numerator")
    assert share[numerator] in (None, "") and DRAFT not in str(sheet)

    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/datapackage.zip"))))
    indicators_csv = next(name for name in archive.namelist() if name.endswith("indicators.csv"))
    assert DRAFT.encode() not in archive.read(indicators_csv)


def test_an_editor_previewing_sees_the_draft_numerator(demo, editor_client):
    Indicator.objects.filter(code=DRAFT).update(published=False)
    page = editor_client.get("/en/indicators/innovation_share/?preview=1").content.decode()
    assert DRAFT_NAME in page
    detail = editor_client.get("/api/v1/indicators/innovation_share/?preview=1").json()
    assert detail["numerator"] == DRAFT


def test_joining_the_parts_after_visible_to_does_not_bring_a_draft_back(demo, rf):
    Indicator.objects.filter(code=DRAFT).update(published=False)
    request = rf.get("/en/")
    share = (
        Indicator.objects.visible_to(request)
        .select_related("numerator", "denominator", "theme")
        .get(code="innovation_share")
    )
    assert share.numerator is None and share.denominator.code == "enterprises_total" and share.theme.code
