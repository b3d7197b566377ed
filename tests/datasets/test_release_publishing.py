"""Publishing a release: the admin's action for a portal of modest size, and `manage.py publish_release`
when the data is too large to freeze within a web request."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from portal.datasets.models import ObservationVersion, Release


def publish_in_admin(client, release):
    return client.post(
        reverse("admin:datasets_release_changelist"),
        {"action": "publish", "_selected_action": [release.pk]},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_the_admin_publishes_a_planned_release(demo, admin_client):
    release = Release.objects.create(version="2026.2", date="2026-12-15")
    page = publish_in_admin(admin_client, release).content.decode()
    assert "1 release published." in page
    release.refresh_from_db()
    assert release.number == 2 and release.published_by.is_superuser


def test_an_editor_without_the_permission_cannot_publish(demo, editor_client):
    release = Release.objects.create(version="2026.2", date="2026-12-15")
    publish_in_admin(editor_client, release)
    release.refresh_from_db()
    assert release.number is None


def test_large_data_is_published_by_the_command_not_in_the_request(demo, admin_client, settings):
    settings.RELEASE_PUBLISH_REQUEST_MAX_OBSERVATIONS = 10  # the demo has 24
    release = Release.objects.create(version="2026.2", date="2026-12-15")
    page = publish_in_admin(admin_client, release).content.decode()
    assert "Nothing was published: with 24 public observations" in page
    assert "manage.py publish_release 2026.2" in page
    release.refresh_from_db()
    assert release.number is None
    versions = ObservationVersion.objects.count()
    call_command("publish_release", "2026.2", stdout=open("/dev/null", "w"))
    release.refresh_from_db()
    assert release.number == 2 and ObservationVersion.objects.count() == versions  # nothing changed since 2026.1
    with pytest.raises(CommandError, match="published already"):
        call_command("publish_release", "2026.2")
    with pytest.raises(CommandError, match="no release 2099.9"):
        call_command("publish_release", "2099.9")
