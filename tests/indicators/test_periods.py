import datetime

import pytest
from django.core.exceptions import ValidationError

from indicators.periods import parse_period


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2020", datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
        ("2021-Q2", datetime.date(2021, 4, 1), datetime.date(2021, 6, 30)),
        ("2021-Q4", datetime.date(2021, 10, 1), datetime.date(2021, 12, 31)),
        ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
        ("2021-08-01", datetime.date(2021, 8, 1), datetime.date(2021, 8, 1)),
        (" 2019 ", datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
    ],
)
def test_accepted_periods_have_their_first_and_last_day(text, start, end):
    period = parse_period(text)
    assert (period.text, period.start, period.end) == (text.strip(), start, end)


@pytest.mark.parametrize(
    "text",
    ["", "21", "2021-Q5", "2021-13", "2021-02-30", "2021/08", "Q2 2021", "2021-8", "01.08.2021", "2021-W05", "20210"],
)
def test_other_forms_are_refused_with_a_message_that_shows_the_accepted_ones(text):
    with pytest.raises(ValidationError) as refused:
        parse_period(text)
    message = refused.value.messages[0]
    assert f"“{text.strip()}” is not a period" in message
    assert "2021-Q2" in message and "2021-08-01" in message


@pytest.mark.parametrize(
    "text, last_day",
    [
        ("2024-02", datetime.date(2024, 2, 29)),  # a leap year
        ("2023-02", datetime.date(2023, 2, 28)),
        ("2000-02", datetime.date(2000, 2, 29)),  # divisible by 400: a leap year
        ("1900-02", datetime.date(1900, 2, 28)),  # divisible by 100 only: not one
    ],
)
def test_february_ends_as_the_calendar_says(text, last_day):
    assert parse_period(text).end == last_day


@pytest.mark.parametrize("text", ["2024-02-29", "2000-02-29"])
def test_the_29th_of_february_is_a_day_in_leap_years(text):
    period = parse_period(text)
    assert period.start == period.end == datetime.date.fromisoformat(text)


@pytest.mark.parametrize("text", ["2023-02-29", "1900-02-29", "2024-02-30"])
def test_the_29th_of_february_is_refused_in_other_years(text):
    with pytest.raises(ValidationError, match=f"“{text}” is not a period"):
        parse_period(text)


@pytest.mark.parametrize(
    "quarter, start, end",
    [
        ("2021-Q1", datetime.date(2021, 1, 1), datetime.date(2021, 3, 31)),
        ("2021-Q2", datetime.date(2021, 4, 1), datetime.date(2021, 6, 30)),
        ("2021-Q3", datetime.date(2021, 7, 1), datetime.date(2021, 9, 30)),
        ("2021-Q4", datetime.date(2021, 10, 1), datetime.date(2021, 12, 31)),
    ],
)
def test_each_quarter_runs_from_its_first_to_its_last_day(quarter, start, end):
    assert parse_period(quarter)[1:] == (start, end)


@pytest.mark.parametrize(
    "month, end",
    [("2021-04", 30), ("2021-06", 30), ("2021-09", 30), ("2021-11", 30), ("2021-01", 31), ("2021-12", 31)],
)
def test_months_end_on_their_last_day(month, end):
    period = parse_period(month)
    assert (period.start.day, period.end.day, period.end.month) == (1, end, period.start.month)


@pytest.mark.parametrize(
    "text, start",
    [
        ("1800", datetime.date(1800, 1, 1)),
        ("1800-Q1", datetime.date(1800, 1, 1)),
        ("1800-01", datetime.date(1800, 1, 1)),
        ("1800-01-01", datetime.date(1800, 1, 1)),
    ],
)
def test_periods_from_1800_on_are_accepted(text, start):
    assert parse_period(text).start == start


@pytest.mark.parametrize("text", ["1799", "1799-Q4", "1799-12", "1799-12-31", "0000", "0999"])
def test_periods_before_1800_are_refused(text):
    with pytest.raises(ValidationError, match=f"“{text}” is not a period"):
        parse_period(text)


@pytest.mark.parametrize("text", ["2021-Q2", "\t2021-Q2\n", "  2021-Q2", "2021-Q2\u00a0", "\n2021-Q2  "])
def test_spaces_around_a_period_are_dropped_and_the_period_is_kept_without_them(text):
    assert parse_period(text) == ("2021-Q2", datetime.date(2021, 4, 1), datetime.date(2021, 6, 30))


@pytest.mark.parametrize("text", ["2021 -Q2", "2021- Q2", "2021-Q 2", "20 21", "2021 08"])
def test_spaces_inside_a_period_are_refused(text):
    with pytest.raises(ValidationError, match=f"“{text}” is not a period"):
        parse_period(text)


def test_a_number_is_read_as_the_year_it_writes_and_nothing_is_no_period():
    assert parse_period(2021) == ("2021", datetime.date(2021, 1, 1), datetime.date(2021, 12, 31))
    with pytest.raises(ValidationError, match="“” is not a period"):
        parse_period(None)
