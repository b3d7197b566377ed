"""The downloadable tables as header + row generators, shared by every file format.

Observations are read with `values_list(...).iterator(chunk_size=…)`: no model
instance per row and a server-side cursor on PostgreSQL, so memory stays flat
whatever the number of rows. The small tables they point to (indicators,
regions, references) are read once into dictionaries.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Case, CharField, Exists, F, Max, OuterRef, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import get_language

from indicators.models import METADATA_FIELDS, Indicator
from indicators.periods import frequency_of
from portal.languages import language_codes, text_in_language, translated_columns
from portal.models import Reference, Region
from portal.numbers import plain_decimal
from portal.spreadsheet_safety import neutralise

from . import columns
from .models import ObservationVersion, Release
from .querysets import plain_values
from .revisions import live_revisions, revision_mark

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
    "value_base",
    "frequency",
    "revised_in",
]
SERIES_HEADER = ["indicator", "indicator_name", "region", "region_name", "unit", "unit_multiplier"]
OBSERVATION_ORDER = ["indicator__code", "region__code", "period_start", "period_end"]
VERSION_ORDER = ["indicator", "region", "period_start", "period_end"]


class Lookups:
    """Indicators, regions and references by the key the observation rows name them by:
    the id in the live tables, the code in a release's (portal.datasets.state)."""

    def __init__(self, indicators, regions, references, *, key="pk", revisions=None):
        self.indicators = {_key(i, key, "code"): i for i in indicators}
        self.regions = {_key(r, key, "code"): r for r in regions}
        self.references = {_key(r, key, "key"): r for r in references}
        # {(indicator, region, period): (value text, release version)} of the values a release revised
        self.revisions = revisions or {}

    @classmethod
    def live(cls, observations=None):
        """The live tables: the indicators of `observations` (every indicator when None)."""
        indicators = Indicator.objects.select_related("source")
        if observations is not None:
            # EXISTS stops at each indicator's first row; IN (SELECT DISTINCT …) read every row first (10 s a million).
            indicators = indicators.filter(Exists(observations.order_by().filter(indicator_id=OuterRef("pk"))))
        indicators = list(indicators)
        return cls(indicators, Region.objects.all(), Reference.objects.all(), revisions=live_revisions(indicators))

    @classmethod
    def released(cls, state):
        return cls(
            state.objects(Indicator), state.objects(Region), state.objects(Reference), key="natural", revisions=None
        )

    def revised_in(self, indicator, region, period, value, revised, versions):
        """The version of the release that revised this value, or "": a release's row knows the number
        (`revised`, see observation_keys); a live value is marked while it still equals the revised one."""
        if revised:
            return versions.get(revised, "")
        return revision_mark(self.revisions, (indicator, region, period), value)


def _key(obj, key, field):
    return obj.pk if key == "pk" else getattr(obj, field)


NOTE_COLUMNS = translated_columns("note")


def is_released(observations):
    return observations.model is ObservationVersion


def observation_keys(observations):
    """Expressions naming each observation's indicator, region and source (`k_indicator`, `k_region`,
    `k_source`) and the number of the release that revised it (`revised`, 0 if none).

    Live rows name indicator, region and source by id and have no revision (Lookups.live gives
    the rest); a release's rows name them by code, with the number of the release that revised them.
    """
    if is_released(observations):
        return {
            "k_indicator": F("indicator"),
            "k_region": F("region"),
            "k_source": F("source"),
            "revised": Case(When(revises=True, then=F("valid_from")), default=Value(0)),
        }
    return {
        "k_indicator": F("indicator_id"),
        "k_region": F("region_id"),
        "k_source": F("source_id"),
        "revised": Value(0),
    }


