"""Import/export of the policy, keyed by natural keys (codes, keys), as the other apps' files are.

A strategy names its SWOT items by key within its own `analysis`; an initiative names the SWOT
items that cite it as `analysis/key`; taxonomy codes are looked up in their own vocabulary, so
an instrument column cannot take a theme's code.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from import_export import fields

from indicators.models import Indicator
from portal.languages import translated_columns
from portal.models import Institution, Reference, Region
from portal.resources import ContentResource, NaturalKeysWidget, NaturalKeyWidget, decimal, natural_key, natural_keys
from swot.models import Analysis, Item

from .models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm, items_problem
from .tows import tows_type

SWOT_ITEM_KEY_SEPARATOR = "/"


class ParentTermWidget(NaturalKeyWidget):
    """A term's group by its code, looked up in the vocabulary above the row's own."""

    def get_queryset(self, value, row, *args, **kwargs):
        wanted = TaxonomyTerm.PARENT_VOCABULARY.get((row or {}).get("vocabulary"))
        return self.model.objects.filter(vocabulary=wanted)


class TermsWidget(NaturalKeysWidget):
    """STIP codes of one vocabulary (instrument types, themes or target groups)."""

    def __init__(self, vocabulary, **kwargs):
        self.vocabulary = vocabulary
        super().__init__(TaxonomyTerm, separator=",", field="code", **kwargs)

    def candidates(self, row):
        return TaxonomyTerm.objects.filter(vocabulary=self.vocabulary)


def terms(column, vocabulary):
    return fields.Field(attribute=column, column_name=column, widget=TermsWidget(vocabulary))


class ItemsOfAnalysisWidget(NaturalKeysWidget):
    """SWOT items by key within the analysis the row names."""

    def candidates(self, row):
        return Item.objects.filter(analysis__slug=(row or {}).get("analysis"))


class SwotItemKeysWidget(NaturalKeysWidget):
    """SWOT items of any analysis, each as `analysis/key`."""

    def __init__(self):
        super().__init__(Item, separator=",", field="key")

    def clean(self, value, row=None, **kwargs):
        if not value:
            return Item.objects.none()
        wanted = {name.strip() for name in str(value).split(self.separator) if name.strip()}
        pairs = [tuple(name.split(SWOT_ITEM_KEY_SEPARATOR, 1)) for name in wanted]
        malformed = sorted(name for name, pair in zip(wanted, pairs, strict=True) if len(pair) != 2)
        if malformed:
            raise ValueError(
                _("Name each SWOT item as analysis/key, e.g. astana-2021/state_support, not %(values)s.")
                % {"values": ", ".join(f"“{name}”" for name in malformed)}
            )
        query = Q(pk__in=[])
        for analysis, key in pairs:
            query |= Q(analysis__slug=analysis, key=key)
        found = Item.objects.filter(query).select_related("analysis")
        missing = sorted(wanted - {self.name_of(item) for item in found})
        if missing:
            raise ValueError(
                _("No SWOT item is named %(values)s.") % {"values": ", ".join(f"“{name}”" for name in missing)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.separator.join(sorted(self.name_of(item) for item in value.select_related("analysis")))

    @staticmethod
    def name_of(item):
        return f"{item.analysis.slug}{SWOT_ITEM_KEY_SEPARATOR}{item.key}"


class SdgGoalResource(ContentResource):
    source = natural_key("source", Reference, "key")

    class Meta(ContentResource.Meta):
        model = SdgGoal
        import_id_fields = ["number"]
        fields = ["number", *translated_columns("short_name", "name"), "source"]


class SdgTargetResource(ContentResource):
    goal = natural_key("goal", SdgGoal, "number")
    source = natural_key("source", Reference, "key")

    class Meta(ContentResource.Meta):
        model = SdgTarget
        import_id_fields = ["code"]
        fields = ["goal", "code", *translated_columns("text"), "source"]


class TaxonomyTermResource(ContentResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=ParentTermWidget(TaxonomyTerm, "code"))
    source = natural_key("source", Reference, "key")

    class Meta(ContentResource.Meta):
        model = TaxonomyTerm
        import_id_fields = ["vocabulary", "code"]
        fields = ["vocabulary", "code", "parent", "order", *translated_columns("name"), "source"]

    def filter_export(self, queryset, **kwargs):
        """The groups, areas and categories first, so each code's group exists when the file imports back."""
        return sorted(queryset, key=lambda term: term.vocabulary in TaxonomyTerm.PARENT_VOCABULARY)


