"""Translated content fields. Names and titles are required in the languages of
settings.REQUIRED_CONTENT_LANGUAGES; the others may wait for their translator and fall back meanwhile."""

from modeltranslation.translator import TranslationOptions, register

from .languages import required_in
from .models import FormerName, Institution, Page, Reference, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = required_in("name")


@register(FormerName)
class FormerNameTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = required_in("name")


@register(Reference)
class ReferenceTranslation(TranslationOptions):
    fields = ("title", "container", "authors")
    # A work is published in one language (or a few): its title may exist in none of the others
    # (Reference.clean() asks for one title, in any language).
    required_languages = ()


@register(Institution)
class InstitutionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = required_in("name")


@register(Page)
class PageTranslation(TranslationOptions):
    fields = ("title", "body", "body_html")
    required_languages = required_in("title")


# History (django-simple-history) is registered here, after the translation fields
# exist, so every language column is recorded; registered in models.py it would miss them.
def register_history(*models, **options):
    import simple_history

    for model in models:
        simple_history.register(model, **options)


register_history(Region, FormerName, Reference, Page)
register_history(Institution, m2m_fields=["references"])
