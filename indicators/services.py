"""Writes of observations in bulk: an import, and the revert of a change set.

Each runs in one transaction, holds a lock so two imports never interleave, checks
again against the database as it is inside the lock, writes with COPY (PostgreSQL)
or bulk_create, and records one ChangeSet with the values before and after.
"""

import hashlib
import io
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.content import content_changed
from portal.models import Reference, Region
from portal.numbers import plain_decimal

from .derivation import derived_value_mismatches
from .importing import paused_garbage_collection
from .models import ChangeSet, Indicator, Observation
from .periods import parse_period
from .selectors import NOTE_FIELDS, PlannedObservation, existing_observations, observation_import_plan

IMPORT_LOCK_ID = 5_000_001  # PostgreSQL advisory lock shared by every observation bulk write


class ObservationImportRejected(Exception):
    """Bad rows (or stale preview, or a conflicting revert): nothing was saved."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass
class ImportOutcome:
    change_set: ChangeSet | None
    counts: dict
    warnings: list = field(default_factory=list)
    plan: object = None  # the ImportPlan (new / changed / unchanged rows) of an import

    @property
    def fingerprint(self):
        return plan_fingerprint(self.plan)


def lock_bulk_writes():
    """Serialise bulk writes of observations until the transaction ends (SQLite serialises writers itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_ID])


def plan_fingerprint(plan):
    """A digest of what the preview showed: confirm refuses when the database moved since."""
    digest = hashlib.sha256()
    for item in sorted(plan.new + plan.changed + plan.unchanged, key=lambda p: p.key):
        digest.update(repr((item.key, sorted((item.old or {}).items()))).encode())
    return digest.hexdigest()


def derived_affected(indicator_ids):
    return list(
        Indicator.objects.filter(
            Q(pk__in=indicator_ids) | Q(numerator_id__in=indicator_ids) | Q(denominator_id__in=indicator_ids),
            numerator__isnull=False,
        )
    )


def mismatch_key(mismatch):
    obs = mismatch.observation
    return (obs.indicator.code, obs.region.code, obs.period)


def derived_warnings(derived, before):
    """Messages for each derived value that disagrees with its counts after the write but did not before."""
    return [str(mismatch) for mismatch in derived_value_mismatches(derived) if mismatch_key(mismatch) not in before]


# --- Writing ------------------------------------------------------------------------------------

# `note` is modeltranslation's copy of the default language (kk), which the ORM fills on save.
COPY_COLUMNS = (
    "indicator_id",
    "region_id",
    "period",
    "period_start",
    "period_end",
    "value",
    "status",
    "source_id",
    "note",
    *NOTE_FIELDS,
)


def copy_text(value):
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def new_row_values(item):
    values = {"status": Observation.Status.NORMAL, "source": None, **dict.fromkeys(NOTE_FIELDS, ""), **item.values}
    return values


def insert_observations(items):
    if not items:
        return
    if connection.vendor == "postgresql":
        # COPY is what the benchmark compares against; bulk_create costs three times as much.
        buffer = io.StringIO()
        for item in items:
            v = new_row_values(item)
            notes = [copy_text(v[n]) if v[n] else "" for n in NOTE_FIELDS]
            source = "\\N" if v["source"] is None else v["source"]
            buffer.write(
                f"{item.indicator.pk}\t{item.region.pk}\t{copy_text(item.period)}\t{item.start}\t{item.end}\t{v['value']}\t"
                f"{copy_text(v['status'])}\t{source}\t{notes[0]}\t" + "\t".join(notes) + "\n"
            )
        buffer.seek(0)
        with connection.cursor() as cursor:
            cursor.copy_expert(f"COPY {Observation._meta.db_table} ({', '.join(COPY_COLUMNS)}) FROM STDIN", buffer)
        return
    objects = []
    for item in items:
        v = new_row_values(item)
        objects.append(
            Observation(
                indicator_id=item.indicator.pk,
                region_id=item.region.pk,
                period=item.period,
                period_start=item.start,
                period_end=item.end,
                value=v["value"],
                status=v["status"],
                source_id=v["source"],
                **{n: v[n] for n in NOTE_FIELDS},
            )
        )
    Observation.objects.bulk_create(objects, batch_size=2000)


