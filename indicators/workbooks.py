"""Spreadsheets (XLSX, XLS, ODS) as rows of cells, read by python-calamine.

calamine builds a sheet as a dense grid over the cells that hold something, about 32
bytes a cell, and a stray value in the last cell of a sheet asks for hundreds of
gigabytes: the Rust side then aborts the whole process, which no `try` can catch.
So before calamine sees a file, its cells are counted from the file's own structure
(the sheet XML of an XLSX, the content XML of an ODS, the cell records of an XLS),
ignoring any size the file declares, and a file whose grid would pass `max_cells()`
is refused with a message. openpyxl stays for writing files.
"""

import datetime
import io
import re
import struct
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from xml.etree import ElementTree
from xml.parsers import expat

from django.conf import settings
from django.utils.translation import gettext as _

from .errors import FileRefused

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Small XML parts (the workbook's sheet list and its relationships) are parsed whole: never big ones.
SMALL_PART_BYTES = 5 * 1024 * 1024


# No cell of a table of observations holds this much text (CSV files have the same limit).
CELL_TEXT_LIMIT = 128 * 1024


def refuse_long_cell():
    raise FileRefused(
        _("A cell of the workbook holds more than %(limit)s KiB of text: no value or note is that long.")
        % {"limit": CELL_TEXT_LIMIT // 1024}
    )


def max_upload_bytes():
    """The largest file accepted (importing.check_size refuses larger ones)."""
    return getattr(settings, "OBSERVATION_IMPORT_MAX_BYTES", 50 * 1024 * 1024)


def max_cells():
    """The largest grid (rows x columns spanned by the cells that hold something) a workbook may have."""
    return getattr(settings, "OBSERVATION_IMPORT_MAX_CELLS", 2_000_000)


@dataclass
class Sheet:
    name: str
    rows: list  # [(row number from 1, [cells])]; cells are str, Decimal, int, date/datetime or None
    merged: list = field(default_factory=list)  # [((first row, first column), (last row, last column))], 0-based
    sheets: list = field(default_factory=list)  # the names of all the workbook's visible sheets


def workbook_kind(data):
    """ "xlsx", "ods", "xls" or None, from the bytes (never from the file name)."""
    if data.startswith(OLE_MAGIC):
        return "xls"
    if data[:2] != b"PK":
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == ODS_MIMETYPE:
                return "ods"
    except (zipfile.BadZipFile, OSError, EOFError, KeyError):
        return "xlsx"  # opened below, where the damage is reported
    return "xlsx"


def refuse_damaged(kind):
    raise FileRefused(
        _("The workbook (%(kind)s) cannot be opened; it may be damaged or protected by a password. Save it again.")
        % {"kind": kind.upper()}
    )


def refuse_too_big(cells):
    raise FileRefused(
        _(
            "A sheet of this workbook spans %(cells)s cells (from its first to its last filled row and column); "
            "at most %(limit)s are read. Delete stray cells far below or to the right of the table, or copy the "
            "table into a new workbook."
        )
        % {"cells": f"{cells:,}".replace(",", " "), "limit": f"{max_cells():,}".replace(",", " ")}
    )


class Extent:
    """The span of the cells that hold something: calamine's grid."""

    __slots__ = ("rows", "cols")

    def __init__(self):
        self.rows = [None, None]
        self.cols = [None, None]

    def add(self, row, col):
        rows, cols = self.rows, self.cols
        if rows[0] is None:
            rows[0] = rows[1] = row
            cols[0] = cols[1] = col
            return
        if row < rows[0]:
            rows[0] = row
        elif row > rows[1]:
            rows[1] = row
        if col < cols[0]:
            cols[0] = col
        elif col > cols[1]:
            cols[1] = col

    @property
    def cells(self):
        if self.rows[0] is None:
            return 0
        return (self.rows[1] - self.rows[0] + 1) * (self.cols[1] - self.cols[0] + 1)


# --- XLSX ---------------------------------------------------------------------------------------

# A cell tag, its attributes read quote by quote (a ">" inside a quoted value does not end it).
XLSX_CELL = re.compile(rb"<(?:\w+:)?(c|row)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*?)(/>|></(?:\w+:)?c>|>)")
XLSX_CELL_FAST = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(/>|></c>|>)')
XLSX_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
LONG_TEXT = re.compile(rb"[^<]{%d}" % (128 * 1024 + 1))
XLSX_REF = re.compile(rb"\br=[\"']([A-Z]{1,3})?([0-9]{1,7})[\"']")


def column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def xlsx_sheet_parts(archive):
    """[(sheet name, zip member)] in workbook order, from xl/workbook.xml and its relationships."""

    def small(name):
        info = archive.getinfo(name)
        if info.file_size > SMALL_PART_BYTES:
            refuse_damaged("xlsx")
        return ElementTree.fromstring(archive.read(name))

    try:
        book = small("xl/workbook.xml")
        rels = small("xl/_rels/workbook.xml.rels")
    except (KeyError, ElementTree.ParseError):
        refuse_damaged("xlsx")
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
    parts = []
    for sheet in book.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rid = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), None)
        target = targets.get(rid, "")
        member = target.lstrip("/") if target.startswith("/") else "xl/" + target
        parts.append((sheet.get("name", ""), member))
    return parts


