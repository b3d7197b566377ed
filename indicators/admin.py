from collections import Counter

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import ContentAdmin
from portal.admin_publishing import PublishingAdmin
from portal.languages import translated_columns
from portal.numbers import localized_decimal

from .admin_forms import ObservationAdminForm
from .admin_import import observation_import_errors_view, observation_import_job_view, observation_import_view
from .derivation import derived_value_mismatches
from .models import METADATA_FIELDS, ChangeSet, Indicator, Observation, Theme
from .resources import IndicatorResource, ObservationResource, ThemeResource
from .services import HISTORY_REASON_PREFIX, derived_affected, derived_warnings, mismatch_key


@admin.register(Theme)
class ThemeAdmin(ContentAdmin):
    resource_classes = [ThemeResource]
    list_display = ["name", "code", "order", "indicator_count"]
    search_fields = ["code", *translated_columns("name")]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(indicator_count=Count("indicators"))

    @admin.display(description=_("indicators"), ordering="indicator_count")
    def indicator_count(self, theme):
        return theme.indicator_count


class DerivedCheckChangeList(ChangeList):
    """Checks the derived indicators of the page shown at once (three queries), not row by row."""

    def get_results(self, request):
        super().get_results(request)
        derived = [indicator for indicator in self.result_list if indicator.is_derived]
        counts = Counter(m.observation.indicator_id for m in derived_value_mismatches(derived)) if derived else {}
        for indicator in self.result_list:
            indicator.mismatch_count = counts.get(indicator.pk, 0)


