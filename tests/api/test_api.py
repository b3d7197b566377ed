"""Reading the API at /api/v1/: published content only, languages, filters, limits (writes: test_api_writes.py)."""

import csv
import io
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator, Observation
from portal.models import Institution

ENDPOINTS = [
    "regions",
    "themes",
    "indicators",
    "observations",
    "swot-analyses",
    "swot-items",
    "institutions",
    "references",
    "pages",
]


def test_every_list_answers_json_and_csv(demo, client):
    for endpoint in ENDPOINTS:
        response = client.get(f"/api/v1/{endpoint}/?page_size=500")
        assert response.status_code == 200, endpoint
        results = response.json()["results"]
        assert results, endpoint
        as_csv = client.get(f"/api/v1/{endpoint}/?format=csv")
        assert as_csv.status_code == 200 and as_csv["Content-Type"].startswith("text/csv"), endpoint
        reader = csv.DictReader(io.StringIO(b"".join(as_csv.streaming_content).decode()))
        rows = list(reader)
        assert reader.fieldnames == list(results[0]), endpoint  # the JSON's fields, in its order
        assert len(rows) == len(results), endpoint
        assert rows[0][list(results[0])[0]] == str(list(results[0].values())[0]), endpoint


def test_only_published_content_and_only_observations_of_published_indicators(demo, client):
    Indicator.objects.filter(code="population").update(published=False)
    Institution.objects.filter(slug="astana_hub").update(published=False)
    codes = [i["code"] for i in client.get("/api/v1/indicators/?page_size=100").json()["results"]]
    assert "population" not in codes and "innovation_share" in codes
    assert client.get("/api/v1/indicators/population/").status_code == 404
    observed = {o["indicator"] for o in client.get("/api/v1/observations/?page_size=1000").json()["results"]}
    assert "population" not in observed
    items = client.get("/api/v1/swot-items/?page_size=100").json()["results"]
    assert not any("population" in item["indicators"] or "astana_hub" in item["institutions"] for item in items)
    assert client.get("/api/v1/institutions/astana_hub/").status_code == 404


def test_staff_preview_shows_drafts(demo, admin_client):
    Indicator.objects.filter(code="population").update(published=False)
    assert admin_client.get("/api/v1/indicators/population/?preview=1").status_code == 200


