"""Atom feeds (django.contrib.syndication): the releases, and per indicator the releases that changed its values."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from indicators.models import Indicator

from .changes import change_counts
from .models import Release
from .release_views import previous_release

FEED_LENGTH = 50


def published_on(release):
    return release.published_at or datetime.datetime.combine(release.date, datetime.time(0, 0), tzinfo=datetime.UTC)


class ReleaseFeed(Feed):
    feed_type = Atom1Feed

    def title(self):
        return _("Data releases of the city innovation portal")

    def subtitle(self):
        return _("Each numbered release freezes the published data; its files never change.")

    def link(self):
        return reverse("data:index")

    def items(self):
        return Release.objects.published().order_by("-number")[:FEED_LENGTH]

    def item_title(self, release):
        return _("Release %(version)s of %(date)s") % {"version": release.version, "date": release.date.isoformat()}

    def item_description(self, release):
        return release.notes

    def item_link(self, release):
        return release.get_absolute_url()

    def item_pubdate(self, release):
        return published_on(release)

    def item_updateddate(self, release):
        return published_on(release)


class IndicatorChangesFeed(Feed):
    """One entry per release that added, revised or withdrew values of the indicator."""

    feed_type = Atom1Feed

    def get_object(self, request, code):
        indicator = Indicator.objects.visible_to(request).filter(code=code).first()
        if indicator is None:
            raise Http404
        return indicator

    def title(self, indicator):
        return _("Changes to “%(indicator)s” by release") % {"indicator": indicator}

    def link(self, indicator):
        return indicator.get_absolute_url()

    def items(self, indicator):
        entries = []
        for release in Release.objects.published().order_by("-number")[:FEED_LENGTH]:
            earlier = previous_release(release)
            counts = change_counts(release, earlier, indicator=indicator.code) if earlier else None
            if earlier is None:
                entries.append((release, None, None))
            elif any(counts.values()):
                entries.append((release, earlier, counts))
        return entries

    def item_title(self, entry):
        release, earlier, counts = entry
        if earlier is None:
            return _("Release %(version)s: first release") % {"version": release.version}
        return _("Release %(version)s: %(new)s new, %(revised)s revised, %(withdrawn)s withdrawn") % {
            "version": release.version,
            **counts,
        }

    def item_description(self, entry):
        return entry[0].notes

    def item_link(self, entry):
        release, earlier, _counts = entry
        if earlier is None:
            return release.get_absolute_url()
        url = reverse("data:release_changes", kwargs={"version": release.version})
        return f"{url}?since={earlier.version}&indicator={self._code}"

    def get_feed(self, obj, request):
        self._code = obj.code
        return super().get_feed(obj, request)

    def item_pubdate(self, entry):
        return published_on(entry[0])

    def item_guid(self, entry):
        return f"{entry[0].get_absolute_url()}#{self._code}"
