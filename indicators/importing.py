"""Reading the observation files editors really get: bytes -> rows of cells -> raw observations.

CSV as Excel writes it on Russian or Kazakh Windows (cp1251 or kz1048, semicolons,
decimal commas) or as UTF-8/UTF-16 (`textfiles`); XLSX, XLS and ODS workbooks
(`workbooks`). Encoding, separator and decimal mark are detected; where a file leaves
them open (is "1,234" one thousand two hundred and thirty-four, or one and a bit?)
the editor is asked, never guessed for: a number must not be read as a thousand
times itself.

Three layouts: long (one row per observation: indicator, region, period, value …),
wide (one row per indicator, periods as columns) and the statistics bureau's bulletin
(`bulletins`: title, unit and merged header rows, regions as rows, footnotes). All
come out as `RawObservation`s that `selectors.observation_import_plan` resolves
against the database. Caps on columns and cells keep a small hostile file from
taking much memory: it is refused, with a message, before it is held.
"""

import operator
import re
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.languages import translated_columns
from portal.numbers import PLAIN_NUMBER, native_decimal

from .bulletins import bulletin_layout
from .cells import cell_text, figure_kind, header_period
from .cycle_collection import cycle_collection_paused
from .errors import ChoiceNeeded, FileRefused, RowError
from .textfiles import ENCODINGS, SEPARATORS, csv_rows
from .workbooks import max_cells, max_upload_bytes, read_sheet, workbook_kind, workbook_sheets

__all__ = ["ENCODINGS", "SEPARATORS", "ChoiceNeeded", "FileRefused", "RowError", "cell_text"]

DECIMAL_MARKS = {",": gettext_lazy("decimal comma: 1 234,5"), ".": gettext_lazy("decimal point: 1,234.5")}
# Thousands separators: space, no-break space, narrow no-break space, thin space, apostrophes.
GROUPING_CHARACTERS = " \u00a0\u202f\u2009'’"
# A row wider than this is no table of observations (a million-column header is refused at once).
MAX_COLUMNS = 2000

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
    "note": {"note", "примечание", "ескерту", "comment"},
}
ALIAS_TO_COLUMN = {alias: column for column, aliases in COLUMN_ALIASES.items() for alias in aliases}
HEADER_SEARCH_ROWS = 30


@dataclass
class ReadOptions:
    """What the editor chose; empty means "detect"."""

    encoding: str = ""
    separator: str = ""
    decimal: str = ""
    region: str = ""  # region code for a file without a region column (or whose rows are indicators)
    indicator: str = ""  # indicator code for a one-indicator table (a bulletin)
    sheet: str = ""  # a workbook's sheet; empty: the first sheet holding a table
    group: str = ""  # which of several tables side by side on one sheet (1, 2, …)
    unit: str = ""  # the unit of the values, when the file does not state it ("тыс. человек")
    skip_unknown_regions: bool = False  # rows of regions the portal does not hold are skipped on purpose
    note_language: str = ""  # the language of a "note" column that does not say it (the portal's downloads)


class RowCells:
    """A long file's row read by column name, sharing one `LongColumns` with every row: a dict per row
    would cost about 60 MB per 100,000 rows. Rows are as wide as the columns read (padded with None)."""

    __slots__ = ("row", "columns")

    def __init__(self, row, columns):
        self.row, self.columns = row, columns

    def get(self, name, default=None):
        position = self.columns.index.get(name)
        return default if position is None else self.row[position]

    __getitem__ = get  # a missing column reads as None, as an empty cell

    def __contains__(self, name):
        return name in self.columns.index

    def as_dict(self):
        """The row as {column: cell}: for code that reads every column of every row (made in C)."""
        return dict(zip(self.columns.names, self.columns.cells_of(self.row), strict=True))


class LongColumns:
    """Where a long file's columns are: {name: position}, and the names with a getter of their cells."""

    __slots__ = ("index", "names", "cells_of", "width")

    def __init__(self, index):
        self.index = index
        self.names = tuple(index)
        positions = tuple(index.values())
        getter = operator.itemgetter(*positions)
        self.cells_of = getter if len(positions) > 1 else (lambda row: (getter(row),))
        self.width = max(positions) + 1


@dataclass(slots=True)
class RawObservation:
    """One observation as the file has it: cells not yet looked up. `labels` names the file's columns."""

    row: int
    cells: dict
    labels: dict


