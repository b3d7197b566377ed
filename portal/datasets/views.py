"""The /<lang>/data/ page and its downloads. Every download takes the API's observation
filters (indicator, region, theme, period_from, period_to, status) and `release` (a version
such as 2026.1, or latest), so a filtered view, the full data and any past release come from
one URL scheme. A malformed filter, an unknown parameter or release answers 400 saying what
is wrong."""

import datetime
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from indicators.models import Indicator, Theme
from portal import citations
from portal.models import Region

from . import metadata, tables
from .datapackage import package_members
from .filters import ObservationFilter
from .http import bad_query, conditional, validators
from .models import Release
from .parquet import parquet_chunks
from .sdmx import SDMX_CSV_1, SDMX_CSV_2, sdmx_csv_chunks
from .selection import RELEASE_PARAMETER, BadQuery, selection_from
from .stored import release_file_chunks
from .streaming import file_chunks, joined_csv_chunks, json_chunks, spooled_file, zip_chunks
from .xlsx import write_workbook

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def serve(request, filename, content_type, build, *, extra=(), filterset_class=ObservationFilter, fixed=None):
    """A download: the selection the query asks for, `build(selection)` streamed as `filename`, with
    the caching headers of a release or of live data; 400 naming each problem of the query."""
    try:
        selection = selection_from(request, extra=extra, filterset_class=filterset_class, fixed=fixed)
    except BadQuery as bad:
        return bad_query(bad.problems)
    pinned = selection.release is not None and request.GET.get(RELEASE_PARAMETER) == selection.release.version
    etag, last_modified, cache_control = validators(request, selection.release, pinned=pinned)

    def response():
        if selection.release is not None and fixed is None:  # a release's full file (stored.storable)
            content = release_file_chunks(request, selection.release, lambda: build(selection))
        else:
            content = build(selection)
        answer = StreamingHttpResponse(content, content_type=content_type)
        answer["Content-Disposition"] = f'attachment; filename="{filename}"'
        answer["Content-Language"] = get_language()
        # Where the numbers come from and how to cite them: the data page, and each row's source key.
        answer["Link"] = f'<{metadata.data_page_url(request)}>; rel="describedby"'
        return answer

    return conditional(request, response, etag, last_modified, cache_control)


def bom_wanted(request):
    return request.GET.get("bom") == "1"


def tidy_csv(request, filename, fixed=None):
    def build(selection):
        rows = tables.tidy_rows(selection.observations, selection.lookups(), csv_quoted=True)
        return joined_csv_chunks(tables.TIDY_HEADER, rows, bom=bom_wanted(request))

    return serve(request, filename, CSV, build, extra=("bom",), fixed=fixed)


def observations_csv(request):
    return tidy_csv(request, "observations.csv")


def indicator_series_csv(request, code):
    """An indicator page's series.csv: observations.csv?indicator=<code>, byte for byte, with its releases,
    validators and refusals (`?bom=1` adds the byte order mark Excel wants)."""
    return tidy_csv(request, f"{code}.csv", fixed={"indicator": code})


def observations_wide_csv(request):
    def build(selection):
        header, rows = tables.wide_table(selection.observations, selection.lookups())
        return joined_csv_chunks(header, rows, bom=bom_wanted(request))

    return serve(request, "observations-wide.csv", CSV, build, extra=("bom",))


def observations_sdmx_csv(request):
    return serve(request, "observations-sdmx.csv", SDMX_CSV_1, lambda selection: sdmx_csv_chunks(selection, version=1))


def observations_sdmx2_csv(request):
    return serve(
        request, "observations-sdmx2.csv", SDMX_CSV_2, lambda selection: sdmx_csv_chunks(selection, version=2)
    )


def observations_parquet(request):
    return serve(request, "observations.parquet", "application/vnd.apache.parquet", parquet_chunks)


def dataset_description(selection):
    request = selection.request
    return {
        "title": metadata.dataset_title(selection.objects(Region)),
        "publisher": metadata.publisher(),
        "license": metadata.licence(),
        **metadata.file_metadata(selection),
        # The address of this very file, filter included: the citation leads back to these rows.
        "citation": metadata.citation_text(selection, url=request.build_absolute_uri()),
        "sources": [
            {"key": r.key, "citation": metadata.reference_text(r)} for r in metadata.used_references(selection)
        ],
        "fields": tables.TIDY_HEADER,
    }


def observations_json(request):
    def build(selection):
        rows = tables.tidy_rows(selection.observations, selection.lookups(), spreadsheet=False)
        return json_chunks(dataset_description(selection), "observations", tables.TIDY_HEADER, rows)

    return serve(request, "observations.json", "application/json", build)


