"""History and revert, publishing, the translation report, rights, sanitising.

(The indicators' part of the workflow is in tests/indicators/test_editor_workflow.py, the login lockout
in tests/ops/test_security.py.)"""

import pytest
from django.urls import reverse

from portal.models import Institution, Page
from tests.support.admin import change_url


@pytest.fixture
def editor_client(editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return editor_client


def test_history_shows_who_changed_which_field_in_which_language_and_reverts(demo, editor_client, editor):
    institution = Institution.objects.first()
    old_name = institution.name_ru
    institution.name_ru = "Новое название"
    institution._history_user = editor
    institution.save()
    history = editor_client.get(change_url(institution, "history")).content.decode()
    assert "editor" in history and "Name (ru)" in history and f"{old_name}" in history and "Новое название" in history
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


def test_a_stale_translation_can_be_marked_checked_until_its_source_changes_again(demo, editor_client):
    institution = Institution.objects.first()
    institution.name_kk = institution.name_kk + " (түзетілді)"  # a Kazakh spelling fix
    institution.save()
    html = editor_client.get(reverse("translation_report")).content.decode().replace("\n", "")
    stale = html.split('id="stale"')[1]
    # ru and en are stale: the Kazakh text changed, and the report says so, and when.
    assert "<td>name</td><td>ru</td><td>kk</td>" in stale and "<td>name</td><td>en</td><td>kk</td>" in stale
    for language in ("ru", "en"):
        response = editor_client.post(
            reverse("translation_report"),
            {"model": "portal.Institution", "pk": institution.pk, "field": "name", "language": language},
        )
        assert response.status_code == 302
    stale = editor_client.get(reverse("translation_report")).content.decode().replace("\n", "").split('id="stale"')[1]
    assert "<td>name</td><td>ru</td>" not in stale and "<td>name</td><td>en</td>" not in stale
    institution.name_kk = institution.name_kk + "!"  # the source changes again: stale again
    institution.save()
    stale = editor_client.get(reverse("translation_report")).content.decode().replace("\n", "").split('id="stale"')[1]
    assert "<td>name</td><td>ru</td><td>kk</td>" in stale
