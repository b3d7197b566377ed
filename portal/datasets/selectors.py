"""Reads of the API and the downloads built for one purpose. What the public may read at all
is each model's `objects.visible_to(request)` (published content; editors may preview drafts
with ?preview=1, see portal.publishing)."""

from django.db.models import Prefetch

from indicators.models import Indicator
from portal.models import Institution, Reference
from swot.models import Item


def items_with_public_evidence(request=None):
    """Items of the analyses `request` may see, their evidence limited to what it may see too."""
    return (
        Item.objects.visible_to(request)
        .select_related("analysis", "analysis__region")
        .prefetch_related(
            Prefetch("indicators", Indicator.objects.visible_to(request).only("id", "code")),
            Prefetch("institutions", Institution.objects.visible_to(request).only("id", "slug")),
            Prefetch("references", Reference.objects.only("id", "key")),
        )
    )
