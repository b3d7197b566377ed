"""Give the benchmark database enough rows for a 1,000-row API page.

    DATABASE_URL=… .venv/bin/python bench/seed_observations.py [COUNT | --remove]

Adds COUNT (default 1,200) monthly observations of one demo indicator for a region
"bench-city" (created if missing); running it again adds nothing; --remove takes
them away again (pages that list every observation slow down with them). Run it
on a benchmark database, never on a city's real one.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from decimal import Decimal  # noqa: E402

from indicators.models import Indicator, Observation  # noqa: E402
from indicators.periods import parse_period  # noqa: E402
from portal.content import content_changed  # noqa: E402
from portal.models import Region  # noqa: E402


def seed(count):
    region, _created = Region.objects.get_or_create(
        code="bench-city", defaults={"name_kk": "Бенч", "name_ru": "Бенч", "name_en": "Bench city"}
    )
    indicator = Indicator.objects.order_by("code").first()
    periods = [f"{1900 + month // 12}-{month % 12 + 1:02d}" for month in range(count)]
    existing = set(Observation.objects.filter(region=region, indicator=indicator).values_list("period", flat=True))
    rows = []
    for number, period in enumerate(periods):
        if period in existing:
            continue
        parsed = parse_period(period)
        rows.append(
            Observation(
                indicator=indicator,
                region=region,
                period=period,
                period_start=parsed.start,
                period_end=parsed.end,
                value=Decimal(number % 97) + Decimal("0.5"),
                status="A",
            )  # fmt: skip
        )
    Observation.objects.bulk_create(rows, batch_size=500)
    content_changed.send(sender=None)
    print(f"{len(rows)} observations added for {region.code} / {indicator.code}; {Observation.objects.count()} in all")


def remove():
    deleted, _by_model = Observation.objects.filter(region__code="bench-city").delete()
    Region.objects.filter(code="bench-city").delete()
    content_changed.send(sender=None)
    print(f"{deleted} benchmark observations removed")


if __name__ == "__main__":
    if sys.argv[1:] == ["--remove"]:
        remove()
    else:
        seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1200)
