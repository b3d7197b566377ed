"""What changed between two releases: observations new, revised (old -> new) and withdrawn.

One SQL statement over the temporal table, without comparing the releases row by row: the
versions of the earlier release that the later one closed (old) are joined on the observation's
key with the versions that entered after the earlier release and are in the later one (new), a full outer join. A
key with only a new version is new, one with only an old version was withdrawn, one with both is
revised when any of its fields differ (a value changed and changed back is no change). The rows
come in key order, read with a server-side cursor a few thousand at a time: memory stays flat.
"""

import sqlite3
from dataclasses import astuple, dataclass

from django.db import connection, transaction
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from portal.numbers import plain_decimal

from .models import ObservationVersion
from .tables import CHUNK_SIZE, NOTE_COLUMNS, plain_values

NEW, REVISED, WITHDRAWN = "new", "revised", "withdrawn"
KEY = ["indicator", "region", "period"]
COMPARED = ["value", "status", "source", *NOTE_COLUMNS]  # a revision changes at least one of these
COLUMNS = [*KEY, "period_start", "period_end", *COMPARED, "value_text"]


@dataclass
class Change:
    kind: str
    indicator: str
    region: str
    period: str
    old_value: str  # as published ("12.6"); "" for a new value
    new_value: str  # "" for a withdrawn value
    old_status: str
    new_status: str

    def row(self):
        """The row of changes.csv (columns.CHANGES)."""
        return list(astuple(self))


def ordered(later, earlier):
    return (later, earlier) if later.number > earlier.number else (earlier, later)


def versions_sql(queryset, indicator):
    """SQL and parameters of the versions in `queryset` (of one indicator, when given) with COLUMNS."""
    if indicator is not None:
        queryset = queryset.filter(indicator=indicator)
    rows = plain_values(queryset).annotate(value_text=Cast("value", CharField())).values_list(*COLUMNS)
    return rows.query.sql_with_params()


def binary_collation():
    """Codes compared byte by byte, as Python compares them: the same order whatever the database's collation,
    and cheaper to sort and join than by a language's collation (SQLite compares so already)."""
    return ' COLLATE "C"' if connection.vendor == "postgresql" else ""


def full_join_supported():
    """PostgreSQL has FULL JOIN; SQLite since 3.39 (2022)."""
    return connection.vendor != "sqlite" or sqlite3.sqlite_version_info >= (3, 39)


def changes_sql(later, earlier, indicator=None):
    """SQL and parameters of the changes from release `earlier` to `later` (either order), one row each:
    change, indicator, region, period, period_start, period_end, old_value, new_value, old_status, new_status.

    The old versions full-outer-joined with the new ones on the key; where the database has no FULL
    JOIN, the same as two left joins (the old versions with their new one, the new ones without an old).
    """
    later, earlier = ordered(later, earlier)
    a, b = later.number, earlier.number
    # In release b and closed by a release up to a; entered after b and still in a (each an index range).
    closed = ObservationVersion.objects.filter(valid_from__lte=b, valid_until__gt=b, valid_until__lte=a)
    entered = ObservationVersion.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gt=a), valid_from__gt=b, valid_from__lte=a
    )
    old_sql, old_params = versions_sql(closed, indicator)
    new_sql, new_params = versions_sql(entered, indicator)
    binary = binary_collation()
    same_key = " AND ".join(f"o.{c}{binary} = n.{c}{binary}" for c in KEY)
    # Text columns may be NULL (a language's note): compared as empty text, on every database.
    differs = " OR ".join(
        "o.value <> n.value" if c == "value" else f"COALESCE(o.{c}, '') <> COALESCE(n.{c}, '')" for c in COMPARED
    )
    values = "o.value_text AS old_value, n.value_text AS new_value, o.status AS old_status, n.status AS new_status"
    if full_join_supported():
        either = ", ".join(f"COALESCE(n.{c}, o.{c}) AS {c}" for c in [*KEY, "period_start", "period_end"])
        kind = (
            f"CASE WHEN o.indicator IS NULL THEN '{NEW}' WHEN n.indicator IS NULL THEN '{WITHDRAWN}' "
            f"ELSE '{REVISED}' END"
        )
        sql = (
            f"SELECT {kind} AS change, {either}, {values} FROM ({old_sql}) o FULL JOIN ({new_sql}) n ON {same_key} "
            f"WHERE o.indicator IS NULL OR n.indicator IS NULL OR {differs}"
        )
        return sql, [*old_params, *new_params]
    old_key = ", ".join(f"o.{c} AS {c}" for c in [*KEY, "period_start", "period_end"])
    new_key = ", ".join(f"n.{c} AS {c}" for c in [*KEY, "period_start", "period_end"])
    sql = (
        f"SELECT CASE WHEN n.indicator IS NULL THEN '{WITHDRAWN}' ELSE '{REVISED}' END AS change, {old_key}, {values} "
        f"FROM ({old_sql}) o LEFT JOIN ({new_sql}) n ON {same_key} WHERE n.indicator IS NULL OR {differs} "
        f"UNION ALL "
        f"SELECT '{NEW}' AS change, {new_key}, {values} "
        f"FROM ({new_sql}) n LEFT JOIN ({old_sql}) o ON {same_key} WHERE o.indicator IS NULL"
    )
    return sql, [*old_params, *new_params, *new_params, *old_params]


def change_rows(later, earlier, *, indicator=None):
    """Changes from release `earlier` to release `later` (either order of numbers) as rows of changes.csv
    (columns.CHANGES), in key order, as they are read."""
    changes, params = changes_sql(later, earlier, indicator)
    binary = binary_collation()
    sql = (
        "SELECT change, indicator, region, period, old_value, new_value, old_status, new_status "
        f"FROM ({changes}) c ORDER BY indicator{binary}, region{binary}, period_start, period_end, period{binary}"
    )
    # Inside a transaction PostgreSQL's server-side cursor hands rows out as the sort yields them.
    with transaction.atomic():
        cursor = connection.chunked_cursor()
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(CHUNK_SIZE):
                for kind, code, region, period, old_value, new_value, old_status, new_status in rows:
                    yield [
                        kind,
                        code,
                        region,
                        period,
                        plain_decimal(old_value),
                        plain_decimal(new_value),
                        old_status or "",
                        new_status or "",
                    ]
        finally:
            cursor.close()


def observation_changes(later, earlier, *, indicator=None):
    """The same changes as Change objects."""
    return (Change(*row) for row in change_rows(later, earlier, indicator=indicator))


def change_counts(later, earlier, *, indicator=None):
    """{new, revised, withdrawn: how many} of the same changes, counted by the database."""
    changes, params = changes_sql(later, earlier, indicator)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT change, COUNT(*) FROM ({changes}) c GROUP BY change", params)
        counts = dict(cursor.fetchall())
    return {kind: counts.get(kind, 0) for kind in (NEW, REVISED, WITHDRAWN)}
