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


def test_staff_without_a_permission_on_the_model_see_no_drafts_of_it(client, demo, django_user_model):
    """Staff status alone is not an editor's: previews need the change (or view) permission."""
    from django.contrib.auth.models import Permission

    Page.objects.filter(slug="methodology").update(published=False)
    staff = django_user_model.objects.create_user("clerk", password="a long enough password 42", is_staff=True)
    client.force_login(staff)
    assert client.get("/en/pages/methodology/?preview=1").status_code == 404
    assert "methodology" not in client.get("/api/v1/pages/?preview=1").content.decode()
    staff.user_permissions.add(Permission.objects.get(codename="view_page"))
    staff = django_user_model.objects.get(pk=staff.pk)  # permissions are cached on the user object
    client.force_login(staff)
    assert client.get("/en/pages/methodology/?preview=1").status_code == 200
    assert "methodology" in client.get("/api/v1/pages/?preview=1").content.decode()
    # A permission on pages shows no other kind of draft.
    from indicators.models import Indicator

    Indicator.objects.filter(code="population").update(published=False)
    assert client.get("/en/indicators/population/?preview=1").status_code == 404
