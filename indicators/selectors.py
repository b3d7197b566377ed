"""Reads for the observation import: a parsed file checked and compared with the database.

One query per kind of foreign key and one for the observations the file touches,
whatever the number of rows (DESIGN.md: a query per row per key made imports take minutes).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.languages import translated_columns
from portal.models import Reference, Region

from .cells import refuse_date_heading
from .errors import FileRefused, RowError
from .importing import cell_text, parse_number
from .models import Indicator, Observation, value_storage_problem
from .periods import parse_period
from .region_names import RegionMatcher
from .units import unit_shift

NOTE_FIELDS = tuple(translated_columns("note"))
# The fields an import may set besides the value; absent columns leave them as they are.
OPTIONAL_FIELDS = ("status", "source", *NOTE_FIELDS)


@dataclass(slots=True)
class PlannedObservation:
    row: int
    indicator: Indicator
    region: Region
    period: str
    start: object
    end: object
    values: dict  # field -> new value (value, and the optional columns the file has)
    old: dict | None = None  # field -> value in the database, None when new
    pk: int | None = None

    @property
    def key(self):
        return (self.indicator.code, self.region.code, self.period)

    def changed_fields(self):
        if self.old is None:
            return list(self.values)
        return [name for name, value in self.values.items() if self.old.get(name) != value]


@dataclass
class ImportPlan:
    new: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    skipped_regions: dict = field(default_factory=dict)  # label -> [rows]: regions the portal does not hold
    held: list = field(default_factory=list)  # [(row, reason)]: values far from their series (scale_guard)

    @property
    def counts(self):
        return {"new": len(self.new), "changed": len(self.changed), "unchanged": len(self.unchanged)}


class RowProblems(list):
    """The problems of one row of a file, each naming the column as the file does."""

    def __init__(self, raw):
        super().__init__()
        self.raw = raw

    def refuse(self, column, reason):
        raw = self.raw
        self.append(RowError(raw.row, raw.labels.get(column, column), cell_text(raw.cells.get(column)), reason))


class NamedOnce:
    """Names the portal does not hold (a region, an indicator), each reported once per name and reason,
    at its first row, listing the rows that name it when there are several: not once per cell of a wide
    table."""

    def __init__(self):
        self.found = {}  # (column, label, reason) -> (first raw observation, [rows])

    def add(self, column, label, reason, raw):
        rows = self.found.setdefault((column, label, reason), (raw, []))[1]
        add_row(rows, raw.row)

    def errors(self, default_reasons):
        """RowErrors, one per name; a reason of None is the column's in `default_reasons`."""
        for (column, label, reason), (raw, rows) in self.found.items():
            reason = reason or default_reasons[column]
            if len(rows) > 1:
                where = ngettext("%(count)s row: %(rows)s", "%(count)s rows: %(rows)s", len(rows)) % {
                    "count": len(rows),
                    "rows": row_list(rows),
                }
                reason = f"{reason} ({where})"
            yield RowError(rows[0], raw.labels.get(column, column), label, reason)


def add_row(rows, row):
    """`row` added to `rows` once (a wide table's row holds several cells)."""
    if not rows or rows[-1] != row:
        rows.append(row)


def lookup_by_code_or_name(model, code_field, name_field, queryset=None):
    """{text: object} by code and, where unique, by name in any language (case-insensitive)."""
    by_key = {}
    ambiguous = set()
    for obj in queryset if queryset is not None else model.objects.all():
        by_key[getattr(obj, code_field).lower()] = obj
        for code, _name in settings.LANGUAGES:
            name = (getattr(obj, f"{name_field}_{code}", "") or "").strip().lower()
            if name and name not in by_key:
                by_key[name] = obj
            elif name and by_key.get(name) is not obj:
                ambiguous.add(name)
    return {key: obj for key, obj in by_key.items() if key not in ambiguous or key == getattr(obj, code_field).lower()}


def status_lookup():
    statuses = {}
    for code, _label in Observation.Status.choices:
        statuses[code.lower()] = code
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, label in Observation.Status.choices:
                statuses[str(label).lower()] = code
    return statuses


text = cell_text


