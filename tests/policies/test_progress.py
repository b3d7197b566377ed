"""Progress towards a target (policies/progress.py), checked against numbers worked out by hand."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from policies.progress import ProgressStatus, months_between, target_progress


def values(**by_period):
    return [
        SimpleNamespace(period=period.replace("_", "-").lstrip("y"), value=Decimal(v))
        for period, v in by_period.items()
    ]


def progress(observations, value="20", period="2030", baseline_value="10", baseline_period="2020"):
    return target_progress(
        value=Decimal(value),
        period=period,
        baseline_value=None if baseline_value is None else Decimal(baseline_value),
        baseline_period=baseline_period,
        observations=observations,
    )


def test_the_worked_example_of_the_methodology_page():
    """Baseline 10 in 2020, target 20 by 2030, latest value 14 in 2025.

    By hand: the time from the end of 2020 to the end of 2025 is 60 months of the 120 to the end of
    2030, so half the time is gone (0.5); the way covered is (14 - 10) / (20 - 10) = 0.4; the ratio
    of the two is 0.8, between 0.60 and 0.95: progress, but too slow. On the straight path the value
    would be 10 + 10 x 0.5 = 15, and 20 - 14 = 6 remain to go."""
    result = progress(values(y2021="11", y2025="14", y2023="12"))
    assert result.status == ProgressStatus.TOO_SLOW
    assert (result.baseline.period, result.baseline.value) == ("2020", Decimal("10"))
    assert (result.latest.period, result.latest.value) == ("2025", Decimal("14"))
    assert result.elapsed == Decimal("0.5")
    assert result.covered == Decimal("0.4")
    assert result.ratio == Decimal("0.8")
    assert result.expected == Decimal("15")
    assert result.remaining == Decimal("6")
    assert result.on_track is False


@pytest.mark.parametrize(
    ("latest", "status", "on_track"),
    [
        ("15", ProgressStatus.ON_TRACK, True),  # exactly on the path: ratio 1
        ("14.75", ProgressStatus.ON_TRACK, True),  # 4.75 / 5 = 0.95, the threshold itself
        ("14.7", ProgressStatus.TOO_SLOW, False),  # 0.94
        ("13", ProgressStatus.TOO_SLOW, False),  # 0.6, the lower threshold
        ("12.9", ProgressStatus.LIMITED, False),  # 0.58
        ("10", ProgressStatus.LIMITED, False),  # no move at all: ratio 0
        ("9", ProgressStatus.MOVING_AWAY, False),
        ("20", ProgressStatus.REACHED, True),
        ("25", ProgressStatus.REACHED, True),
    ],
)
def test_the_category_follows_open_sdgs_thresholds(latest, status, on_track):
    result = progress(values(y2025=latest))
    assert result.status == status
    assert result.on_track is on_track


def test_a_falling_target_counts_a_fall_as_progress():
    """Unemployment from 8 % (2020) to 4 % by 2030; 6 % in 2025 is exactly on the straight path."""
    result = progress(values(y2025="6"), value="4", baseline_value="8")
    assert result.status == ProgressStatus.ON_TRACK
    assert result.covered == Decimal("0.5") and result.expected == Decimal("6") and result.remaining == Decimal("-2")
    assert progress(values(y2025="9"), value="4", baseline_value="8").status == ProgressStatus.MOVING_AWAY


def test_a_target_period_gone_by_without_reaching_it_is_missed():
    result = progress(values(y2031="19"))
    assert result.status == ProgressStatus.MISSED and result.ratio is None and result.on_track is False


def test_without_a_baseline_value_the_observation_of_the_baseline_period_is_the_baseline():
    result = progress(values(y2020="10", y2025="15"), baseline_value=None)
    assert result.baseline.value == Decimal("10") and result.status == ProgressStatus.ON_TRACK
    missing = progress(values(y2025="15"), baseline_value=None)
    assert missing.status == ProgressStatus.NO_BASELINE and missing.on_track is None


def test_without_a_value_after_the_baseline_progress_is_not_assessed():
    result = progress(values(y2019="9", y2020="10"))
    assert result.status == ProgressStatus.NO_VALUE and result.on_track is None and result.latest is None


def test_time_is_counted_in_months_between_the_ends_of_periods():
    assert months_between("2020", "2030") == 120
    assert months_between("2021-Q2", "2021-Q4") == 6
    assert months_between("2021-08", "2022-02") == 6
    assert months_between("2021", "2021-Q4") == 0
    # A quarter's value three quarters after a yearly baseline: 9 of 60 months gone by.
    result = progress(values(**{"y2021_Q3": "11"}), value="20", period="2025")
    assert result.elapsed == Decimal(9) / Decimal(60) and result.latest.period == "2021-Q3"