@dataclass
class ParsedFile:
    layout: str  # "long", "wide" or "bulletin"
    observations: list
    encoding: str = ""
    separator: str = ""
    decimal: str = "."
    ignored_columns: list = field(default_factory=list)
    skipped_cells: int = 0
    errors: list = field(default_factory=list)
    sheet: str = ""  # the workbook's sheet read, and all its visible sheets
    sheets: list = field(default_factory=list)
    title: str = ""
    unit: str = ""  # the unit the file states for all its values
    footnotes: list = field(default_factory=list)  # text under the table, reported, never read as data
    marks: list = field(default_factory=list)  # footnote marks taken off labels and figures
    sections: list = field(default_factory=list)  # labels without figures ("в том числе:")
    skipped_by_kind: dict = field(default_factory=dict)  # "confidential", "nothing", "no_data", "empty"
    skip_unknown_regions: bool = False


def max_observations():
    return getattr(settings, "OBSERVATION_IMPORT_MAX_ROWS", 100_000)


def check_observation_count(observations):
    """Refuses a file once it holds more observations than one import takes (memory stays bounded)."""
    if len(observations) > max_observations():
        raise FileRefused(
            _(
                "The file holds more than %(limit)s observations, more than one import takes. Split it into parts "
                "(by indicator or by years)."
            )
            % {"limit": f"{max_observations():,}".replace(",", " ")}
        )


def check_size(size):
    limit = max_upload_bytes()
    if size > limit:
        raise FileRefused(
            _("The file is %(size)s MB; files up to %(limit)s MB are accepted. Split it into parts.")
            % {"size": round(size / 1048576, 1), "limit": round(limit / 1048576, 1)}
        )


def check_rows(rows):
    """The rows as read, refused past the caps that keep a small file from taking much memory."""
    limit = max_cells()
    cells = 0
    for number, row in rows:
        while row and row[-1] in ("", None):
            row.pop()
        if len(row) > MAX_COLUMNS:
            raise FileRefused(
                _("Row %(row)s has %(count)s columns; a table of observations has at most %(limit)s.")
                % {"row": number, "count": len(row), "limit": MAX_COLUMNS}
            )
        cells += len(row)
        if cells > limit:
            raise FileRefused(
                _(
                    "The file holds more than %(limit)s cells, more than one import takes. Split it into parts "
                    "(by indicator or by years)."
                )
                % {"limit": f"{limit:,}".replace(",", " ")}
            )
        yield number, row


def header_column(value):
    return ALIAS_TO_COLUMN.get(cell_text(value).lstrip("\ufeff").strip().lower())


def is_header(cells):
    """Does this row name the indicator column (the header of the long and wide layouts)?"""
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


def parse_number(value, decimal_mark, typed=False):
    """Decimal of a cell, with `decimal_mark` the file's; ValueError with the reason otherwise.

    `typed`: a number an editor typed in a form, where only spaces may group digits (in "1,234" typed
    into an English form the comma is a slip of a Russian hand as often as a thousands separator)."""
    if value.__class__ is not str:  # a spreadsheet's typed number (CSV cells are all text)
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
    if typed and other in text:
        raise ValueError(
            _("write the decimal mark as “%(mark)s” and group thousands by spaces only (1 234%(mark)s5)")
            % {"mark": decimal_mark}
        )
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


@cycle_collection_paused()
def parse_file(data, filename, options=None):
    """ParsedFile of an uploaded file; raises FileRefused or ChoiceNeeded."""
    options = options or ReadOptions()
    check_size(len(data))
    kind = workbook_kind(data)
    encoding = separator = sheet_name = ""
    sheets, merged = [], []
    if kind:
        sheet = choose_sheet(data, kind, options)
        rows, merged, sheet_name, sheets = iter(sheet.rows), sheet.merged, sheet.name, sheet.sheets
    else:
        rows, encoding, separator = csv_rows(data, options, header_column)
    del data
    rows = check_rows(rows)
    head = []
    header = None
    for numbered in rows:
        head.append(numbered)
        if is_header(numbered[1]):
            header = numbered
            break
        if len(head) >= HEADER_SEARCH_ROWS:
            break
    if header is not None:
        parsed = named_layout(header, rows, options)
    else:
        parsed = bulletin_layout(head, rows, merged, options, ParsedFile)
    if parsed is None:
        raise FileRefused(
            _(
                "No table was found in the first %(count)s rows: neither a header naming the columns (indicator, "
                "region, period, value; in Russian показатель, регион, период, значение; in Kazakh көрсеткіш, "
                "өңір, кезең, мән) nor a row of periods as column headings (2020, 2021*, 2022 г.) as statistics "
                "bulletins have."
            )
            % {"count": HEADER_SEARCH_ROWS}
        )
    parsed.encoding, parsed.separator, parsed.sheet, parsed.sheets = encoding, separator, sheet_name, sheets
    parsed.skip_unknown_regions = options.skip_unknown_regions
    texts = (o.cells["value"] for o in parsed.observations if isinstance(o.cells["value"], str))
    parsed.decimal = options.decimal or detect_decimal(texts)
    return parsed


def holds_table(rows):
    from .bulletins import find_period_row

    head = rows[:HEADER_SEARCH_ROWS]
    return any(is_header(cells) for _n, cells in head) or find_period_row(head) is not None


