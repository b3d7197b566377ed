"""Writes of observations in bulk: an import, and the revert of a change set.

Each runs in one transaction, holds a lock so two imports never interleave, checks
again against the database as it is inside the lock, writes with COPY (PostgreSQL)
or bulk_create, and records one ChangeSet with the values before and after.
"""

import hashlib
import json
from dataclasses import dataclass, field
from itertools import chain

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from portal.content import content_changed
from portal.models import Reference, Region
from portal.numbers import plain_decimal

from .cycle_collection import cycle_collection_paused
from .derivation import derived_value_mismatches
from .errors import RowError
from .models import ChangeSet, Indicator, Observation
from .periods import parse_period
from .scale_guard import held_rows
from .selectors import NOTE_FIELDS, PlannedObservation, existing_observations, observation_import_plan

IMPORT_LOCK_ID = 5_000_001  # PostgreSQL advisory lock shared by every observation bulk write


class ObservationImportRejected(Exception):
    """Bad rows (or stale preview, or a conflicting revert): nothing was saved. `held`: the rows the scale
    guard held back ([(planned item, reason)]), which confirming the scale lets through."""

    def __init__(self, errors, held=()):
        self.errors = list(errors)
        self.held = list(held)
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


def write_batch_size():
    """Rows written between two reports of progress (OBSERVATION_IMPORT_WRITE_BATCH)."""
    return max(1, int(getattr(settings, "OBSERVATION_IMPORT_WRITE_BATCH", 5000)))


def batches(items):
    size = write_batch_size()
    for start in range(0, len(items), size):
        yield items[start : start + size]


def observation_copy_lines(items):
    """The rows of `items` in COPY's text format (COPY_COLUMNS), a line each, as bytes."""
    normal, null, no_notes = Observation.Status.NORMAL, "\\N", "\t" * len(NOTE_FIELDS)
    for item in items:
        # Periods and statuses are codes checked by the plan: only the notes are free text.
        values = item.values
        texts = [values.get(name) for name in NOTE_FIELDS]
        if any(texts):
            texts = [copy_text(text) if text else "" for text in texts]
            notes = "\t".join([texts[0], *texts])  # `note` is the default language's
        else:
            notes = no_notes
        source = values.get("source")
        yield (
            f"{item.indicator.id}\t{item.region.id}\t{item.period}\t{item.start}\t{item.end}\t{values['value']}\t"
            f"{values.get('status') or normal}\t{null if source is None else source}\t{notes}\n"
        ).encode()


