"""SDMX for statistical software: the observations as SDMX-CSV 1.0 and 2.0, and the structure
they follow (an SDMX-ML 2.1 message with the dataflow, the data structure definition, the
concepts and every code list) at /sdmx/structure.xml.

Columns are the DSD's components (sdmx_structure.COMPONENTS): the key FREQ, INDICATOR, REF_AREA,
TIME_PERIOD; OBS_VALUE; the series attributes UNIT_MEASURE, UNIT_MULT, DECIMALS; the observation
attributes OBS_STATUS, COMMENT_OBS (cross-domain concepts) and SOURCE_DETAIL (the portal's own:
SDMX has no observation-level concept for the reference a figure was taken from). FREQ follows
from the period's form. Notes go on one line: sdmx1 drops line breaks inside a quoted field.
"""

import datetime
import re

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

from indicators.models import Indicator, Observation
from indicators.periods import frequency_of
from portal.languages import language_codes, text_in_language
from portal.models import Reference, Region
from portal.numbers import plain_decimal
from portal.spreadsheet_safety import neutralise

from . import sdmx_structure, tables
from .http import conditional, live_modified_at, validators
from .selection import RELEASE_PARAMETER, BadQuery, Selection, release_named, unknown_parameters
from .streaming import csv_chunks

DATAFLOW_ID, VERSION = "CITY_INNOVATION", "1.0.0"
SDMX_CSV_1 = "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"
SDMX_CSV_2 = "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8"
HEADER_1 = ["DATAFLOW", *sdmx_structure.COMPONENTS]
HEADER_2 = ["STRUCTURE", "STRUCTURE_ID", "ACTION", *sdmx_structure.COMPONENTS]
# Every character str.splitlines() breaks at: sdmx1 (2.28) would drop it from a quoted note.
LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def dataflow_reference():
    """AGENCY:ID(VERSION), as both SDMX-CSV versions name the dataflow."""
    return f"{settings.SDMX_AGENCY}:{DATAFLOW_ID}({VERSION})"


def one_line(text):
    return LINE_BREAKS.sub(" ", text).strip() if text else ""


def sdmx_rows(selection):
    """The COMPONENTS' cells of each selected observation, in the tidy table's order."""
    observations = selection.observations
    lookups = selection.lookups() or tables.Lookups.live(observations)
    indicators = {
        key: (i.code, i.unit_code, str(i.unit_multiplier), str(i.decimals)) for key, i in lookups.indicators.items()
    }
    regions = {key: r.code for key, r in lookups.regions.items()}
    references = {key: r.key for key, r in lookups.references.items()}
    codes, language = language_codes(), get_language()
    for indicator, region, period, value, status, source, _revised, *notes in tables.observation_values(observations):
        code, unit, multiplier, decimals = indicators[indicator]
        note = one_line(text_in_language(dict(zip(codes, notes, strict=True)), language)) if any(notes) else ""
        yield [
            frequency_of(period),
            code,
            regions[region],
            period,
            plain_decimal(value),
            unit,
            multiplier,
            decimals,
            status,
            neutralise(note),
            references.get(source, ""),
        ]


def sdmx_csv_chunks(selection, *, version):
    """SDMX-CSV 1.0.0 (DATAFLOW column) or 2.0.0 (STRUCTURE, STRUCTURE_ID, ACTION=I), never with a BOM."""
    reference = dataflow_reference()
    if version == 1:
        return csv_chunks(HEADER_1, ([reference, *row] for row in sdmx_rows(selection)))
    return csv_chunks(HEADER_2, (["dataflow", reference, "I", *row] for row in sdmx_rows(selection)))


def structure_xml(selection, prepared):
    """The SDMX-ML 2.1 structure message of the selection's release (or of the live data)."""

    def names(obj, field):
        return {code: getattr(obj, f"{field}_{code}") for code in language_codes() if getattr(obj, f"{field}_{code}")}

    indicators = list(selection.objects(Indicator))
    units = {}
    for indicator in indicators:
        if indicator.unit_code:
            units.setdefault(indicator.unit_code, names(indicator, "unit") or {"en": indicator.unit_code})
    return sdmx_structure.build_structure_xml(
        settings.SDMX_AGENCY,
        DATAFLOW_ID,
        VERSION,
        indicators=[
            {"code": i.code, "names": names(i, "name"), "descriptions": names(i, "definition")} for i in indicators
        ],
        regions=[{"code": r.code, "names": names(r, "name")} for r in selection.objects(Region)],
        units=[{"code": code, "names": unit_names} for code, unit_names in sorted(units.items())],
        frequencies=["A", "Q", "M", "D"],
        statuses=[value for value, _label in Observation.Status.choices],
        sources=[{"code": r.key, "names": names(r, "title")} for r in selection.objects(Reference)],
        unit_multipliers=sorted({0, 3, 6, 9} | {i.unit_multiplier for i in indicators}),
        decimals=range(7),
        prepared=prepared,
    )


def structure(request):
    """/sdmx/structure.xml (?release=2026.1 for a release's code lists): language-independent,
    every name in every language."""
    try:
        problems = unknown_parameters(request.GET, {RELEASE_PARAMETER})
        if problems:
            raise BadQuery(problems)
        release = release_named(request.GET[RELEASE_PARAMETER]) if request.GET.get(RELEASE_PARAMETER) else None
    except BadQuery as bad:
        return HttpResponse("\n".join(bad.problems) + "\n", status=400, content_type="text/plain; charset=utf-8")
    selection = Selection(request, release)
    if release is not None:
        prepared = datetime.datetime.combine(release.date, datetime.time(0, 0), tzinfo=datetime.UTC)
    else:
        prepared = (live_modified_at() or timezone.now()).astimezone(datetime.UTC).replace(microsecond=0)
    pinned = release is not None and request.GET.get(RELEASE_PARAMETER) == release.version
    etag, last_modified, cache_control = validators(request, release, pinned=pinned)

    def response():
        answer = HttpResponse(structure_xml(selection, prepared), content_type=sdmx_structure.MEDIA_TYPE)
        answer["Content-Disposition"] = 'inline; filename="structure.xml"'
        return answer

    return conditional(request, response, etag, last_modified, cache_control)
