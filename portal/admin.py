"""Editors' admin: translation tabs, import and export (by natural keys) on every model."""

import dataclasses
from decimal import Decimal

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from modeltranslation.translator import NotRegistered, translator
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .admin_publishing import PublishingAdmin
from .languages import language_codes, translated_columns
from .models import FormerName, Institution, Page, Reference, Region, RegionAlias
from .numbers import localized_decimal
from .resources import FormerNameResource, InstitutionResource, PageResource, ReferenceResource, RegionResource

admin.site.site_header = _("City innovation portal: editors")
admin.site.site_title = _("City innovation portal")
admin.site.index_title = _("Content")


class ContentAdmin(SimpleHistoryAdmin, ImportExportModelAdmin, TabbedTranslationAdmin):
    """Base of every content admin: translation tabs, CSV/XLSX import and export, and history
    (who changed what when, field by field in every language, with revert)."""

    list_per_page = 50
    # Django 6 assumes https for scheme-less URLs; say so now (and silence the warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_historical_record_context_helper(self, request, historical_record):
        return HistoryContextHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        """Each record's changes, as an editor made them: not modeltranslation's copy of the active
        language (`name`, saved in whatever language the editor used), not the HTML derived from a text,
        and not a text that went from empty to empty (None and "")."""
        hidden = history_hidden_fields(self.model)
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=hidden, foreign_keys_are_objs=foreign_keys_are_objs
                )
                changes = [c for c in delta.changes if not (c.old in (None, "") and c.new in (None, ""))]
                delta = dataclasses.replace(delta, changes=changes, changed_fields=[c.field for c in changes])
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class HistoryContextHelper(HistoricalRecordContextHelper):
    """Numbers in a record's changes as the editor writes them (4,7 in Russian), not as stored (4.700000)."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, Decimal):
            return localized_decimal(value)
        return super().prepare_delta_change_value(change, value)


def history_hidden_fields(model):
    """Fields of `model`'s history that no editor writes: the untranslated copy of each translated field,
    and what is derived on save (a page's HTML)."""
    try:
        options = translator.get_options_for_model(model)
    except NotRegistered:
        return []
    fields = set(options.get_field_names())
    derived = {f"body_html_{code}" for code in language_codes()} | {"body_html"}
    return sorted(fields | {name for name in derived if any(f.name == name for f in model._meta.fields)})


class FormerNameInline(TranslationTabularInline):
    model = FormerName
    extra = 0


class RegionAliasInline(admin.TabularInline):
    model = RegionAlias
    extra = 0


@admin.register(Region)
class RegionAdmin(ContentAdmin):
    resource_classes = [RegionResource]
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", *translated_columns("name")]
    autocomplete_fields = ["code_sources"]
    inlines = [FormerNameInline, RegionAliasInline]


@admin.register(FormerName)
class FormerNameAdmin(ContentAdmin):
    resource_classes = [FormerNameResource]
    list_display = ["name", "region", "year_from", "year_to"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = [*translated_columns("name"), "region__code"]


@admin.register(Reference)
class ReferenceAdmin(ContentAdmin):
    resource_classes = [ReferenceResource]
    list_display = ["number", "key", "title", "kind", "year"]
    list_display_links = ["key", "title"]
    list_filter = ["kind", "year"]
    search_fields = ["key", "authors", *translated_columns("title"), "doi", "url"]


@admin.register(Institution)
class InstitutionAdmin(PublishingAdmin, ContentAdmin):
    resource_classes = [InstitutionResource]
    list_display = ["name", "kind", "region", "founded_year", "published"]
    list_filter = ["published", "kind", "region"]
    list_select_related = ["region"]
    search_fields = ["slug", *translated_columns("name", "description")]
    autocomplete_fields = ["references"]
    # Slugs are written in Latin letters, so they are suggested from the English name.
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Page)
class PageAdmin(PublishingAdmin, ContentAdmin):
    resource_classes = [PageResource]
    list_display = ["title", "slug", "order", "published"]
    list_filter = ["published"]
    search_fields = ["slug", *translated_columns("title", "body")]
    prepopulated_fields = {"slug": ["title_en"]}  # Latin letters, from the English title
