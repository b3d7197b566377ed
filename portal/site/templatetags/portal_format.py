from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from portal.languages import text_and_language
from portal.site import bibliography, figures, formatting
from portal.site.search_text import marked

register = template.Library()


@register.filter
def quantity(value, indicator):
    """{{ observation.value|quantity:indicator }} -> `1,2 млн адам`"""
    return formatting.quantity(value, indicator)


@register.filter
def change(value, indicator):
    """The size of a change, `2,2 pp`; the words around it say up or down."""
    return formatting.quantity(value, indicator, difference=True)


@register.filter
def period(value):
    return formatting.period_label(value)


@register.filter(is_safe=True)
def one_stop(text):
    """{% filter one_stop %}… 6 декабря 2026 г..{% endfilter %} -> one full stop after the abbreviation."""
    return figures.one_stop(text)


@register.filter
def number(value, decimals=0):
    return formatting.number(value, decimals)


@register.simple_tag
def bibliography_entry(reference):
    """The whole entry: authors, original title [translation], journal, numbers, year, links."""
    return bibliography.entry_html(reference)


@register.simple_tag
def reference_title(reference):
    """`[3] Original title [translation]`'s title part, each language marked."""
    return bibliography.title_html(reference)


# Open Graph locales of the page languages (language_TERRITORY).
OG_LOCALES = {"kk": "kk_KZ", "ru": "ru_RU", "en": "en_GB"}


@register.simple_tag
def og_locale(language):
    return OG_LOCALES.get(language, language)


@register.simple_tag
def translated(obj, field):
    """A content text as modeltranslation shows it, inside <span lang="…"> when it comes from a fallback
    language, so a screen reader reads it with the right voice: {% translated indicator "name" %}."""
    text, code = text_and_language(obj, field)
    return bibliography.in_language(text, code, translation.get_language())


@register.filter
def change_sentence(series):
    """`down 216 enterprises from the previous period (2019)`, in the page's language."""
    return figures.change_sentence(series)


@register.simple_tag
def html_lang(obj, field):
    """` lang="ru"` for an element holding a translated field shown in a fallback language, else nothing."""
    _text, code = text_and_language(obj, field)
    return format_html(' lang="{}"', code) if code != translation.get_language() else ""


# Kinds of search results, as the search page heads them.
SEARCH_KINDS = {
    "indicator": gettext_lazy("Indicators"),
    "swot": gettext_lazy("SWOT analysis"),
    "strategy": gettext_lazy("Strategies"),
    "initiative": gettext_lazy("Initiatives"),
    "institution": gettext_lazy("Institutions"),
    "reference": gettext_lazy("Sources"),
    "page": gettext_lazy("Pages"),
}
# Languages whose names are written in lower case inside a sentence (русский, қазақ).
LOWER_CASE_LANGUAGE_NAMES = {"kk", "ru"}


@register.simple_tag
def search_kind(kind):
    return SEARCH_KINDS.get(kind, kind)


@register.filter
def language_in_sentence(code):
    name = translation.get_language_info(code)["name_translated"]
    return name.lower() if translation.get_language() in LOWER_CASE_LANGUAGE_NAMES else name


@register.simple_tag
def search_title(hit):
    """The hit's title in the page's language (its language marked if it falls back), matched words marked."""
    text, code = text_and_language(hit.object, hit.title_field)
    html, _any = marked(text or str(hit.object), hit.terms, code, whole=True)
    if code != translation.get_language():
        return format_html('<span lang="{}">{}</span>', code, html)
    return html
