from django import template

from portal.site import formatting

register = template.Library()


@register.filter
def percent(share):
    """A share (0.4) as a whole percentage in the active language: `40 %`."""
    if share is None:
        return ""
    return formatting.number(share * 100, 0) + "\xa0%"
