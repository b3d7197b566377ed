"""observations.xlsx: data, indicators, sources and a README sheet, written by openpyxl in
write-only mode (rows go to a temporary file as they come, not into memory)."""

import re
import shutil
import zipfile

from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from portal.spreadsheet_safety import neutralise

from .streaming import READABLE_FILE, spooled_file

EXCEL_MAX_ROWS = 1_048_576
CORE_PROPERTIES = "docProps/core.xml"
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


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


# Sheet names are fixed in every language (read_excel(sheet_name="data") works on every file);
# what each holds is said in the file's language on the README sheet.
SHEETS = {"data": _("data"), "indicators": _("indicators"), "sources": _("sources")}


def write_workbook(file, *, title, creator, date_time, data, indicators, sources, readme):
    """Each of data/indicators/sources is (header, rows); readme is a list of lines. `date_time`
    (the release's day, or the live data's last change) dates the document and its parts, so the
    same data gives the same bytes."""
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.creator = creator
    workbook.properties.created = workbook.properties.modified = date_time
    add_sheet(workbook, "data", *data)
    add_sheet(workbook, "indicators", *indicators)
    add_sheet(workbook, "sources", *sources)
    readme_sheet = workbook.create_sheet("README")
    for line in readme:
        readme_sheet.append([cell(line)])
    for name, translated in SHEETS.items():
        readme_sheet.append([name, cell(str(translated))])
    written = spooled_file()
    workbook.save(written)
    return redated(written, file, date_time)


def redated(source, target, date_time):
    """`source` zip copied into `target` with every entry dated `date_time`, and the document's
    modification time too (openpyxl dates both with the time of saving)."""
    source.seek(0)
    stamp = date_time.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(source) as reading, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as writing:
        for entry in reading.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=date_time.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = READABLE_FILE
            with reading.open(entry) as part, writing.open(info, "w", force_zip64=True) as copy:
                if entry.filename == CORE_PROPERTIES:
                    copy.write(MODIFIED.sub(rb"\g<1>" + stamp + rb"\g<2>", part.read()))
                else:
                    shutil.copyfileobj(part, copy, 1024 * 1024)
    source.close()
    target.seek(0)
    return target