def insert_observations(items):
    if not items:
        return
    if connection.vendor == "postgresql":
        # COPY is what the benchmark compares against; bulk_create costs three times as much. The lines are
        # made as COPY reads them, so the database stores one piece while the next is made.
        with connection.cursor() as cursor:
            cursor.copy_expert(
                f"COPY {Observation._meta.db_table} ({', '.join(COPY_COLUMNS)}) FROM STDIN",
                CopyReader(observation_copy_lines(items)),
                OBSERVATION_READ_BYTES,
            )
        return
    objects = []
    for item in items:
        v = new_row_values(item)
        objects.append(
            Observation(
                indicator_id=item.indicator.id,
                region_id=item.region.id,
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


def change_entries(inserted, updated, deleted, reference_keys):
    """The change set's changes, each as its JSON text: a list of 100,000 dicts would take about 50 MB
    and its serialising the longest part of writing the change set."""
    heads, periods = {}, {}  # a series' codes and a period repeat on many rows: each written as JSON once

    def key_json(item):
        indicator, region = item.indicator, item.region
        if (head := heads.get((indicator.id, region.id))) is None:
            head = heads[(indicator.id, region.id)] = (
                f'"indicator": {json.dumps(indicator.code)}, "region": {json.dumps(region.code)}, "period": '
            )
        if (period := periods.get(item.period)) is None:
            period = periods[item.period] = json.dumps(item.period)
        return head + period

    defaults = (None, "", Observation.Status.NORMAL)
    for item in inserted:
        # Only what differs from a new row's defaults: 100,000 new rows stay a small record.
        new = {name: value for name, value in item.values.items() if name == "value" or value not in defaults}
        if len(new) == 1:  # the value alone, as text of digits, sign and point: nothing to escape
            new_json = f'{{"value": "{plain_decimal(new["value"])}"}}'
        else:
            new_json = json.dumps(recorded(new, reference_keys))
        yield f'{{{key_json(item)}, "old": null, "new": {new_json}}}'
    for item in updated:
        changed = item.changed_fields()
        old = recorded({n: item.old[n] for n in changed}, reference_keys)
        new = recorded({n: item.values[n] for n in changed}, reference_keys)
        yield f'{{{key_json(item)}, "old": {json.dumps(old)}, "new": {json.dumps(new)}}}'
    for item in deleted:
        yield f'{{{key_json(item)}, "old": {json.dumps(recorded(item.old, reference_keys))}, "new": null}}'


def json_array(entries):
    """The pieces of a JSON array of `entries` (each a JSON text)."""
    yield "["
    for number, entry in enumerate(entries):
        yield entry if number == 0 else ", " + entry
    yield "]"


class CopyReader:
    """A file for COPY … FROM STDIN over `pieces` (bytes in COPY's text format), read as COPY asks."""

    def __init__(self, pieces):
        self.pieces, self.pending = iter(pieces), b""

    def read(self, size=-1):
        # Collected in a list and joined once: adding each piece to a bytes object copied it again per piece.
        parts, length = [self.pending], len(self.pending)
        while size < 0 or length < size:
            piece = next(self.pieces, None)
            if piece is None:
                break
            parts.append(piece)
            length += len(piece)
        data = b"".join(parts)
        if size < 0:
            size = len(data)
        chunk, self.pending = data[:size], data[size:]
        return chunk


def copy_field_text(pieces):
    """`pieces` of one text field escaped for COPY's text format, as bytes: JSON holds no raw tab or line
    break, so only its backslashes are doubled."""
    for piece in pieces:
        yield piece.replace("\\", "\\\\").encode()


COPY_READ_BYTES = 256 * 1024  # what COPY asks of the reader at a time (psycopg's default: 8 KiB)
# Smaller for the observations: a batch's rows go in several pieces, which the database stores as they come.
OBSERVATION_READ_BYTES = 32 * 1024


def record_change_set(*, kind, user, filename, inserted, updated, deleted, reverts=None):
    reference_keys = dict(Reference.objects.values_list("pk", "key"))
    change_set = ChangeSet.objects.create(
        kind=kind,
        user=user if user and user.is_authenticated else None,
        filename=filename[:255],
        new_count=len(inserted),
        changed_count=len(updated),
        deleted_count=len(deleted),
        reverts=reverts,
    )
    entries = change_entries(inserted, updated, deleted, reference_keys)
    table, column = ChangeSet._meta.db_table, ChangeSet._meta.get_field("changes").column
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Streamed through COPY into a scratch table: the text of 100,000 changes is never whole in memory.
            cursor.execute("CREATE TEMPORARY TABLE IF NOT EXISTS change_set_text (doc text) ON COMMIT DELETE ROWS")
            cursor.execute("DELETE FROM change_set_text")
            reader = CopyReader(copy_field_text(chain(json_array(entries), "\n")))
            cursor.copy_expert("COPY change_set_text FROM STDIN", reader, COPY_READ_BYTES)
            sql = f"UPDATE {quote(table)} SET {quote(column)} = (SELECT doc::jsonb FROM change_set_text) WHERE id = %s"
            cursor.execute(sql, [change_set.pk])
        else:
            sql = f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE id = %s"
            cursor.execute(sql, ["".join(json_array(entries)), change_set.pk])
    del change_set.changes  # deferred: read from the database if asked
    return change_set


def change_reason(change_set):
    """The history's note on a row a change set wrote; HISTORY_REASON finds the change set in it again."""
    return f"{capfirst(change_set.get_kind_display())}: {HISTORY_REASON_PREFIX}{change_set.pk}"[:100]


HISTORY_REASON_PREFIX = "#"
HISTORY_CHUNK = 5000


def record_history(change_set, user, history_type, where, params):
    """One historical record per observation `where` selects, as it is now, in one INSERT … SELECT:
    imports and reverts appear on each observation's History, linked to their change set."""
    history = Observation.history.model
    quote = connection.ops.quote_name
    kept = {field.column for field in history._meta.concrete_fields}
    columns = [quote(field.column) for field in Observation._meta.concrete_fields if field.column in kept]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(columns)}, {quote('history_date')}, "
            f"{quote('history_change_reason')}, {quote('history_type')}, {quote('history_user_id')}) "
            f"SELECT {', '.join(columns)}, %s, %s, %s, %s FROM {quote(Observation._meta.db_table)} WHERE {where}",
            [timezone.now(), change_reason(change_set), history_type, getattr(user, "pk", None), *params],
        )


def record_history_of(change_set, user, history_type, pks):
    pks = list(pks)
    for start in range(0, len(pks), HISTORY_CHUNK):
        chunk = pks[start : start + HISTORY_CHUNK]
        record_history(change_set, user, history_type, f"id IN ({', '.join(['%s'] * len(chunk))})", chunk)


