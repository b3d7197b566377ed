"""What the public may read, for the API and the downloads alike: published content only
(editors may preview drafts with ?preview=1, see portal.publishing)."""

from django.db.models import Prefetch

from indicators.models import Indicator, Observation, Theme
from portal.models import Institution, Page, Reference, Region
from portal.publishing import visible
from swot.models import Analysis, Item


def public_indicators(request=None):
    return visible(Indicator.objects.all(), request)


def public_observations(request=None):
    """Observations of published indicators only: a draft indicator's numbers are not public."""
    return Observation.objects.filter(indicator__in=public_indicators(request))


def public_institutions(request=None):
    return visible(Institution.objects.all(), request)


def public_pages(request=None):
    return visible(Page.objects.all(), request)


def public_analyses(request=None):
    return visible(Analysis.objects.all(), request)


def public_items(request=None):
    """Items of published analyses, their evidence limited to what is published too."""
    return (
        Item.objects.filter(analysis__in=public_analyses(request))
        .select_related("analysis", "analysis__region")
        .prefetch_related(
            Prefetch("indicators", public_indicators(request).only("id", "code")),
            Prefetch("institutions", public_institutions(request).only("id", "slug")),
            Prefetch("references", Reference.objects.only("id", "key")),
        )
    )


def public_themes(request=None):
    return Theme.objects.all()


def public_regions(request=None):
    return Region.objects.all()


def public_references(request=None):
    return Reference.objects.all()
