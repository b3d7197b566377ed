"""The /<lang>/data/ page and its downloads. Every download takes the API's observation
filters (indicator, region, theme, period_from, period_to, status), so a filtered view and
the full data come from one URL scheme; a malformed filter answers 400 saying what is wrong."""

import datetime
import json

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.models import Indicator, Observation, Theme
from portal import citations
from portal.models import Institution, Reference, Region

from . import metadata, policy_tables, selectors, tables
from .datapackage import package_members
from .filters import ObservationFilter
from .sdmx import SDMX_HEADER, sdmx_rows
from .streaming import file_chunks, joined_csv_chunks, json_chunks, spooled_file, zip_chunks
from .xlsx import write_workbook

CSV = "text/csv; charset=utf-8"


def selected_observations(request):
    """(queryset, None) for valid filters, else (None, a 400 response naming each problem)."""
    filterset = ObservationFilter(request.GET, queryset=Observation.objects.visible_to(request), request=request)
    if filterset.is_valid():
        return filterset.qs, None
    lines = [f"{name}: {message}" for name, messages in filterset.errors.items() for message in messages]
    return None, HttpResponse("\n".join(lines) + "\n", status=400, content_type="text/plain; charset=utf-8")


def download(request, chunks, filename, content_type):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # Where the numbers come from and how to cite them: the data page, and each row's source key.
    response["Link"] = f'<{metadata.data_page_url(request)}>; rel="describedby"'
    return response


def observations_csv(request):
    observations, problem = selected_observations(request)
    if problem:
        return problem
    rows = tables.tidy_rows(observations, csv_quoted=True)
    chunks = joined_csv_chunks(tables.TIDY_HEADER, rows, bom=request.GET.get("bom") == "1")
    return download(request, chunks, "observations.csv", CSV)


def observations_wide_csv(request):
    observations, problem = selected_observations(request)
    if problem:
        return problem
    header, rows = tables.wide_table(observations)
    return download(
        request, joined_csv_chunks(header, rows, bom=request.GET.get("bom") == "1"), "observations-wide.csv", CSV
    )


def observations_sdmx_csv(request):
    observations, problem = selected_observations(request)
    if problem:
        return problem
    chunks = joined_csv_chunks(SDMX_HEADER, sdmx_rows(tables.tidy_rows(observations, csv_quoted=True)))
    return download(
        request, chunks, "observations-sdmx.csv", "application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8"
    )


def dataset_description(request, observations):
    return {
        "title": metadata.dataset_title(),
        "publisher": metadata.publisher(),
        "license": metadata.licence(),
        "citation": metadata.citation_text(request),
        "sources": [
            {"key": r.key, "citation": metadata.reference_text(r)} for r in metadata.used_references(observations)
        ],
        "fields": tables.TIDY_HEADER,
    }


def observations_json(request):
    observations, problem = selected_observations(request)
    if problem:
        return problem
    rows = tables.tidy_rows(observations, spreadsheet=False)
    chunks = json_chunks(dataset_description(request, observations), "observations", tables.TIDY_HEADER, rows)
    return download(request, chunks, "observations.json", "application/json")


def observations_xlsx(request):
    observations, problem = selected_observations(request)
    if problem:
        return problem
    sources = metadata.used_references(observations)
    readme = [
        metadata.dataset_title(),
        metadata.citation_text(request),
        _("Sheet “data”: one row per observation. The value is in units of 10 to the power of unit_multiplier."),
        _("Sheet “indicators”: what each indicator measures. Sheet “sources”: where the numbers come from."),
        _("Status codes (SDMX OBS_STATUS): A normal, P provisional, E estimated, B break in series."),
    ]
    file = write_workbook(
        spooled_file(),
        data=(tables.TIDY_HEADER, tables.tidy_rows(observations, native=True, spreadsheet=False)),
        indicators=(tables.INDICATOR_HEADER, tables.indicator_rows(Indicator.objects.visible_to(request))),
        sources=(tables.REFERENCE_HEADER, tables.reference_rows(sources)),
        readme=readme,
    )
    return download(
        request,
        file_chunks(file),
        "observations.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def datapackage_zip(request):
    observations, problem = selected_observations(request)
    if problem:
        return problem
    selection = {
        "observations": observations,
        "indicators": Indicator.objects.visible_to(request),
        "themes": Theme.objects.visible_to(request),
        "regions": Region.objects.visible_to(request),
        "institutions": Institution.objects.visible_to(request),
        "references": Reference.objects.visible_to(request),
        "items": selectors.items_with_public_evidence(request),
        "policy": policy_tables.table_specs(policy_tables.policy_selection(request)),
    }
    sources = list(metadata.used_references(observations))
    return download(
        request, zip_chunks(package_members(selection, sources, request)), "datapackage.zip", "application/zip"
    )


def citation(request, extension):
    write, content_type = citations.FORMATS[extension]
    reference, note = metadata.dataset_reference(request, year=datetime.date.today().year)
    response = HttpResponse(write(reference, note=note), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="city-innovation-portal.{extension}"'
    return response


def index(request):
    reference, note = metadata.dataset_reference(request, year=datetime.date.today().year)
    json_ld = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": metadata.dataset_title(),
        "description": _("Innovation statistics of the city with the source of every number, as tables for research."),
        "url": metadata.data_page_url(request),
        "license": metadata.licence()["path"] or metadata.licence()["name"],
        "creator": {"@type": "Organization", "name": metadata.publisher()},
        "isAccessibleForFree": True,
        "citation": [metadata.reference_text(r) for r in Reference.objects.visible_to(request)],
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": media, "contentUrl": request.build_absolute_uri(reverse(name))}
            for name, media in (
                ("data:observations_csv", "text/csv"),
                ("data:observations_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("data:observations_json", "application/json"),
                ("data:datapackage_zip", "application/zip"),
            )
        ],
    }
    context = {
        "citation_text": metadata.citation_text(request),
        "bibtex": citations.bibtex(reference, note=note),
        "ris": citations.ris(reference, note=note),
        "csl_json": citations.csl_json(reference, note=note),
        # "<" escaped so no text can close the script element.
        "json_ld": json.dumps(json_ld, ensure_ascii=False).replace("<", "\\u003c"),
        "licence": metadata.licence(),
        "indicators": Indicator.objects.visible_to(request).select_related("theme"),
        "regions": Region.objects.visible_to(request),
    }
    return render(request, "data/index.html", context)
