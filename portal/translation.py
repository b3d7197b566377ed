"""Translated content fields. Names and titles are required in Russian and
English; Kazakh may wait for its translator and falls back meanwhile (settings)."""

from modeltranslation.translator import TranslationOptions, register

from .models import FormerName, Institution, Page, Reference, Region

REQUIRED = ("ru", "en")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = REQUIRED


@register(FormerName)
class FormerNameTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = REQUIRED


@register(Reference)
class ReferenceTranslation(TranslationOptions):
    fields = ("title", "container")
    required_languages = {"default": (), "ru": ("title",), "en": ("title",)}


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": (), "ru": ("name",), "en": ("name",)}


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body", "body_html")
    required_languages = {"default": (), "ru": ("title",), "en": ("title",)}


# History (django-simple-history) is registered here, after the translation fields
# exist, so every language column is recorded; registered in models.py it would miss them.
def register_history(*models, **options):
    import simple_history

    for model in models:
        simple_history.register(model, **options)


register_history(Region, FormerName, Reference, Page)
register_history(Institution, m2m_fields=["references"])