def update_observations(items):
    if not items:
        return
    fields = sorted({name for item in items for name in item.values})
    objects = []
    for item in items:
        obs = Observation(pk=item.pk)
        for name in fields:
            value = item.values.get(name, item.old[name])
            setattr(obs, "source_id" if name == "source" else name, value)
        objects.append(obs)
    now = timezone.now()
    for obs in objects:
        obs.updated_at = now  # bulk_update does not touch auto_now fields
    columns = ["source" if f == "source" else f for f in fields] + ["updated_at"]
    Observation.objects.bulk_update(objects, columns, batch_size=1000)


def delete_observations(items):
    pks = [item.pk for item in items]
    for start in range(0, len(pks), 5000):
        Observation.objects.filter(pk__in=pks[start : start + 5000]).delete()


# --- Change sets --------------------------------------------------------------------------------


def recorded(values, reference_keys):
    """Field values as the change set stores them: numbers as text, sources by key."""
    if values is None:
        return None
    out = {}
    for name, value in values.items():
        if name == "value":
            value = plain_decimal(value)
        elif name == "source":
            value = reference_keys.get(value)
        out[name] = value
    return out


def record_change_set(*, kind, user, filename, inserted, updated, deleted, reverts=None):
    reference_keys = dict(Reference.objects.values_list("pk", "key"))
    changes = []
    for item in inserted:
        # Only what differs from a new row's defaults: 100,000 new rows stay a small record.
        new = {
            name: value
            for name, value in item.values.items()
            if name == "value" or value not in (None, "", Observation.Status.NORMAL)
        }
        changes.append(
            {
                "indicator": item.indicator.code,
                "region": item.region.code,
                "period": item.period,
                "old": None,
                "new": recorded(new, reference_keys),
            }
        )
    for item in updated:
        changed = item.changed_fields()
        changes.append(
            {
                "indicator": item.indicator.code,
                "region": item.region.code,
                "period": item.period,
                "old": recorded({n: item.old[n] for n in changed}, reference_keys),
                "new": recorded({n: item.values[n] for n in changed}, reference_keys),
            }
        )
    for item in deleted:
        changes.append(
            {
                "indicator": item.indicator.code,
                "region": item.region.code,
                "period": item.period,
                "old": recorded(item.old, reference_keys),
                "new": None,
            }
        )
    return ChangeSet.objects.create(
        kind=kind,
        user=user if user and user.is_authenticated else None,
        filename=filename[:255],
        new_count=len(inserted),
        changed_count=len(updated),
        deleted_count=len(deleted),
        changes=changes,
        reverts=reverts,
    )


def write_with_history(*, kind, user, filename, inserted, updated, deleted=(), reverts=None, dry_run=False):
    """Write the rows, record the change set, and warn about derived values the write puts out of step."""
    indicator_ids = {item.indicator.pk for item in [*inserted, *updated, *deleted]}
    derived = derived_affected(indicator_ids) if indicator_ids else []
    if dry_run and not derived:
        return None, []
    before = {mismatch_key(m) for m in derived_value_mismatches(derived)} if derived else set()
    savepoint = transaction.savepoint() if dry_run else None
    delete_observations(deleted)
    update_observations(updated)
    insert_observations(inserted)
    warnings = derived_warnings(derived, before) if derived else []
    if dry_run:
        transaction.savepoint_rollback(savepoint)
        return None, warnings
    change_set = record_change_set(
        kind=kind, user=user, filename=filename, inserted=inserted, updated=updated, deleted=deleted, reverts=reverts
    )
    transaction.on_commit(lambda: content_changed.send(sender=Observation))
    return change_set, warnings


