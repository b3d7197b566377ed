"""The policy pages: strategies in the TOWS matrix, the initiatives directory and an initiative's page."""

from django.http import Http404
from django.shortcuts import render
from django.utils.text import capfirst

from policies.models import Initiative
from policies.selectors import initiative_detail
from portal.ops.page_cache import cached_page

from . import policy_figures, policy_selectors
from .policy_selectors import FILTER_NAMES


@cached_page(params=("sdg",))
def strategies(request):
    try:
        sdg = int(request.GET.get("sdg", ""))
    except ValueError:
        sdg = None  # a malformed goal shows every strategy rather than an error
    return render(request, "portal/policies/strategies.html", policy_selectors.tows_context(request, sdg))


@cached_page(params=FILTER_NAMES)
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
