"""The public pages. Each renders from a selector, in the language of its URL prefix, and is cached."""

from csp.decorators import csp_replace
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt

from indicators.models import Indicator
from portal import citations
from portal.datasets.revisions import live_revisions, revision_mark
from portal.models import Institution, Reference, Region
from portal.numbers import plain_decimal
from portal.ops.page_cache import cached_page, one_of, several_of

from . import charts, figures, policy_figures, policy_selectors, selectors, sharing
from .search import MAX_QUERY_LENGTH, search


def _or_404(value):
    if value is None:
        raise Http404
    return value


@cached_page()
def home(request):
    context = selectors.home_context(request)
    for series in context["headline"]:
        series.sparkline = figures.sparkline(series)
    context["policy"] = policy_selectors.policy_brief(request)
    return render(request, "portal/home.html", context)


@cached_page()
def indicator_list(request):
    return render(request, "portal/indicator_list.html", {"themes": selectors.themes_with_indicators(request)})


def _indicator_context(request, code):
    context = _or_404(selectors.indicator_detail(request, code))
    mark_revisions(context["series"])
    context["several_regions"] = len(context["series"]) > 1
    context["targets"] = policy_selectors.indicator_targets(request, context["indicator"])
    context["figure"] = policy_figures.indicator_figure(context["indicator"], context["series"], context["targets"])
    context["marked"] = any(o.status != "A" for s in context["series"] for o in s.observations)
    context["citation"] = sharing.chart_citation(request, context["indicator"])
    context["unit_words"] = figures.unit_words(context["indicator"])
    context["preview_image"] = request.build_absolute_uri(reverse("indicator_chart", args=[code, "png"]))
    return context


@cached_page()
def indicator_detail(request, code):
    context = _indicator_context(request, code)
    context["embed_code"] = sharing.embed_code(request, context["indicator"])
    return render(request, "portal/indicator_detail.html", context)


# Other sites may show this page in a frame (it is only the chart, its description and links back):
# frame-ancestors allows any site here, and only here; every other page keeps 'none'.
@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@cached_page()
def indicator_embed(request, code):
    return render(request, "portal/indicator_embed.html", _indicator_context(request, code))


def mark_revisions(series):
    """`observation.revised_in`: the release that revised the value shown ("revised in 2026.2"), if any."""
    revisions = live_revisions({one.indicator for one in series})
    for one in series:
        for observation in one.observations:
            key = (observation.indicator_id, observation.region_id, observation.period)
            observation.revised_in = revision_mark(revisions, key, plain_decimal(observation.value))


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@cached_page()
def indicator_chart(request, code, extension):
    context = _or_404(selectors.indicator_detail(request, code))
    targets = policy_selectors.indicator_targets(request, context["indicator"])
    spec = _or_404(policy_figures.indicator_spec(context["indicator"], context["series"], targets))
    filename = f"{code}-{get_language()}.{extension}"
    if extension == "png":
        return _download(charts.png(spec), "image/png", filename)
    return _download(charts.svg(spec), "image/svg+xml", filename)


@cached_page()
def preview_image(request):
    """The picture social networks show for pages without a chart of their own: the city's latest figures."""
    return HttpResponse(charts.png(figures.preview_spec(selectors.home_context(request))), content_type="image/png")


@cached_page()
def swot(request, slug=None):
    context = _or_404(selectors.swot_context(request, slug))
    policy_selectors.item_answers(request, [item for _quadrant, items in context["quadrants"] for item in items])
    return render(request, "portal/swot.html", context)


@cached_page(params={"kind": one_of(Institution.Kind.values)})
def institution_list(request):
    kind = request.GET.get("kind") or None
    if kind is not None and kind not in Institution.Kind.values:
        kind = None  # an unknown kind shows the whole directory rather than an error
    return render(request, "portal/institution_list.html", selectors.institutions_context(request, kind))


@cached_page()
def institution_detail(request, slug):
    context = _or_404(selectors.institution_detail(request, slug))
    context.update(policy_selectors.institution_initiatives(request, context["institution"]))
    return render(request, "portal/institution_detail.html", context)


@cached_page()
def reference_list(request):
    return render(request, "portal/reference_list.html", selectors.references_context())


@cached_page()
def reference_export(request, key, extension):
    reference = _or_404(Reference.objects.filter(key=key).first())
    formatter, content_type = citations.FORMATS[extension]
    return _download(formatter(reference), content_type, f"{key}.{extension}")


@cached_page()
def page(request, slug):
    return render(request, "portal/page.html", {"page": _or_404(selectors.page_detail(request, slug))})


def search_page(request):
    text = request.GET.get("q", "")
    context = {"query": text[:MAX_QUERY_LENGTH], "results": search(request, text) if text.strip() else []}
    return render(request, "portal/search.html", context)


def _indicator_codes(request):
    return Indicator.objects.visible_to(request).values_list("code", flat=True)


def _region_codes(request):
    return Region.objects.values_list("code", flat=True)


# Kept: public indicators in the order the page lists them (another order draws the same chart).
@cached_page(
    params={"indicator": several_of(_indicator_codes), "region": one_of(_region_codes), "targets": one_of(["1"])}
)
def compare(request):
    codes = request.GET.getlist("indicator")
    context = selectors.compare_context(request, codes, request.GET.get("region"))
    context["show_targets"] = request.GET.get("targets") == "1"
    if context["series"]:
        targets = []
        if context["show_targets"]:
            targets = policy_selectors.compare_targets(request, context["chosen"], context["region"])
        context["figure"] = policy_figures.compare_figure(context["series"], context["region"], targets)
        context["columns"], context["rows"] = figures.compare_table(context["series"])
    elif codes:
        context["message"] = _("None of the chosen indicators has values for this region.")
    return render(request, "portal/compare.html", context)