@admin.register(Indicator)
class IndicatorAdmin(PublishingAdmin, ContentAdmin):
    resource_classes = [IndicatorResource]
    list_display = ["name", "code", "theme", "unit", "is_derived", "derived_values", "published"]
    list_filter = ["published", "theme", "source"]
    list_select_related = ["theme"]
    search_fields = ["code", *translated_columns("name", "definition")]
    autocomplete_fields = ["theme", "source", "numerator", "denominator"]
    readonly_fields = ["derivation_check", "last_updated"]
    actions = ["publish", "unpublish", "check_derived_values"]
    fieldsets = [
        (None, {"fields": ["code", "theme", "order", "name", "definition", "published"]}),
        (
            _("Unit and numbers"),
            {"fields": ["unit", "unit_forms", "unit_multiplier", "decimals", "min_value", "max_value"]},
        ),
        (_("Source"), {"fields": ["source", "source_note"]}),
        (_("Derivation"), {"fields": ["numerator", "denominator", "scale", "derivation_check"]}),
        (
            _("Metadata"),
            {
                "description": _("Shown on the indicator's page, in the API and in the downloads."),
                "fields": ["last_updated", *METADATA_FIELDS],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_last_updated()

    @admin.display(description=_("last updated (from the data)"))
    def last_updated(self, indicator):
        updated = getattr(indicator, "last_updated", None)
        return date_format(timezone.localtime(updated), "DATE_FORMAT") if updated else "—"

    @admin.display(description=_("derived"), boolean=True)
    def is_derived(self, indicator):
        return indicator.is_derived

    def get_changelist(self, request, **kwargs):
        return DerivedCheckChangeList

    @admin.display(description=_("check against the counts"))
    def derived_values(self, indicator):
        if not indicator.is_derived:
            return "—"
        count = getattr(indicator, "mismatch_count", 0)
        if not count:
            return _("agrees")
        return ngettext("%(count)d value differs", "%(count)d values differ", count) % {"count": count}

    @admin.display(description=_("check against the counts"))
    def derivation_check(self, indicator):
        if not indicator.pk or not indicator.is_derived:
            return _("Not a derived indicator.")
        mismatches = derived_value_mismatches([indicator])
        if not mismatches:
            return _("Every published value agrees with its numerator and denominator within rounding.")
        return format_html_join("\n", "<p>{}</p>", ((str(m),) for m in mismatches))

    @admin.action(description=_("Check derived values against their counts"))
    def check_derived_values(self, request, queryset):
        mismatches = derived_value_mismatches(queryset.filter(numerator__isnull=False))
        if not mismatches:
            self.message_user(
                request, _("No published value differs from its computed value beyond rounding."), messages.SUCCESS
            )
            return
        for mismatch in mismatches:
            self.message_user(request, str(mismatch), messages.WARNING)
        self.message_user(
            request,
            ngettext(
                "%(count)d value differs from its counts.",
                "%(count)d values differ from their counts.",
                len(mismatches),
            )
            % {"count": len(mismatches)},
            messages.WARNING,
        )


@admin.register(Observation)
class ObservationAdmin(ContentAdmin):
    """Observations come in by the import of indicators.admin_import (files as editors get them),
    not by django-import-export's row-by-row import, which takes minutes on large files."""

    resource_classes = [ObservationResource]
    form = ObservationAdminForm
    list_display = ["indicator", "region", "period", "shown_value", "status", "source"]
    list_filter = ["status", "indicator__theme", "indicator", "region"]
    list_select_related = ["indicator", "region", "source"]
    search_fields = ["period", "indicator__code", *translated_columns("indicator__name")]
    autocomplete_fields = ["indicator", "region", "source"]
    ordering = ["indicator__code", "region__code", "-period_start"]

    object_history_list_template = "admin/indicators/observation/object_history_list.html"

    @admin.display(description=_("value"), ordering="value")
    def shown_value(self, observation):
        return localized_decimal(observation.value)

    def save_model(self, request, obj, form, change):
        """Saved as the import saves: a derived value the edit puts out of step with its counts is named."""
        derived = derived_affected({obj.indicator_id})
        before = {mismatch_key(m) for m in derived_value_mismatches(derived)} if derived else set()
        super().save_model(request, obj, form, change)
        for warning in derived_warnings(derived, before) if derived else []:
            self.message_user(request, warning, messages.WARNING)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Records an import or a revert wrote link to their change set."""
        super().set_history_delta_changes(request, historical_records, foreign_keys_are_objs)
        for record in historical_records:
            reason = record.history_change_reason or ""
            number = reason.rpartition(HISTORY_REASON_PREFIX)[2]
            if HISTORY_REASON_PREFIX in reason and number.isdigit():
                record.change_set_url = reverse("admin:indicators_changeset_change", args=[int(number)])

    def import_action(self, request, **kwargs):
        return observation_import_view(self, request)

    def get_urls(self):
        from django.urls import path

        def view(function):
            return self.admin_site.admin_view(lambda request, token: function(self, request, token))

        return [
            path("import/<uuid:token>/", view(observation_import_job_view), name="indicators_observation_import_job"),
            path(
                "import/<uuid:token>/problems.csv",
                view(observation_import_errors_view),
                name="indicators_observation_import_problems",
            ),
            *super().get_urls(),
        ]


@admin.register(ChangeSet)
class ChangeSetAdmin(admin.ModelAdmin):
    """Imports and reverts as wholes: what each changed, and undoing one at once."""

    list_display = [
        "created_at",
        "kind",
        "filename",
        "user",
        "new_count",
        "changed_count",
        "deleted_count",
        "reverted",
    ]
    list_filter = ["kind"]
    search_fields = ["filename", "user__username"]
    fields = ["created_at", "kind", "user", "filename", "new_count", "changed_count", "deleted_count", "reverts"]
    readonly_fields = fields
    change_form_template = "admin/indicators/changeset/change_form.html"
    changes_per_page = 100

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revert_permission(self, request):
        return request.user.has_perm("indicators.revert_changeset")

    @admin.display(description=_("reverted"), boolean=True)
    def reverted(self, change_set):
        return hasattr(change_set, "reverted_by")

    def get_urls(self):
        from django.urls import path

        return [
            path("<int:pk>/revert/", self.admin_site.admin_view(self.revert_view), name="indicators_changeset_revert"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from django.core.paginator import Paginator

        change_set = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if change_set is not None:
            extra_context["changes_page"] = Paginator(change_set.changes, self.changes_per_page).get_page(
                request.GET.get("page")
            )
            extra_context["can_revert"] = self.has_revert_permission(request) and not hasattr(
                change_set, "reverted_by"
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def revert_view(self, request, pk):
        from django.core.exceptions import PermissionDenied
        from django.shortcuts import get_object_or_404, redirect
        from django.template.response import TemplateResponse

        from .services import ObservationImportRejected, change_set_revert

        if not self.has_revert_permission(request):
            raise PermissionDenied
        change_set = get_object_or_404(ChangeSet, pk=pk)
        if request.method != "POST" or "confirm" not in request.POST:
            # A revert touches every row of the change set: it says how many, and asks.
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": change_set,
                "title": _("Revert %(change_set)s?") % {"change_set": change_set},
                "rows": change_set.new_count + change_set.changed_count + change_set.deleted_count,
            }
            return TemplateResponse(request, "admin/indicators/changeset/revert_confirmation.html", context)
        try:
            outcome = change_set_revert(change_set, user=request.user)
        except ObservationImportRejected as rejected:
            for problem in rejected.errors[:50]:
                blocking = getattr(problem, "blocking", None)
                if blocking is not None:
                    problem = format_html(
                        '{} <a href="{}">{}</a>',
                        problem,
                        reverse("admin:indicators_changeset_change", args=[blocking.pk]),
                        _("It was changed by %(change_set)s (%(file)s).")
                        % {"change_set": blocking, "file": blocking.filename},
                    )
                self.message_user(request, problem, messages.ERROR)
            return redirect(reverse("admin:indicators_changeset_change", args=[pk]))
        self.message_user(
            request,
            _("Reverted: restored %(new)s, changed back %(changed)s, removed %(deleted)s.") % outcome.counts,
            messages.SUCCESS,
        )
        for warning in outcome.warnings:
            self.message_user(request, warning, messages.WARNING)
        return redirect(reverse("admin:indicators_changeset_change", args=[outcome.change_set.pk]))
