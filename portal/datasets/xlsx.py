"""observations.xlsx: data, indicators, sources and a README sheet, written by openpyxl in
write-only mode (rows go to a temporary file as they come, not into memory)."""

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from portal.spreadsheet_safety import neutralise

EXCEL_MAX_ROWS = 1_048_576


def cell(value):
    """Numbers stay numbers; texts are formula-safe and free of characters XLSX cannot hold."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", neutralise(value))
    return value


def add_sheet(workbook, title, header, rows, *, safe=False):
    """A sheet per EXCEL_MAX_ROWS rows: Excel opens no longer sheet."""
    sheet, count, part = workbook.create_sheet(title), 0, 1
    sheet.append(header)
    for row in rows:
        if count == EXCEL_MAX_ROWS - 1:
            part += 1
            sheet, count = workbook.create_sheet(f"{title} ({part})"), 0
            sheet.append(header)
        sheet.append(row if safe else [cell(value) for value in row])
        count += 1


def write_workbook(file, *, data, indicators, sources, readme):
    """Each of data/indicators/sources is (header, rows); readme is a list of lines."""
    workbook = Workbook(write_only=True)
    add_sheet(workbook, _("data"), *data)
    add_sheet(workbook, _("indicators"), *indicators)
    add_sheet(workbook, _("sources"), *sources)
    readme_sheet = workbook.create_sheet("README")
    for line in readme:
        readme_sheet.append([cell(line)])
    workbook.save(file)
    file.seek(0)
    return file
