"""What changed between two releases: observations new, revised (old -> new) and withdrawn.

Read from the temporal table without comparing the releases row by row: the versions that
entered after the earlier release and are in the later one, and the versions of the earlier
release that the later one closed, both in key order, merged in one pass.
"""

from dataclasses import dataclass

from portal.numbers import plain_decimal

from .models import ObservationVersion
from .tables import NOTE_COLUMNS

NEW, REVISED, WITHDRAWN = "new", "revised", "withdrawn"
FIELDS = ["indicator", "region", "period", "value", "status", "source", *NOTE_COLUMNS]


@dataclass
class Change:
    kind: str
    indicator: str
    region: str
    period: str
    old: dict | None
    new: dict | None

    def row(self):
        old, new = self.old or {}, self.new or {}
        return [
            self.kind,
            self.indicator,
            self.region,
            self.period,
            plain_decimal(old.get("value")),
            plain_decimal(new.get("value")),
            old.get("status", ""),
            new.get("status", ""),
        ]


def versions(queryset, indicator=None):
    if indicator is not None:
        queryset = queryset.filter(indicator=indicator)
    return queryset.values(*FIELDS, "period_start", "period_end").iterator(chunk_size=5000)


def sort_key(change):
    row = change.new or change.old
    return (change.indicator, change.region, row["period_start"], row["period_end"], change.period)


def observation_changes(later, earlier, *, indicator=None):
    """Changes from release `earlier` to release `later` (either order of numbers), in key order.

    Memory holds the changed rows only (the versions the later release closed), never the release."""
    if later.number < earlier.number:
        later, earlier = earlier, later
    a, b = later.number, earlier.number
    closed = ObservationVersion.objects.filter(ObservationVersion.in_release(b), valid_until__lte=a)
    entered = ObservationVersion.objects.filter(ObservationVersion.in_release(a), valid_from__gt=b)
    old_rows = {(r["indicator"], r["region"], r["period"]): r for r in versions(closed, indicator)}
    changes = []
    for new in versions(entered, indicator):
        key = (new["indicator"], new["region"], new["period"])
        old = old_rows.pop(key, None)
        if old is None:
            changes.append(Change(NEW, *key, None, new))
        elif any(old[field] != new[field] for field in FIELDS):
            changes.append(Change(REVISED, *key, old, new))
    changes += [Change(WITHDRAWN, *key, old, None) for key, old in old_rows.items()]
    return sorted(changes, key=sort_key)
