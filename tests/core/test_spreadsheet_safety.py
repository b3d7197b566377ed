"""No spreadsheet formula travels in a CSV or XLSX the portal writes; numbers and empty cells stay."""

import io

import openpyxl
import pytest
import tablib

from portal.content import content_resources
from portal.models import Region
from portal.services import content_import
from portal.spreadsheet_safety import neutralise, restore


@pytest.mark.parametrize(
    "text, safe",
    [
        ("=1+1", "'=1+1"),
        ("+7 701 000 0000", "'+7 701 000 0000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"),
        ("\r=cmd", "'\r=cmd"),
        ("'=already quoted", "''=already quoted"),
        ("-5", "-5"),
        ("+3.25", "+3.25"),
        ("-1e6", "-1e6"),
        ("", ""),
        ("Astana", "Astana"),
        ("a=b", "a=b"),
    ],
)
def test_formula_texts_are_neutralised_numbers_and_plain_texts_are_not(text, safe):
    assert neutralise(text) == safe
    assert restore(neutralise(text)) == text


def test_non_texts_pass_through():
    assert neutralise(None) is None and neutralise(-3) == -3 and neutralise(2.5) == 2.5


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_admin_exports_are_formula_safe_and_import_back_unchanged(db, admin_client, file_format):
    Region.objects.create(code="evil", name_en='=HYPERLINK("http://x","y")', name_ru="-минус", kind="city")
    Region.objects.create(code="plain", name_en="Plain", name_ru="Простой", kind="region")
    formats = admin_client.get("/admin/portal/region/export/").context["form"].fields["format"].choices
    index = next(i for i, label in formats if label.lower() == file_format)
    response = admin_client.post(
        "/admin/portal/region/export/",
        {
            "format": index,
            "export_items": [],
            **{f"regionresource_{name}": "on" for name in ("code", "kind", "name_kk", "name_ru", "name_en")},
        },
    )
    assert response.status_code == 200, response.content[:500]
    if file_format == "csv":
        text = response.content.decode("utf-8-sig")
        assert "'=HYPERLINK" in text and "'-минус" in text
        dataset = tablib.Dataset().load(text, format="csv")
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        assert not any(cell.data_type == "f" for cell in cells)
        assert any(cell.value == '\'=HYPERLINK("http://x","y")' for cell in cells)
        dataset = tablib.Dataset().load(response.content, format="xlsx")
    content_import([("regions", dict(content_resources())["regions"], dataset)])
    assert Region.objects.get(code="evil").name_en == '=HYPERLINK("http://x","y")'
    assert Region.objects.get(code="evil").name_ru == "-минус"
