"""Filters of the policy endpoints. As elsewhere in the API, a malformed value or an unknown code
answers 400 naming it, never an empty list."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.models import Indicator
from policies.models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm
from policies.tows import TowsType
from portal.datasets.filters import CodeListFilter, CommaListField, KnownCodesFilterSet
from portal.models import Institution, Region
from swot.models import Analysis


class NumberListField(CommaListField):
    """`1,9,17` -> ["1", "9", "17"]: whole numbers (SDG goals) only."""

    def to_python(self, value):
        numbers = super().to_python(value)
        for number in numbers:
            if not (number.isdigit() and len(number) <= 3):
                raise forms.ValidationError(_("“%(value)s” is not a goal number."), params={"value": number})
        return numbers


class NumberListFilter(CodeListFilter):
    field_class = NumberListField


class ManyCodeListFilter(CodeListFilter):
    """Rows related to any of the codes through a many-to-many relation, each row once."""

    def filter(self, qs, value):
        return super().filter(qs, value).distinct() if value else qs


class ManyNumberListFilter(ManyCodeListFilter):
    field_class = NumberListField


class SdgTargetFilter(KnownCodesFilterSet):
    goal = NumberListFilter(field_name="goal__number", help_text=_("Goal numbers, comma-separated."))

    known_codes = {"goal": (SdgGoal, "number")}

    class Meta:
        model = SdgTarget
        fields = []


class TaxonomyTermFilter(KnownCodesFilterSet):
    vocabulary = CodeListFilter(
        field_name="vocabulary",
        allowed=TaxonomyTerm.Vocabulary.choices,
        help_text=_("Vocabularies, comma-separated."),
    )

    class Meta:
        model = TaxonomyTerm
        fields = []


class StrategyFilter(KnownCodesFilterSet):
    analysis = CodeListFilter(field_name="analysis__slug", help_text=_("SWOT analysis slugs, comma-separated."))
    tows_type = CodeListFilter(
        method="filter_tows_type", allowed=TowsType.choices, help_text=_("TOWS types, comma-separated.")
    )
    sdg_goal = ManyNumberListFilter(field_name="sdg_goals__number", help_text=_("SDG goal numbers, comma-separated."))

    known_codes = {"analysis": (Analysis, "slug"), "sdg_goal": (SdgGoal, "number")}

    class Meta:
        model = Strategy
        fields = []

    def filter_tows_type(self, queryset, name, value):
        """The type follows from the items' quadrants (policies.tows), so it is worked out, not stored."""
        if not value:
            return queryset
        chosen = [s.pk for s in queryset.prefetch_related("items") if s.tows_type in value]
        return queryset.filter(pk__in=chosen)


class InitiativeFilter(KnownCodesFilterSet):
    kind = CodeListFilter(
        field_name="kind", allowed=Initiative.Kind.choices, help_text=_("Kinds of initiative, comma-separated.")
    )
    status = CodeListFilter(field_name="status", allowed=Initiative.Status.choices, help_text=_("Statuses."))
    region = CodeListFilter(field_name="region__code", help_text=_("Region codes, comma-separated."))
    instrument = ManyCodeListFilter(
        field_name="instrument_types__code", help_text=_("STIP instrument type codes (PI…), comma-separated.")
    )
    theme = ManyCodeListFilter(
        field_name="themes__code", help_text=_("STIP policy theme codes (TH…), comma-separated.")
    )
    target_group = ManyCodeListFilter(
        field_name="target_groups__code", help_text=_("STIP target group codes (TG…), comma-separated.")
    )
    institution = CodeListFilter(
        method="filter_institution", help_text=_("Slugs of institutions that run it or take part, comma-separated.")
    )
    strategy = ManyCodeListFilter(field_name="strategies__key", help_text=_("Keys of strategies it serves."))

    known_codes = {
        "region": (Region, "code"),
        "instrument": (TaxonomyTerm, "code"),
        "theme": (TaxonomyTerm, "code"),
        "target_group": (TaxonomyTerm, "code"),
        "institution": (Institution, "slug"),
        "strategy": (Strategy, "key"),
    }
    released_lookups = {"institution": ["responsible_institutions__slug", "partner_institutions__slug"]}

    class Meta:
        model = Initiative
        fields = []

    def filter_institution(self, queryset, name, value):
        if not value:
            return queryset
        runs = Q(responsible_institutions__slug__in=value) | Q(partner_institutions__slug__in=value)
        return queryset.filter(pk__in=Initiative.objects.filter(runs).values("pk"))


class TargetFilter(KnownCodesFilterSet):
    indicator = CodeListFilter(field_name="indicator__code", help_text=_("Indicator codes, comma-separated."))
    region = CodeListFilter(field_name="region__code", help_text=_("Region codes, comma-separated."))
    initiative = CodeListFilter(field_name="initiative__key", help_text=_("Keys of the initiatives that set them."))
    strategy = CodeListFilter(field_name="strategy__key", help_text=_("Keys of the strategies that set them."))

    known_codes = {
        "indicator": (Indicator, "code"),
        "region": (Region, "code"),
        "initiative": (Initiative, "key"),
        "strategy": (Strategy, "key"),
    }

    class Meta:
        model = Target
        fields = []
