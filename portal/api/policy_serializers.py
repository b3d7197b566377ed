"""The policy in the API (read only: editors write it in the admin and by import). Relations by
natural key, texts in the request's language (?translations=all adds every language), a target
with its progress as computed from the observations (policies.progress)."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from policies.models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm
from policies.progress import ProgressStatus
from policies.resources import SwotItemKeysWidget
from policies.tows import TowsType

from .serializers import CodeField, DecimalTextField, TranslatedModelSerializer

SIX_PLACES = Decimal("0.000001")


class SdgGoalSerializer(TranslatedModelSerializer):
    source = CodeField(slug_field="key")

    class Meta:
        model = SdgGoal
        fields = ["number", "short_name", "name", "source"]
        translated = ["short_name", "name"]


class SdgTargetSerializer(TranslatedModelSerializer):
    goal = CodeField(slug_field="number")
    source = CodeField(slug_field="key")

    class Meta:
        model = SdgTarget
        fields = ["code", "goal", "text", "source"]
        translated = ["text"]


class TaxonomyTermSerializer(TranslatedModelSerializer):
    parent = CodeField(allow_null=True, help_text="Code of the group, area or category above (same taxonomy).")
    source = CodeField(slug_field="key")

    class Meta:
        model = TaxonomyTerm
        fields = ["vocabulary", "code", "parent", "order", "name", "source"]
        translated = ["name"]


class StrategySerializer(TranslatedModelSerializer):
    analysis = CodeField(slug_field="slug")
    tows_type = serializers.SerializerMethodField(
        help_text="SO, ST, WO or WT, from the quadrants of its SWOT items (null when they give none)."
    )
    items = CodeField(slug_field="key", many=True, help_text="Keys of its SWOT items, within its analysis.")
    sdg_goals = CodeField(slug_field="number", many=True)
    sdg_targets = CodeField(many=True)
    initiatives = CodeField(slug_field="key", many=True, help_text="Published initiatives that carry it out.")
    references = CodeField(slug_field="key", many=True)

    class Meta:
        model = Strategy
        fields = [
            "key",
            "analysis",
            "order",
            "title",
            "text",
            "tows_type",
            "items",
            "sdg_goals",
            "sdg_targets",
            "initiatives",
            "references",
        ]
        translated = ["title", "text"]

    @extend_schema_field(serializers.ChoiceField(choices=TowsType.choices, allow_null=True))
    def get_tows_type(self, strategy):
        return strategy.tows_type


class InitiativeSerializer(TranslatedModelSerializer):
    part_of = CodeField(slug_field="key")
    region = CodeField()
    instrument_types = CodeField(many=True, help_text="STIP Compass instrument type codes (PI…).")
    themes = CodeField(many=True, help_text="STIP Compass policy theme codes (TH…).")
    target_groups = CodeField(many=True, help_text="STIP Compass target group codes (TG…).")
    responsible_institutions = CodeField(slug_field="slug", many=True)
    partner_institutions = CodeField(slug_field="slug", many=True)
    dates_source = CodeField(slug_field="key")
    status_source = CodeField(slug_field="key")
    budget = DecimalTextField(read_only=True, allow_null=True)
    budget_source = CodeField(slug_field="key")
    strategies = CodeField(slug_field="key", many=True)
    swot_items = serializers.SerializerMethodField(help_text="SWOT items that name it, as analysis/key.")
    references = CodeField(slug_field="key", many=True)

    class Meta:
        model = Initiative
        fields = [
            "key",
            "kind",
            "part_of",
            "name",
            "description",
            "region",
            "website",
            "start",
            "end",
            "dates_source",
            "status",
            "status_source",
            "budget",
            "budget_currency",
            "budget_period",
            "budget_source",
            "instrument_types",
            "themes",
            "target_groups",
            "responsible_institutions",
            "partner_institutions",
            "strategies",
            "swot_items",
            "references",
        ]
        translated = ["name", "description"]

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_swot_items(self, initiative):
        return sorted(SwotItemKeysWidget.name_of(item) for item in initiative.swot_items.all())


class ComputedDecimalField(DecimalTextField):
    """A computed share or value, to the six decimal places values are stored with."""

    def to_representation(self, value):
        return super().to_representation(value.quantize(SIX_PLACES))


class ProgressSerializer(serializers.Serializer):
    """policies.progress.Progress: the target's progress on the straight path from its baseline."""

    status = serializers.ChoiceField(choices=ProgressStatus.choices)
    on_track = serializers.BooleanField(allow_null=True, help_text="null when progress is not assessed.")
    baseline_value = DecimalTextField(source="baseline.value", allow_null=True)
    baseline_period = serializers.CharField(source="baseline.period", allow_null=True)
    latest_value = DecimalTextField(source="latest.value", allow_null=True)
    latest_period = serializers.CharField(source="latest.period", allow_null=True)
    expected_value = ComputedDecimalField(
        source="expected", allow_null=True, help_text="The value on the straight path at the latest period."
    )
    share_of_way = ComputedDecimalField(
        source="covered", allow_null=True, help_text="(latest − baseline) / (target − baseline)."
    )
    share_of_time = ComputedDecimalField(
        source="elapsed", allow_null=True, help_text="Months gone by / months allowed."
    )
    ratio = ComputedDecimalField(allow_null=True, help_text="share_of_way / share_of_time.")
    remaining = DecimalTextField(allow_null=True, help_text="Target value − latest value.")


class TargetSerializer(TranslatedModelSerializer):
    indicator = CodeField()
    region = CodeField()
    value = DecimalTextField(read_only=True)
    baseline_value = DecimalTextField(read_only=True, allow_null=True)
    initiative = CodeField(slug_field="key")
    strategy = CodeField(slug_field="key")
    source = CodeField(slug_field="key")
    progress = ProgressSerializer(read_only=True)

    class Meta:
        model = Target
        fields = [
            "key",
            "indicator",
            "region",
            "value",
            "period",
            "baseline_value",
            "baseline_period",
            "initiative",
            "strategy",
            "source",
            "note",
            "progress",
        ]
        translated = ["note"]