def observations_xlsx(request):
    def build(selection):
        readme = [
            metadata.dataset_title(selection.objects(Region)),
            metadata.citation_text(selection, url=request.build_absolute_uri()),
            *metadata.metadata_lines(selection),
            _("Sheet “data”: one row per observation. The value is in units of 10 to the power of unit_multiplier."),
            _("Sheet “indicators”: what each indicator measures. Sheet “sources”: where the numbers come from."),
            _("Status codes (SDMX OBS_STATUS): A normal, P provisional, E estimated, B break in series."),
        ]
        observations, lookups = selection.observations, selection.lookups()
        file = write_workbook(
            spooled_file(),
            title=metadata.dataset_title(selection.objects(Region)),
            creator=metadata.publisher(),
            date_time=archive_time(selection),
            data=(tables.TIDY_HEADER, tables.tidy_rows(observations, lookups, native=True, spreadsheet=False)),
            indicators=(
                tables.INDICATOR_HEADER,
                tables.indicator_rows(selection.objects(Indicator), tables.indicators_last_updated(selection)),
            ),
            sources=(tables.REFERENCE_HEADER, tables.reference_rows(metadata.used_references(selection))),
            readme=readme,
        )
        return file_chunks(file)

    return serve(request, "observations.xlsx", XLSX, build)


def datapackage_zip(request):
    def build(selection):
        return zip_chunks(package_members(selection), date_time=archive_time(selection))

    return serve(request, "datapackage.zip", "application/zip", build)


def archive_time(selection):
    """The zip's dates: the release's day, or the time live content last changed (never 1980)."""
    from .http import live_modified_at

    if selection.release is not None:
        return datetime.datetime.combine(selection.release.date, datetime.time(0, 0))
    modified = live_modified_at()
    return modified.astimezone(datetime.UTC).replace(tzinfo=None) if modified else datetime.datetime(2000, 1, 1)


def citation(request, extension):
    """The dataset's citation (BibTeX, RIS, CSL-JSON) naming the release, with today as the access date."""
    try:
        selection = selection_from(request, extra=())
    except BadQuery as bad:
        return bad_query(bad.problems)
    write, content_type = citations.FORMATS[extension]
    reference, note = metadata.dataset_reference(selection, accessed=datetime.date.today())
    response = HttpResponse(write(reference, note=note), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="city-innovation-portal.{extension}"'
    return response


def json_ld(request, selection):
    """schema.org Dataset of the latest release (or of the live data before the first one)."""
    from .release_views import release_json_ld

    return release_json_ld(request, selection)


def index(request):
    try:
        selection = selection_from(request, extra=())
    except BadQuery as bad:
        return bad_query(bad.problems)
    latest = selection.latest_release
    reference, note = metadata.dataset_reference(selection, accessed=datetime.date.today())
    context = {
        "citation_text": metadata.citation_text(selection, accessed=datetime.date.today()),
        "bibtex": citations.bibtex(reference, note=note),
        "ris": citations.ris(reference, note=note),
        "csl_json": citations.csl_json(reference, note=note),
        # "<" escaped so no text can close the script element.
        "json_ld": json.dumps(json_ld(request, selection), ensure_ascii=False).replace("<", "\\u003c"),
        "licence": metadata.licence(),
        "indicators": Indicator.objects.visible_to(request).select_related("theme"),
        "themes": Theme.objects.all(),
        "regions": Region.objects.visible_to(request),
        "latest": latest,
        "releases": list(Release.objects.published().order_by("-number")),
        "planned": Release.objects.planned().filter(date__gte=datetime.date.today()).first(),
        "downloads": download_links(),
    }
    return render(request, "data/index.html", context)


DOWNLOADS = [
    # (URL name, file name, media type)
    ("data:observations_csv", "observations.csv", "text/csv"),
    ("data:observations_wide_csv", "observations-wide.csv", "text/csv"),
    ("data:observations_xlsx", "observations.xlsx", XLSX),
    ("data:observations_json", "observations.json", "application/json"),
    ("data:observations_parquet", "observations.parquet", "application/vnd.apache.parquet"),
    ("data:observations_sdmx_csv", "observations-sdmx.csv", "application/vnd.sdmx.data+csv; version=1.0.0"),
    ("data:observations_sdmx2_csv", "observations-sdmx2.csv", "application/vnd.sdmx.data+csv; version=2.0.0"),
    ("data:datapackage_zip", "datapackage.zip", "application/zip"),
]


def download_links(release=None):
    """[(file name, URL, media type)] of every download, of `release` when given."""
    query = f"?{RELEASE_PARAMETER}={release.version}" if release else ""
    return [(filename, reverse(name) + query, media) for name, filename, media in DOWNLOADS]
