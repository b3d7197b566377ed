from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import ContentAdmin
from portal.admin_publishing import PublishingAdmin
from portal.languages import translated_columns

from .models import Initiative, SdgGoal, SdgTarget, Strategy, Target, TaxonomyTerm, items_problem
from .resources import (
    InitiativeResource,
    SdgGoalResource,
    SdgTargetResource,
    StrategyResource,
    TargetResource,
    TaxonomyTermResource,
)


@admin.register(SdgGoal)
class SdgGoalAdmin(ContentAdmin):
    resource_classes = [SdgGoalResource]
    list_display = ["number", "short_name", "name"]
    list_display_links = ["number", "short_name"]
    search_fields = ["number", *translated_columns("short_name", "name")]
    autocomplete_fields = ["source"]


@admin.register(SdgTarget)
class SdgTargetAdmin(ContentAdmin):
    resource_classes = [SdgTargetResource]
    list_display = ["code", "text", "goal"]
    list_filter = ["goal"]
    list_select_related = ["goal"]
    search_fields = ["code", *translated_columns("text")]
    autocomplete_fields = ["goal", "source"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(ContentAdmin):
    resource_classes = [TaxonomyTermResource]
    list_display = ["code", "name", "vocabulary", "parent"]
    list_display_links = ["code", "name"]
    list_filter = ["vocabulary"]
    list_select_related = ["parent"]
    search_fields = ["code", *translated_columns("name")]
    autocomplete_fields = ["parent", "source"]


class StrategyForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        analysis, items = cleaned.get("analysis"), cleaned.get("items")
        if analysis is not None and items is not None:
            problem = items_problem(analysis, list(items))
            if problem:
                self.add_error("items", problem)
        return cleaned


@admin.register(Strategy)
class StrategyAdmin(PublishingAdmin, ContentAdmin):
    form = StrategyForm
    resource_classes = [StrategyResource]
    list_display = ["title", "analysis", "tows", "order", "published"]
    list_filter = ["published", "analysis"]
    list_select_related = ["analysis"]
    search_fields = ["key", *translated_columns("title", "text")]
    autocomplete_fields = ["analysis", "items", "sdg_goals", "sdg_targets", "references"]
    prepopulated_fields = {"key": ["title_en"]}  # Latin letters, from the English title

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items")

    @admin.display(description=_("TOWS type"))
    def tows(self, strategy):
        return strategy.tows_type or "—"


class TargetInline(admin.TabularInline):
    model = Target
    fk_name = "initiative"
    extra = 0
    fields = ["key", "indicator", "region", "value", "period", "baseline_value", "baseline_period", "source"]
    autocomplete_fields = ["indicator", "region", "source"]
    show_change_link = True


@admin.register(Initiative)
class InitiativeAdmin(PublishingAdmin, ContentAdmin):
    resource_classes = [InitiativeResource]
    list_display = ["name", "kind", "status", "start", "end", "published"]
    list_filter = ["published", "kind", "status", "region"]
    search_fields = ["key", *translated_columns("name", "description")]
    autocomplete_fields = [
        "part_of",
        "region",
        "dates_source",
        "status_source",
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
    prepopulated_fields = {"key": ["name_en"]}
    inlines = [TargetInline]


@admin.register(Target)
class TargetAdmin(PublishingAdmin, ContentAdmin):
    resource_classes = [TargetResource]
    list_display = ["key", "indicator", "region", "value", "period", "setter", "source", "published"]
    list_filter = ["published", "indicator", "region"]
    list_select_related = ["indicator", "region", "initiative", "strategy", "source"]
    search_fields = ["key", "indicator__code", *translated_columns("note")]
    autocomplete_fields = ["indicator", "region", "initiative", "strategy", "source"]

    @admin.display(description=_("set by"))
    def setter(self, target):
        return target.setter

    @admin.action(description=_("Publish selected"), permissions=["change"])
    def publish(self, request, queryset):
        """Targets without a source stay drafts, and the editor is told which."""
        unsourced = list(queryset.filter(source__isnull=True, published=False).values_list("key", flat=True))
        if unsourced:
            message = ngettext(
                "%(count)d target was not published: it has no source (%(keys)s).",
                "%(count)d targets were not published: they have no source (%(keys)s).",
                len(unsourced),
            ) % {"count": len(unsourced), "keys": ", ".join(unsourced)}
            self.message_user(request, message, messages.ERROR)
        super().publish(request, queryset.exclude(source__isnull=True))
