"""Reading the observation files editors really get: bytes -> rows of cells.

CSV as Excel writes it on Russian or Kazakh Windows (cp1251 or kz1048,
semicolons, decimal commas) or as UTF-8/UTF-16; XLSX. Encoding, separator and
decimal mark are detected; where a file leaves them open (is "1,234" one
thousand two hundred and thirty-four, or one and a bit?) the editor is asked,
never guessed for: a number must not be read as a thousand times itself.

Two layouts: long (one row per observation: indicator, region, period, value …)
and wide (one row per indicator, periods as columns, as statistics offices
publish). Both come out as `RawObservation`s that `selectors.observation_import_plan`
resolves against the database.
"""

import codecs
import csv
import datetime
import gc
import io
import re
import sys
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from portal.languages import translated_columns
from portal.numbers import PLAIN_NUMBER, native_decimal

from .periods import parse_period

# Codec name -> what the editor sees. kz1048 is Windows' Kazakh code page.
ENCODINGS = {
    "utf-8": gettext_lazy("UTF-8 (with or without BOM)"),
    "utf-16": gettext_lazy("UTF-16 (Excel “Unicode text”)"),
    "cp1251": gettext_lazy("Windows-1251 (Cyrillic, Russian Windows)"),
    "kz1048": gettext_lazy("Windows-1048 (Kazakh Windows)"),
}
SEPARATORS = {";": gettext_lazy("semicolon ;"), ",": gettext_lazy("comma ,"), "\t": gettext_lazy("tab")}
DECIMAL_MARKS = {",": gettext_lazy("decimal comma: 1 234,5"), ".": gettext_lazy("decimal point: 1,234.5")}

# Bytes that are Kazakh letters in kz1048 and rarer Serbian/Ukrainian ones in cp1251.
KAZAKH_ONLY_BYTES = frozenset(b"\x8d\x8e\x9d\x9e\xa1\xa2\xa3\xa5\xaa\xaf\xb4\xba\xbc\xbd\xbe\xbf")
# Thousands separators: space, no-break space, narrow no-break space, thin space, apostrophes.
GROUPING_CHARACTERS = " \u00a0\u202f\u2009'’"
# Cells meaning "no figure" in published tables (wide layout only): skipped, not refused.
NO_FIGURE = {"", "-", "–", "—", "…", "...", "..", "x", "х", "X", "Х"}

# Column names, with the Russian and Kazakh words statistics tables use.
COLUMN_ALIASES = {
    "indicator": {"indicator", "показатель", "көрсеткіш", "indicator_code"},
    "region": {"region", "регион", "өңір", "region_code"},
    "period": {"period", "период", "кезең", "time_period"},
    "value": {"value", "значение", "мән", "obs_value"},
    "status": {"status", "статус", "obs_status"},
    "source": {"source", "источник", "дереккөз"},
    "unit_multiplier": {"unit_multiplier", "unit_mult"},
    **{note: {note} for note in translated_columns("note")},
}
ALIAS_TO_COLUMN = {alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}
YEAR_HEADER = re.compile(r"^(\d{4})\s*(?:г\.?|год|гг\.?|ж\.?|жыл)?$", re.IGNORECASE)
HEADER_SEARCH_ROWS = 30
# A run of this many empty spreadsheet rows ends the data: Excel files formatted
# "to the bottom" carry a million of them, and reading them all takes minutes.
TRAILING_EMPTY_ROWS = 1000


class FileRefused(Exception):
    """The file cannot be read at all (too big, not a table, no header); nothing is imported."""


class ChoiceNeeded(Exception):
    """The file is ambiguous in one respect; the editor must choose (`option` is a ReadOptions field)."""

    def __init__(self, option, message, examples=()):
        self.option = option
        self.examples = list(examples)
        super().__init__(message)


