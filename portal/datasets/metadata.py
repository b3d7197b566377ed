"""What every download says about itself: title, licence, sources and how to cite it.

No date of the day goes into a file, so the same data always gives the same bytes: a citation
names the release's version and date, and only the citation files carry an access date.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.models import Indicator
from portal import citations
from portal.models import Reference, Region

LICENSES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}


def licence():
    name = settings.DATASET_LICENSE
    title, path = LICENSES.get(name, (name, ""))
    return {"name": name, "title": title, "path": path}


def dataset_title(regions=()):
    """The title names the places the data is about (Astana), as a citation must."""
    names = ", ".join(str(region) for region in regions)
    if not names:
        return _("Innovation statistics of the city, with their sources")
    return _("Innovation statistics of %(regions)s, with their sources") % {"regions": names}


def publisher():
    return settings.PORTAL_PUBLISHER or _("City innovation portal")


def data_page_url(request=None):
    path = reverse("data:index")
    return request.build_absolute_uri(path) if request is not None else path


def release_url(release, request=None):
    path = reverse("data:release", kwargs={"version": release.version})
    return request.build_absolute_uri(path) if request is not None else path


def used_references(selection):
    """The references behind the selected numbers: each observation's and each indicator's source."""
    observations = selection.observations
    if selection.state is not None:
        keys = set(observations.order_by().values_list("source", flat=True).distinct())
        codes = set(observations.order_by().values_list("indicator", flat=True).distinct())
        keys |= {i.source.key for i in selection.objects(Indicator) if i.code in codes and i.source is not None}
        return [r for r in selection.objects(Reference) if r.key in keys]
    observation_sources = observations.order_by().values("source_id")
    indicator_sources = Indicator.objects.filter(pk__in=observations.order_by().values("indicator_id")).values(
        "source_id"
    )
    return Reference.objects.filter(pk__in=observation_sources) | Reference.objects.filter(pk__in=indicator_sources)


def reference_text(reference):
    """One line naming a source: authors (year). Title. Container. DOI or URL."""
    parts = []
    if reference.authors:
        parts.append(f"{reference.authors} ({reference.year})" if reference.year else reference.authors)
    title = citations.titles(reference)  # the original, with the reader's translation in brackets
    parts.append(title.main + (f" [{title.translation[0]}]" if title.original and title.translation else ""))
    if reference.container:
        parts.append(reference.container)
    if reference.doi:
        parts.append(f"https://doi.org/{reference.doi}")
    elif reference.url:
        parts.append(reference.url)
    return ". ".join(part.rstrip(".") for part in parts if part) + "."


def cited_release(selection):
    """The release a citation names: the one asked for, else the latest (live data is cited as the
    release it builds on, with the access date saying when it was read)."""
    return selection.release or selection.latest_release


def dataset_reference(selection, *, url=None, accessed=None):
    """The dataset as an unsaved Reference, for portal.citations' writers, and the note on its licence.

    Its year, version and date are the release's, never the day of download; `accessed` is the day read.
    """
    release = cited_release(selection)
    request = selection.request
    if url is None:
        url = release_url(release, request) if selection.release else data_page_url(request)
    title = dataset_title(selection.objects(Region))
    if selection.release is not None:
        title = _("%(title)s, version %(version)s") % {"title": title, "version": release.version}
    elif release is not None:
        title = _("%(title)s, live data after version %(version)s") % {"title": title, "version": release.version}
    reference = Reference(
        key="city_innovation_portal_dataset",
        kind=Reference.Kind.STATISTICS,
        title=title,
        authors=publisher(),
        publisher=publisher(),
        year=release.date.year if release else None,
        url=url,
        accessed=accessed,
    )
    if selection.release is not None:  # live data after a release is not that release: no version, no day
        reference.version, reference.issued = release.version, release.date
    return reference, _("Licence: %(licence)s. Each number names its source.") % {"licence": licence()["name"]}


def citation_text(selection, *, url=None, accessed=None):
    """The dataset's citation in one line: release version and date, and the day it was read when given."""
    release = cited_release(selection)
    reference, _note = dataset_reference(selection, url=url, accessed=accessed)
    parts = {
        "publisher": publisher(),
        "year": release.date.year if release else _("n.d."),
        "title": reference.title,
        "url": reference.url,
        "licence": licence()["name"],
    }
    text = _("%(publisher)s (%(year)s). %(title)s [data set]. %(url)s.") % parts
    if release is not None:
        text += " " + _("Released %(date)s.") % {"date": release.date.isoformat()}
    if accessed is not None:
        text += " " + _("Accessed %(date)s.") % {"date": accessed.isoformat()}
    return text + " " + _("Licence %(licence)s; cite the source of each number as well.") % parts


def file_metadata(selection):
    """What a file says about where it comes from: the release (or live data) and the filter."""
    release = selection.release
    return {
        "release": (
            {
                "version": release.version,
                "date": release.date.isoformat(),
                "url": release_url(release, selection.request),
            }
            if release
            else None
        ),
        "filter": dict(sorted(selection.filters.items())),
    }


def metadata_lines(selection):
    """The same as lines of text (the XLSX README sheet)."""
    release = selection.release
    if release:
        lines = [
            _("Release %(version)s of %(date)s.") % {"version": release.version, "date": release.date.isoformat()}
        ]
    else:
        lines = [_("Live data: it may have changed since the latest release.")]
    if selection.filters:
        lines.append(
            _("Filter: %(filter)s")
            % {"filter": "&".join(f"{name}={value}" for name, value in sorted(selection.filters.items()))}
        )
    else:
        lines.append(_("Filter: none (every published observation)."))
    return lines
