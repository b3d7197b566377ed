from modeltranslation.translator import TranslationOptions, register

from .models import ObservationVersion, Release


@register(Release)
class ReleaseTranslation(TranslationOptions):
    fields = ("notes",)
    required_languages = ()


@register(ObservationVersion)
class ObservationVersionTranslation(TranslationOptions):
    fields = ("note",)
    required_languages = ()