@dataclass
class ReadOptions:
    """What the editor chose; empty means "detect"."""

    encoding: str = ""
    separator: str = ""
    decimal: str = ""
    region: str = ""  # region code for a wide file without a region column


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str

    def __str__(self):
        return _("Row %(row)s, column “%(column)s”, value “%(value)s”: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


class RowCells:
    """A long file's row read by column name, sharing one name -> index map: a dict per row
    would cost about 60 MB per 100,000 rows."""

    __slots__ = ("row", "index")

    def __init__(self, row, index):
        self.row, self.index = row, index

    def get(self, name, default=None):
        position = self.index.get(name)
        if position is None or position >= len(self.row):
            return default
        return self.row[position]

    def __getitem__(self, name):
        return self.get(name)

    def __contains__(self, name):
        return name in self.index


@dataclass(slots=True)
class RawObservation:
    """One observation as the file has it: cells not yet looked up. `labels` names the file's columns."""

    row: int
    cells: dict
    labels: dict


@dataclass
class ParsedFile:
    layout: str  # "long" or "wide"
    observations: list
    encoding: str = ""
    separator: str = ""
    decimal: str = "."
    ignored_columns: list = field(default_factory=list)
    skipped_cells: int = 0
    stopped_at_row: int | None = None  # an XLSX sheet read up to here: a long empty run followed
    errors: list = field(default_factory=list)


def max_upload_bytes():
    return getattr(settings, "OBSERVATION_IMPORT_MAX_BYTES", 50 * 1024 * 1024)


def check_size(size):
    limit = max_upload_bytes()
    if size > limit:
        raise FileRefused(
            _("The file is %(size)s MB; files up to %(limit)s MB are accepted. Split it into parts.")
            % {"size": round(size / 1048576, 1), "limit": round(limit / 1048576, 1)}
        )


# --- Text files ---------------------------------------------------------------------------------


def decode(data, encoding=""):
    """(text, codec) of CSV bytes; BOMs and UTF-16 are recognised, cp1251 and kz1048 told apart."""
    if encoding:
        try:
            codec = "utf-8-sig" if encoding == "utf-8" else encoding
            return data.decode(codec), encoding
        except (UnicodeDecodeError, LookupError):
            raise FileRefused(
                _("The file cannot be read as %(encoding)s. Choose another encoding.")
                % {"encoding": ENCODINGS.get(encoding, encoding)}
            ) from None
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    head = data[:4000]
    if head.count(0) > len(head) // 4:  # UTF-16 without BOM: every other byte of Latin text is zero
        codec = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(codec), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Both Windows code pages decode every byte; they differ only in the Kazakh letters.
    codec = "kz1048" if KAZAKH_ONLY_BYTES.intersection(data) else "cp1251"
    return data.decode(codec), codec


def detect_separator(text):
    sample = [line for line in text[:20000].splitlines()[:40] if line.strip()]
    if not sample:
        raise FileRefused(_("The file is empty."))
    consistent = []
    for separator in SEPARATORS:
        widths = {len(row) for row in csv.reader(sample[:-1] or sample, delimiter=separator)}
        if len(widths) == 1 and widths != {1}:
            consistent.append(separator)
    named = [s for s in SEPARATORS if any(is_header(row) for row in csv.reader(sample, delimiter=s))]
    if len(named) == 1:
        return named[0]
    if len(consistent) == 1 and not named:
        return consistent[0]
    raise ChoiceNeeded(
        "separator", _("Cannot tell which character separates the columns. Choose the separator."), sample[:3]
    )


def csv_rows(data, options):
    text, encoding = decode(data, options.encoding)
    separator = options.separator or detect_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    return ((number, row) for number, row in enumerate(reader, start=1)), encoding, separator


# --- Spreadsheets -------------------------------------------------------------------------------


def xlsx_rows(data, stopped):
    """Rows of the first sheet; stops after a long run of empty rows (see TRAILING_EMPTY_ROWS),
    noting in `stopped["row"]` where, so the editor is told rather than left to guess."""
    import openpyxl

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise FileRefused(
            _("The file is not an XLSX workbook. Save it from Excel as “Excel Workbook (.xlsx)” or as CSV.")
        ) from None
    if unpacked > 20 * max_upload_bytes():  # a "zip bomb" is refused before it is unpacked
        raise FileRefused(
            _("The workbook unpacks to %(size)s MB, more than is accepted.") % {"size": unpacked // 1048576}
        )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise FileRefused(_("The workbook cannot be opened; it may be damaged. Save it again from Excel.")) from None

    def rows():
        sheet = book.worksheets[0]
        empty_run = 0
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row):
                empty_run += 1
                if empty_run >= TRAILING_EMPTY_ROWS:
                    stopped["row"] = number
                    break
                continue
            empty_run = 0
            yield number, list(row)
        book.close()

    return rows()


# --- Cells --------------------------------------------------------------------------------------


def cell_text(value):
    """A cell as text: whole floats from spreadsheets lose their “.0”, numbers are never rounded."""
    if value.__class__ is str:  # the common case, first: CSV cells are all text
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    return str(value).strip()


def header_column(value):
    return ALIAS_TO_COLUMN.get(cell_text(value).lstrip("\ufeff").strip().lower())


def header_period(value):
    """The period a wide file's column stands for (2019, “2019 г.”, 2021-Q2), or None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer():
        text = str(int(value))
    else:
        text = cell_text(value)
    match = YEAR_HEADER.match(text)
    if match:
        text = match[1]
    try:
        return parse_period(text).text
    except Exception:
        return None


def is_header(cells):
    """Does this row name the indicator column (the header of either layout)?"""
    return any(header_column(cell) == "indicator" for cell in cells)


INTEGER = re.compile(r"^-?\d+$")
ONE_MARK = re.compile(r"^-?(\d+)([.,])(\d+)$")


def number_evidence(text):
    """Which decimal mark a number written as `text` implies: ",", ".", "?" (either) or None (no mark)."""
    if INTEGER.match(text):
        return None
    simple = ONE_MARK.match(text)
    if simple:  # the common case, without grouping: decide at once
        whole, mark, fraction = simple.groups()
        return "?" if len(fraction) == 3 and len(whole) <= 3 and not whole.startswith("0") else mark
    grouped = any(ch in text for ch in GROUPING_CHARACTERS)
    bare = "".join(ch for ch in text if ch not in GROUPING_CHARACTERS).lstrip("+-−")
    commas, points = bare.count(","), bare.count(".")
    if not commas and not points:
        return None
    if commas and points:
        return "," if bare.rfind(",") > bare.rfind(".") else "."
    mark = "," if commas else "."
    other = "." if mark == "," else ","
    if bare.count(mark) > 1:
        return other  # 1,234,567: the mark groups thousands
    if grouped:
        return mark  # 4 103,5: spaces group, so the mark is the decimal one
    whole, fraction = bare.split(mark)
    if len(fraction) != 3 or not whole or whole.startswith("0") or len(whole) > 3:
        return mark
    return "?"


def detect_decimal(texts):
    """The file's decimal mark from the number cells' texts, or ChoiceNeeded."""
    found = set()
    ambiguous = []
    for text in texts:
        evidence = number_evidence(text)
        if evidence == "?":
            ambiguous.append(text)
        elif evidence:
            found.add(evidence)
    if len(found) == 1:
        return found.pop()
    if len(found) > 1:
        raise ChoiceNeeded(
            "decimal",
            _(
                "Some numbers use a decimal comma and others a decimal point. Choose the decimal mark; numbers "
                "written the other way will be reported."
            ),
        )
    if ambiguous:
        raise ChoiceNeeded(
            "decimal",
            _(
                "Numbers such as “%(example)s” can be read as a thousand times apart. Choose the decimal mark the "
                "file uses."
            )
            % {"example": ambiguous[0]},
            ambiguous[:5],
        )
    return "."


PLAIN_NUMBERS = {".": PLAIN_NUMBER, ",": re.compile(r"^-?\d+(?:,\d+)?$")}


def parse_number(value, decimal_mark):
    """Decimal of a cell, with `decimal_mark` the file's; ValueError with the reason otherwise."""
    number = native_decimal(value)
    if number is not None:
        return number
    text = cell_text(value)
    if PLAIN_NUMBERS[decimal_mark].match(text):  # most cells: no grouping, no sign games
        return Decimal(text.replace(",", ".") if decimal_mark == "," else text)
    text = text.replace("−", "-")
    if re.search(r"\d[eE][+-]?\d", text):
        raise ValueError(
            _("written in exponent form, which may hide rounded digits; format the column as a number with all digits")
        )
    other = "." if decimal_mark == "," else ","
    negative = text.startswith("-")
    text = text.lstrip("+-").strip()
    whole, _sep, fraction = text.partition(decimal_mark)
    if _sep and not fraction:
        raise ValueError(_("not a number"))
    groups = re.split("[" + re.escape(GROUPING_CHARACTERS + other) + "]", whole)
    if len(groups) > 1 and (not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:])):
        raise ValueError(
            _(
                "not a number: thousands must be grouped by three digits, and the decimal mark of this file is "
                "“%(mark)s”"
            )
            % {"mark": decimal_mark}
        )
    plain = ("-" if negative else "") + "".join(groups) + ("." + fraction if _sep else "")
    if not PLAIN_NUMBER.match(plain):
        raise ValueError(_("not a number"))
    try:
        return Decimal(plain)
    except InvalidOperation:
        raise ValueError(_("not a number")) from None


