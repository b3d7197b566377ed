"""The downloadable tables as header + row generators, shared by every file format.

Observations are read with `values_list(...).iterator(chunk_size=…)`: no model
instance per row and a server-side cursor on PostgreSQL, so memory stays flat
whatever the number of rows. The small tables they point to (indicators,
regions, references) are read once into dictionaries.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language

from indicators.models import METADATA_FIELDS, Indicator
from portal.languages import language_codes, text_in_language, translated_columns
from portal.models import Reference, Region
from portal.numbers import plain_decimal
from portal.spreadsheet_safety import neutralise

CHUNK_SIZE = 5000

TIDY_HEADER = [
    "indicator",
    "indicator_name",
    "region",
    "region_name",
    "period",
    "value",
    "unit",
    "unit_multiplier",
    "status",
    "note",
    "source",
]
SERIES_HEADER = ["indicator", "indicator_name", "region", "region_name", "unit", "unit_multiplier"]
OBSERVATION_ORDER = ["indicator__code", "region__code", "period_start", "period_end"]


class Lookups:
    """Indicators, regions and references by id, for the observations that point to them."""

    def __init__(self, observations):
        indicator_ids = observations.order_by().values("indicator_id").distinct()
        self.indicators = {i.pk: i for i in Indicator.objects.filter(pk__in=indicator_ids).select_related("source")}
        self.regions = {r.pk: r for r in Region.objects.all()}
        self.references = {r.pk: r for r in Reference.objects.all()}


NOTE_COLUMNS = translated_columns("note")


def plain_values(queryset):
    """Django's own QuerySet over the same (already filtered) query, for values() and values_list().

    Callers ask for every language column by name, so modeltranslation's values(), which builds
    a dictionary per row for its fallbacks, is not needed: the plain one is several times faster.
    """
    return QuerySet(model=queryset.model, query=queryset.query.chain(), using=queryset.db)


def observation_values(observations):
    """(indicator_id, region_id, period, value as text, status, source_id, the notes per language), in order."""
    # The value as text: the database writes it faster than Python builds a Decimal.
    rows = (
        plain_values(observations)
        .annotate(value_text=Cast("value", CharField()))
        .order_by(*OBSERVATION_ORDER)
        .values_list(
            "indicator_id", "region_id", "period", "value_text", "status", "source_id", *translated_columns("note")
        )
    )
    # Inside a transaction PostgreSQL's server-side cursor hands rows out as the sort yields
    # them; outside one Django declares it WITH HOLD, which first copies the whole result.
    with transaction.atomic(using=observations.db):
        yield from rows.iterator(chunk_size=CHUNK_SIZE)


def unchanged(text):
    return text


def csv_field(text):
    """A text as the csv module writes it (minimal quoting), for rows joined by hand."""
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def tidy_rows(observations, lookups=None, *, native=False, spreadsheet=True, csv_quoted=False):
    """One row per observation (TIDY_HEADER).

    native=True keeps value a Decimal (for XLSX); spreadsheet=True neutralises
    formula-like texts here, once per name, rather than per cell in the writer;
    csv_quoted=True gives every cell as CSV text, ready to be joined by commas
    (codes, periods, status and values never need quotes; names are quoted once).
    """
    lookups = lookups or Lookups(observations)
    codes = language_codes()
    safe = neutralise if spreadsheet else unchanged
    if csv_quoted:
        safe = (lambda text: csv_field(neutralise(text))) if spreadsheet else csv_field
    indicators = {
        pk: (i.code, safe(i.name), safe(i.unit), str(i.unit_multiplier) if csv_quoted else i.unit_multiplier)
        for pk, i in lookups.indicators.items()
    }
    regions = {pk: (r.code, safe(r.name)) for pk, r in lookups.regions.items()}
    references = {pk: r.key for pk, r in lookups.references.items()}
    language = get_language()
    for indicator_id, region_id, period, value, status, source_id, *notes in observation_values(observations):
        code, name, unit, multiplier = indicators[indicator_id]
        region_code, region_name = regions[region_id]
        note = safe(text_in_language(dict(zip(codes, notes, strict=True)), language)) if any(notes) else ""
        yield [
            code,
            name,
            region_code,
            region_name,
            period,
            Decimal(plain_decimal(value)) if native else plain_decimal(value),
            unit,
            multiplier,
            status,
            note,
            references.get(source_id, ""),
        ]


def wide_table(observations):
    """(header, rows): one row per indicator and region, one column per period; cells CSV-quoted."""
    periods = list(
        observations.order_by("period_start", "period_end", "period").values_list("period", flat=True).distinct()
    )
    periods = list(dict.fromkeys(periods))
    header = SERIES_HEADER + periods

    def rows():
        first, values = None, {}
        for row in tidy_rows(observations, csv_quoted=True):
            if first is not None and (row[0], row[2]) != (first[0], first[2]):
                yield first + [values.get(p, "") for p in periods]
                first = None
            if first is None:  # a new series: indicator, its name, region, its name, unit, multiplier
                first, values = [row[0], row[1], row[2], row[3], row[6], row[7]], {}
            values[row[4]] = row[5]
        if first is not None:
            yield first + [values.get(p, "") for p in periods]

    return header, rows()


INDICATOR_HEADER = [
    "code",
    "theme",
    "name",
    "definition",
    "unit",
    "unit_multiplier",
    "decimals",
    "source",
    "numerator",
    "denominator",
    "scale",
    "source_note",
    "last_updated",
    *METADATA_FIELDS,
]


def indicator_rows(indicators):
    for i in indicators.with_last_updated().select_related("theme", "source"):
        yield [
            i.code,
            i.theme.code,
            i.name,
            i.definition,
            i.unit,
            i.unit_multiplier,
            i.decimals,
            i.source.key if i.source else "",
            i.numerator.code if i.numerator else "",
            i.denominator.code if i.denominator else "",
            plain_decimal(i.scale),
            i.source_note,
            timezone.localdate(i.last_updated).isoformat() if i.last_updated else None,
            *(metadata_value(getattr(i, name)) for name in METADATA_FIELDS),
        ]


def metadata_value(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


REFERENCE_HEADER = [
    "key",
    "number",
    "kind",
    "authors",
    "title",
    "container",
    "publisher",
    "year",
    "volume",
    "issue",
    "pages",
    "url",
    "doi",
    "accessed",
]


def reference_rows(references):
    for r in references:
        yield [
            r.key,
            r.number,
            r.kind,
            r.authors,
            r.title,
            r.container,
            r.publisher,
            r.year,
            r.volume,
            r.issue,
            r.pages,
            r.url,
            r.doi,
            r.accessed.isoformat() if r.accessed else None,
        ]


THEME_HEADER = ["code", "order", "name", "description"]


def theme_rows(themes):
    for t in themes:
        yield [t.code, t.order, t.name, t.description]


REGION_HEADER = ["code", "kind", "name"]


def region_rows(regions):
    for r in regions:
        yield [r.code, r.kind, r.name]


INSTITUTION_HEADER = ["slug", "kind", "name", "description", "region", "website", "founded_year", "references"]


def institution_rows(institutions):
    for i in institutions.select_related("region").prefetch_related("references"):
        yield [
            i.slug,
            i.kind,
            i.name,
            i.description,
            i.region.code if i.region else "",
            i.website,
            i.founded_year,
            ",".join(sorted(r.key for r in i.references.all())),
        ]


ITEM_HEADER = ["analysis", "key", "quadrant", "order", "title", "text", "indicators", "institutions", "references"]


def item_rows(items):
    for item in items:
        yield [
            item.analysis.slug,
            item.key,
            item.quadrant,
            item.order,
            item.title,
            item.text,
            ",".join(sorted(i.code for i in item.indicators.all())),
            ",".join(sorted(i.slug for i in item.institutions.all())),
            ",".join(sorted(r.key for r in item.references.all())),
        ]
