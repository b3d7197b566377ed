"""Numbers and periods as the reader sees them in kk, ru and en (portal/site/formatting.py).

Kazakh and Russian group thousands with a no-break space (U+00A0, what Django's ru formats and
portal/formats/kk give) and write a decimal comma; English groups with a comma and writes a point.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from indicators.models import Indicator
from portal.site.formatting import multiplier_word, number, period_label, quantity

NBSP = "\xa0"


def indicator(unit=("", "", ""), decimals=0, unit_multiplier=0):
    """An (unsaved) indicator with its unit in kk, ru and en."""
    unit_kk, unit_ru, unit_en = unit
    return Indicator(
        unit_kk=unit_kk, unit_ru=unit_ru, unit_en=unit_en, decimals=decimals, unit_multiplier=unit_multiplier
    )


PERCENT = ("%", "%", "%")
PEOPLE = ("адам", "человек", "people")
TENGE = ("теңге", "тенге", "tenge")


@pytest.mark.parametrize(
    "value, decimals, kk_ru, en",
    [
        (Decimal("324462.5"), 1, f"324{NBSP}462,5", "324,462.5"),
        (Decimal("1234567"), 0, f"1{NBSP}234{NBSP}567", "1,234,567"),
        (Decimal("-1234.5"), 2, f"-1{NBSP}234,50", "-1,234.50"),  # as many decimals as asked, zeros included
        (Decimal("13"), 1, "13,0", "13.0"),
        (Decimal("999"), 0, "999", "999"),
        (Decimal("0.5"), 1, "0,5", "0.5"),
        ("13.200000", 1, "13,2", "13.2"),  # a stored value, with the indicator's decimals
        (324462, 0, f"324{NBSP}462", "324,462"),
    ],
)
def test_numbers_group_thousands_and_use_the_languages_decimal_sign(value, decimals, kk_ru, en):
    for language, expected in [("kk", kk_ru), ("ru", kk_ru), ("en", en)]:
        with translation.override(language):
            assert number(value, decimals) == expected, language


@pytest.mark.parametrize(
    "value, decimals, kk_ru, en",
    [
        # Extra digits are rounded half away from zero, not cut (Django's number_format cuts: 13.35 -> 13.3).
        (Decimal("13.35"), 1, "13,4", "13.4"),
        (Decimal("13.25"), 1, "13,3", "13.3"),  # half up, not half to even
        (Decimal("-13.35"), 1, "-13,4", "-13.4"),
        (Decimal("13.34999"), 1, "13,3", "13.3"),
        (Decimal("2.5"), 0, "3", "3"),
        (Decimal("999.96"), 1, f"1{NBSP}000,0", "1,000.0"),  # a carry reaches the grouping
        ("12.649999", 1, "12,6", "12.6"),
    ],
)
def test_extra_digits_are_rounded_half_up_not_cut(value, decimals, kk_ru, en):
    for language, expected in [("kk", kk_ru), ("ru", kk_ru), ("en", en)]:
        with translation.override(language):
            assert number(value, decimals) == expected, language


def test_no_number_is_written_as_nothing():
    for language in ("kk", "ru", "en"):
        with translation.override(language):
            assert number(None) == ""


@pytest.mark.parametrize(
    "language, words",
    [
        ("kk", ["", "мың", "млн", "млрд"]),
        ("ru", ["", "тыс.", "млн", "млрд"]),
        ("en", ["", "thousand", "million", "billion"]),
    ],
)
def test_the_unit_multiplier_is_a_word_in_each_language(language, words):
    with translation.override(language):
        assert [multiplier_word(power) for power in (0, 3, 6, 9)] == words
        # Powers without a word are written as powers of ten.
        assert (multiplier_word(2), multiplier_word(-3), multiplier_word(12)) == ("×10^2", "×10^-3", "×10^12")


@pytest.mark.parametrize(
    "language, share, people, tenge",
    [
        ("kk", f"13,2{NBSP}%", "1,2 млн адам", f"1{NBSP}250 мың теңге"),
        ("ru", f"13,2{NBSP}%", "1,2 млн человек", f"1{NBSP}250 тыс. тенге"),
        ("en", f"13.2{NBSP}%", "1.2 million people", "1,250 thousand tenge"),
    ],
)
def test_a_quantity_is_the_number_its_multiplier_word_and_its_unit(language, share, people, tenge):
    with translation.override(language):
        assert quantity(Decimal("13.2"), indicator(PERCENT, decimals=1)) == share  # the % never left on its own
        assert quantity(Decimal("1.2"), indicator(PEOPLE, decimals=1, unit_multiplier=6)) == people
        assert quantity(Decimal("1250"), indicator(TENGE, unit_multiplier=3)) == tenge
        assert quantity(Decimal("324462"), indicator()) == number(Decimal("324462"))  # no unit, no multiplier


@pytest.mark.parametrize(
    "language, points, people",
    [
        ("kk", "1,5 пайыздық тармақ", "0,3 млн адам"),
        ("ru", "1,5 п. п.", "0,3 млн человек"),
        ("en", "1.5 pp", "0.3 million people"),
    ],
)
def test_a_difference_is_shown_without_its_sign_and_a_difference_of_percentages_in_points(language, points, people):
    share = indicator(PERCENT, decimals=1)
    population = indicator(PEOPLE, decimals=1, unit_multiplier=6)
    with translation.override(language):
        assert quantity(Decimal("-1.5"), share, difference=True) == points
        assert quantity(Decimal("1.5"), share, difference=True) == points
        assert quantity(Decimal("-0.3"), population, difference=True) == people
        # Not a difference: the sign stays and a percentage stays a percentage.
        assert quantity(Decimal("-1.5"), share) == number(Decimal("-1.5"), 1) + f"{NBSP}%"


@pytest.mark.parametrize(
    "period, kk, ru, en",
    [
        ("2021", "2021", "2021", "2021"),
        ("2021-Q1", "2021 ж. I тоқсан", "I квартал 2021 г.", "Q1 2021"),
        ("2021-Q2", "2021 ж. II тоқсан", "II квартал 2021 г.", "Q2 2021"),
        ("2021-Q3", "2021 ж. III тоқсан", "III квартал 2021 г.", "Q3 2021"),
        ("2021-Q4", "2021 ж. IV тоқсан", "IV квартал 2021 г.", "Q4 2021"),
        ("2021-08", "2021 ж. тамыз", "Август 2021 г.", "August 2021"),
        ("2021-01", "2021 ж. қаңтар", "Январь 2021 г.", "January 2021"),
        ("2021-08-01", "2021 ж. 1 тамыз", "1 августа 2021 г.", "Aug. 1, 2021"),
        ("2024-02-29", "2024 ж. 29 ақпан", "29 февраля 2024 г.", "Feb. 29, 2024"),
        (" 2021-Q2 ", "2021 ж. II тоқсан", "II квартал 2021 г.", "Q2 2021"),
    ],
)
def test_a_period_reads_as_the_language_writes_it(period, kk, ru, en):
    for language, expected in [("kk", kk), ("ru", ru), ("en", en)]:
        with translation.override(language):
            assert period_label(period) == expected, language


def test_a_period_the_portal_does_not_accept_has_no_label():
    with pytest.raises(ValidationError):
        period_label("II quarter 2021")
