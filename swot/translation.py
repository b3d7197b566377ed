from modeltranslation.translator import TranslationOptions, register

from portal.languages import required_in
from portal.translation import register_history

from .models import Analysis, Item


@register(Analysis)
class AnalysisTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = required_in("title")


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = required_in("title")


# After the translation fields exist, so history records every language (see portal/translation.py).
register_history(Analysis)
register_history(Item, m2m_fields=["indicators", "institutions", "references"])
