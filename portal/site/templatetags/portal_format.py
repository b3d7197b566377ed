from django import template

from portal.site import bibliography, formatting

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
