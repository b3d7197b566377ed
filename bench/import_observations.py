"""Benchmark: 100,000 observation rows (long CSV) through the editors' import vs PostgreSQL COPY.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal \
        .venv/bin/python bench/import_observations.py [--rows 100000]

Makes (seeded) bench_* indicators and a region, writes the CSV an editor would
upload, then times, three times each (median shown):
  COPY     the same rows, already as database ids and dates, into the observation table
           (the floor: no parsing, no checks);
  import   indicators.importing.parse_file + indicators.services.observation_import on the
           CSV bytes: decoding, checks of every row, lookups, preview fingerprint-free write,
           the change set with every old/new value and each row's history record (both written
           beside the rows COPY writes): the admin's and the command's code path.
Prints both, their ratio, and the peak memory (RSS) of the process. It deletes what it made.

    … bench/import_observations.py --admin-path --rows 1000000

takes the rows through the admin's path instead: the file staged in the database (ImportJob),
the worker's check and preview pages, then the worker's import after a confirmation, with
OBSERVATION_IMPORT_MAX_ROWS raised to the number of rows; it prints the time of each part and the
peak memory. (Run by a worker, no web request waits for it: there is no timeout.)
Not a test: nothing fails on a timing.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from indicators.importing import parse_file  # noqa: E402
from indicators.models import ChangeSet, Indicator, Observation, Theme  # noqa: E402
from indicators.periods import parse_period  # noqa: E402
from indicators.services import observation_import  # noqa: E402
from portal.models import Region  # noqa: E402

INDICATORS = 50
REGIONS = 20


def setup_keys():
    theme, _ = Theme.objects.get_or_create(code="bench", defaults={"name_en": "Bench", "name_ru": "Bench"})
    indicators = [
        Indicator.objects.get_or_create(
            code=f"bench_{n:02d}",
            defaults={"theme": theme, "name_en": f"Bench {n}", "name_ru": f"Bench {n}", "decimals": 2},
        )[0]
        for n in range(INDICATORS)
    ]
    regions = [
        Region.objects.get_or_create(code=f"bench-region-{n:02d}", defaults={"name_en": f"R{n}", "name_ru": f"R{n}"})[
            0
        ]
        for n in range(REGIONS)
    ]
    return indicators, regions


def periods(count):
    out = []
    year, month = 1900, 1
    while len(out) < count:
        out.append(f"{year}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def write_files(rows, indicators, regions, folder):
    rng = random.Random(20211)
    per_key = -(-rows // (INDICATORS * REGIONS))
    csv_path, copy_path = folder / "observations.csv", folder / "observations.copy"
    written = 0
    with (
        csv_path.open("w", encoding="utf-8", newline="") as csv_file,
        copy_path.open("w", encoding="utf-8") as copy_file,
    ):
        csv_file.write("indicator,region,period,value,status,source,note_kk,note_ru,note_en\r\n")
        for period in periods(per_key):
            parsed = parse_period(period)
            for indicator in indicators:
                for region in regions:
                    if written == rows:
                        return csv_path, copy_path
                    value = f"{rng.uniform(0, 100000):.2f}"
                    csv_file.write(f"{indicator.code},{region.code},{period},{value},A,,,,\r\n")
                    copy_file.write(
                        f"{indicator.pk}\t{region.pk}\t{period}\t{parsed.start}\t{parsed.end}\t{value}\tA\t\\N\t\t\t\t\n"
                    )
                    written += 1
    return csv_path, copy_path


def clear(indicators):
    # Plain SQL: the ORM's delete would write a history record per row and take minutes.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {Observation._meta.db_table} WHERE indicator_id = ANY(%s)", [[i.pk for i in indicators]]
        )
        cursor.execute(
            f"DELETE FROM {Observation.history.model._meta.db_table} WHERE indicator_id = ANY(%s)",
            [[i.pk for i in indicators]],
        )
        ChangeSet.objects.filter(filename="bench.csv").delete()
    # The deleted rows vacuumed away, as autovacuum soon does after a mass delete: otherwise the import's
    # look-up of existing rows walks the last run's dead ones (0.3-0.7 s here), which COPY never reads.
    with connection.cursor() as cursor:
        for model in (Observation, Observation.history.model):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")


def time_copy(copy_path, indicators):
    clear(indicators)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        with copy_path.open("r", encoding="utf-8") as data:
            cursor.copy_expert(
                f"COPY {Observation._meta.db_table} (indicator_id, region_id, period, period_start, period_end, "
                f"value, status, source_id, note, note_kk, note_ru, note_en) FROM STDIN",
                data,
            )
    return time.perf_counter() - started


def time_import(csv_path, indicators, rows):
    clear(indicators)
    started = time.perf_counter()
    parsed = parse_file(csv_path.read_bytes(), "bench.csv")
    outcome = observation_import(parsed, filename="bench.csv")
    elapsed = time.perf_counter() - started
    assert outcome.counts["new"] == rows, outcome.counts
    return elapsed


def peak_mb():
    """This process's own peak RSS (VmHWM)."""
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmHWM:")[1].split()[0]) / 1024


