"""The policy pages: strategies in the TOWS matrix, the initiatives directory and an initiative's page."""

from django.http import Http404
from django.shortcuts import render
from django.utils.text import capfirst

from policies.models import FILTER_PARAMETERS, Initiative, SdgGoal, TaxonomyTerm
from policies.selectors import initiative_detail
from portal.models import Institution
from portal.ops.page_cache import cached_page, one_of

from . import policy_figures, policy_selectors
from .policy_selectors import FILTER_NAMES, NOT_STATED


def _goal_numbers(request):
    return [str(number) for number in SdgGoal.objects.visible_to(request).values_list("number", flat=True)]


def _term_codes(vocabulary):
    return lambda request: (
        TaxonomyTerm.objects.visible_to(request).filter(vocabulary=vocabulary).values_list("code", flat=True)
    )


def _institution_slugs(request):
    return Institution.objects.visible_to(request).values_list("slug", flat=True)


# Kept only for values the pages offer: a made-up one is answered (and ignored), not kept.
DIRECTORY_PARAMETERS = {
    **{name: one_of(_term_codes(vocabulary)) for vocabulary, name in FILTER_PARAMETERS.items()},
    "status": one_of([*Initiative.Status.values, NOT_STATED]),
    "institution": one_of(_institution_slugs),
}


@cached_page(params={"sdg": one_of(_goal_numbers)})
def strategies(request):
    try:
        sdg = int(request.GET.get("sdg", ""))
    except ValueError:
        sdg = None  # a malformed goal shows every strategy rather than an error
    return render(request, "portal/policies/strategies.html", policy_selectors.tows_context(request, sdg))


@cached_page(params=DIRECTORY_PARAMETERS)
def initiatives(request):
    chosen = {name: request.GET.get(name, "") for name in FILTER_NAMES}
    return render(request, "portal/policies/initiatives.html", policy_selectors.initiatives_context(request, chosen))


@cached_page()
def initiative(request, key):
    found = initiative_detail(request, key)
    if found is None:
        raise Http404
    for target in found.target_list:
        target.figure = policy_figures.target_figure(target, f"target-{target.key}-description")
    classification = [
        (capfirst(Initiative._meta.get_field(relation).verbose_name), getattr(found, relation).all())
        for _name, relation, _label in policy_selectors.FILTERS
    ]
    return render(request, "portal/policies/initiative.html", {"initiative": found, "classification": classification})
