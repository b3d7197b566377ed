from modeltranslation.translator import TranslationOptions, register

from .models import Indicator, Observation, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = {"default": (), "ru": ("name",), "en": ("name",)}


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition", "unit")
    required_languages = {"default": (), "ru": ("name",), "en": ("name",)}


@register(Observation)
class ObservationTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = ()
