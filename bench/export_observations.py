"""Streaming CSV export of 1,000,000 observations against PostgreSQL's own COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_issue4 .venv/bin/python bench/export_observations.py

Creates (once, seeded, so every run measures the same rows) 100 indicators x 10
regions x 1,000 days of observations with COPY FROM, then
  1. times `COPY (SELECT … the same columns, rows and order …) TO STDOUT`, and
  2. in a fresh process, streams /en/data/observations.csv for the same rows
     through Django and measures its time and peak resident memory.
Prints both times, the ratio and the peak memory. Not a test: nothing fails on timing.
`--rows N` changes the size; `--drop` removes the generated rows.
"""

import argparse
import datetime
import io
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

INDICATORS, REGIONS = 100, 10
PREFIX = "bench-"


def setup_django():
    import django

    django.setup()


def region_codes():
    return [f"{PREFIX}r{number:02d}" for number in range(REGIONS)]


def export_query():
    """The download's filter as a query string: the bench regions."""
    return "region=" + ",".join(region_codes())


def generate(rows):
    from django.db import connection, transaction

    from indicators.models import Indicator, Observation, Theme
    from portal.models import Reference, Region

    wanted_days = rows // (INDICATORS * REGIONS)
    bench = Observation.objects.filter(region__code__startswith=PREFIX)
    if bench.count() == wanted_days * INDICATORS * REGIONS:
        return
    rng = random.Random(20211128)
    with transaction.atomic():
        bench.delete()
        theme, _ = Theme.objects.get_or_create(code=f"{PREFIX}theme", defaults={"name_en": "Bench", "name_ru": "Бенч"})
        source, _ = Reference.objects.get_or_create(
            key=f"{PREFIX}source", defaults={"title_en": "Bench source", "title_ru": "Источник"}
        )
        indicators = []
        for number in range(INDICATORS):
            indicator, _ = Indicator.objects.get_or_create(
                code=f"{PREFIX}i{number:03d}",
                defaults={
                    "theme": theme,
                    "name_en": f"Bench indicator {number}",
                    "name_ru": f"Показатель {number}",
                    "unit_en": "units",
                    "published": True,
                    "source": source,
                    "decimals": 2,
                },
            )
            indicators.append(indicator.pk)
        regions = []
        for code in region_codes():
            region, _ = Region.objects.get_or_create(code=code, defaults={"name_en": code.title(), "name_ru": code})
            regions.append(region.pk)
        first = datetime.date(2000, 1, 1)
        buffer = io.StringIO()
        for indicator in indicators:
            for region in regions:
                for day in range(wanted_days):
                    date = first + datetime.timedelta(days=day)
                    value = f"{rng.uniform(-1000, 100000):.2f}"
                    note = "estimated from a partial count" if rng.random() < 0.01 else ""
                    buffer.write(
                        f"{indicator}\t{region}\t{date.isoformat()}\t{date}\t{date}\t{value}\tA\t\t\t{note}\t\t{source.pk}\n"
                    )
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.cursor.copy_expert(
                "COPY indicators_observation (indicator_id, region_id, period, period_start, period_end, value, "
                "status,"
                " note, note_kk, note_ru, note_en, source_id) FROM STDIN",
                buffer,
            )


class Sink(io.RawIOBase):
    def __init__(self):
        self.size = 0

    def writable(self):
        return True

    def write(self, data):
        self.size += len(data)
        return len(data)


def time_copy():
    from django.db import connection

    sql = f"""
        COPY (
          SELECT i.code, i.name_en, r.code, r.name_en, o.period, o.value, i.unit_en, i.unit_multiplier,
                 o.status, o.note_en, s.key
          FROM indicators_observation o
          JOIN indicators_indicator i ON i.id = o.indicator_id
          JOIN portal_region r ON r.id = o.region_id
          LEFT JOIN portal_reference s ON s.id = o.source_id
          WHERE i.published AND r.code LIKE '{PREFIX}%%'
          ORDER BY i.code, r.code, o.period_start, o.period_end
        ) TO STDOUT WITH CSV HEADER
    """
    sink = Sink()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(sql.replace("%%", "%"), sink)
    return time.perf_counter() - started, sink.size


def peak_memory_mb():
    """Peak resident memory of this process. Not getrusage's ru_maxrss: Linux carries that
    over from the parent across fork and exec, so it would count the data generator too."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_export():
    """Run in a fresh process: stream the download and report time, bytes, peak memory."""
    setup_django()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    started = time.perf_counter()
    response = client.get(f"/en/data/observations.csv?{export_query()}")
    size = lines = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    elapsed = time.perf_counter() - started
    peak_mb = peak_memory_mb()
    print(f"{elapsed:.3f} {size} {lines - 1} {peak_mb:.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    if args.child:
        return child_export()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (the comparison is with PostgreSQL's COPY).")
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if args.drop:
        from indicators.models import Observation

        Observation.objects.filter(region__code__startswith=PREFIX).delete()
        return
    started = time.perf_counter()
    generate(args.rows)
    print(f"data ready in {time.perf_counter() - started:.1f} s")
    copy_seconds, copy_bytes = min(time_copy() for _ in range(3))
    runs = []
    for _ in range(3):  # each in a fresh process, so its peak memory is the export's alone
        child = subprocess.run([sys.executable, __file__, "--child"], capture_output=True, text=True, check=True)
        runs.append(child.stdout.split())
    seconds = min(float(run[0]) for run in runs)
    peak_mb = max(float(run[3]) for run in runs)
    _seconds, size, rows, _peak = runs[0]
    print(f"rows exported:            {int(rows):,}")
    print(f"COPY … TO STDOUT:         {copy_seconds:.2f} s, {int(copy_bytes) / 1e6:.1f} MB (best of 3)")
    print(f"Django streaming CSV:     {seconds:.2f} s, {int(size) / 1e6:.1f} MB (best of 3)")
    print(f"ratio (Django / COPY):    {seconds / copy_seconds:.2f}  (goal: at most 3)")
    print(f"peak memory of exporter:  {peak_mb:.0f} MB, highest of the 3 runs  (goal: under 150 MB)")


if __name__ == "__main__":
    main()
