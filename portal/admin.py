"""Editors' admin: translation tabs, import and export (by natural keys) on every model."""

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportModelAdmin
from modeltranslation.admin import TabbedTranslationAdmin, TranslationTabularInline
from simple_history.admin import SimpleHistoryAdmin

from .admin_publishing import PublishingAdmin
from .languages import translated_columns
from .models import FormerName, Institution, Page, Reference, Region
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


class FormerNameInline(TranslationTabularInline):
    model = FormerName
    extra = 0


@admin.register(Region)
class RegionAdmin(ContentAdmin):
    resource_classes = [RegionResource]
    list_display = ["name", "code", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", *translated_columns("name")]
    autocomplete_fields = ["code_sources"]
    inlines = [FormerNameInline]


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
