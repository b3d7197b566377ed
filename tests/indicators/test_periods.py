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
