"""How numbers and periods read in the reader's language.

Numbers group thousands and use each language's decimal sign (kk, ru: 324 462 and 13,2;
en: 324,462 and 13.2); the formats come from Django and, for Kazakh, from portal/formats/.
Grouping is forced here rather than with USE_THOUSAND_SEPARATOR, which would also split
years and ids everywhere else (2 021).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy, pgettext

from indicators.periods import parse_period

# One message per quarter: Russian and Kazakh write the quarter in Roman numerals (II квартал).
QUARTER_LABELS = {
    "1": gettext_lazy("Q1 %(year)s"),
    "2": gettext_lazy("Q2 %(year)s"),
    "3": gettext_lazy("Q3 %(year)s"),
    "4": gettext_lazy("Q4 %(year)s"),
}


def number(value, decimals=0):
    """A Decimal in the active language: grouped thousands, its decimal sign, `decimals` places."""
    if value is None:
        return ""
    # Rounded half up here: Django's number_format cuts the digits off (16.59 would read 16.5).
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return formats.number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def multiplier_word(power):
    """SDMX UNIT_MULT as a word: 3 -> thousand, 6 -> million; other powers as ×10ⁿ."""
    words = {
        0: "",
        3: pgettext("unit multiplier", "thousand"),
        6: pgettext("unit multiplier", "million"),
        9: pgettext("unit multiplier", "billion"),
    }
    if power in words:
        return words[power]
    return f"×10^{power}"


def quantity(value, indicator, difference=False):
    """`1,2 млн адам`: the value as published, its multiplier word and the unit.

    A `difference` is shown without its sign (the page says up or down), and a difference
    of percentages in percentage points.
    """
    unit = indicator.unit or ""
    if difference and value is not None:
        value = abs(value)
        unit = pgettext("percentage points", "pp") if unit == "%" else unit
    text = number(value, indicator.decimals)
    parts = [text, multiplier_word(indicator.unit_multiplier), unit]
    return " ".join(part for part in parts if part).replace(" %", "\xa0%")


def period_label(period):
    """`2021-Q2` -> `Q2 2021` (en), `2021 ж. II тоқсан` (kk); `2021-08` -> month and year; days as dates."""
    text, start, end = parse_period(period)
    if len(text) == 4:
        return text
    if "-Q" in text:
        year, quarter = text.split("-Q")
        return QUARTER_LABELS[quarter] % {"year": year}
    if len(text) == 7:
        return formats.date_format(start, "YEAR_MONTH_FORMAT")
    return formats.date_format(start, "DATE_FORMAT")
