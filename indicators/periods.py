"""Observation periods in the ISO 8601 / SDMX TIME_PERIOD forms the portal accepts.

`2020` (year), `2021-Q2` (quarter), `2021-08` (month), `2021-08-01` (day).
Each period is stored as written, with its first and last day for sorting and
filtering.
"""

import calendar
import datetime
import re
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>\d{2})(?:-(?P<day>\d{2}))?))?$")


class Period(NamedTuple):
    text: str
    start: datetime.date
    end: datetime.date


def parse_period(text):
    """Return the Period written as `text`, or raise ValidationError saying what is accepted."""
    text = str(text).strip() if text is not None else ""
    match = PERIOD_PATTERN.match(text)
    try:
        if not match:
            raise ValueError
        year = int(match["year"])
        if year < 1800:
            raise ValueError
        if match["quarter"]:
            first_month = 3 * int(match["quarter"]) - 2
            start = datetime.date(year, first_month, 1)
            end = datetime.date(year, first_month + 2, calendar.monthrange(year, first_month + 2)[1])
        elif match["day"]:
            start = end = datetime.date(year, int(match["month"]), int(match["day"]))
        elif match["month"]:
            month = int(match["month"])
            start = datetime.date(year, month, 1)
            end = datetime.date(year, month, calendar.monthrange(year, month)[1])
        else:
            start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    except ValueError:
        raise ValidationError(
            _(
                "“%(value)s” is not a period. Write a year (2020), a quarter (2021-Q2), a month (2021-08) or a day "
                "(2021-08-01)."
            ),
            code="invalid_period",
            params={"value": text},
        ) from None
    return Period(text, start, end)


def validate_period(text):
    parse_period(text)


# SDMX FREQ codes (SDMX:CL_FREQ) of the four period forms; the form is the frequency.
FREQUENCIES = {4: "A", 7: "M", 10: "D"}


def frequency_of(text):
    """`2020` -> A, `2021-Q2` -> Q, `2021-08` -> M, `2021-08-01` -> D (a period already checked)."""
    return "Q" if "Q" in text else FREQUENCIES[len(text)]
