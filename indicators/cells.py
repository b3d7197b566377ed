"""Cells of statistics tables: their text, the marks on them and the periods their headings name."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .errors import FileRefused
from .periods import parse_period

# Footnote marks after a label or a heading: "1)", "2)", "*", superscript digits and parentheses.
TRAILING_MARKS = re.compile(r"(?:\s*(?:\d{1,2}\)|\*+|[\u00b9\u00b2\u00b3\u2070-\u2079\u207d\u207e]+))+$")
YEAR_HEADER = re.compile(r"^(\d{4})\s*(?:г\.?|год|гг\.?|ж\.?|жыл)?$", re.IGNORECASE)
# Cells that stand for no figure in published tables, by what they mean.
CONFIDENTIAL = frozenset({"x", "х", "X", "Х"})
NOTHING = frozenset({"-", "–", "—"})
NO_DATA = frozenset({"…", "...", ".."})


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


def strip_marks(text):
    """(label, marks) of a cell: "г. Астана1)" -> ("г. Астана", "1)"); "2022*" -> ("2022", "*")."""
    text = (text or "").strip()
    match = TRAILING_MARKS.search(text)
    if not match or match.start() == 0:
        return text, ""
    return text[: match.start()].rstrip(), match.group().strip()


def figure_kind(value):
    """None for a figure; else why the cell holds none: "empty", "confidential", "nothing" or "no_data"."""
    if value is None:
        return "empty"
    if value.__class__ is not str:
        return None
    text = value.strip()
    if not text:
        return "empty"
    if text in CONFIDENTIAL:
        return "confidential"
    if text in NOTHING:
        return "nothing"
    if text in NO_DATA:
        return "no_data"
    return None


def refuse_date_heading(value):
    raise FileRefused(
        _(
            "A column heading is a date (%(date)s), not a period: Excel turns “апр.25”, “2025-04” or a year typed "
            "into a date-formatted cell into a date (2023 becomes 1905-07-15). Format the heading row as Text and "
            "type the periods as 2025-04 (a month), 2025-Q2 (a quarter) or 2025 (a year)."
        )
        % {"date": value.isoformat()[:10]}
    )


def header_period(value):
    """(period, provisional) a column heading stands for (2019, “2019 г.”, “2022*”, 2021-Q2), or None.

    A mark on the heading ("2022*", "2022 1)") says the column's figures are preliminary."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        refuse_date_heading(value)
    if isinstance(value, int) and not isinstance(value, bool):
        text, marks = str(value), ""
    else:
        text, marks = strip_marks(cell_text(value))
    match = YEAR_HEADER.match(text)
    if match:
        text = match[1]
    elif not text[:1].isdigit():
        return None
    try:
        return parse_period(text).text, bool(marks)
    except ValidationError:
        return None
