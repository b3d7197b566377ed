"""Reads built for the public pages."""

from indicators.models import Indicator, Observation, Theme
from swot.models import Analysis

from .models import Institution, Page, Reference


def home_context():
    observations = Observation.objects.filter(indicator__published=True).select_related("indicator", "region", "source")
    latest = {}
    for observation in observations.order_by("indicator_id", "region_id", "period_start", "period_end"):
        latest[(observation.indicator_id, observation.region_id)] = observation
    themes = Theme.objects.prefetch_related("indicators")
    return {
        "themes": themes,
        "latest": sorted(latest.values(), key=lambda o: (o.indicator.theme_id, o.indicator.order, o.indicator.code)),
        "analysis": Analysis.objects.published().select_related("region").prefetch_related("items").first(),
        "institutions": Institution.objects.published().select_related("region"),
        "references": Reference.objects.all(),
        "pages": Page.objects.published(),
        "indicator_count": Indicator.objects.published().count(),
    }
