"""What the public may see (Model.objects.visible_to): published content, and drafts in an editor's preview."""

from django.test import RequestFactory

from portal.models import Page


def test_the_public_sees_published_pages_and_an_editor_can_preview_drafts(demo, editor):
    Page.objects.filter(slug="methodology").update(published=False)
    factory = RequestFactory()
    public = factory.get("/en/", {"preview": "1"})
    from django.contrib.auth.models import AnonymousUser

    public.user = AnonymousUser()
    assert [p.slug for p in Page.objects.visible_to(public)] == ["about"]
    preview = factory.get("/en/", {"preview": "1"})
    preview.user = editor
    assert sorted(p.slug for p in Page.objects.visible_to(preview)) == ["about", "methodology"]
