"""The data migration policies 0002: programmes and road maps stored as institutions become initiatives,
and their history comes along (who changed what, when and why), as do the SWOT items' links to them."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from tests.support.admin import change_url

BEFORE = ("policies", "0001_initial")
PAST = datetime.datetime(2022, 3, 1, 9, 30, tzinfo=datetime.UTC)
LATER = datetime.datetime(2023, 5, 2, 14, 0, tzinfo=datetime.UTC)


def before_the_move():
    """policies at 0001, every other app at its latest migration (as a database upgraded in one go would be)."""
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    return [BEFORE, *(leaf for leaf in leaves if leaf[0] != BEFORE[0])]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def programme(apps, slug, names, user, region=None):
    """An institution of kind 'programme' as editors made it: created, then renamed, with its history."""
    Institution = apps.get_model("portal", "Institution")
    HistoricalInstitution = apps.get_model("portal", "HistoricalInstitution")
    References = apps.get_model("portal", "HistoricalInstitution_references")
    reference = apps.get_model("portal", "Reference").objects.create(key=f"{slug}-source", title_en="S", title_ru="И")
    institution = Institution.objects.create(
        slug=slug, kind="programme", region=region, published=True, **names, description_en="What it is."
    )
    institution.references.set([reference])
    link = Institution.references.through.objects.get(institution=institution)
    for when, name_en, kind, reason in ((PAST, "Draft name", "+", "created"), (LATER, names["name_en"], "~", None)):
        record = HistoricalInstitution.objects.create(
            id=institution.pk,
            slug=slug,
            kind="programme",
            region=region,
            published=True,
            **{**names, "name_en": name_en},
            history_date=when,
            history_type=kind,
            history_user=user,
            history_change_reason=reason,
        )
        References.objects.create(id=link.pk, history=record, institution_id=institution.pk, reference=reference)
    return institution


@pytest.mark.django_db(transaction=True)
def test_the_programmes_become_initiatives_and_nothing_of_their_history_is_lost(django_user_model, editor):
    old = migrate(before_the_move())
    author = old.get_model("auth", "User").objects.get(pk=editor.pk)
    astana = old.get_model("portal", "Region").objects.create(code="astana", name_en="Astana", name_ru="Астана")
    road_map = programme(
        old,
        "nur_sultan_city_of_innovation",
        {
            "name_kk": "Жол картасы",
            "name_ru": "Дорожная карта «Нур-Султан – город инноваций»",
            "name_en": "Road map 'Nur-Sultan'",
        },
        author,
        region=astana,
    )
    state = programme(
        old,
        "state_programme_regional_development",
        {"name_kk": "Мемлекеттік бағдарлама", "name_ru": "Госпрограмма", "name_en": "State programme"},
        author,
    )
    hub = old.get_model("portal", "Institution").objects.create(
        slug="astana_hub", kind="hub", name_en="Hub", name_ru="Хаб"
    )
    analysis = old.get_model("swot", "Analysis").objects.create(
        slug="astana-2021", region=astana, year=2021, title_en="SWOT", title_ru="SWOT", published=True
    )
    item = old.get_model("swot", "Item").objects.create(
        analysis=analysis, key="state_support", quadrant="strength", title_en="State support", title_ru="Поддержка"
    )
    item.institutions.set([road_map, state, hub])

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    from policies.models import Initiative
    from portal.models import Institution
    from swot.models import Item

    assert sorted(Institution.objects.values_list("slug", flat=True)) == ["astana_hub"]
    moved = Initiative.objects.get(key="nur_sultan_city_of_innovation")
    assert (moved.kind, moved.region.code, moved.published) == ("road_map", "astana", True)
    assert (moved.name_kk, moved.name_ru, moved.description_en) == (
        "Жол картасы",
        "Дорожная карта «Нур-Султан – город инноваций»",
        "What it is.",
    )
    assert [r.key for r in moved.references.all()] == ["nur_sultan_city_of_innovation-source"]
    assert Initiative.objects.get(key="state_programme_regional_development").kind == "programme"

    item = Item.objects.get(key="state_support")
    assert [i.slug for i in item.institutions.all()] == ["astana_hub"]
    assert sorted(i.key for i in item.initiatives.all()) == [
        "nur_sultan_city_of_innovation",
        "state_programme_regional_development",
    ]

    history = list(moved.history.order_by("history_date", "history_id"))
    assert [(h.history_type, h.history_date, h.history_user_id, h.name_en) for h in history[:2]] == [
        ("+", PAST, editor.pk, "Draft name"),
        ("~", LATER, editor.pk, "Road map 'Nur-Sultan'"),
    ]
    assert history[0].history_change_reason == "created"
    assert history[-1].history_change_reason == "moved from institutions" and history[-1].kind == "road_map"
    assert [link.reference.key for link in history[0].references.all()] == ["nur_sultan_city_of_innovation-source"]
    assert [link.item.key for link in history[-1].swot_items.all()] == ["state_support"]
    gone = Institution.history.filter(slug="nur_sultan_city_of_innovation").order_by("history_date", "history_id")
    assert [h.history_type for h in gone] == ["+", "~", "-"]
    assert gone.last().history_change_reason == "moved to policy initiatives"
    assert item.history.latest().history_change_reason == "programme cited as an initiative"
    assert [link.institution.slug for link in item.history.latest().institutions.all()] == ["astana_hub"]

    from django.test import Client

    client = Client()
    client.force_login(editor)
    for url in (change_url(moved, "history"), change_url(item, "history"), change_url(moved)):
        assert client.get(url, HTTP_ACCEPT_LANGUAGE="en").status_code == 200, url
    page = client.get(reverse("initiative", kwargs={"key": moved.key}), HTTP_ACCEPT_LANGUAGE="en")
    assert "State support" in page.content.decode()
