"""How a number is read in and written out (portal/numbers.py): exactly, never guessed, never in exponent form."""

import math
from decimal import Decimal

import pytest
from django.utils import translation

from portal.numbers import native_decimal, plain_decimal


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("13.200000"), "13.2"),  # as stored, six decimal places
        (Decimal("-13.50"), "-13.5"),
        (Decimal("120.50"), "120.5"),
        (Decimal("100.000000"), "100"),
        (Decimal("100"), "100"),  # zeros before the decimal point stay
        (Decimal("0.000001"), "0.000001"),
        (Decimal("324462"), "324462"),
        (1200, "1200"),
    ],
)
def test_a_decimal_is_written_with_the_digits_that_carry_meaning(value, text):
    assert plain_decimal(value) == text


@pytest.mark.parametrize(
    "text, written",
    [
        ("13.200000", "13.2"),  # the database's text of a stored value
        ("-13.500000", "-13.5"),
        ("2000.000000", "2000"),
        ("0.000000", "0"),
        ("100", "100"),
        ("-13.5", "-13.5"),
    ],
)
def test_the_databases_text_is_written_as_the_decimal_would_be(text, written):
    assert plain_decimal(text) == written == plain_decimal(Decimal(text))


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1.2E+6"), "1200000"),
        ("1.2E+6", "1200000"),
        ("1.2e6", "1200000"),
        (Decimal("1.20E+3"), "1200"),
        (Decimal("1E+2"), "100"),
        (Decimal("1E-7"), "0.0000001"),
        ("1e-07", "0.0000001"),
        (Decimal("-2.5E-3"), "-0.0025"),
        (Decimal("0E-6"), "0"),
    ],
)
def test_exponent_forms_are_written_out_in_full(value, text):
    assert plain_decimal(value) == text


@pytest.mark.parametrize("value", [Decimal("-0"), "-0", Decimal("-0.000000"), "-0.000000", Decimal("-0E-6")])
def test_negative_zero_is_written_as_zero(value):
    assert plain_decimal(value) == "0"


def test_nothing_is_written_as_an_empty_text():
    assert plain_decimal(None) == ""


@pytest.mark.parametrize(
    "value, decimal",
    [
        (0.1, Decimal("0.1")),  # what was typed into the cell, not 0.1000000000000000055…
        (13.2, Decimal("13.2")),
        (0.30000000000000004, Decimal("0.30000000000000004")),  # a float that is not 0.3 stays so
        (1e-07, Decimal("1E-7")),
        (1e20, Decimal("1E+20")),
        (-2.5, Decimal("-2.5")),
        (42, Decimal(42)),
        (-7, Decimal(-7)),
        (Decimal("13.20"), Decimal("13.20")),
    ],
)
def test_a_typed_number_becomes_the_decimal_it_shows(value, decimal):
    converted = native_decimal(value)
    assert isinstance(converted, Decimal)
    assert converted == decimal and str(converted) == str(decimal)


@pytest.mark.parametrize("value, text", [(0.1, "0.1"), (1e-07, "0.0000001"), (1e20, "100000000000000000000")])
def test_a_spreadsheets_float_is_written_back_as_the_person_typed_it(value, text):
    assert plain_decimal(native_decimal(value)) == text


@pytest.mark.parametrize("value", ["12", "13,2", "", None, b"1", [1]])
def test_text_and_other_values_are_left_to_the_caller(value):
    assert native_decimal(value) is None


@pytest.mark.parametrize(
    "value", [True, False, math.nan, math.inf, -math.inf, Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")]
)
def test_booleans_and_non_finite_numbers_are_refused(value):
    with pytest.raises(ValueError, match="^not a number$"):
        native_decimal(value)


@pytest.mark.parametrize("language, message", [("en", "not a number"), ("ru", "не число"), ("kk", "сан емес")])
def test_the_refusal_is_in_the_readers_language(language, message):
    with translation.override(language), pytest.raises(ValueError) as refused:
        native_decimal(True)
    assert str(refused.value) == message
