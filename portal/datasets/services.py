"""Writes of the releases: publishing one (freezing the public state for good), the live
data's last-change time, and the demo's first release."""

import datetime
from pathlib import Path

import yaml
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from indicators.models import Observation
from portal.content import content_changed
from portal.languages import language_codes, translated_columns

from .models import DataState, ObservationVersion, Release, ReleasedRecord
from .records import live_records, model_label, record_models
from .tables import plain_values

DEMO_RELEASE = Path(__file__).resolve().parent / "demo_release.yaml"


class ReleaseRefused(Exception):
    """Publishing was refused (the release is already published); nothing changed."""


def publish_fits_a_request():
    """(whether publishing may run inside a web request, the number of public observations).

    Freezing takes about 6 s per million public observations on PostgreSQL (bench/releases.py):
    above RELEASE_PUBLISH_REQUEST_MAX_OBSERVATIONS it could outlast the server's request timeout,
    so it runs as `manage.py publish_release VERSION` instead."""
    count = Observation.objects.visible_to(None).count()
    return count <= settings.RELEASE_PUBLISH_REQUEST_MAX_OBSERVATIONS, count


@transaction.atomic
def release_publish(*, release, user=None):
    """Freeze everything public as release `release` and give it the next number.

    Rows unchanged since the previous release are not copied: the versions still current
    simply stay valid; changed and withdrawn ones are closed at this number, and new
    versions start at it (portal.datasets.models).
    """
    release = Release.objects.select_for_update().get(pk=release.pk)
    if release.is_published:
        raise ReleaseRefused(release.version)
    latest = Release.objects.filter(number__isnull=False).order_by("-number").values_list("number", flat=True)
    number = (latest.first() or 0) + 1
    for model in record_models():
        records_freeze(model, number)
    observations_freeze(number)
    if connection.vendor == "postgresql":
        # The new versions' numbers are beyond the table's statistics until autovacuum analyzes it
        # (a release adds about 1 %, below its threshold): the reads of this release would be planned
        # for nothing. A sample of the table, a fraction of a second.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(ObservationVersion._meta.db_table)}")
    release.number = number
    release.published_at = timezone.now()
    release.published_by = user if user is not None and user.is_authenticated else None
    release.save(update_fields=["number", "published_at", "published_by"])
    # What is public changed too: "latest" and the live data's "revised in" marks move on, so every
    # answer kept under the content version (pages, API lists) is read anew.
    transaction.on_commit(lambda: content_changed.send(sender=Release))
    return release


def records_freeze(model, number):
    """Close the versions of `model`'s rows that changed or went, add versions of the new and changed ones."""
    live = live_records(model)
    current = ReleasedRecord.objects.filter(model=model_label(model), valid_until__isnull=True)
    unchanged, closing = set(), []
    for pk, key, data in current.values_list("pk", "key", "data"):
        if live.get(key) == data:
            unchanged.add(key)
        else:
            closing.append(pk)
    ReleasedRecord.objects.filter(pk__in=closing).update(valid_until=number)
    ReleasedRecord.objects.bulk_create(
        ReleasedRecord(model=model_label(model), key=key, data=data, valid_from=number)
        for key, data in live.items()
        if key not in unchanged
    )


def live_observations_sql():
    """SQL and parameters of the public observations with their natural keys (what a release freezes)."""
    rows = (
        plain_values(Observation.objects.visible_to(None))
        .annotate(
            k_indicator=F("indicator__code"),
            k_region=F("region__code"),
            k_source=Coalesce(F("source__key"), Value("")),
        )
        .values("k_indicator", "k_region", "period", "period_start", "period_end", "value", "status", "k_source")
        .annotate(**{f"k_{column}": F(column) for column in translated_columns("note")})
    )
    return rows.query.sql_with_params()


def observations_freeze(number):
    """The same for observations, in two set-based statements over the whole table (a million rows stay
    in the database; bench/releases.py times them).

    1. Close the current versions that no live row matches in key and values (revised or withdrawn).
    2. Add a version of every live row without a current version (new, or revised by step 1); it
       revises an earlier value when step 1 closed a version of the same key. Both joins are on the
       whole key, so the database can hash or merge them (no per-row subquery).
    """
    live_sql, live_params = live_observations_sql()
    table = connection.ops.quote_name(ObservationVersion._meta.db_table)
    notes = [connection.ops.quote_name(column) for column in translated_columns("note")]
    codes = language_codes()
    # The whole key, as the key index has it (period_start and period_end follow from the period).
    same_key = (
        "live.k_indicator = {t}.indicator AND live.k_region = {t}.region AND live.period_start = {t}.period_start "
        "AND live.period_end = {t}.period_end AND live.period = {t}.period"
    )
    # Texts that may be NULL (a language's note) compare as empty text.
    same_values = " AND ".join(
        [
            "live.value = {t}.value",
            "live.status = {t}.status",
            "live.k_source = {t}.source",
            *(f"COALESCE(live.k_note_{c}, '') = COALESCE({{t}}.{n}, '')" for c, n in zip(codes, notes, strict=True)),
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET valid_until = %s WHERE valid_until IS NULL AND NOT EXISTS "
            f"(SELECT 1 FROM ({live_sql}) live WHERE {same_key.format(t=table)} AND {same_values.format(t=table)})",
            [number, *live_params],
        )
        cursor.execute(
            f"INSERT INTO {table} (indicator, region, period, period_start, period_end, value, status, source, "
            f"note, {', '.join(notes)}, revises, valid_from, valid_until) "
            f"SELECT live.k_indicator, live.k_region, live.period, live.period_start, live.period_end, live.value, "
            f"live.status, live.k_source, '', {', '.join(f'live.k_note_{c}' for c in codes)}, "
            f"old.indicator IS NOT NULL, %s, NULL "
            f"FROM ({live_sql}) live "
            f"LEFT JOIN (SELECT indicator, region, period_start, period_end, period FROM {table} "
            f"WHERE valid_until = %s) old ON {same_key.format(t='old')} "
            f"WHERE NOT EXISTS "
            f"(SELECT 1 FROM {table} cur WHERE cur.valid_until IS NULL AND {same_key.format(t='cur')})",
            [number, *live_params, number],
        )


def data_state_touch(**_signal_kwargs):
    """Public content changed now: the live downloads' Last-Modified and ETag move on."""
    DataState.objects.update_or_create(pk=1, defaults={"modified_at": timezone.now()})


def demo_release_publish(**_signal_kwargs):
    """The demo's first release (portal/datasets/demo_release.yaml), once: a portal that has any release keeps it."""
    if Release.objects.filter(number__isnull=False).exists():
        return None
    entry = yaml.safe_load(DEMO_RELEASE.read_text(encoding="utf-8"))
    release, _created = Release.objects.get_or_create(
        version=entry["version"],
        defaults={
            "date": datetime.date.fromisoformat(str(entry["date"])),
            **{f"notes_{code}": entry.get(f"notes_{code}", "") for code in language_codes()},
        },
    )
    release_publish(release=release)
    return f"release {release.version}: published"