def observation_import_plan(parsed, progress=None):
    """ImportPlan of a ParsedFile: every row checked, then sorted into new / changed / unchanged."""
    plan = ImportPlan(errors=list(parsed.errors))
    indicators = lookup_by_code_or_name(
        Indicator, "code", "name", Indicator.objects.select_related("numerator", "denominator")
    )
    regions = RegionMatcher()
    unknown = NamedOnce()
    sources = {ref.key.lower(): ref for ref in Reference.objects.all()}
    statuses = status_lookup()
    periods = {}
    seen = {}
    planned = []

    total = len(parsed.observations)
    for done, raw in enumerate(parsed.observations, start=1):
        if progress and done % 10000 == 0:
            progress(done, total)
        cells = raw.cells
        if cells.__class__ is not dict:  # a long file's RowCells: one dict, then plain lookups
            cells = cells.as_dict()
        errors = RowProblems(raw)
        indicator_label = text(cells.get("indicator"))
        indicator = indicators.get(indicator_label.lower())
        if indicator is None:
            unknown.add("indicator", indicator_label, None, raw)
        period_cell = cells.get("period")
        period_text = text(period_cell)
        if period_text not in periods:
            try:
                periods[period_text] = parse_period(period_text)
            except ValidationError as error:
                periods[period_text] = error.messages[0]
        period = periods[period_text]
        if isinstance(period_cell, datetime.date):
            errors.refuse("period", date_period_reason(period_cell))
        elif isinstance(period, str):
            errors.refuse("period", period)
        region_label = text(cells.get("region"))
        region, reason = regions.match(region_label, None if isinstance(period, str) else period.start.year)
        if region is None:
            # Reported once per name (and reason), with its rows: not once per cell of a wide table.
            if reason is None and parsed.skip_unknown_regions:
                add_row(plan.skipped_regions.setdefault(region_label, []), raw.row)
            else:
                unknown.add("region", region_label, reason, raw)
            plan.errors.extend(errors)
            continue
        value = None
        if cells.get("value") in (None, ""):
            errors.refuse("value", _("the value is missing"))
        else:
            try:
                value = parse_number(cells["value"], parsed.decimal)
            except ValueError as error:
                errors.refuse("value", str(error))
        if value is not None and indicator is not None and cells.get("unit") and "unit_multiplier" not in cells:
            try:
                value = value.scaleb(unit_shift(text(cells["unit"]), indicator))
            except ValueError as error:
                errors.refuse("unit", str(error))
                value = None
        if value is not None and (reason := value_storage_problem(value)):
            errors.refuse("value", reason)
            value = None
        if value is not None and indicator is not None and (reason := indicator.implausibility(value)):
            errors.refuse("value", reason)
        if (
            "unit_multiplier" in cells
            and indicator is not None
            and text(cells["unit_multiplier"]) not in ("", str(indicator.unit_multiplier))
        ):
            errors.refuse(
                "unit_multiplier",
                _(
                    "this indicator is stored in units of 10^%(power)s; convert the values rather than import them a "
                    "power of ten apart"
                )
                % {"power": indicator.unit_multiplier},
            )
        values = {"value": value}
        if "status" in cells:
            status_text = text(cells["status"])
            status = statuses.get(status_text.lower()) if status_text else Observation.Status.NORMAL
            if status is None:
                errors.refuse(
                    "status", _("the status must be A (normal), P (provisional), E (estimated) or B (break)")
                )
            values["status"] = status
        if "source" in cells:
            source_key = text(cells["source"]).lower()
            source = sources.get(source_key) if source_key else None
            if source_key and source is None:
                errors.refuse("source", _("no reference has this key"))
            values["source"] = source.pk if source else None
        for note in NOTE_FIELDS:
            if note in cells:
                values[note] = text(cells[note])
                if values[note] and (reason := unstorable_text(values[note])):
                    errors.refuse(note, reason)
        if indicator is not None and region is not None and not isinstance(period, str):
            key = (indicator.id, region.id, period.text)
            if key in seen:
                errors.refuse(
                    "period",
                    _("the same indicator, region and period are already in row %(row)s") % {"row": seen[key]},
                )
            else:
                seen[key] = raw.row
        if errors or indicator is None:
            plan.errors.extend(errors)
            continue
        planned.append(PlannedObservation(raw.row, indicator, region, period.text, period.start, period.end, values))

    plan.errors.extend(
        unknown.errors(
            {
                "indicator": _("no indicator has this code or name"),
                "region": _("no region has this code or name; add it as another name of a region in the admin"),
            }
        )
    )
    if plan.errors:
        plan.errors.sort(key=lambda error: (error.row, error.column) if isinstance(error, RowError) else (0, ""))
        return plan
    classify(plan, planned, parsed.encoding)
    return plan


NOTE_LIMIT = 128 * 1024


def unstorable_text(value):
    """Why a text cannot be saved as it is (a NUL, half of a character, or more than a note holds), or None."""
    if "\x00" in value:
        return _("holds a NUL character (an invisible control character); delete it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("holds half of a character (a lone surrogate); type the text again")
    if len(value) > NOTE_LIMIT:
        return _("longer than %(limit)s KiB; a note is a sentence or two") % {"limit": NOTE_LIMIT // 1024}
    return None


def row_list(rows, shown=20):
    listed = ", ".join(str(row) for row in rows[:shown])
    return listed + (" …" if len(rows) > shown else "")


def date_period_reason(value):
    try:
        refuse_date_heading(value)
    except FileRefused as refused:
        return str(refused)


def existing_observations(planned):
    """{(indicator_id, region_id, period): (pk, {field: value})} for the rows the plan touches: one query."""
    if not planned:
        return {}
    fields = ["value", "status", "source_id", *NOTE_FIELDS]
    rows = Observation.objects.filter(
        indicator_id__in={p.indicator.id for p in planned},
        region_id__in={p.region.id for p in planned},
        period__in={p.period for p in planned},
    ).values_list("pk", "indicator_id", "region_id", "period", *fields)
    existing = {}
    for pk, indicator_id, region_id, period, *values in rows:
        old = dict(zip(fields, values, strict=True))
        old["source"] = old.pop("source_id")
        existing[(indicator_id, region_id, period)] = (pk, old)
    return existing


def lost_to_encoding(old, new, encoding):
    """Did saving in a one-byte code page turn letters it lacks (Kazakh ones in cp1251) into “?”?"""
    if encoding not in ("cp1251", "kz1048") or not old or "?" not in new:
        return False
    return old.encode(encoding, errors="replace").decode(encoding) == new


def classify(plan, planned, encoding=""):
    existing = existing_observations(planned)
    kept = set()
    for item in planned:
        found = existing.get((item.indicator.id, item.region.id, item.period))
        if found:
            item.pk, item.old = found
            for note in NOTE_FIELDS:
                if note in item.values and lost_to_encoding(item.old[note], item.values[note], encoding):
                    item.values[note] = item.old[note]  # keep the text the file could not carry
                    kept.add(note)
        if item.old is None:
            plan.new.append(item)
        elif item.changed_fields():
            plan.changed.append(item)
        else:
            plan.unchanged.append(item)
    for note in sorted(kept):
        plan.warnings.append(
            _(
                "The file's encoding cannot hold some letters of “%(column)s” (they became “?”); the texts in the "
                "portal were kept. Save as “CSV UTF-8” to change them."
            )
            % {"column": note}
        )