def xlsx_extent(archive, member):
    """Cells spanned in one sheet, streamed from its XML. `<c r="A5" s="1"/>` holds nothing (calamine skips it)."""
    extent = Extent()
    row = 0
    col = 0
    tail = b""
    since_tag = 0
    try:
        stream = archive.open(member)
    except KeyError:
        refuse_damaged("xlsx")
    with stream:
        while chunk := stream.read(1 << 20):
            first, last = chunk.find(b"<"), chunk.rfind(b"<")
            if since_tag + (len(chunk) if first == -1 else first) > CELL_TEXT_LIMIT or LONG_TEXT.search(chunk):
                refuse_long_cell()
            since_tag = since_tag + len(chunk) if last == -1 else len(chunk) - last
            text = tail + chunk
            cut = text.rfind(b"<")
            if text[cut : cut + 2] == b"</":  # keep a cell and its closing tag together
                cut = text.rfind(b"<", 0, cut)
            text, tail = text[:cut], text[cut:]
            fast = XLSX_CELL_FAST.findall(text)
            if len(fast) == len(XLSX_ANY_CELL.findall(text)):
                # Every cell is written as Excel writes it, its reference first: a quick sweep.
                filled_cells = [(letters, digits) for letters, digits, end in fast if end == b">"]
                if filled_cells:
                    row_numbers = [int(digits) for _letters, digits in filled_cells]
                    widest = max(len(letters) for letters, _digits in filled_cells)
                    last_column = max(letters for letters, _digits in filled_cells if len(letters) == widest)
                    narrowest = min(len(letters) for letters, _digits in filled_cells)
                    first_column = min(letters for letters, _digits in filled_cells if len(letters) == narrowest)
                    extent.add(min(row_numbers), column_number(first_column))
                    extent.add(max(row_numbers), column_number(last_column))
                fast = True
            else:
                fast = False
            for tag, attributes, end in () if fast else XLSX_CELL.findall(text):
                ref = XLSX_REF.search(attributes)
                if tag == b"row":
                    row = int(ref[2]) if ref else row + 1
                    col = 0
                    continue
                if ref and ref[1]:
                    row, col = int(ref[2]), column_number(ref[1])
                else:
                    col += 1
                if end == b">":  # `<c …/>` and `<c …></c>` hold nothing
                    extent.add(row, col)
            if len(tail) > 1 << 20:  # a "tag" a megabyte long is no tag of a sheet
                refuse_damaged("xlsx")
    return extent.cells


