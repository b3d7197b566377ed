from django.test import RequestFactory

from indicators.models import Observation
from portal.models import Page
from portal.ops.caching import content_version
from portal.publishing import visible


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


def test_the_public_sees_published_pages_and_an_editor_can_preview_drafts(demo, editor):
    Page.objects.filter(slug="methodology").update(published=False)
    factory = RequestFactory()
    public = factory.get("/en/", {"preview": "1"})
    from django.contrib.auth.models import AnonymousUser

    public.user = AnonymousUser()
    assert [p.slug for p in visible(Page.objects.all(), public)] == ["about"]
    preview = factory.get("/en/", {"preview": "1"})
    preview.user = editor
    assert sorted(p.slug for p in visible(Page.objects.all(), preview)) == ["about", "methodology"]
