"""Reads of the policy for one purpose each, in a fixed number of queries whatever the data size.
What the public may see is each model's `objects.visible_to(request)`."""

from collections import defaultdict

from django.db.models import Prefetch, Q

from indicators.models import Observation
from portal.models import Institution
from swot.models import Item

from .models import Initiative, SdgTarget, Strategy, Target, TaxonomyTerm
from .progress import target_progress

TERM_RELATIONS = ("instrument_types", "themes", "target_groups")


def targets_with_progress(targets):
    """`targets` (a queryset) as a list, each with its observations and progress (`with_progress`)."""
    return with_progress(list(targets.select_related("indicator", "region", "source", "initiative", "strategy")))


def with_progress(targets):
    """Give each of `targets` `.observations` (its indicator's values in its region, oldest first) and
    `.progress`; the observations of all of them come in one query. Returns `targets`."""
    grouped = defaultdict(list)
    if targets:
        wanted = Q(pk__in=[])
        for indicator_id, region_id in {(t.indicator_id, t.region_id) for t in targets}:
            wanted |= Q(indicator_id=indicator_id, region_id=region_id)
        observations = Observation.objects.filter(wanted).select_related("region")
        for observation in observations.order_by("period_start", "period_end"):
            grouped[(observation.indicator_id, observation.region_id)].append(observation)
    return attach_progress(targets, grouped, lambda target: (target.indicator_id, target.region_id))


def attach_progress(targets, observations, key):
    """Give each of `targets` `.observations` (`observations[key(target)]`: objects with `period` and `value`,
    oldest first) and `.progress`. Returns `targets`."""
    for target in targets:
        target.observations = observations.get(key(target), [])
        target.progress = target_progress(
            value=target.value,
            period=target.period,
            baseline_value=target.baseline_value,
            baseline_period=target.baseline_period,
            observations=target.observations,
        )
    return targets


def strategies_with_links(request):
    """Visible strategies with their SWOT items, SDG goals and targets, references and the visible
    initiatives that serve them."""
    return (
        Strategy.objects.visible_to(request)
        .select_related("analysis")
        .prefetch_related(
            Prefetch("items", Item.objects.select_related("analysis")),
            "sdg_goals",
            Prefetch("sdg_targets", SdgTarget.objects.select_related("goal")),
            "references",
            Prefetch("initiatives", Initiative.objects.visible_to(request).order_by("key")),
        )
    )


def initiatives_with_links(request):
    """Visible initiatives with their codes and the visible institutions that run them or take part."""
    institutions = Institution.objects.visible_to(request)
    return (
        Initiative.objects.visible_to(request)
        .select_related("region")
        .prefetch_related(
            *(Prefetch(relation, TaxonomyTerm.objects.select_related("parent")) for relation in TERM_RELATIONS),
            Prefetch("responsible_institutions", institutions),
            Prefetch("partner_institutions", institutions),
        )
    )


def initiative_detail(request, key):
    """The initiative `request` may see, with what its page shows, or None."""
    visible = Initiative.objects.visible_to(request)
    initiative = (
        initiatives_with_links(request)
        .select_related("dates_source", "status_source", "budget_source")
        .prefetch_related(
            Prefetch("part_of", visible),
            Prefetch("parts", visible.order_by("key")),
            Prefetch(
                "strategies",
                Strategy.objects.visible_to(request).prefetch_related(
                    Prefetch("items", Item.objects.select_related("analysis"))
                ),
            ),
            Prefetch("swot_items", Item.objects.visible_to(request).select_related("analysis")),
            "references",
        )
        .filter(key=key)
        .first()
    )
    if initiative is not None:
        initiative.target_list = targets_with_progress(
            Target.objects.visible_to(request).filter(initiative=initiative)
        )
    return initiative
