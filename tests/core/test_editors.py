"""What the Editors group may do (content, import, export) and may not (users, groups, permissions)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from indicators.models import Observation
from tests.support.snapshot import content_models


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("model", content_models(), ids=lambda m: m._meta.label)
def test_editors_may_add_change_delete_import_and_export_every_kind_of_content(editor, model):
    for action in ("add", "change", "delete", "view", "import", "export"):
        assert editor.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


def test_editors_may_not_touch_users_groups_or_permissions(editor_client, editor):
    assert not editor.get_all_permissions() & {
        p.content_type.app_label + "." + p.codename for p in Permission.objects.filter(content_type__app_label="auth")
    }
    for url in [
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_add"),
        reverse("admin:auth_group_changelist"),
        reverse("admin:auth_group_change", args=[Group.objects.get(name="Editors").pk]),
    ]:
        assert editor_client.get(url).status_code == 403, url
    response = editor_client.post(
        reverse("admin:auth_user_add"), {"username": "mallory", "password1": "x" * 20, "password2": "x" * 20}
    )
    assert response.status_code == 403


def test_editors_see_the_import_and_export_pages(editor_client):
    assert editor_client.get(admin_url(Observation, "import")).status_code == 200
    assert editor_client.get(admin_url(Observation, "export")).status_code == 200


def test_a_user_who_may_only_view_cannot_import_or_export(client, django_user_model):
    viewer = django_user_model.objects.create_user("viewer", password="x", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_observation"))
    client.force_login(viewer)
    assert client.get(admin_url(Observation, "changelist")).status_code == 200
    assert client.get(admin_url(Observation, "import")).status_code == 403
    assert client.get(admin_url(Observation, "export")).status_code == 403
    changelist = client.get(admin_url(Observation, "changelist")).content.decode()
    assert admin_url(Observation, "import") not in changelist
