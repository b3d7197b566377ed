"""A release's page, its CITATION.cff, and what changed since an earlier release (page, CSV, JSON)."""

import datetime
import json
from itertools import islice

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.models import Indicator
from portal import citations
from portal.languages import language_codes
from portal.models import Region

from . import columns, metadata
from .changes import change_counts, change_rows, observation_changes
from .http import IMMUTABLE, bad_query, only_parameters
from .models import Release
from .selection import BadQuery, Selection, release_named, unknown_parameters
from .stored import release_file_chunks
from .streaming import joined_csv_chunks, json_chunks

CHANGES_SHOWN = 500  # on the page; the CSV and JSON have them all


def published_or_404(version):
    release = Release.objects.filter(number__isnull=False, version=version).first()
    if release is None:
        raise Http404
    return release


def previous_release(release):
    return Release.objects.filter(number__lt=release.number).order_by("-number").first()


def release_json_ld(request, selection):
    """schema.org Dataset: of a release when the selection has one, else of the live data (as of the latest)."""
    from .views import download_links

    release = selection.release
    latest = release or selection.latest_release
    regions = selection.objects(Region)
    indicators = selection.objects(Indicator)
    periods = selection.all_observations().order_by().values_list("period_start", "period_end")
    first = min((start for start, _end in periods), default=None)
    last = max((end for _start, end in periods), default=None)
    url = metadata.release_url(release, request) if release else metadata.data_page_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "@id": url,
        "identifier": url,
        "name": metadata.dataset_title(regions),
        "description": _("Innovation statistics of the city with the source of every number, as tables for research."),
        "url": url,
        "license": metadata.licence()["path"] or metadata.licence()["name"],
        "creator": {"@type": "Organization", "name": metadata.publisher()},
        "publisher": {"@type": "Organization", "name": metadata.publisher()},
        "isAccessibleForFree": True,
        "inLanguage": language_codes(),
        "keywords": ["innovation", "statistics", "SWOT", *(str(r) for r in regions)],
        "spatialCoverage": [{"@type": "Place", "name": str(r), "identifier": r.iso_3166_2 or r.code} for r in regions],
        "variableMeasured": [
            {"@type": "PropertyValue", "name": str(i), "propertyID": i.code, "unitText": i.unit} for i in indicators
        ],
        "citation": metadata.citation_text(selection),
        "distribution": [
            {
                "@type": "DataDownload",
                "name": name,
                "encodingFormat": media,
                "contentUrl": request.build_absolute_uri(link),
            }
            for name, link, media in download_links(release)
        ],
    }
    if first and last:
        data["temporalCoverage"] = f"{first.isoformat()}/{last.isoformat()}"
    if latest is not None:
        data["version"] = latest.version
        data["dateModified"] = latest.date.isoformat()
        data["datePublished"] = latest.date.isoformat()
        before = previous_release(latest)
        if before is not None:
            data["isBasedOn"] = metadata.release_url(before, request)
    return data


@only_parameters()
def release_page(request, version):
    release = published_or_404(version)
    from .views import download_links

    selection = Selection(request, release)
    reference, note = metadata.dataset_reference(selection, accessed=datetime.date.today())
    context = {
        "release": release,
        "previous": previous_release(release),
        "downloads": download_links(release),
        "citation_text": metadata.citation_text(selection, accessed=datetime.date.today()),
        "bibtex": citations.bibtex(reference, note=note),
        "json_ld": json.dumps(release_json_ld(request, selection), ensure_ascii=False).replace("<", "\\u003c"),
    }
    return render(request, "data/release.html", context)


@only_parameters()
def citation_cff(request, version):
    """CITATION.cff (Citation File Format 1.2.0) of one release."""
    release = published_or_404(version)
    selection = Selection(request, release)
    reference, _note = metadata.dataset_reference(selection)
    message = _("If you use these data, cite them as below, and the source of each number too.")
    lines = [
        "cff-version: 1.2.0",
        f"message: {json.dumps(message, ensure_ascii=False)}",
        "type: dataset",
        f"title: {json.dumps(reference.title, ensure_ascii=False)}",
        f"version: {json.dumps(release.version)}",
        f"date-released: {release.date.isoformat()}",
        "authors:",
        f"  - name: {json.dumps(metadata.publisher(), ensure_ascii=False)}",
        f"license: {json.dumps(metadata.licence()['name'])}",
        f"url: {json.dumps(metadata.release_url(release, request))}",
        f"repository: {json.dumps(metadata.data_page_url(request))}",
        "keywords:",
        *(f"  - {json.dumps(word, ensure_ascii=False)}" for word in ["innovation", "statistics", "SWOT"]),
    ]
    if release.notes:
        lines.append(f"abstract: {json.dumps(release.notes, ensure_ascii=False)}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="application/x-yaml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="CITATION.cff"'
    response["Cache-Control"] = IMMUTABLE
    return response


def changes_between(request, version):
    """(later release, earlier release) of /releases/<version>/changes/?since=<earlier>, or BadQuery."""
    release = published_or_404(version)
    problems = unknown_parameters(request.GET, ("since", "indicator"))
    if problems:
        raise BadQuery(problems)
    since = request.GET.get("since")
    earlier = release_named(since) if since else previous_release(release)
    if earlier is None:
        raise BadQuery([_("since: the first release has no earlier one to compare with.")])
    if earlier.number >= release.number:
        raise BadQuery([_("since: name a release older than %(version)s.") % {"version": release.version}])
    return release, earlier, request.GET.get("indicator") or None


def changes_page(request, version):
    try:
        release, earlier, indicator = changes_between(request, version)
    except BadQuery as bad:
        return bad_query(bad.problems)
    counts = change_counts(release, earlier, indicator=indicator)
    query = f"?since={earlier.version}" + (f"&indicator={indicator}" if indicator else "")
    context = {
        "release": release,
        "earlier": earlier,
        "indicator": indicator,
        "counts": counts,
        "changes": list(islice(observation_changes(release, earlier, indicator=indicator), CHANGES_SHOWN)),
        "more": max(0, sum(counts.values()) - CHANGES_SHOWN),
        "csv_url": reverse("data:release_changes_csv", kwargs={"version": release.version}) + query,
        "json_url": reverse("data:release_changes_json", kwargs={"version": release.version}) + query,
    }
    response = render(request, "data/changes.html", context)
    response["Cache-Control"] = IMMUTABLE
    return response


def changes_download(request, version, extension):
    try:
        release, earlier, indicator = changes_between(request, version)
    except BadQuery as bad:
        return bad_query(bad.problems)
    header = columns.header(columns.CHANGES)

    def build():
        rows = change_rows(release, earlier, indicator=indicator)
        if extension == "csv":
            # Codes, periods, numbers and statuses only: no cell ever needs quoting, so rows are joined by hand.
            return joined_csv_chunks(header, rows)
        description = {
            "release": release.version,
            "since": earlier.version,
            "indicator": indicator,
            "counts": change_counts(release, earlier, indicator=indicator),
            "fields": header,
        }
        return json_chunks(description, "changes", header, rows)

    # Between two releases the changes never change: the full list is stored once answered.
    chunks = release_file_chunks(request, release, build, names={"since"})
    content_type = "text/csv; charset=utf-8" if extension == "csv" else "application/json"
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="changes-{earlier.version}-{release.version}.{extension}"'
    response["Cache-Control"] = IMMUTABLE
    return response
