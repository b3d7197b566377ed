"""How a Decimal value is written out: as published, never in exponent form."""

from decimal import Decimal


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
