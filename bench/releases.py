"""Releases of 1,000,000 observations: storage, the release's CSV against COPY, and "what changed".

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_i14 .venv/bin/python bench/releases.py

Uses the rows of bench/export_observations.py (generated once, seeded), then publishes ten
releases, revising 1 % of the observations (seeded) before each one after the first, and prints
  1. the rows and sizes of the temporal tables against 10 x the observations (a copy per release);
  2. the time of release 1's streamed tidy CSV against COPY of the same rows, and its peak memory:
     its first answer (built from the versions table, and stored on the way out) and a later one
     (sent as stored, portal.datasets.stored);
  3. the time of the "what changed" CSV between the last two releases against a plain query
     of the same revised rows.
Not a test: nothing fails on timing. `--rows N` for another size; `--drop` removes the releases.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import export_observations as export  # noqa: E402  (bench/ is on the path when run as a script)

RELEASES, REVISED_SHARE = 10, 0.01
PREFIX = "bench"


def drop_releases():
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "datasets_releasefilepart",
            "datasets_releasefile",
            "datasets_observationversion",
            "datasets_releasedrecord",
            "datasets_release",
        ):
            cursor.execute(f"DELETE FROM {table}")
            # Emptied for good: the sizes printed and the timings are then those of a first run.
            cursor.execute(f"VACUUM FULL {table}")


def publish_releases(total):
    from django.db import connection, transaction

    from portal.datasets.models import Release
    from portal.datasets.services import release_publish

    rng = random.Random(20261201)
    timings = []
    for number in range(1, RELEASES + 1):
        if number > 1:  # revise 1 % of the bench observations
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT setseed(%s)", [rng.random()])
                cursor.execute(
                    "UPDATE indicators_observation SET value = value + 1 WHERE id IN "
                    "(SELECT o.id FROM indicators_observation o JOIN portal_region r ON r.id = o.region_id "
                    "WHERE r.code LIKE %s ORDER BY random() LIMIT %s)",
                    [export.PREFIX + "%", int(total * REVISED_SHARE)],
                )
        release = Release.objects.create(version=f"2030.{number}", date=f"2030-01-{number:02d}")
        started = time.perf_counter()
        release_publish(release=release)
        timings.append(time.perf_counter() - started)
    return timings


def table_size(table):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*), pg_total_relation_size(%s) FROM " + table, [table])
        return cursor.fetchone()


def time_copy_release():
    """COPY of release 1's rows with the tidy CSV's columns, joined to nothing (the names come from records)."""
    from django.db import connection

    sql = """
        COPY (SELECT indicator, region, period, value, status, note_en, source FROM datasets_observationversion
              WHERE valid_from <= 1 AND (valid_until IS NULL OR valid_until > 1) AND region LIKE 'bench-%%'
              ORDER BY indicator, region, period_start, period_end) TO STDOUT WITH CSV HEADER"""
    sink = export.Sink()
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(sql.replace("%%", "%"), sink)
    return time.perf_counter() - started, sink.size


def child(url, warm, fresh):
    """Time one download of `url` in a fresh process; with `warm`, the fastest of five after a first one,
    as a running server answers it (URLs, templates and translations loaded, the database's cache warm,
    like the plain query's, which is the fastest of several too). `fresh`: the stored release files are
    removed before each timed download, so that the answer is built (and stored again)."""
    export.setup_django()
    from django.test import Client

    from portal.datasets.models import ReleaseFile

    client = Client(HTTP_HOST="localhost")
    if warm:
        client.get(url).getvalue()
    times = []
    for _ in range(5 if warm else 1):
        if fresh:
            ReleaseFile.objects.all().delete()
        started = time.perf_counter()
        response = client.get(url)
        size = lines = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            lines += chunk.count(b"\n")
        times.append(time.perf_counter() - started)
    print(f"{min(times):.3f} {size} {lines - 1} {export.peak_memory_mb():.1f}")


def run_child(url, *, warm=False, fresh=False):
    command = [
        sys.executable,
        __file__,
        "--child",
        url,
        *(["--warm"] if warm else []),
        *(["--fresh"] if fresh else []),
    ]
    runs = [subprocess.run(command, capture_output=True, text=True, check=True) for _ in range(3)]
    values = [run.stdout.split() for run in runs]
    return min(float(v[0]) for v in values), int(values[0][2]), max(float(v[3]) for v in values)


def stored_megabytes():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(sum(length(data)), 0) FROM datasets_releasefilepart")
        return cursor.fetchone()[0] / 1e6


def time_plain_changed_rows(a, b):
    """A plain query of the rows that changed from release b to a (both sides), read to the end."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indicator, region, period, value, status FROM datasets_observationversion "
            "WHERE (valid_from > %s AND valid_from <= %s) OR (valid_until > %s AND valid_until <= %s)",
            [b, a, b, a],
        )
        rows = cursor.fetchall()
    return time.perf_counter() - started, len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--child")
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--drop", action="store_true")
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.warm, args.fresh)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (the comparison is with PostgreSQL's COPY).")
    export.setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    drop_releases()
    if args.drop:
        return
    export.generate(args.rows)
    from indicators.models import Observation

    total = Observation.objects.count()
    timings = publish_releases(total)
    versions, versions_bytes = table_size("datasets_observationversion")
    observations, observations_bytes = table_size("indicators_observation")
    print(f"observations (live):        {observations:,} rows, {observations_bytes / 1e6:.0f} MB")
    print(
        f"releases published:         {RELEASES}, {REVISED_SHARE:.0%} revised before each; publish took "
        f"{min(timings):.1f}-{max(timings):.1f} s"
    )
    print(
        f"observation versions:       {versions:,} rows, {versions_bytes / 1e6:.0f} MB "
        f"(a copy per release: {RELEASES * observations:,} rows)"
    )
    copy_seconds, _size = min(time_copy_release() for _ in range(3))
    release_csv = "/en/data/observations.csv?release=2030.1"  # the full file: stored once answered
    seconds, rows, peak = run_child(release_csv, fresh=True)
    print(
        f"release CSV, first answer:  {rows:,} rows in {seconds:.2f} s; COPY {copy_seconds:.2f} s; "
        f"ratio {seconds / copy_seconds:.2f}; peak memory {peak:.0f} MB (built, and stored on the way out)"
    )
    seconds, rows, peak = run_child(release_csv)
    print(
        f"release CSV, stored:        {rows:,} rows in {seconds:.2f} s; COPY {copy_seconds:.2f} s; "
        f"ratio {seconds / copy_seconds:.2f} (goal: at most 2); peak memory {peak:.0f} MB; "
        f"stored in {stored_megabytes():.0f} MB"
    )
    plain_seconds, changed = min(time_plain_changed_rows(RELEASES, RELEASES - 1) for _ in range(15))
    changes_url = f"/en/data/releases/2030.{RELEASES}/changes.csv?since=2030.{RELEASES - 1}"
    for label, fresh in (("first answer", True), ("stored", False)):
        seconds, rows, peak = run_child(changes_url, warm=True, fresh=fresh)
        print(
            f"changes CSV, {label + ':':14}{rows:,} changes in {seconds:.3f} s; plain query of the {changed:,} "
            f"changed rows {plain_seconds:.3f} s; ratio {seconds / plain_seconds:.2f} (goal: under 2)"
        )


if __name__ == "__main__":
    main()