def write_with_history(
    *, kind, user, filename, inserted, updated, deleted=(), reverts=None, dry_run=False, write_progress=None
):
    """Write the rows, record the change set (and each row's history), and warn about derived values the
    write puts out of step. `write_progress(written)` is told the rows changed and added so far, after
    each batch (OBSERVATION_IMPORT_WRITE_BATCH rows) is written."""
    indicator_ids = {item.indicator.id for item in [*inserted, *updated, *deleted]}
    derived = derived_affected(indicator_ids) if indicator_ids else []
    if dry_run and not derived:
        return None, []
    before = {mismatch_key(m) for m in derived_value_mismatches(derived)} if derived else set()
    savepoint = transaction.savepoint() if dry_run else None
    change_set = None
    if not dry_run:
        change_set = record_change_set(
            kind=kind,
            user=user,
            filename=filename,
            inserted=inserted,
            updated=updated,
            deleted=deleted,
            reverts=reverts,
        )
        user = user if user and user.is_authenticated else None
        record_history_of(change_set, user, "-", (item.pk for item in deleted))
    delete_observations(deleted)
    written = 0
    last_id = Observation.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for write, items in ((update_observations, updated), (insert_observations, inserted)):
        for batch in batches(items):
            write(batch)
            written += len(batch)
            if write_progress and not dry_run:
                write_progress(written)
    if not dry_run:
        record_history_of(change_set, user, "~", (item.pk for item in updated))
        if inserted:
            new_for = sorted({item.indicator.id for item in inserted})
            record_history(
                change_set,
                user,
                "+",
                f"id > %s AND indicator_id IN ({', '.join(['%s'] * len(new_for))})",
                [last_id, *new_for],
            )
    warnings = derived_warnings(derived, before) if derived else []
    if dry_run:
        transaction.savepoint_rollback(savepoint)
        return None, warnings
    transaction.on_commit(lambda: content_changed.send(sender=Observation))
    return change_set, warnings


def held_back_errors(held):
    return [
        RowError(
            item.row,
            "value",
            plain_decimal(item.values["value"]),
            _("%(reason)s. Held back: confirm the values far from their series to import them.") % {"reason": reason},
        )
        for item, reason in held
    ]


@transaction.atomic
@cycle_collection_paused()
def observation_import(
    parsed,
    *,
    user=None,
    filename="",
    dry_run=False,
    expected_fingerprint=None,
    progress=None,
    confirm_scale=False,
    preview=False,
    write_progress=None,
):
    """Import a ParsedFile (importing.parse_file): all rows or none.

    Raises ObservationImportRejected with every bad row. `expected_fingerprint` (from the
    preview) makes the import refuse if the rows it touches changed since the preview.
    Values far from their series (scale_guard) are refused unless `confirm_scale`; a preview
    lists them instead (outcome.plan.held). With dry_run nothing is written; the outcome
    still counts and warns. `write_progress(written)` is told the rows written so far, batch by batch.
    """
    lock_bulk_writes()
    plan = observation_import_plan(parsed, progress=progress)
    if plan.errors:
        raise ObservationImportRejected(plan.errors)
    plan.held = [] if confirm_scale else held_rows(plan.new + plan.changed)
    if plan.held and not preview:
        raise ObservationImportRejected(held_back_errors(plan.held), held=plan.held)
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
        write_progress=write_progress,
    )
    return ImportOutcome(change_set, plan.counts, plan.warnings + warnings, plan)


def observation_import_preview(parsed, *, user=None, filename="", progress=None):
    """What importing `parsed` would do, with nothing saved: the outcome's plan (new, changed and
    unchanged rows, old -> new), its warnings and its fingerprint, from one check of the rows.
    Raises ObservationImportRejected as the import would."""
    return observation_import(parsed, user=user, filename=filename, dry_run=True, progress=progress, preview=True)


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


class RevertConflict(str):
    """Why a revert is refused for one row; `blocking` is the later change set that changed it (None
    when it was changed by hand in the admin: its History says who and when)."""

    key = ""
    blocking = None


def change_key(change):
    return (change["indicator"], change["region"], change["period"])


def later_change_sets(change_set, changes):
    """{key: the latest change set after `change_set` that touched the row}, for the rows of `changes`."""
    wanted = {change_key(change) for change in changes}
    found = {}
    for later in ChangeSet.objects.filter(pk__gt=change_set.pk).order_by("pk").iterator(chunk_size=20):
        for change in later.changes:
            key = change_key(change)
            if key in wanted:
                found[key] = later
    return found


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
    items, problems, conflicts = [], [], []
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
        found = current.get((item.indicator.id, item.region.id, item.period))
        label = " · ".join((change["indicator"], change["region"], change["period"]))
        expected = stored_values(change["new"], references) if change["new"] is not None else None
        if (found is None) != (expected is None) or (found and any(found[1].get(n) != v for n, v in expected.items())):
            conflicts.append((change, label))
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
    if conflicts:
        blocking = later_change_sets(change_set, [change for change, _label in conflicts])
        for change, label in conflicts:
            later = blocking.get(change_key(change))
            problem = RevertConflict(
                _("%(key)s was changed after this change set; revert that change first.") % {"key": label}
            )
            problem.key, problem.blocking = label, later
            problems.append(problem)
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
