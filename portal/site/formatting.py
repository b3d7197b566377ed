"""How numbers and periods read in the reader's language.

Numbers group thousands and use each language's decimal sign (kk, ru: 324 462 and 13,2;
en: 324,462 and 13.2); the formats come from Django and, for Kazakh, from portal/formats/.
Grouping is forced here rather than with USE_THOUSAND_SEPARATOR, which would also split
years and ids everywhere else (2 021).
"""

from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.utils import formats
from django.utils.translation import get_language, gettext_lazy, pgettext, trans_real

from indicators.periods import parse_period

# One message per quarter: Russian and Kazakh write the quarter in Roman numerals (II квартал).
QUARTER_LABELS = {
    "1": gettext_lazy("Q1 %(year)s"),
    "2": gettext_lazy("Q2 %(year)s"),
    "3": gettext_lazy("Q3 %(year)s"),
    "4": gettext_lazy("Q4 %(year)s"),
}


def rounded(value, decimals=0):
    """`value` to `decimals` places, half away from zero (13.35 -> 13.4, -13.35 -> -13.4), as statistics
    offices publish. Django's number_format would cut the extra digits instead (13.35 -> 13.3)."""
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def number(value, decimals=0):
    """A Decimal in the active language: grouped thousands, its decimal sign, `decimals` places (rounded)."""
    if value is None:
        return ""
    return formats.number_format(rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True)


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


@cache
def plural_rule(language):
    """(the catalogue's plural function, its number of forms) for `language` (gettext's Plural-Forms)."""
    plural = trans_real.translation(language).plural
    return plural, max(plural(n) for n in range(200)) + 1


def plural_index(value, *, after_multiplier=False, language=None):
    """Which of the language's plural forms a noun takes after `value` as shown.

    Integers follow the catalogue's rule (ru: 1 предприятие, 2 предприятия, 5 предприятий); a number
    with a fraction takes the last form, CLDR's "other" (ru: 1,5 предприятия; en: 1.5 enterprises);
    after "thousand" or "million" the noun follows that word, as after 5 (ru: 1,2 млн человек).
    """
    plural, forms = plural_rule(language or get_language())
    if after_multiplier:
        return plural(5)
    if value != value.to_integral_value():
        return forms - 1
    return plural(int(abs(value)))


def unit_for(value, indicator):
    """The unit as it reads after `value`: the indicator's unit_forms in the page's language
    (`предприятие|предприятия|предприятий|предприятия`), else its unit as written."""
    forms = [form.strip() for form in (getattr(indicator, f"unit_forms_{get_language()}", "") or "").split("|")]
    if not any(forms):
        return indicator.unit or ""
    multiplied = bool(multiplier_word(indicator.unit_multiplier))
    index = plural_index(rounded(value, indicator.decimals), after_multiplier=multiplied)
    return forms[min(index, len(forms) - 1)]


def quantity(value, indicator, difference=False):
    """`1,2 млн адам`: the value as published, its multiplier word and the unit in the form the number asks for.

    A `difference` is shown without its sign (the page says up or down), and a difference
    of percentages in percentage points.
    """
    if value is None:
        return ""
    unit = unit_for(abs(value) if difference else value, indicator)
    if difference:
        value = abs(value)
        unit = pgettext("percentage points", "pp") if indicator.unit == "%" else unit
    text = number(value, indicator.decimals)
    parts = [text, multiplier_word(indicator.unit_multiplier), unit]
    return " ".join(part for part in parts if part).replace(" %", "\xa0%")


def period_label(period):
    """`2021-Q2` -> `Q2 2021` (en), `2021 ж. II тоқсан` (kk); `2021-08` -> month and year; days as dates."""
    text, start, _end = parse_period(period)
    if len(text) == 4:
        return text
    if "-Q" in text:
        year, quarter = text.split("-Q")
        return QUARTER_LABELS[quarter] % {"year": year}
    if len(text) == 7:
        return formats.date_format(start, "YEAR_MONTH_FORMAT")
    return formats.date_format(start, "DATE_FORMAT")
