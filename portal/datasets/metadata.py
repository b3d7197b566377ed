"""What every download says about itself: title, licence, sources and how to cite it.

No date of the day goes into a file, so the same data always gives the same bytes.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from indicators.models import Indicator
from portal import citations
from portal.models import Reference

LICENSES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0", "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": ("CC0 1.0 Universal", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("Open Data Commons Open Database License 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}


def licence():
    name = settings.DATASET_LICENSE
    title, path = LICENSES.get(name, (name, ""))
    return {"name": name, "title": title, "path": path}


def dataset_title():
    return _("Innovation statistics of the city, with their sources")


def publisher():
    return settings.PORTAL_PUBLISHER or _("City innovation portal")


def data_page_url(request=None):
    path = reverse("data:index")
    return request.build_absolute_uri(path) if request is not None else path


def used_references(observations):
    """The references behind the selected numbers: each observation's and each indicator's source."""
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


def dataset_reference(request=None, *, year=None):
    """The dataset as an unsaved Reference, for portal.citations' writers, and the note on its licence."""
    reference = Reference(
        key="city_innovation_portal_dataset",
        kind=Reference.Kind.STATISTICS,
        title=dataset_title(),
        authors=publisher(),
        publisher=publisher(),
        year=year,
        url=data_page_url(request),
    )
    return reference, _("Licence: %(licence)s. Each number names its source.") % {"licence": licence()["name"]}


def citation_text(request=None):
    return _(
        "%(publisher)s. %(title)s [data set]. %(url)s. Licence %(licence)s; cite the source of each number as well."
    ) % {
        "publisher": publisher(),
        "title": dataset_title(),
        "url": data_page_url(request),
        "licence": licence()["name"],
    }
