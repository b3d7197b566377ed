"""What a reader needs to share, cite or embed a page: its citation, the embed code, the preview picture."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.datasets import metadata
from portal.site.figures import one_stop


def absolute(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


def chart_citation(request, indicator):
    """`City innovation portal. “Share of enterprises with innovation” [chart]. Data last updated … <address>`."""
    values = {
        "publisher": metadata.publisher(),
        "title": indicator,
        "url": absolute(request, "indicator", indicator.code),
        "licence": metadata.licence()["name"],
    }
    last_updated = getattr(indicator, "last_updated", None)
    if last_updated:
        values["date"] = date_format(timezone.localtime(last_updated), "DATE_FORMAT")  # the reader's day, not UTC's
        return one_stop(
            _("%(publisher)s. “%(title)s” [chart]. Data last updated %(date)s. %(url)s. Licence %(licence)s.") % values
        )
    return _("%(publisher)s. “%(title)s” [chart]. %(url)s. Licence %(licence)s.") % values


def embed_code(request, indicator):
    """The <iframe> another site pastes to show the chart (the embed page allows framing; no other page does)."""
    return format_html(
        '<iframe src="{}" title="{}" width="720" height="640" loading="lazy"></iframe>',
        absolute(request, "indicator_embed", indicator.code),
        indicator,
    )
