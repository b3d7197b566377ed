"""The portal's languages, from settings.LANGUAGES: every list of language columns, the
fallback order of translated texts and which languages a text must be written in are
derived here, so adding a language is a matter of settings, migrations and catalogues."""

from django.conf import settings
from django.utils.translation import get_language, get_language_info

# How each language names itself in a language switcher, where Django's name_local is not the usual
# one (it has "Қазақ"; "Қазақша" is what Kazakh sites write).
SELF_NAMES = {"kk": "Қазақша"}


def language_codes():
    return [code for code, _name in settings.LANGUAGES]


def translated_columns(*fields):
    """`translated_columns("name", "unit")` -> name_kk, name_ru, name_en, unit_kk, … in the order of LANGUAGES."""
    return [f"{field}_{code}" for field in fields for code in language_codes()]


def fallback_order(language):
    """`language` first, then its fallbacks: kk -> ru -> en, as modeltranslation shows texts."""
    fallbacks = settings.MODELTRANSLATION_FALLBACK_LANGUAGES
    order = [language, *fallbacks.get(language, fallbacks.get("default", ()))]
    return list(dict.fromkeys(code for code in order if code in language_codes()))


def text_in_language(texts_by_language, language=None):
    """The first non-empty text of {code: text} in the language's fallback order, as modeltranslation shows it."""
    return first_text(texts_by_language, language)[0]


def first_text(texts_by_language, language=None):
    """(text, its language): the first non-empty text of {code: text} in the language's fallback order."""
    language = language or get_language()
    for code in fallback_order(language):
        if texts_by_language.get(code):
            return texts_by_language[code], code
    return "", language


def required_in(*fields):
    """modeltranslation's `required_languages`: `fields` must be written in each of
    settings.REQUIRED_CONTENT_LANGUAGES (the other languages fall back to them)."""
    return {"default": (), **dict.fromkeys(settings.REQUIRED_CONTENT_LANGUAGES, fields)}


def texts_by_language(obj, field):
    """{code: text} of a translated field, each language's own column (no fallback)."""
    return {code: getattr(obj, f"{field}_{code}", "") or "" for code in language_codes()}


def text_and_language(obj, field, language=None):
    """(text, code of the language it is in): the field as modeltranslation shows it in `language`, with the
    language the fallback found it in, so a page can mark text in another language (lang="…")."""
    return first_text(texts_by_language(obj, field), language)


def language_self_name(code):
    """`Қазақша`, `Русский`, `English`: the language's name for itself, capitalised."""
    name = SELF_NAMES.get(code) or get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]