def test_language_by_parameter_or_header_and_every_translation_on_request(demo, client):
    assert client.get("/api/v1/regions/astana/?lang=ru").json()["name"] == "Астана"
    english = client.get("/api/v1/indicators/innovation_share/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["name"] == "Share of enterprises with innovation"
    assert "name_kk" not in english
    kazakh = client.get("/api/v1/indicators/innovation_share/?lang=kk").json()
    assert kazakh["name"] == "Инновациясы бар кәсіпорындардың үлесі"
    every = client.get("/api/v1/indicators/innovation_share/?translations=all").json()
    assert (every["name_kk"], every["name_ru"], every["name_en"]) == (
        "Инновациясы бар кәсіпорындардың үлесі",
        "Доля предприятий с инновациями",
        "Share of enterprises with innovation",
    )
    assert {"definition_kk", "unit_ru", "unit_en"} <= set(every)


def test_filters_a_researcher_uses(demo, client):
    def periods(query):
        return [o["period"] for o in client.get(f"/api/v1/observations/?{query}").json()["results"]]

    assert periods("indicator=innovation_share&period_from=2018&period_to=2019") == ["2018", "2019"]
    assert periods("indicator=unemployment_rate&status=E") == ["2021-Q2"]
    assert len(periods("theme=innovation&region=astana")) == 18
    kinds = {i["kind"] for i in client.get("/api/v1/institutions/?kind=university,hub").json()["results"]}
    assert kinds == {"university", "hub"}
    quadrants = {i["quadrant"] for i in client.get("/api/v1/swot-items/?quadrant=threat").json()["results"]}
    assert quadrants == {"threat"}
    codes = [i["code"] for i in client.get("/api/v1/indicators/?ordering=-code&page_size=2").json()["results"]]
    assert codes == sorted(codes, reverse=True)


MALFORMED = [
    ("period_from=2021-13", "period_from", "“2021-13” is not a period"),
    ("indicator=innovation share", "indicator", "is not a code"),
    ("indicator=no_such_code", "indicator", "Nothing published has the code “no_such_code”."),
    ("status=Z", "status", "“Z” is not one of A, P, E, B."),
    ("period_from=2021&period_to=2020", "period_to", "period_to is before period_from."),
    ("lang=de", "lang", "Choose one of kk, ru, en."),
    ("translations=some", "translations", "The only value is “all”."),
]


def test_malformed_filters_answer_400_saying_what_is_wrong(demo, client):
    for query, field, message in MALFORMED:
        response = client.get(f"/api/v1/observations/?{query}", HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, query
        assert message in " ".join(response.json()[field]), query
    kazakh = client.get("/api/v1/observations/?lang=kk&status=Z").json()["status"][0]
    assert kazakh == "«Z» мына мәндердің ешқайсысы емес: A, P, E, B."  # in the language asked for


def test_a_percent_sign_in_a_filter_is_named_not_a_server_error(demo, client):
    # django-filter formats messages with their params once more; a "%" typed by the client
    # inside an already formatted message used to break that (found by schemathesis).
    for path, field in [
        ("/api/v1/institutions/?kind=%25s", "kind"),
        ("/api/v1/observations/?indicator=%25d", "indicator"),
    ]:
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 400, path
        assert "“%" in " ".join(response.json()[field]), path


def test_page_size_is_capped_and_query_count_does_not_grow_with_it(demo, client):
    for number in range(200):
        Observation.objects.create(
            indicator=Indicator.objects.get(code="schools"),
            region_id=Observation.objects.first().region_id,
            period=f"{1800 + number}",
            value=number,
        )
    client.get("/api/v1/observations/?page_size=1")  # the data's last change is read once per content version
    counts = {}
    for size in (2, 200):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/observations/?page_size={size}")
        assert len(response.json()["results"]) == size
        counts[size] = len(queries)
    assert counts[2] == counts[200]
    assert (
        len(client.get("/api/v1/observations/?page_size=5000").json()["results"]) == 224
    )  # capped at 1000, 224 exist
    assert len(client.get("/api/v1/swot-items/?page_size=5000").json()["results"]) == 16


def test_the_cursor_walks_every_observation_once(demo, client):
    seen, url = [], "/api/v1/observations/?page_size=5"
    while url:
        page = client.get(url).json()
        seen += [(o["indicator"], o["period"]) for o in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == Observation.objects.count()


def test_anonymous_requests_are_throttled(demo, client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_ANON_THROTTLE_RATE = "3/minute"
    answers = [client.get("/api/v1/regions/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    cache.clear()


@pytest.mark.parametrize("debug, browsable", [("1", True), ("0", False)])
def test_browsable_api_only_in_debug_mode(debug, browsable):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print('rest_framework.renderers.BrowsableAPIRenderer' in settings.REST_FRAMEWORK['DEFAULT_RENDERER_CLASSES'])"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": debug,
        "DJANGO_SECRET_KEY": "k" * 50,
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip() == str(browsable)


def test_an_indicator_carries_its_metadata_in_the_requests_language(demo, client):
    from django.utils import timezone

    share = client.get("/api/v1/indicators/innovation_share/?lang=ru").json()
    assert share["periodicity"] == "A" and share["next_release"] is None
    assert share["last_updated"] == timezone.localdate().isoformat()  # from the data: when its values changed
    assert share["coverage"] == "Город Астана (в статье – Нур-Султан)"
    assert share["methodology"].startswith("Доля = число предприятий с инновациями")
    assert share["source"] == "wipo_gii2020_kazakhstan" and "[3]" in share["source_note"]
    wage = client.get("/api/v1/indicators/average_monthly_wage/?lang=en&translations=all").json()
    assert wage["compiler_kk"].endswith("Ұлттық статистика бюросы") and wage["contact"] == ""
