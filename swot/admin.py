from django.contrib import admin
from modeltranslation.admin import TranslationStackedInline

from portal.admin import ContentAdmin
from portal.admin_publishing import PublishingAdmin
from portal.languages import translated_columns

from .models import Analysis, Item
from .resources import AnalysisResource, ItemResource

EVIDENCE = ["indicators", "institutions", "references"]


class ItemInline(TranslationStackedInline):
    model = Item
    extra = 0
    autocomplete_fields = EVIDENCE
    fields = ["quadrant", "order", "key", "title", "text", *EVIDENCE]


@admin.register(Analysis)
class AnalysisAdmin(PublishingAdmin, ContentAdmin):
    resource_classes = [AnalysisResource]
    list_display = ["title", "region", "year", "published"]
    list_filter = ["published", "region", "year"]
    list_select_related = ["region"]
    search_fields = ["slug", *translated_columns("title")]
    autocomplete_fields = ["region", "source"]
    inlines = [ItemInline]


@admin.register(Item)
class ItemAdmin(ContentAdmin):
    resource_classes = [ItemResource]
    list_display = ["title", "analysis", "quadrant", "order"]
    list_filter = ["analysis", "quadrant"]
    list_select_related = ["analysis"]
    search_fields = ["key", *translated_columns("title", "text")]
    autocomplete_fields = ["analysis", *EVIDENCE]