def admin_path(csv_path, indicators, rows):
    from django.conf import settings
    from django.contrib.auth import get_user_model

    from indicators.import_jobs import import_job_check, import_job_run
    from indicators.models import ImportJob

    settings.OBSERVATION_IMPORT_MAX_ROWS = max(rows, settings.OBSERVATION_IMPORT_MAX_ROWS)
    settings.OBSERVATION_IMPORT_MAX_CELLS = max(rows * 10, settings.OBSERVATION_IMPORT_MAX_CELLS)
    clear(indicators)
    user, _ = get_user_model().objects.get_or_create(username="bench-importer", defaults={"is_staff": True})
    started = time.perf_counter()
    job = ImportJob.objects.create(
        token=uuid.uuid4(), user=user, filename="bench.csv", data=csv_path.read_bytes(), language="en", options={}
    )
    stored = time.perf_counter()
    import_job_check(job)
    job.refresh_from_db()
    checked = time.perf_counter()
    assert job.state == ImportJob.State.READY, job.result
    job.result = {**job.result, "confirmed_fingerprint": job.result["fingerprint"], "confirm_scale": True}
    job.save(update_fields=["result"])
    import_job_run(job)
    job.refresh_from_db()
    done = time.perf_counter()
    assert job.state == ImportJob.State.DONE, job.result
    print(f"{rows} rows through the admin's path (staged, checked by the worker, confirmed, imported):")
    print(f"  staging the file: {stored - started:.1f} s; check and preview: {checked - stored:.1f} s; ")
    print(f"  import: {done - checked:.1f} s; total {done - started:.1f} s; peak memory {peak_mb():.0f} MB")
    print(f"  counts: {job.result['counts']}")
    job.delete()
    ChangeSet.objects.filter(filename="bench.csv").delete()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--admin-path", action="store_true", help="through the admin's staged import instead")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Set DATABASE_URL to a PostgreSQL database: the comparison is with PostgreSQL's COPY.")
    indicators, regions = setup_keys()
    if args.admin_path:
        with tempfile.TemporaryDirectory() as folder:
            csv_path, _copy_path = write_files(args.rows, indicators, regions, Path(folder))
            print(f"CSV {csv_path.stat().st_size / 1048576:.1f} MB", flush=True)
            admin_path(csv_path, indicators, args.rows)
        clear(indicators)
        return
    with tempfile.TemporaryDirectory() as folder:
        csv_path, copy_path = write_files(args.rows, indicators, regions, Path(folder))
        print(f"{args.rows} rows, CSV {csv_path.stat().st_size / 1048576:.1f} MB", flush=True)
        copies = [time_copy(copy_path, indicators) for _ in range(args.repeat)]
        imports = [time_import(csv_path, indicators, args.rows)]
        # Peak after one import: later repeats only add the allocator's fragmentation.
        first_peak_mb = peak_mb()
        imports += [time_import(csv_path, indicators, args.rows) for _ in range(args.repeat - 1)]
    clear(indicators)
    Indicator.objects.filter(pk__in=[i.pk for i in indicators]).delete()
    Region.objects.filter(pk__in=[r.pk for r in regions]).delete()
    Theme.objects.filter(code="bench").delete()
    copy_s, import_s = statistics.median(copies), statistics.median(imports)
    last_peak_mb = peak_mb()
    copy_times, import_times = (", ".join(f"{t:.2f}" for t in times) for times in (copies, imports))
    print(f"COPY into the observation table: {copy_s:.2f} s (median of {args.repeat}: {copy_times})")
    print(f"import (parse, check, write, change set): {import_s:.2f} s (median of {args.repeat}: {import_times})")
    print(f"ratio import / COPY: {import_s / copy_s:.1f}x (goal: at most 2.5x, aim 2x)")
    print(
        f"peak memory of this process: {first_peak_mb:.0f} MB after one import, {last_peak_mb:.0f} MB after all runs "
        f"(goal: under 250 MB, aim 150 MB)"
    )


if __name__ == "__main__":
    main()