def choose_sheet(data, kind, options):
    """The sheet the editor chose, or the first visible sheet holding a table (bulletins open with contents)."""
    book, names = workbook_sheets(data, kind)
    if options.sheet:
        if options.sheet not in names:
            raise ChoiceNeeded(
                "sheet",
                _("The workbook has no sheet “%(sheet)s”. Choose one of its sheets.") % {"sheet": options.sheet},
                choices=[(name, name) for name in names],
            )
        chosen = read_sheet(book, kind, data, options.sheet)
    else:
        chosen = None
        for name in names:
            sheet = read_sheet(book, kind, data, name)
            if holds_table(sheet.rows):
                chosen = sheet
                break
        if chosen is None:
            raise FileRefused(
                _("No sheet of the workbook holds a table (sheets: %(sheets)s).") % {"sheets": ", ".join(names)}
            )
    chosen.sheets = names
    return chosen


def named_layout(header, rows, options):
    """The long and wide layouts: a header row naming the indicator column."""
    header_number, header_cells = header
    columns = {}
    periods = {}
    ignored = []
    for index, cell in enumerate(header_cells):
        label = cell_text(cell)
        column = header_column(cell)
        if column and column not in columns:
            columns[column] = (index, label)
        elif "period" not in columns and (period := header_period(cell)):
            periods[index] = (*period, label)
        elif label:
            ignored.append(label)
    if "note" in columns:
        columns = note_in_language(columns, options)
    if "period" in columns and "value" in columns:
        parsed = long_layout(rows, columns)
        parsed.ignored_columns = ignored + [label for _p, _m, label in periods.values()]
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
    return parsed


def note_in_language(columns, options):
    """A "note" column (as the portal's downloads write it, in the language of the page) goes to the
    note of the language the editor names; it is never dropped without a word."""
    languages = dict(settings.LANGUAGES)
    if options.note_language not in languages:
        raise ChoiceNeeded(
            "note_language",
            _("The file has a “note” column that does not say its language. Choose the language of the notes."),
            choices=[(code, str(name)) for code, name in settings.LANGUAGES],
        )
    target = f"note_{options.note_language}"
    if target in columns:
        raise FileRefused(
            _("The file has both a “note” and a “%(column)s” column; keep one of them.") % {"column": target}
        )
    return {(target if name == "note" else name): place for name, place in columns.items()}


def row_cells(row, columns):
    return {name: (row[index] if index < len(row) else None) for name, (index, _label) in columns.items()}


def long_layout(rows, columns):
    labels = {name: label for name, (_index, label) in columns.items()}
    index = {name: position for name, (position, _label) in columns.items()}
    # Codes repeat on every row: one string each instead of one per cell.
    repeated = [index[name] for name in ("indicator", "region", "period", "status", "source") if name in index]
    intern = sys.intern
    observations = []
    limit = max_observations()
    shared = LongColumns(index)
    width = shared.width
    for number, row in rows:
        if row.count("") + row.count(None) == len(row):  # an empty row (counted in C: every row is looked at)
            continue
        if len(row) < width:  # its empty cells at the end were taken off as it was read
            row.extend([None] * (width - len(row)))
        for position in repeated:
            if row[position].__class__ is str:
                row[position] = intern(row[position])
        observations.append(RawObservation(number, RowCells(row, shared), labels))
        if len(observations) > limit:
            check_observation_count(observations)
    return ParsedFile("long", observations)


def wide_layout(rows, columns, periods, options):
    observations = []
    skipped = {}
    base_labels = {name: label for name, (_index, label) in columns.items()}
    fixed = {}
    if "region" not in columns:
        if not options.region:
            raise ChoiceNeeded("region", _("The file has no region column. Choose the region its figures are for."))
        fixed["region"] = options.region
    if "indicator" not in columns and options.indicator:
        fixed["indicator"] = options.indicator
    marked = any(provisional for _period, provisional, _label in periods.values())
    for number, row in rows:
        if row.count("") + row.count(None) == len(row):  # an empty row (counted in C: every row is looked at)
            continue
        cells = {**row_cells(row, columns), **fixed}
        for index, (period, provisional, label) in periods.items():
            value = row[index] if index < len(row) else None
            kind = figure_kind(value)
            if kind:
                skipped[kind] = skipped.get(kind, 0) + 1
                continue
            status = {"status": "P" if provisional else "A"} if marked else {}
            observations.append(
                RawObservation(
                    number,
                    {**cells, "period": period, "value": value, **status},
                    {**base_labels, "period": label, "value": label},
                )
            )
        check_observation_count(observations)
    parsed = ParsedFile("wide", observations, skipped_cells=sum(skipped.values()))
    parsed.skipped_by_kind = skipped
    return parsed
