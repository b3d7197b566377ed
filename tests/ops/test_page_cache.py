"""Rendered pages come from the cache until an editor changes something; queries do not grow with data."""

import random
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, Observation
from portal.models import Institution
from swot.models import Analysis, Item
from tests.support.public_pages import PUBLIC_PATHS


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def queries_of(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_tenfold_data():
    """Ten times the demo's observations, SWOT items and institutions (seeded, so runs repeat)."""
    rng = random.Random(3)
    analysis = Analysis.objects.get()
    region = analysis.region
    indicators = list(Indicator.objects.all())
    observations = []
    for indicator in indicators:
        for year in range(1950, 2015):
            observations.append(
                Observation(indicator=indicator, region=region, period=str(year), value=Decimal(rng.randint(1, 5000)))
            )
    for observation in observations:
        observation.period_start, observation.period_end = observation.period + "-01-01", observation.period + "-12-31"
    Observation.objects.bulk_create(observations)
    for number in range(120):
        institution = Institution.objects.create(
            slug=f"extra-{number}", kind="hub", name_en=f"Hub {number}", name_ru=f"Хаб {number}", published=True
        )
        item = Item.objects.create(
            analysis=analysis,
            key=f"extra-{number}",
            quadrant=rng.choice(Item.Quadrant.values),
            title_en=f"Item {number}",
            title_ru=f"Пункт {number}",
        )
        item.institutions.add(institution)
        item.indicators.add(rng.choice(indicators))
    from portal.content import content_changed

    content_changed.send(sender=None)


def test_queries_per_page_do_not_grow_with_the_data(client, demo):
    before = {path: queries_of(client, f"/en/{path}") for path in PUBLIC_PATHS}
    assert Observation.objects.count() < 30
    add_tenfold_data()
    assert Observation.objects.count() > 10 * 24
    after = {path: queries_of(client, f"/en/{path}") for path in PUBLIC_PATHS}
    assert after == before
    # An initiative's page reads each of its relations once (codes, institutions, strategies, items, targets …),
    # and every page its frame (the city's name, the latest data for the footer).
    assert max(before.values()) <= 20


def only_the_content_version_was_read(queries):
    return [query["sql"].split(" WHERE")[0] for query in queries] == ['SELECT token FROM "ops_contentversion"']


def test_a_cached_page_needs_one_query_the_content_version_and_an_editors_change_shows_at_once(client, demo):
    assert "Astana Hub" in client.get("/en/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")
    assert only_the_content_version_was_read(queries)
    hub = Institution.objects.get(slug="astana_hub")
    hub.name_en = "Astana Hub of technology"
    hub.save()
    assert "Astana Hub of technology" in client.get("/en/").content.decode()


def test_languages_are_cached_apart(client, demo):
    assert "Latest figures" in client.get("/en/").content.decode()
    assert 'lang="ru"' in client.get("/ru/").content.decode().split(">")[1]


def test_editors_previews_are_not_cached(client, demo, editor):
    Institution.objects.filter(slug="astana_hub").update(published=False)
    client.force_login(editor)
    assert client.get("/en/institutions/astana_hub/?preview=1").status_code == 200
    client.logout()
    assert client.get("/en/institutions/astana_hub/?preview=1").status_code == 404


def test_an_api_list_comes_from_the_cache_until_an_editor_changes_something(client, demo):
    path = "/api/v1/observations/?indicator=population&format=json"
    first = client.get(path)
    with CaptureQueriesContext(connection) as queries:
        again = client.get(path)
    assert only_the_content_version_was_read(queries) and again.content == first.content
    assert again["Content-Type"] == "application/json" and "Accept" in again["Vary"]
    # The CSV of the same list is kept apart from the JSON.
    assert client.get(path.replace("json", "csv"))["Content-Type"].startswith("text/csv")
    observation = Observation.objects.get(indicator__code="population")
    observation.value = Decimal("1.25")
    observation.save()
    assert [row["value"] for row in client.get(path).json()["results"]] == ["1.25"]


def test_api_answers_are_kept_per_language_and_drafts_are_never_kept(client, demo, editor):
    assert client.get("/api/v1/regions/?lang=en").json()["results"][0]["name"] == "Astana"
    assert client.get("/api/v1/regions/?lang=ru").json()["results"][0]["name"] == "Астана"
    Institution.objects.filter(slug="astana_hub").update(published=False)
    client.force_login(editor)
    assert "astana_hub" in client.get("/api/v1/institutions/?preview=1").content.decode()
    client.logout()
    assert "astana_hub" not in client.get("/api/v1/institutions/?preview=1").content.decode()


def test_a_page_from_the_cache_carries_the_same_headers_and_its_own_request_id(client, demo):
    first = client.get("/ru/swot/")
    second = client.get("/ru/swot/")
    for header in (
        "Content-Type",
        "Content-Language",
        "Content-Security-Policy",
        "X-Frame-Options",
        "Referrer-Policy",
    ):
        assert second[header] == first[header], header
    assert second.content == first.content
    assert second["X-Request-ID"] != first["X-Request-ID"]
    assert "Set-Cookie" not in second.headers


def test_a_staff_answer_with_draft_flags_is_never_served_to_the_public(client, demo, editor):
    client.force_login(editor)
    assert "published" in client.get("/api/v1/indicators/").json()["results"][0]
    client.logout()
    assert "published" not in client.get("/api/v1/indicators/").json()["results"][0]
