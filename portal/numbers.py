"""How a number is read in and written out: exactly, never guessed, never in exponent form."""

import math
import re
from decimal import Decimal

from django.utils.translation import gettext as _

# A number as the portal writes it: an optional minus, digits, and a decimal point.
PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def native_decimal(value):
    """A number a spreadsheet or JSON parser already typed, as Decimal; None for text.

    A float becomes the shortest text that reads back as it (0.1 stays 0.1, not
    0.1000000000000000055…), which is what the person typed into the cell.
    """
    if isinstance(value, bool) or (isinstance(value, float | Decimal) and not math.isfinite(value)):
        raise ValueError(_("not a number"))
    if isinstance(value, int | Decimal):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    return None


def plain_decimal(value):
    """`Decimal('13.200000')` or the database's text `'13.200000'` -> `'13.2'`; `1.2E+6` -> `'1200000'`; None -> ''.

    Values are stored with six decimal places; files and messages show them with
    the digits that carry meaning, so an export read back gives the same text.
    The common case is plain string work: downloads call this once per row.
    """
    if value is None:
        return ""
    text = str(value)
    if "E" in text or "e" in text:
        text = format(Decimal(value).normalize(), "f")
    elif "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def localized_decimal(value):
    """A value in the active language's number format, every digit kept: `4,7` and `3 605` in Russian,
    `4.7` and `3,605` in English."""
    from django.utils.formats import number_format

    text = plain_decimal(value)
    if not text:
        return ""
    places = len(text.split(".")[1]) if "." in text else 0
    return number_format(Decimal(text), places, use_l10n=True, force_grouping=True)
