"""Reads built for the policy pages (strategies, initiatives) and for what the other pages show of
the policy: a SWOT item's answers, an institution's initiatives, an indicator's targets, the
policy in brief on the home page. Each reads a fixed number of queries whatever the data size."""

from collections import Counter, defaultdict

from django.utils.translation import gettext_lazy as _

from policies.models import FILTER_PARAMETERS, Initiative, Strategy, Target, TaxonomyTerm
from policies.progress import ProgressStatus
from policies.selectors import initiatives_with_links, strategies_with_links, targets_with_progress
from policies.tows import TowsType, tows_type
from swot.models import Item

# The TOWS matrix as drawn: rows are the external quadrants, columns the internal ones.
TOWS_ROWS = [
    (Item.Quadrant.OPPORTUNITY, [TowsType.SO, TowsType.WO]),
    (Item.Quadrant.THREAT, [TowsType.ST, TowsType.WT]),
]
NOT_STATED = "not_stated"
NOT_ASSESSED = {ProgressStatus.NO_BASELINE, ProgressStatus.NO_VALUE}


def tows_context(request, sdg=None):
    """The visible strategies of each analysis placed in the TOWS matrix, with their targets;
    `sdg` (a goal number) keeps those linked to that goal."""
    strategies = list(strategies_with_links(request))
    goals = sorted({goal for s in strategies for goal in s.sdg_goals.all()}, key=lambda g: g.number)
    chosen = next((goal for goal in goals if goal.number == sdg), None)
    if chosen is not None:
        strategies = [s for s in strategies if chosen in s.sdg_goals.all()]
    targets = defaultdict(list)
    for target in targets_with_progress(Target.objects.visible_to(request).filter(strategy__in=strategies)):
        targets[target.strategy_id].append(target)
    blocks = {}
    for strategy in strategies:
        strategy.target_list = targets[strategy.pk]
        block = blocks.setdefault(strategy.analysis_id, {"analysis": strategy.analysis, "cells": {}, "unplaced": []})
        if strategy.tows_type:
            block["cells"].setdefault(strategy.tows_type, []).append(strategy)
        else:
            block["unplaced"].append(strategy)
    for block in blocks.values():
        block["rows"] = [
            (quadrant, [(tows, block["cells"].get(tows, [])) for tows in types]) for quadrant, types in TOWS_ROWS
        ]
    return {"blocks": list(blocks.values()), "goals": goals, "chosen_goal": chosen, "strategy_count": len(strategies)}


def term_options(initiatives, relation):
    terms = {term for initiative in initiatives for term in getattr(initiative, relation).all()}
    return sorted(terms, key=lambda term: (term.order, term.code))


FILTERS = [
    # (GET parameter, relation on Initiative, label)
    (FILTER_PARAMETERS[TaxonomyTerm.Vocabulary.INSTRUMENT_TYPE], "instrument_types", _("Instrument type")),
    (FILTER_PARAMETERS[TaxonomyTerm.Vocabulary.THEME], "themes", _("Policy theme")),
    (FILTER_PARAMETERS[TaxonomyTerm.Vocabulary.TARGET_GROUP], "target_groups", _("Target group")),
]
FILTER_NAMES = [name for name, _relation, _label in FILTERS] + ["status", "institution"]


def initiatives_context(request, chosen):
    """The directory: every visible initiative, the filter choices they offer, and those matching
    `chosen` ({parameter: value}); a value no initiative offers is ignored."""
    initiatives = list(initiatives_with_links(request))
    filters = []
    for name, relation, label in FILTERS:
        options = [(term.code, f"{term.code} {term.name}") for term in term_options(initiatives, relation)]
        filters.append({"name": name, "label": label, "options": options, "relation": relation})
    statuses = {initiative.status for initiative in initiatives}
    status_options = [(value, label) for value, label in Initiative.Status.choices if value in statuses]
    if "" in statuses:
        status_options.append((NOT_STATED, _("not stated in the sources")))
    filters.append({"name": "status", "label": _("Status"), "options": status_options, "relation": None})
    institutions = {
        institution
        for initiative in initiatives
        for institution in [*initiative.responsible_institutions.all(), *initiative.partner_institutions.all()]
    }
    institution_options = [(i.slug, i.name) for i in sorted(institutions, key=lambda i: str(i.name))]
    filters.append(
        {"name": "institution", "label": _("Institution"), "options": institution_options, "relation": None}
    )

    shown = initiatives
    for spec in filters:
        value = chosen.get(spec["name"])
        spec["chosen"] = value if value in {option for option, _label in spec["options"]} else ""
        if not spec["chosen"]:
            continue
        shown = [initiative for initiative in shown if matches(initiative, spec)]
    return {
        "initiatives": shown,
        "total": len(initiatives),
        "filters": filters,
        "filtered": any(spec["chosen"] for spec in filters),
    }


