"""Every admin page an editor opens answers 200 on the demo data."""

import pytest
from django.urls import reverse

from tests.support.snapshot import content_models


def pages_of(model):
    label = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    first = model.objects.order_by("pk").first()
    yield reverse(f"{label}_changelist")
    yield reverse(f"{label}_changelist") + "?q=astana"
    yield reverse(f"{label}_add")
    yield reverse(f"{label}_import")
    yield reverse(f"{label}_export")
    if first is None:  # the demo sets no target (the sources state none): tests/policies/test_admin.py makes one
        return
    yield reverse(f"{label}_change", args=[first.pk])
    yield reverse(f"{label}_history", args=[first.pk])
    yield reverse(f"{label}_delete", args=[first.pk])


@pytest.mark.parametrize("model", content_models(), ids=lambda m: m._meta.label)
def test_every_admin_page_of_every_model_answers(demo, editor_client, model):
    for url in pages_of(model):
        response = editor_client.get(url)
        assert response.status_code == 200, url


def test_the_admin_index_lists_the_content_in_each_language(demo, editor_client):
    for language, heading in [("en", "Statistics"), ("ru", "Статистика"), ("kk", "Статистика")]:
        response = editor_client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        assert heading in response.content.decode()


def test_filters_an_editor_uses_answer(demo, editor_client):
    for url in [
        reverse("admin:indicators_observation_changelist") + "?status__exact=E",
        reverse("admin:indicators_observation_changelist") + "?indicator__theme__id__exact=1",
        reverse("admin:indicators_indicator_changelist") + "?published__exact=1",
        reverse("admin:portal_institution_changelist") + "?kind__exact=sez",
        reverse("admin:swot_item_changelist") + "?quadrant__exact=weakness",
    ]:
        assert editor_client.get(url).status_code == 200, url
