"""The content version the caches key on (portal/ops/caching.py) changes with every change to the content."""

from indicators.models import Observation
from portal.ops.caching import content_version


def test_saving_deleting_or_relinking_content_changes_the_content_version(demo):
    first = content_version()
    observation = Observation.objects.first()
    observation.note_en = "Revised."
    observation.save()
    second = content_version()
    assert second != first
    from swot.models import Item

    Item.objects.first().references.clear()
    third = content_version()
    assert third != second
    observation.delete()
    assert content_version() != third
