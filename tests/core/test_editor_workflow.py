"""History and revert, publishing, the translation report, login lockout, rights, sanitising."""

import pytest
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse

from indicators.importing import parse_file
from indicators.models import ChangeSet, Indicator, Observation
from indicators.services import observation_import
from portal.models import Institution, Page
from portal.ops.security import client_ip

CSV = b"indicator;region;period;value\r\nschools;astana;2022;1950\r\n"


@pytest.fixture
def editor_client(editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return editor_client


def change_url(obj, action="change"):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_{action}", args=[obj.pk])


def test_history_shows_who_changed_which_field_in_which_language_and_reverts(demo, editor_client, editor):
    institution = Institution.objects.first()
    old_name = institution.name_ru
    institution.name_ru = "Новое название"
    institution._history_user = editor
    institution.save()
    history = editor_client.get(change_url(institution, "history")).content.decode()
    assert "editor" in history and "Name [ru]" in history and f"{old_name}" in history and "Новое название" in history
    first = institution.history.earliest()
    form = editor_client.get(
        reverse("admin:portal_institution_simple_history", args=[institution.pk, first.history_id])
    )
    assert form.status_code == 200 and old_name in form.content.decode()
    data = {k: v for k, v in form.context["adminform"].form.initial.items() if v is not None}
    data["references"] = [r.pk for r in data.get("references", [])]
    response = editor_client.post(
        reverse("admin:portal_institution_simple_history", args=[institution.pk, first.history_id]), data
    )
    assert response.status_code == 302
    institution.refresh_from_db()
    assert institution.name_ru == old_name


@pytest.mark.parametrize("changelist", ["portal_institution", "indicators_indicator", "swot_analysis"])
def test_every_publishable_kind_has_the_publish_actions(demo, editor_client, changelist):
    html = editor_client.get(reverse(f"admin:{changelist}_changelist")).content.decode()
    assert 'value="publish"' in html and 'value="unpublish"' in html


def test_publish_and_unpublish_actions_record_history_and_hide_from_the_public(demo, editor_client):
    page = Page.objects.first()
    url = reverse("admin:portal_page_changelist")
    editor_client.post(url, {"action": "unpublish", "_selected_action": [page.pk]})
    page.refresh_from_db()
    assert not page.published and page.history.first().history_change_reason == "unpublished"
    assert page not in Page.objects.published()
    editor_client.post(url, {"action": "publish", "_selected_action": [page.pk]})
    page.refresh_from_db()
    assert page.published


def test_indicator_list_shows_derived_values_that_disagree(demo, editor_client):
    Observation.objects.filter(indicator__code="innovation_share", period="2015").update(value=20)
    html = editor_client.get(reverse("admin:indicators_indicator_changelist")).content.decode()
    assert "1 value differs" in html


def test_translation_report_lists_missing_and_stale_texts(demo, editor_client):
    institution = Institution.objects.first()
    institution.description_kk = ""
    institution.save()
    institution.name_ru = institution.name_ru + " (обновлено)"
    institution.save()
    html = editor_client.get(reverse("translation_report")).content.decode()
    assert "Missing translations" in html and change_url(institution) in html
    stale = html.split('id="stale"')[1]
    assert str(institution) in stale and "<td>name</td><td>kk</td>" in stale.replace("\n", "")


def test_login_locks_out_one_user_from_one_address_not_everyone(client, editor, settings):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
    locked = client.post(
        url, {"username": "editor", "password": "correct horse battery staple"}, REMOTE_ADDR="10.0.0.1"
    )
    assert locked.status_code == 429
    other_address = client.post(
        url, {"username": "editor", "password": "correct horse battery staple"}, REMOTE_ADDR="10.0.0.2"
    )
    assert other_address.status_code == 302


def test_client_address_behind_a_proxy_ignores_what_the_client_wrote(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"  # the faked 6.6.6.6 is not believed


def test_an_editor_cannot_grant_himself_rights(editor_client, editor):
    response = editor_client.post(
        reverse("admin:auth_user_change", args=[editor.pk]),
        {"username": "editor", "is_superuser": "on", "is_staff": "on"},
    )
    assert response.status_code == 403
    editor.refresh_from_db()
    assert not editor.is_superuser and not editor.user_permissions.exists()


def test_scripts_in_pages_and_descriptions_never_reach_a_reader(demo):
    page = Page.objects.first()
    page.body_en = 'Hello <script>alert(1)</script> <a href="javascript:alert(1)" onclick="x()">x</a>'
    page.save()
    assert (
        "<script" not in page.body_html_en
        and "javascript:" not in page.body_html_en
        and "onclick" not in page.body_html_en
    )


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
    revert = client.post(reverse("admin:indicators_changeset_revert", args=[change_set.pk]))
    can_revert = allowed(revert) and ChangeSet.objects.filter(reverts=change_set).exists()
    assert (can_import, can_export, can_history, can_revert) == EXPECTED[role]
    assert Observation.objects.filter(period="2022", indicator__code="schools").exists() != can_revert


def test_a_script_in_a_description_reaches_readers_as_text(demo, client):
    institution = Institution.objects.published().first()
    institution.description_en = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    institution.save()
    html = client.get(f"/en/institutions/{institution.slug}/").content.decode()
    assert "&lt;script&gt;alert" in html and "<script>alert" not in html and "<img src=x" not in html


def test_the_preview_link_opens_a_draft_for_editors_only(demo, editor_client):
    from django.test import Client

    page = Page.objects.first()
    page.published = False
    page.save()
    changelist = editor_client.get(reverse("admin:portal_page_changelist")).content.decode()
    link = f"/en/pages/{page.slug}/?preview=1"
    assert link.replace("/en/", "/kk/") in changelist or link in changelist
    assert editor_client.get(link).status_code == 200
    assert Client().get(link).status_code == 404  # the public, even with ?preview=1