@transaction.atomic
def observation_import(parsed, *, user=None, filename="", dry_run=False, expected_fingerprint=None, progress=None):
    """Import a ParsedFile (importing.parse_file): all rows or none.

    Raises ObservationImportRejected with every bad row. `expected_fingerprint` (from the
    preview) makes the import refuse if the rows it touches changed since the preview.
    With dry_run nothing is written; the outcome still counts and warns.
    """
    lock_bulk_writes()
    with paused_garbage_collection():
        plan = observation_import_plan(parsed, progress=progress)
    if plan.errors:
        raise ObservationImportRejected(plan.errors)
    if expected_fingerprint is not None and plan_fingerprint(plan) != expected_fingerprint:
        raise ObservationImportRejected(
            [_("Someone changed these observations after your preview. Look at the preview again before you confirm.")]
        )
    change_set, warnings = write_with_history(
        kind=ChangeSet.Kind.IMPORT,
        user=user,
        filename=filename,
        inserted=plan.new,
        updated=plan.changed,
        dry_run=dry_run,
    )
    return ImportOutcome(change_set, plan.counts, plan.warnings + warnings, plan)


def observation_import_preview(parsed, *, user=None, filename="", progress=None):
    """What importing `parsed` would do, with nothing saved: the outcome's plan (new, changed and
    unchanged rows, old -> new), its warnings and its fingerprint, from one check of the rows.
    Raises ObservationImportRejected as the import would."""
    return observation_import(parsed, user=user, filename=filename, dry_run=True, progress=progress)


# --- Revert -------------------------------------------------------------------------------------


def stored_values(recorded_values, references):
    values = {}
    for name, value in recorded_values.items():
        if name == "value":
            from decimal import Decimal

            value = Decimal(value)
        elif name == "source":
            value = references[value].pk if value else None
        values[name] = value
    return values


@transaction.atomic
def change_set_revert(change_set, *, user=None):
    """Undo a change set as a whole, recorded as a new change set. Refused (nothing changes) when
    a row it touched was changed again since, or when it is already reverted."""
    lock_bulk_writes()
    change_set = ChangeSet.objects.select_for_update().get(pk=change_set.pk)
    if hasattr(change_set, "reverted_by"):
        raise ObservationImportRejected([_("This change set has already been reverted.")])
    indicators = {i.code: i for i in Indicator.objects.all()}
    regions = {r.code: r for r in Region.objects.all()}
    references = {r.key: r for r in Reference.objects.all()}
    items, problems = [], []
    for change in change_set.changes:
        indicator, region = indicators.get(change["indicator"]), regions.get(change["region"])
        if indicator is None or region is None:
            problems.append(
                _("%(key)s: the indicator or region no longer exists.")
                % {"key": " · ".join((change["indicator"], change["region"], change["period"]))}
            )
            continue
        period = parse_period(change["period"])
        items.append((change, PlannedObservation(None, indicator, region, period.text, period.start, period.end, {})))
    current = existing_observations([item for _change, item in items])
    inserted, updated, deleted = [], [], []
    for change, item in items:
        found = current.get((item.indicator.pk, item.region.pk, item.period))
        label = " · ".join((change["indicator"], change["region"], change["period"]))
        expected = stored_values(change["new"], references) if change["new"] is not None else None
        if (found is None) != (expected is None) or (found and any(found[1].get(n) != v for n, v in expected.items())):
            problems.append(_("%(key)s was changed after this change set; revert that change first.") % {"key": label})
            continue
        if change["old"] is None:
            item.pk, item.old = found
            deleted.append(item)
        elif change["new"] is None:
            item.values = stored_values(change["old"], references)
            inserted.append(item)
        else:
            item.pk, item.old = found
            item.values = stored_values(change["old"], references)
            updated.append(item)
    if problems:
        raise ObservationImportRejected(problems)
    reverted, warnings = write_with_history(
        kind=ChangeSet.Kind.REVERT,
        user=user,
        filename=change_set.filename,
        inserted=inserted,
        updated=updated,
        deleted=deleted,
        reverts=change_set,
    )
    return ImportOutcome(reverted, {"new": len(inserted), "changed": len(updated), "deleted": len(deleted)}, warnings)
