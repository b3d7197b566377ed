"""The policy's endpoints, read only: strategies, initiatives, targets (with their progress) and the
code lists they use (the STIP Compass taxonomy, the SDG goals and targets). Everyone reads what is
published; staff may add ?preview=1, as elsewhere."""

from django.db.models import Prefetch
from rest_framework import mixins, viewsets

from policies.models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm
from policies.selectors import initiatives_with_links
from portal.datasets.policy_tables import progress_of
from swot.models import Item

from . import policy_filters, policy_serializers
from .views import PublicReadMixin, documented


class ReadOnlyViewSet(PublicReadMixin, viewsets.ReadOnlyModelViewSet):
    # Any key without a slash reaches the view, so a malformed one gets the API's JSON 404.
    lookup_value_regex = "[^/]+"


@documented
class SdgGoalViewSet(ReadOnlyViewSet):
    """The 17 Sustainable Development Goals (A/RES/71/313), by number."""

    serializer_class = policy_serializers.SdgGoalSerializer
    lookup_field = "number"
    lookup_value_regex = "[0-9]{1,3}"
    ordering_fields = ["number"]
    ordering = ["number"]

    def public_queryset(self):
        return SdgGoal.objects.visible_to(self.request).select_related("source")


@documented
class SdgTargetViewSet(ReadOnlyViewSet):
    """The 169 targets of the Sustainable Development Goals, by code (9.5, 9.a)."""

    serializer_class = policy_serializers.SdgTargetSerializer
    filterset_class = policy_filters.SdgTargetFilter
    lookup_field = "code"
    ordering_fields = ["code"]
    ordering = ["goal__number", "order", "code"]

    def public_queryset(self):
        return SdgTarget.objects.visible_to(self.request).select_related("goal", "source")


@documented
class TaxonomyTermViewSet(PublicReadMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The STIP Compass taxonomy the initiatives use: instrument types (PI…), policy themes (TH…),
    target groups (TG…) and the groups, areas and categories above them."""

    serializer_class = policy_serializers.TaxonomyTermSerializer
    filterset_class = policy_filters.TaxonomyTermFilter
    ordering_fields = ["vocabulary", "code", "order"]
    ordering = ["vocabulary", "order", "code"]

    def public_queryset(self):
        return TaxonomyTerm.objects.visible_to(self.request).select_related("parent", "source")


@documented
class StrategyViewSet(ReadOnlyViewSet):
    """Published strategies: the SWOT items each answers (its TOWS type follows from them), its SDG goals
    and targets, and the initiatives that carry it out."""

    serializer_class = policy_serializers.StrategySerializer
    filterset_class = policy_filters.StrategyFilter
    lookup_field = "key"
    ordering_fields = ["key", "order"]
    ordering = ["analysis__slug", "order", "key"]

    def public_queryset(self):
        return (
            Strategy.objects.visible_to(self.request)
            .select_related("analysis")
            .prefetch_related(
                "items",
                "sdg_goals",
                "sdg_targets",
                "references",
                Prefetch("initiatives", Initiative.objects.visible_to(self.request)),
            )
        )


@documented
class InitiativeViewSet(ReadOnlyViewSet):
    """Published initiatives: what they are, their STIP Compass codes, who runs them, since when, their
    status and budget where the sources state them, the strategies they serve."""

    serializer_class = policy_serializers.InitiativeSerializer
    filterset_class = policy_filters.InitiativeFilter
    lookup_field = "key"
    ordering_fields = ["key", "kind", "start"]
    ordering = ["key"]

    def public_queryset(self):
        return (
            initiatives_with_links(self.request)
            .select_related("dates_source", "status_source", "budget_source")
            .prefetch_related(
                Prefetch("part_of", Initiative.objects.visible_to(self.request)),
                Prefetch("strategies", Strategy.objects.visible_to(self.request)),
                Prefetch("swot_items", Item.objects.visible_to(self.request).select_related("analysis")),
                "references",
            )
        )


@documented
class TargetViewSet(ReadOnlyViewSet):
    """Published targets with their progress, computed from the observations: the latest value against
    the straight path from the baseline to the target (the methodology page explains it)."""

    serializer_class = policy_serializers.TargetSerializer
    filterset_class = policy_filters.TargetFilter
    lookup_field = "key"
    ordering_fields = ["key", "period"]
    ordering = ["indicator__code", "region__code", "period", "key"]

    def public_queryset(self):
        return Target.objects.visible_to(self.request).select_related(
            "indicator", "region", "initiative", "strategy", "source"
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        return progress_of(page, self.release_state) if page is not None else None

    def get_object(self):
        return progress_of([super().get_object()], self.release_state)[0]

    def csv_rows(self, rows):
        return super().csv_rows(progress_of(list(rows), self.release_state))