def check_xlsx(data, names=()):
    """Refuse before calamine opens the workbook (its texts) or a sheet (each sheet to be read is counted)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        refuse_damaged("xlsx")
    with archive:
        parts = dict(xlsx_sheet_parts(archive))
        shared = next((info for info in archive.infolist() if info.filename.endswith("sharedStrings.xml")), None)
        # The shared strings are held in memory whole: no more of them than the largest file accepted.
        if shared is not None and shared.file_size > max_upload_bytes():
            raise FileRefused(
                _("The workbook's texts unpack to %(size)s MB, more than is accepted.")
                % {"size": shared.file_size // 1048576}
            )
        for name in names:
            if name in parts:
                cells = xlsx_extent(archive, parts[name])
                if cells > max_cells():
                    refuse_too_big(cells)


# --- ODS ----------------------------------------------------------------------------------------

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def ods_extent(data):
    """Cells spanned by the largest table of an ODS's content.xml, counting repeated rows and cells,
    streamed through expat (no tree is built)."""
    largest = 0
    state = {"extent": None, "row": 0, "col": 0, "row_repeat": 1, "cell": None, "depth_text": 0}

    def start(name, attrs):
        if name == f"{TABLE} table":
            state.update(extent=Extent(), row=0)
        elif name == f"{TABLE} table-row":
            state["row_repeat"] = min(int(attrs.get(f"{TABLE} number-rows-repeated", "1") or 1), 1 << 21)
            state["col"] = 0
        elif name in (f"{TABLE} table-cell", f"{TABLE} covered-table-cell"):
            repeat = min(int(attrs.get(f"{TABLE} number-columns-repeated", "1") or 1), 1 << 15)
            has_value = f"{OFFICE} value-type" in attrs
            state["cell"] = [repeat, has_value, 0]
        elif name.startswith(f"{TEXT} ") and state["cell"] is not None:
            state["cell"][1] = True

    def text(content):
        if state["cell"] is not None:
            state["cell"][2] += len(content)
            if state["cell"][2] > CELL_TEXT_LIMIT:
                refuse_long_cell()
            if content.strip():
                state["cell"][1] = True

    def end(name):
        nonlocal largest
        if name in (f"{TABLE} table-cell", f"{TABLE} covered-table-cell"):
            repeat, has_value, _length = state["cell"]
            first = state["col"] + 1
            state["col"] += repeat
            if has_value and state["extent"] is not None:
                for row in (state["row"] + 1, state["row"] + state["row_repeat"]):
                    state["extent"].add(row, first)
                    state["extent"].add(row, state["col"])
            state["cell"] = None
        elif name == f"{TABLE} table-row":
            state["row"] += state["row_repeat"]
        elif name == f"{TABLE} table" and state["extent"] is not None:
            largest = max(largest, state["extent"].cells)

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
                if state["extent"] is not None and max(largest, state["extent"].cells) > max_cells():
                    refuse_too_big(max(largest, state["extent"].cells))
            parser.Parse(b"", True)
    except (zipfile.BadZipFile, KeyError, expat.ExpatError, ValueError, OSError, EOFError):
        refuse_damaged("ods")
    return largest


# --- XLS ----------------------------------------------------------------------------------------

# BIFF8 records that hold a cell's value, with (row, column) first. (BLANK and MULBLANK hold only
# formatting: calamine skips them.) MULRK holds several columns of one row.
XLS_VALUE_RECORDS = {0x0203, 0x027E, 0x00FD, 0x0204, 0x00D6, 0x0205, 0x0006}
XLS_MULRK = 0x00BD
XLS_BOF, XLS_EOF = 0x0809, 0x000A


def xls_cells(data):
    """Cells spanned by all sheets of an XLS together: calamine builds every sheet when it opens one."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
        stream_name = next((name for name in ("Workbook", "Book") if ole.exists(name)), None)
        if stream_name is None:
            refuse_damaged("xls")
        stream = ole.openstream(stream_name).read()
    except OSError:
        refuse_damaged("xls")
    total = 0
    extent = None
    position = 0
    size = len(stream)
    unpack = struct.unpack_from
    while position + 4 <= size:
        kind, length = unpack("<HH", stream, position)
        body = position + 4
        position = body + length
        if kind == XLS_BOF:
            extent = Extent()
        elif kind == XLS_EOF and extent is not None:
            total += extent.cells
            extent = None
            if total > max_cells():
                refuse_too_big(total)
        elif extent is not None and length >= 4 and kind in XLS_VALUE_RECORDS:
            row, col = unpack("<HH", stream, body)
            extent.add(row, col)
        elif extent is not None and kind == XLS_MULRK and length >= 6:
            row, first = unpack("<HH", stream, body)
            (last,) = unpack("<H", stream, body + length - 2)
            extent.add(row, first)
            extent.add(row, max(first, last))
    if extent is not None:
        total += extent.cells
    return total


# --- Reading ------------------------------------------------------------------------------------


def plain_cell(value):
    """A calamine cell as the import reads it: "" -> None, numbers as Excel shows them (15 digits)."""
    if value.__class__ is str:
        return value if value else None
    if value.__class__ is float:
        if value.is_integer() and abs(value) < 1e15:
            return int(value)
        return Decimal(format(value, ".15g")) if value == value and abs(value) != float("inf") else None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.time | datetime.timedelta):
        return str(value)
    return value


def open_workbook(data, kind):
    from python_calamine import CalamineError, CalamineWorkbook

    if kind == "xls":
        xls_cells(data)
    elif kind == "xlsx":
        check_xlsx(data)
    elif kind == "ods":
        ods_extent(data)
    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError):
        refuse_damaged(kind)


def visible_sheet_names(book):
    from python_calamine import SheetVisibleEnum

    try:
        return [meta.name for meta in book.sheets_metadata if meta.visible == SheetVisibleEnum.Visible]
    except Exception:  # noqa: BLE001 (metadata missing in an odd file: every sheet is offered)
        return list(book.sheet_names)


def read_sheet(book, kind, data, name):
    """Sheet `name`: its rows (numbered as in the file) and merged ranges (0-based, as in the file)."""
    from python_calamine import CalamineError

    if kind == "xlsx":
        check_xlsx(data, [name])
    try:
        sheet = book.get_sheet_by_name(name)
        start = sheet.start or (0, 0)
        merged = [
            ((r1, c1 - start[1]), (r2, c2 - start[1])) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])
        ]
        rows = []
        for index, row in enumerate(sheet.iter_rows(), start=1):
            cells = [plain_cell(cell) for cell in row]
            while cells and cells[-1] is None:
                cells.pop()
            if cells:
                rows.append((index, cells))
    except (CalamineError, ValueError, OverflowError) as error:
        raise FileRefused(
            _("A cell of sheet “%(sheet)s” cannot be read (%(problem)s). Save the workbook again from Excel.")
            % {"sheet": name, "problem": str(error)[:200]}
        ) from None
    return Sheet(name, rows, merged)


def workbook_sheets(data, kind):
    """(book, visible sheet names) of a workbook; each sheet is read by `read_sheet` when wanted."""
    book = open_workbook(data, kind)
    names = visible_sheet_names(book)
    if not names:
        raise FileRefused(_("The workbook has no visible sheet."))
    return book, names
