from django.contrib import admin, messages
from django.db.models import Count
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import ContentAdmin
from portal.numbers import plain_decimal

from .derivation import derived_value_mismatches
from .models import Indicator, Observation, Theme
from .resources import IndicatorResource, ObservationResource, ThemeResource


@admin.register(Theme)
class ThemeAdmin(ContentAdmin):
    resource_classes = [ThemeResource]
    list_display = ["name", "code", "order", "indicator_count"]
    search_fields = ["code", "name_kk", "name_ru", "name_en"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(indicator_count=Count("indicators"))

    @admin.display(description=_("indicators"), ordering="indicator_count")
    def indicator_count(self, theme):
        return theme.indicator_count


def mismatch_lines(mismatches):
    return [
        (m.observation.region, m.observation.period, plain_decimal(m.observation.value), plain_decimal(round(m.computed, 4)))
        for m in mismatches
    ]


@admin.register(Indicator)
class IndicatorAdmin(ContentAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["name", "code", "theme", "unit", "is_derived", "published"]
    list_filter = ["published", "theme", "source"]
    list_select_related = ["theme"]
    search_fields = ["code", "name_kk", "name_ru", "name_en", "definition_kk", "definition_ru", "definition_en"]
    autocomplete_fields = ["theme", "source", "numerator", "denominator"]
    readonly_fields = ["derivation_check"]
    actions = ["check_derived_values"]

    @admin.display(description=_("derived"), boolean=True)
    def is_derived(self, indicator):
        return indicator.is_derived

    @admin.display(description=_("check against the counts"))
    def derivation_check(self, indicator):
        if not indicator.pk or not indicator.is_derived:
            return _("Not a derived indicator.")
        mismatches = derived_value_mismatches([indicator])
        if not mismatches:
            return _("Every published value agrees with its numerator and denominator within rounding.")
        return format_html_join(
            "\n", "<p>{} {}: {} ≠ {}</p>", mismatch_lines(mismatches),
        )

    @admin.action(description=_("Check derived values against their counts"))
    def check_derived_values(self, request, queryset):
        mismatches = derived_value_mismatches(queryset.filter(numerator__isnull=False))
        if not mismatches:
            self.message_user(request, _("No published value differs from its computed value beyond rounding."), messages.SUCCESS)
            return
        for m in mismatches:
            self.message_user(
                request,
                _("%(indicator)s, %(region)s, %(period)s: published %(published)s, computed %(computed)s.") % {
                    "indicator": m.observation.indicator, "region": m.observation.region, "period": m.observation.period,
                    "published": plain_decimal(m.observation.value), "computed": plain_decimal(round(m.computed, 4)),
                },
                messages.WARNING,
            )
        self.message_user(
            request,
            ngettext("%(count)d value differs from its counts.", "%(count)d values differ from their counts.", len(mismatches)) % {"count": len(mismatches)},
            messages.WARNING,
        )


@admin.register(Observation)
class ObservationAdmin(ContentAdmin):
    resource_classes = [ObservationResource]
    list_display = ["indicator", "region", "period", "value", "status", "source"]
    list_filter = ["status", "indicator__theme", "indicator", "region"]
    list_select_related = ["indicator", "region", "source"]
    search_fields = ["period", "indicator__code", "indicator__name_kk", "indicator__name_ru", "indicator__name_en"]
    autocomplete_fields = ["indicator", "region", "source"]
    ordering = ["indicator__code", "region__code", "-period_start"]
