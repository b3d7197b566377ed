"""Which values a release revised: "revised in 2026.2" in the tidy files and on indicator pages."""

from portal.models import Region
from portal.numbers import plain_decimal

from .models import ObservationVersion, Release
from .querysets import plain_values


def revised_versions(number):
    """The versions in release `number` that replaced an earlier value."""
    return ObservationVersion.objects.filter(ObservationVersion.in_release(number), revises=True)


def live_revisions(indicators):
    """{(indicator id, region id, period): (value text, version)} of the values the latest release
    revised among `indicators` (an indicator's page, a download's); a live value is marked only while
    it still equals the revised one."""
    latest = Release.objects.last_published()
    if latest is None:
        return {}
    codes = {indicator.code: indicator.pk for indicator in indicators}
    revised = revised_versions(latest.number).filter(indicator__in=list(codes))
    versions = dict(Release.objects.filter(number__isnull=False).values_list("number", "version"))
    regions = dict(Region.objects.values_list("code", "pk"))
    revisions = {}
    rows = plain_values(revised).values_list("indicator", "region", "period", "value", "valid_from")
    for indicator, region, period, value, number in rows:
        if indicator in codes and region in regions:
            revisions[(codes[indicator], regions[region], period)] = (plain_decimal(value), versions[number])
    return revisions


def revision_mark(revisions, key, value):
    """The version that revised the live value `value` (text) of `key` in `revisions` (live_revisions()),
    or "": a value is marked only while it still equals the revised one."""
    revision = revisions.get(key)
    return revision[1] if revision and revision[0] == value else ""
