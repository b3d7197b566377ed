"""Reads built for the public pages.

Each page reads a fixed number of queries whatever the amount of data: lists come with
select_related / prefetch_related, and observations are fetched once per page and grouped
in Python.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Max, Prefetch

from indicators.models import Indicator, Observation, Theme
from portal.models import Institution, Page, Reference, Region
from swot.models import Analysis, Item


@dataclass
class Series:
    """One indicator's observations in one region, oldest first."""

    indicator: Indicator
    region: Region
    observations: list

    @property
    def latest(self):
        return self.observations[-1] if self.observations else None

    @property
    def previous(self):
        return self.observations[-2] if len(self.observations) > 1 else None

    @property
    def change(self):
        if self.previous is None:
            return None
        return self.latest.value - self.previous.value

    @property
    def direction(self):
        change = self.change
        if change is None:
            return ""
        return "up" if change > 0 else ("down" if change < 0 else "flat")


def series_of(indicators, regions=None):
    """{(indicator id, region id): Series} for the given indicators, in one query."""
    by_id = {indicator.pk: indicator for indicator in indicators}
    observations = Observation.objects.filter(indicator_id__in=by_id).select_related("region", "source")
    if regions is not None:
        observations = observations.filter(region__in=regions)
    grouped = defaultdict(list)
    for observation in observations.order_by("region__code", "period_start", "period_end"):
        grouped[(observation.indicator_id, observation.region_id)].append(observation)
    return {key: Series(by_id[key[0]], items[0].region, items) for key, items in grouped.items()}


def indicators_with_their_links(request):
    """The indicators `request` may see, with what their pages show of their theme, source and derivation."""
    return Indicator.objects.visible_to(request).select_related("theme", "source")


def indicator_with_metadata(request, code):
    return indicators_with_their_links(request).with_last_updated().filter(code=code).first()


def latest_analysis(request):
    return Analysis.objects.visible_to(request).select_related("region", "source").first()


def home_region(analysis):
    """The city the portal profiles: that of the latest SWOT analysis, else the first region."""
    return analysis.region if analysis else Region.objects.order_by("code").first()


def home_context(request):
    analysis = latest_analysis(request)
    region = home_region(analysis)
    indicators = list(indicators_with_their_links(request))
    series = series_of(indicators, [region] if region else [])
    headline = [series[(i.pk, region.pk)] for i in indicators if region and (i.pk, region.pk) in series]
    items = list(Item.objects.filter(analysis=analysis)) if analysis else []
    sources = sorted(
        {i.source for i in indicators if i.source}, key=lambda r: (r.number is None, r.number or 0, r.key)
    )
    return {
        "region": region,
        "analysis": analysis,
        "headline": headline,
        "quadrants": quadrants_of(items),
        "institutions": list(Institution.objects.visible_to(request).select_related("region")),
        "sources": sources,
    }


def quadrants_of(items):
    """SWOT items grouped in the order of the matrix: strengths, weaknesses, opportunities, threats."""
    grouped = {quadrant: [] for quadrant in Item.Quadrant}
    for item in sorted(items, key=lambda i: (i.order, i.key)):
        grouped[Item.Quadrant(item.quadrant)].append(item)
    return [(quadrant, grouped[quadrant]) for quadrant in Item.Quadrant]


def themes_with_indicators(request):
    indicators = indicators_with_their_links(request)
    return list(
        Theme.objects.prefetch_related(Prefetch("indicators", queryset=indicators, to_attr="public_indicators"))
    )


def indicator_detail(request, code):
    """The indicator (or None if not public), its series per region and the SWOT items citing it."""
    indicator = indicator_with_metadata(request, code)
    if indicator is None:
        return None
    series = sorted(series_of([indicator]).values(), key=lambda s: s.region.code)
    cited_by = Item.objects.visible_to(request).filter(indicators=indicator)
    observations = sorted((o for s in series for o in s.observations), key=lambda o: (o.period_start, o.period_end))
    return {
        "indicator": indicator,
        "series": series,
        "first_observation": observations[0] if observations else None,
        "last_observation": observations[-1] if observations else None,
        "cited_by": list(cited_by.select_related("analysis")),
    }


def swot_context(request, slug=None):
    analyses = Analysis.objects.visible_to(request).select_related("region", "source")
    analysis = analyses.filter(slug=slug).first() if slug else analyses.first()
    if analysis is None:
        return None
    public_indicators = Indicator.objects.visible_to(request)
    public_institutions = Institution.objects.visible_to(request)
    items = list(
        analysis.items.prefetch_related(
            Prefetch("indicators", queryset=public_indicators),
            Prefetch("institutions", queryset=public_institutions),
            "references",
        )
    )
    linked = {indicator.pk: indicator for item in items for indicator in item.indicators.all()}
    series = series_of(list(linked.values()), [analysis.region])
    for item in items:
        item.evidence = [
            series.get((i.pk, analysis.region_id)) or Series(i, analysis.region, []) for i in item.indicators.all()
        ]
    return {"analysis": analysis, "quadrants": quadrants_of(items), "analyses": list(analyses)}


def institutions_context(request, kind=None):
    institutions = Institution.objects.visible_to(request).select_related("region")
    kinds = sorted(set(institutions.values_list("kind", flat=True)), key=lambda k: list(Institution.Kind).index(k))
    if kind:
        institutions = institutions.filter(kind=kind)
    return {
        "institutions": list(institutions),
        "kinds": [(k, Institution.Kind(k).label) for k in kinds],
        "kind": kind,
    }


def institution_detail(request, slug):
    institution = (
        Institution.objects.visible_to(request)
        .select_related("region")
        .prefetch_related("references")
        .filter(slug=slug)
        .first()
    )
    if institution is None:
        return None
    items = Item.objects.visible_to(request).filter(institutions=institution)
    return {"institution": institution, "cited_by": list(items.select_related("analysis"))}


def references_context():
    return {"references": list(Reference.objects.all())}


def page_detail(request, slug):
    return Page.objects.visible_to(request).filter(slug=slug).first()


def navigation_pages():
    return list(Page.objects.published())


def site_frame(request):
    """What every page's frame says of the data: the city the portal is about, the latest period with a
    value and when a value last changed (two queries)."""
    region = home_region(latest_analysis(request))
    observations = Observation.objects.visible_to(request)
    latest = observations.order_by("-period_end", "-period_start").values_list("period", flat=True).first()
    updated = observations.aggregate(updated=Max("updated_at"))["updated"]
    return {"region": region, "latest_period": latest, "data_updated": updated}


def compare_context(request, codes, region_code=None):
    indicators = list(indicators_with_their_links(request))
    regions = list(Region.objects.all())
    region = next((r for r in regions if r.code == region_code), None) or home_region(latest_analysis(request))
    chosen = [i for i in indicators if i.code in codes]
    series = series_of(chosen, [region]) if region else {}
    return {
        "indicators": indicators,
        "regions": regions,
        "region": region,
        "chosen": chosen,
        "series": [series[(i.pk, region.pk)] for i in chosen if (i.pk, region.pk) in series],
    }
