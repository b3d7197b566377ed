"""The editors' workflow with indicators and observations: derived values that disagree with their
counts, and who may import, export, see the history of and revert observations.

(History, publishing and the rest of the admin workflow: tests/core/test_editor_workflow.py.)"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from indicators.importing import parse_file
from indicators.models import ChangeSet, Indicator, Observation
from indicators.services import observation_import
from tests.support.admin import change_url

CSV = b"indicator;region;period;value\r\nschools;astana;2022;1950\r\n"


@pytest.fixture
def editor_client(editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return editor_client


def test_indicator_list_shows_derived_values_that_disagree(demo, editor_client):
    Observation.objects.filter(indicator__code="innovation_share", period="2015").update(value=20)
    html = editor_client.get(reverse("admin:indicators_indicator_changelist")).content.decode()
    assert "1 value differs" in html


ROLES = ["anonymous", "staff", "viewer", "editor", "superuser"]


@pytest.fixture
def role_client(request, client, django_user_model, editor):
    role = request.param
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    if role == "staff":
        client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    elif role == "viewer":
        viewer = django_user_model.objects.create_user("viewer", is_staff=True)
        viewer.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_observation", "view_changeset", "view_indicator"])
        )
        client.force_login(viewer)
    elif role == "editor":
        client.force_login(editor)
    elif role == "superuser":
        client.force_login(django_user_model.objects.create_superuser("root", password="x" * 20))
    return role, client


EXPECTED = {  # role -> (import, export, history, revert)
    "anonymous": (False, False, False, False),
    "staff": (False, False, False, False),
    "viewer": (False, False, True, False),
    "editor": (True, True, True, True),
    "superuser": (True, True, True, True),
}


@pytest.mark.parametrize("role_client", ROLES, indirect=True)
def test_permission_matrix(demo, role_client):
    role, client = role_client
    change_set = observation_import(parse_file(CSV, "x.csv"), filename="x.csv").change_set
    indicator = Indicator.objects.first()

    def allowed(response):
        return response.status_code in (200, 302) and "/login/" not in response.get("Location", "")

    can_import = allowed(client.get(reverse("admin:indicators_observation_import")))
    can_export = allowed(client.get(reverse("admin:indicators_observation_export")))
    can_history = allowed(client.get(change_url(indicator, "history"))) and allowed(client.get(change_url(change_set)))
    revert = client.post(reverse("admin:indicators_changeset_revert", args=[change_set.pk]), {"confirm": "1"})
    can_revert = allowed(revert) and ChangeSet.objects.filter(reverts=change_set).exists()
    assert (can_import, can_export, can_history, can_revert) == EXPECTED[role]
    assert Observation.objects.filter(period="2022", indicator__code="schools").exists() != can_revert
