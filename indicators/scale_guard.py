"""The scale guard: a new or changed value far from its series is held back until an editor confirms it.

Population in persons (1078362) or in thousands (1078.4) where the portal keeps millions (1.2)
is a scale slip, not news. A value more than OBSERVATION_SCALE_GUARD_FACTOR times away from the
series' nearest values (the same indicator and region, the periods before and after) is held,
with the likely reason ("looks like thousands; this indicator is in millions"). The import, the
admin's form and the API all ask this module.
"""

import bisect
import math
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.numbers import plain_decimal

from .models import Observation

SCALES = {
    0: gettext_lazy("units"),
    3: gettext_lazy("thousands"),
    6: gettext_lazy("millions"),
    9: gettext_lazy("billions"),
    -3: gettext_lazy("thousandths"),
}


def factor():
    return Decimal(getattr(settings, "OBSERVATION_SCALE_GUARD_FACTOR", 100))


def scale_reason(value, neighbour, neighbour_period, indicator):
    """Why `value` looks like a scale slip next to `neighbour` (a value of the same series), or None."""
    if not value or not neighbour:
        return None
    ratio = abs(value / neighbour)
    if factor() >= ratio >= 1 / factor():
        return None
    shift = round(math.log10(ratio))
    own = indicator.unit_multiplier
    seems = SCALES.get(own - shift)
    context = {
        "value": plain_decimal(value),
        "neighbour": plain_decimal(neighbour),
        "period": neighbour_period,
        "unit": indicator.unit or "—",
        "scale": SCALES.get(own, f"10^{own}"),
    }
    if seems is not None and shift in (-9, -6, -3, 3, 6, 9):
        return _(
            "%(value)s is far from %(neighbour)s, the value for %(period)s: it looks like %(seems)s; this indicator "
            "is in %(scale)s (%(unit)s)"
        ) % {**context, "seems": seems}
    return _(
        "%(value)s is more than %(factor)s times away from %(neighbour)s, the value for %(period)s; this indicator "
        "is in %(scale)s (%(unit)s)"
    ) % {**context, "factor": plain_decimal(factor())}


class SeriesNeighbours:
    """The values already stored of the series a set of rows touches: one query."""

    def __init__(self, keys):
        """`keys`: (indicator_id, region_id) pairs."""
        self.series, self.starts = {}, {}
        keys = set(keys)
        if not keys:
            return
        rows = Observation.objects.filter(
            indicator_id__in={i for i, _r in keys}, region_id__in={r for _i, r in keys}
        ).values_list("indicator_id", "region_id", "period_start", "period", "value", "pk")
        for indicator_id, region_id, start, period, value, pk in rows.order_by("period_start"):
            if (indicator_id, region_id) in keys:
                self.series.setdefault((indicator_id, region_id), []).append((start, period, value, pk))
        self.starts = {key: [item[0] for item in series] for key, series in self.series.items()}

    def nearest(self, indicator_id, region_id, start, exclude_pk=None):
        """(period, value) of the stored values just before and after `start`, not counting the row itself
        (`exclude_pk`) nor another at the same start: a bisection, not a walk of the series per row."""
        series = self.series.get((indicator_id, region_id), ())
        if not series:
            return []
        position = bisect.bisect_left(self.starts[(indicator_id, region_id)], start)
        found = []
        before = position - 1
        if before >= 0 and series[before][3] == exclude_pk:
            before -= 1
        if before >= 0:
            found.append(series[before])
        after = position
        if after < len(series) and series[after][3] == exclude_pk:
            after += 1
        if after < len(series) and series[after][0] == start:  # another value at the same start
            after += 1
            if after < len(series) and series[after][3] == exclude_pk:
                after += 1
        if after < len(series):
            found.append(series[after])
        return [(period, value) for _start, period, value, _pk in found]

    def reason(self, indicator, region_id, start, value, exclude_pk=None):
        for period, neighbour in self.nearest(indicator.id, region_id, start, exclude_pk):
            reason = scale_reason(value, neighbour, period, indicator)
            if reason:
                return reason
        return None


def held_rows(items):
    """[(planned item, reason)] of the plan's new and changed rows that the guard holds back."""
    neighbours = SeriesNeighbours((item.indicator.id, item.region.id) for item in items)
    held = []
    for item in items:
        value = item.values.get("value")
        if value is None or (item.old is not None and item.old.get("value") == value):
            continue
        reason = neighbours.reason(item.indicator, item.region.id, item.start, value, exclude_pk=item.pk)
        if reason:
            held.append((item, reason))
    return held