class StrategyResource(ContentResource):
    analysis = natural_key("analysis", Analysis, "slug")
    items = fields.Field(
        attribute="items", column_name="items", widget=ItemsOfAnalysisWidget(Item, separator=",", field="key")
    )
    # Derived from the items: written on export; on import, if given, it must agree with them.
    tows_type = fields.Field(column_name="tows_type", readonly=True)
    sdg_goals = natural_keys("sdg_goals", SdgGoal, "number")
    sdg_targets = natural_keys("sdg_targets", SdgTarget, "code")
    references = natural_keys("references", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Strategy
        import_id_fields = ["key"]
        fields = [
            "analysis",
            "key",
            "order",
            "published",
            *translated_columns("title", "text"),
            "items",
            "tows_type",
            "sdg_goals",
            "sdg_targets",
            "references",
        ]

    def dehydrate_tows_type(self, strategy):
        return strategy.tows_type or ""

    def import_instance(self, instance, row, **kwargs):
        """The items must be of the row's analysis and give a TOWS type, the one the row states if it states one."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        analysis = instance.analysis if instance.analysis_id else None
        try:
            items = list(self.fields["items"].clean(row)) if "items" in row else None
        except ValueError:
            items = None  # unknown keys: the many-to-many save names them
        if analysis is not None and items is not None:
            problem = items_problem(analysis, items)
            derived = tows_type(item.quadrant for item in items)
            stated = str(row.get("tows_type") or "").strip()
            if problem:
                errors["items"] = ValidationError(problem)
            elif stated and stated != derived:
                errors["tows_type"] = ValidationError(
                    _("The items make the strategy %(derived)s, not %(stated)s.")
                    % {"derived": derived, "stated": stated}
                )
        if errors:
            raise ValidationError(errors)


class InitiativeResource(ContentResource):
    part_of = natural_key("part_of", Initiative, "key")
    region = natural_key("region", Region, "code")
    dates_source = natural_key("dates_source", Reference, "key")
    status_source = natural_key("status_source", Reference, "key")
    budget = decimal("budget")
    budget_source = natural_key("budget_source", Reference, "key")
    instrument_types = terms("instrument_types", TaxonomyTerm.Vocabulary.INSTRUMENT_TYPE)
    themes = terms("themes", TaxonomyTerm.Vocabulary.THEME)
    target_groups = terms("target_groups", TaxonomyTerm.Vocabulary.TARGET_GROUP)
    responsible_institutions = natural_keys("responsible_institutions", Institution, "slug")
    partner_institutions = natural_keys("partner_institutions", Institution, "slug")
    strategies = natural_keys("strategies", Strategy, "key")
    swot_items = fields.Field(attribute="swot_items", column_name="swot_items", widget=SwotItemKeysWidget())
    references = natural_keys("references", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Initiative
        import_id_fields = ["key"]
        fields = [
            "key",
            "kind",
            "part_of",
            "region",
            "published",
            *translated_columns("name", "description"),
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

    def filter_export(self, queryset, **kwargs):
        """Rows in the export's order, but each initiative after the one it is part of, so the file imports back."""
        rows = list(queryset)
        by_pk = {row.pk: row for row in rows}

        def depth(row):
            seen = set()
            while row.part_of_id in by_pk and row.pk not in seen:
                seen.add(row.pk)
                row = by_pk[row.part_of_id]
            return len(seen)

        return sorted(rows, key=depth)


class TargetResource(ContentResource):
    indicator = natural_key("indicator", Indicator, "code")
    region = natural_key("region", Region, "code")
    value = decimal("value")
    baseline_value = decimal("baseline_value")
    initiative = natural_key("initiative", Initiative, "key")
    strategy = natural_key("strategy", Strategy, "key")
    source = natural_key("source", Reference, "key")

    class Meta(ContentResource.Meta):
        model = Target
        import_id_fields = ["key"]
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
            "published",
            *translated_columns("note"),
        ]
