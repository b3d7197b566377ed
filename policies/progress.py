"""Progress towards a target, computed from the observations.

The method follows the progress measures of Eurostat's SDG monitoring and of Open SDG
(Statistics Canada's method, built into Open SDG): the pace actually achieved since the
baseline is compared with the pace the target needs, and the ratio of the two gives the
category, with Open SDG's thresholds (95 %, 60 %, 0). Where those compare compound annual
growth rates, the portal compares against the straight path from the baseline to the target:
the expected value at a period is the baseline plus the same share of the way as the share
of the time gone by. Time is counted in months between the ends of the periods, so a yearly
target ten years after its baseline is halfway there after five years.

    covered  = (latest - baseline) / (target - baseline)      share of the way done
    elapsed  = months(baseline -> latest) / months(baseline -> target)
    expected = baseline + (target - baseline) x elapsed        on the straight path
    ratio    = covered / elapsed                               pace achieved / pace needed

target reached when covered >= 1; otherwise, past the target period: missed; else
ratio >= 0.95 on track, >= 0.60 too slow, >= 0 limited progress, < 0 moving away.
The methodology page (Methodology → Targets and progress) says the same to readers.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from indicators.periods import parse_period

ON_TRACK_RATIO = Decimal("0.95")
TOO_SLOW_RATIO = Decimal("0.60")


class ProgressStatus(models.TextChoices):
    REACHED = "reached", _("target reached")
    ON_TRACK = "on_track", _("on track")
    TOO_SLOW = "too_slow", _("progress, but too slow")
    LIMITED = "limited", _("limited progress")
    MOVING_AWAY = "moving_away", _("moving away from the target")
    MISSED = "missed", _("target period over, not reached")
    NO_BASELINE = "no_baseline", _("not assessed: no baseline value")
    NO_VALUE = "no_value", _("not assessed: no value since the baseline")


ON_TRACK_STATUSES = {ProgressStatus.REACHED, ProgressStatus.ON_TRACK}


@dataclass(frozen=True)
class Point:
    period: str
    value: Decimal


@dataclass(frozen=True)
class Progress:
    status: ProgressStatus
    baseline: Point | None = None
    latest: Point | None = None
    covered: Decimal | None = None
    elapsed: Decimal | None = None
    expected: Decimal | None = None
    ratio: Decimal | None = None
    remaining: Decimal | None = None  # target value - latest value: the distance still to go

    @property
    def on_track(self):
        """On track (or already there), as opposed to off track; None when not assessed."""
        if self.status in (ProgressStatus.NO_BASELINE, ProgressStatus.NO_VALUE):
            return None
        return self.status in ON_TRACK_STATUSES


def months_between(earlier, later):
    """Whole months from the end of period `earlier` to the end of period `later`."""
    start, end = parse_period(earlier).end, parse_period(later).end
    return (end.year - start.year) * 12 + end.month - start.month


def target_progress(*, value, period, baseline_value, baseline_period, observations):
    """The progress of a target (`value` by `period`, from `baseline_value` in `baseline_period`)
    given `observations` of its indicator in its region: objects with `period` and `value`.

    Without a baseline value the observation of the baseline period is the baseline. Only values
    of periods ending a month or more after the baseline's count as progress.
    """
    by_period = {o.period: o for o in observations}
    if baseline_value is None and baseline_period in by_period:
        baseline_value = by_period[baseline_period].value
    if baseline_value is None:
        return Progress(ProgressStatus.NO_BASELINE)
    baseline = Point(baseline_period, baseline_value)
    later = [o for o in observations if months_between(baseline_period, o.period) > 0]
    if not later or value == baseline_value:
        return Progress(ProgressStatus.NO_VALUE, baseline=baseline)
    newest = max(later, key=lambda o: (parse_period(o.period).end, parse_period(o.period).start))
    latest = Point(newest.period, newest.value)
    covered = (latest.value - baseline_value) / (value - baseline_value)
    elapsed = Decimal(months_between(baseline_period, latest.period)) / Decimal(
        months_between(baseline_period, period)
    )
    expected = baseline_value + (value - baseline_value) * elapsed
    common = {"baseline": baseline, "latest": latest, "covered": covered, "elapsed": elapsed}
    common |= {"expected": expected, "remaining": value - latest.value}
    if covered >= 1:
        return Progress(ProgressStatus.REACHED, **common)
    if elapsed >= 1:
        return Progress(ProgressStatus.MISSED, **common)
    ratio = covered / elapsed
    if ratio >= ON_TRACK_RATIO:
        status = ProgressStatus.ON_TRACK
    elif ratio >= TOO_SLOW_RATIO:
        status = ProgressStatus.TOO_SLOW
    elif ratio >= 0:
        status = ProgressStatus.LIMITED
    else:
        status = ProgressStatus.MOVING_AWAY
    return Progress(status, ratio=ratio, **common)
