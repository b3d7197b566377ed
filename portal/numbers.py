"""How a Decimal value is written out: as published, never in exponent form."""

from decimal import Decimal


def plain_decimal(value):
    """`Decimal('13.200000')` -> `'13.2'`, `Decimal('1.2E+6')` -> `'1200000'`; None -> ''.

    Values are stored with six decimal places; files and messages show them with
    the digits that carry meaning, so an export read back gives the same text.
    """
    if value is None:
        return ""
    value = Decimal(value)
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text