def observation_values(observations):
    """(indicator, region, period, value as text, status, source, revised in, the notes per language),
    in key order (observation_keys says how indicator, region and source are named)."""
    # The value as text: the database writes it faster than Python builds a Decimal.
    order = VERSION_ORDER if is_released(observations) else OBSERVATION_ORDER
    rows = (
        plain_values(observations)
        .annotate(value_text=Cast("value", CharField()), **observation_keys(observations))
        .order_by(*order)
        .values_list("k_indicator", "k_region", "period", "value_text", "status", "k_source", "revised", *NOTE_COLUMNS)
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


def base_value(value, multiplier):
    """The value in base units: 1.2 with multiplier 6 -> 1200000."""
    return value if not multiplier else plain_decimal(Decimal(value).scaleb(multiplier))


def tidy_rows(observations, lookups=None, *, native=False, spreadsheet=True, csv_quoted=False, release_versions=None):
    """One row per observation (TIDY_HEADER).

    native=True keeps value a Decimal (for XLSX); spreadsheet=True neutralises
    formula-like texts here, once per name, rather than per cell in the writer;
    csv_quoted=True gives every cell as CSV text, ready to be joined by commas
    (codes, periods, status and values never need quotes; names are quoted once).
    `release_versions` names the releases by number ({2: "2026.2"}) for revised_in.
    """
    if lookups is None:
        lookups = Lookups.live(observations)
    versions = release_versions if release_versions is not None else release_numbers()
    codes = language_codes()
    safe = neutralise if spreadsheet else unchanged
    if csv_quoted:
        safe = (lambda text: csv_field(neutralise(text))) if spreadsheet else csv_field
    indicators = {pk: (i.code, safe(i.name), safe(i.unit), i.unit_multiplier) for pk, i in lookups.indicators.items()}
    regions = {pk: (r.code, safe(r.name)) for pk, r in lookups.regions.items()}
    references = {pk: r.key for pk, r in lookups.references.items()}
    language = get_language()
    for indicator_id, region_id, period, value, status, source_id, revised, *notes in observation_values(observations):
        code, name, unit, multiplier = indicators[indicator_id]
        region_code, region_name = regions[region_id]
        note = safe(text_in_language(dict(zip(codes, notes, strict=True)), language)) if any(notes) else ""
        value = plain_decimal(value)
        revised_in = lookups.revised_in(indicator_id, region_id, period, value, revised, versions)
        base = base_value(value, multiplier)
        yield [
            code,
            name,
            region_code,
            region_name,
            period,
            Decimal(value) if native else value,
            unit,
            str(multiplier) if csv_quoted else multiplier,
            status,
            note,
            references.get(source_id, ""),
            Decimal(base) if native else base,
            frequency_of(period),
            revised_in,
        ]


def release_numbers():
    """{number: version} of the published releases."""
    return dict(Release.objects.filter(number__isnull=False).values_list("number", "version"))


def period_column(period):
    """A period as a column name every statistics package accepts: 2015 -> y2015, 2021-Q2 -> y2021q2,
    2021-08 -> y2021m08, 2021-08-01 -> y2021m08d01."""
    year, _, rest = period.partition("-")
    if not rest:
        return f"y{year}"
    if rest.startswith("Q"):
        return f"y{year}q{rest[1:]}"
    month, _, day = rest.partition("-")
    return f"y{year}m{month}" + (f"d{day}" if day else "")


def wide_table(observations, lookups=None):
    """(header, rows): one row per indicator and region, one column per period (named by
    period_column); cells CSV-quoted."""
    periods = list(
        observations.order_by("period_start", "period_end", "period").values_list("period", flat=True).distinct()
    )
    periods = list(dict.fromkeys(periods))
    header = SERIES_HEADER + [period_column(p) for p in periods]

    def rows():
        first, values = None, {}
        for row in tidy_rows(observations, lookups, csv_quoted=True):
            if first is not None and (row[0], row[2]) != (first[0], first[2]):
                yield first + [values.get(p, "") for p in periods]
                first = None
            if first is None:  # a new series: indicator, its name, region, its name, unit, multiplier
                first, values = [row[0], row[1], row[2], row[3], row[6], row[7]], {}
            values[row[4]] = row[5]
        if first is not None:
            yield first + [values.get(p, "") for p in periods]

    return header, rows()


INDICATOR_HEADER = columns.header(columns.INDICATORS)


def indicator_rows(indicators, last_updated):
    """`last_updated`: {indicator code: the day one of its values last changed} (indicators_last_updated)."""
    for i in indicators:
        yield [
            i.code,
            i.theme.code,
            i.name,
            i.definition,
            i.unit,
            i.unit_multiplier,
            i.unit_code,
            i.decimals,
            i.source.key if i.source else "",
            i.numerator.code if i.numerator else "",
            i.denominator.code if i.denominator else "",
            Decimal(plain_decimal(i.scale)) if i.scale is not None else None,
            i.source_note,
            last_updated.get(i.code),
            *(metadata_value(getattr(i, name)) for name in METADATA_FIELDS),
        ]


def indicators_last_updated(selection):
    """{indicator code: the day (ISO) a value of it last changed}: for live data from the observations' change
    times (in the portal's time zone); in a release, the date of the release that last changed one of them."""
    if selection.state is not None:
        dates = dict(Release.objects.filter(number__isnull=False).values_list("number", "date"))
        rows = selection.all_observations().order_by().values("indicator").annotate(number=Max("valid_from"))
        return {row["indicator"]: dates[row["number"]].isoformat() for row in rows}
    rows = selection.all_observations().order_by().values("indicator__code").annotate(latest=Max("updated_at"))
    return {row["indicator__code"]: timezone.localdate(row["latest"]).isoformat() for row in rows if row["latest"]}


def metadata_value(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


REFERENCE_HEADER = columns.header(columns.REFERENCES)


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


THEME_HEADER = columns.header(columns.THEMES)


def theme_rows(themes):
    for t in themes:
        yield [t.code, t.order, t.name, t.description]


REGION_HEADER = columns.header(columns.REGIONS)


def region_rows(regions, former_names):
    by_region = {}
    for name in former_names:
        by_region.setdefault(name.region.code, []).append(f"{name.name} ({name.year_from}-{name.year_to})")
    for r in regions:
        yield [r.code, r.kind, r.name, r.kato, r.iso_3166_2, "; ".join(by_region.get(r.code, []))]


REGION_CODE_SOURCE_HEADER = columns.header(columns.REGION_CODE_SOURCES)


def region_code_source_rows(regions):
    return link_rows(regions, lambda r: [r.code], "code_sources", "key")


REGION_NAME_HEADER = columns.header(columns.REGION_NAMES)


def region_name_rows(former_names):
    for n in former_names:
        yield [n.region.code, n.name, n.year_from, n.year_to]


INSTITUTION_HEADER = columns.header(columns.INSTITUTIONS)


def institution_rows(institutions):
    for i in institutions:
        yield [
            i.slug,
            i.kind,
            i.name,
            i.description,
            i.region.code if i.region else "",
            i.website,
            i.founded_year,
        ]


INSTITUTION_REFERENCE_HEADER = columns.header(columns.INSTITUTION_REFERENCES)


def institution_reference_rows(institutions):
    return link_rows(institutions, lambda i: [i.slug], "references", "key")


ANALYSIS_HEADER = columns.header(columns.ANALYSES)


def analysis_rows(analyses):
    for a in analyses:
        yield [a.slug, a.region.code, a.title, a.year, a.authors, a.source.key if a.source else ""]


ITEM_HEADER = columns.header(columns.ITEMS)


def item_rows(items):
    for item in items:
        yield [item.analysis.slug, item.key, item.quadrant, item.order, item.title, item.text]


def item_link_rows(items, relation, key):
    """(analysis, item, linked code) rows of one kind of an item's evidence."""
    return link_rows(items, lambda item: [item.analysis.slug, item.key], relation, key)


def link_rows(objects, own_key, relation, key):
    """Rows of a link table: each object's key columns (`own_key(obj)`) and the `key` of every row its
    many-to-many `relation` links it to, in order."""
    for obj in objects:
        for code in sorted(getattr(linked, key) for linked in getattr(obj, relation).all()):
            yield [*own_key(obj), code]