def matches(initiative, spec):
    value = spec["chosen"]
    if spec["relation"]:
        return any(term.code == value for term in getattr(initiative, spec["relation"]).all())
    if spec["name"] == "status":
        return initiative.status == ("" if value == NOT_STATED else value)
    return any(
        institution.slug == value
        for institution in [*initiative.responsible_institutions.all(), *initiative.partner_institutions.all()]
    )


def item_answers(request, items):
    """Give each SWOT item of `items` what answers it: `.answering_strategies`, `.answering_initiatives`
    (serving those strategies) and `.naming_initiatives` (initiatives it cites as evidence)."""
    ids = [item.pk for item in items]
    strategies = Strategy.objects.visible_to(request)
    initiatives = Initiative.objects.visible_to(request)
    by_item = defaultdict(list)
    links = Strategy.items.through.objects.filter(item_id__in=ids, strategy__in=strategies).select_related("strategy")
    for link in links.order_by("strategy__order", "strategy__key"):
        by_item[link.item_id].append(link.strategy)
    serving = defaultdict(list)
    served = Initiative.strategies.through.objects.filter(
        strategy_id__in={s.pk for found in by_item.values() for s in found}, initiative__in=initiatives
    ).select_related("initiative")
    for link in served.order_by("initiative__key"):
        serving[link.strategy_id].append(link.initiative)
    naming = defaultdict(list)
    named = Initiative.swot_items.through.objects.filter(item_id__in=ids, initiative__in=initiatives)
    for link in named.select_related("initiative").order_by("initiative__key"):
        naming[link.item_id].append(link.initiative)
    for item in items:
        item.answering_strategies = by_item[item.pk]
        found = {i.pk: i for s in item.answering_strategies for i in serving[s.pk]}
        item.answering_initiatives = sorted(found.values(), key=lambda i: i.key)
        item.naming_initiatives = naming[item.pk]
    return items


def institution_initiatives(request, institution):
    """The visible initiatives an institution runs, and those it takes part in."""
    initiatives = Initiative.objects.visible_to(request)
    return {
        "initiatives_run": list(initiatives.filter(responsible_institutions=institution)),
        "initiatives_joined": list(initiatives.filter(partner_institutions=institution)),
    }


def indicator_targets(request, indicator):
    """The visible targets of an indicator, with their progress."""
    return targets_with_progress(Target.objects.visible_to(request).filter(indicator=indicator))


def compare_targets(request, indicators, region):
    if region is None or not indicators:
        return []
    return targets_with_progress(
        Target.objects.visible_to(request).filter(indicator__in=indicators, region=region).order_by("period", "key")
    )


def policy_brief(request):
    """The home page's policy in brief: strategies by TOWS type, initiatives, targets by progress."""
    links = Strategy.items.through.objects.filter(strategy__in=Strategy.objects.visible_to(request))
    quadrants = defaultdict(set)
    for strategy_id, quadrant in links.values_list("strategy_id", "item__quadrant"):
        quadrants[strategy_id].add(quadrant)
    strategy_count = Strategy.objects.visible_to(request).count()
    types = Counter(tows_type(found) for found in quadrants.values())
    targets = targets_with_progress(Target.objects.visible_to(request))
    statuses = Counter(target.progress.status for target in targets)
    initiatives = Initiative.objects.visible_to(request)
    return {
        "strategy_count": strategy_count,
        "tows_counts": [(tows, types[tows]) for tows in TowsType if types[tows]],
        "initiative_count": initiatives.count(),
        "target_count": len(targets),
        "on_track_count": statuses[ProgressStatus.REACHED] + statuses[ProgressStatus.ON_TRACK],
        "assessed_count": sum(count for status, count in statuses.items() if status not in NOT_ASSESSED),
    }
