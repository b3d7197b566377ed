from modeltranslation.translator import TranslationOptions, register

from .models import Analysis, Item


@register(Analysis)
class AnalysisTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = {"default": (), "ru": ("title",), "en": ("title",)}


@register(Item)
class ItemTranslation(TranslationOptions):
    fields = ("title", "text")
    required_languages = {"default": (), "ru": ("title",), "en": ("title",)}
