"""The portal's languages and the fallback order of translated texts, from settings."""

from django.conf import settings


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def fallback_order(language):
    """`language` first, then its fallbacks: kk -> ru -> en, as modeltranslation shows texts."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [language, *fallbacks.get(language, fallbacks.get("default", ()))]
    return list(dict.fromkeys(code for code in order if code in language_codes()))