# --- Layouts ------------------------------------------------------------------------------------


@contextmanager
def paused_garbage_collection():
    """Building 100,000s of small objects sets off the cycle collector again and again, for nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_file(data, filename, options=None):
    """ParsedFile of an uploaded file; raises FileRefused or ChoiceNeeded."""
    with paused_garbage_collection():
        return read_layout(data, filename, options)


def read_layout(data, filename, options):
    options = options or ReadOptions()
    check_size(len(data))
    stopped = {}
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        rows, encoding, separator = xlsx_rows(data, stopped), "", ""
    else:
        rows, encoding, separator = csv_rows(data, options)
    head = []
    header = None
    for numbered in rows:
        head.append(numbered)
        if is_header(numbered[1]):
            header = numbered
            break
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if header is None:
        raise FileRefused(
            ngettext(
                "No header row with an “indicator” column was found in the first %(count)s row. The columns are: "
                "indicator, region, period, value (long layout), or indicator and one column per period "
                "(wide layout).",
                "No header row with an “indicator” column was found in the first %(count)s rows. The columns are: "
                "indicator, region, period, value (long layout), or indicator and one column per period "
                "(wide layout).",
                HEADER_SEARCH_ROWS,
            )
            % {"count": HEADER_SEARCH_ROWS}
        )
    header_number, header_cells = header
    columns = {}
    periods = {}
    ignored = []
    for index, cell in enumerate(header_cells):
        label = cell_text(cell)
        column = header_column(cell)
        if column and column not in columns:
            columns[column] = (index, label)
        elif (period := header_period(cell)) and "period" not in columns:
            periods[index] = (period, label)
        elif label:
            ignored.append(label)
    if "period" in columns and "value" in columns:
        parsed = long_layout(rows, columns)
        parsed.ignored_columns = ignored + [label for _p, label in periods.values()]
    elif periods:
        parsed = wide_layout(rows, columns, periods, options)
        parsed.ignored_columns = ignored
    else:
        raise FileRefused(
            _(
                "The header has neither “period” and “value” columns (long layout) nor columns named by periods such "
                "as 2020 or 2021-Q2 (wide layout)."
            )
        )
    parsed.encoding, parsed.separator = encoding, separator
    parsed.stopped_at_row = stopped.get("row")
    texts = (o.cells["value"] for o in parsed.observations if isinstance(o.cells["value"], str))
    parsed.decimal = options.decimal or detect_decimal(texts)
    return parsed


def row_cells(row, columns):
    return {name: (row[index] if index < len(row) else None) for name, (index, _label) in columns.items()}


def long_layout(rows, columns):
    labels = {name: label for name, (_index, label) in columns.items()}
    index = {name: position for name, (position, _label) in columns.items()}
    # Codes repeat on every row: one string each instead of one per cell.
    repeated = [index[name] for name in ("indicator", "region", "period", "status", "source") if name in index]
    intern = sys.intern
    observations = []
    for number, row in rows:
        if not any(cell not in (None, "") for cell in row):
            continue
        for position in repeated:
            if position < len(row) and row[position].__class__ is str:
                row[position] = intern(row[position])
        observations.append(RawObservation(number, RowCells(row, index), labels))
    return ParsedFile("long", observations)


def wide_layout(rows, columns, periods, options):
    observations = []
    skipped = 0
    base_labels = {name: label for name, (_index, label) in columns.items()}
    errors = []
    if "region" not in columns and not options.region:
        raise ChoiceNeeded("region", _("The file has no region column. Choose the region its figures are for."))
    for number, row in rows:
        if not any(cell not in (None, "") for cell in row):
            continue
        cells = row_cells(row, columns)
        if "region" not in columns:
            cells["region"] = options.region
        for index, (period, label) in periods.items():
            value = row[index] if index < len(row) else None
            if isinstance(value, str) and value.strip() in NO_FIGURE or value is None:
                skipped += 1
                continue
            observations.append(
                RawObservation(
                    number,
                    {**cells, "period": period, "value": value},
                    {**base_labels, "period": label, "value": label},
                )
            )
    parsed = ParsedFile("wide", observations, skipped_cells=skipped, errors=errors)
    return parsed
