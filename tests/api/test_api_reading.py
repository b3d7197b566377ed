"""What a researcher reads from the API beyond the live pages: a release's frozen rows (?release=),
CSV with every matching row, the researcher's columns, and unknown parameters refused."""

import csv
import io
import json

import pandas as pd

from indicators.models import Indicator, Observation
from indicators.periods import parse_period
from policies.models import Initiative
from portal.datasets.models import Release
from portal.datasets.services import release_publish
from portal.models import Institution, Region
from tests.api.test_api import ENDPOINTS as CONTENT_ENDPOINTS
from tests.support import policy_factories

ENDPOINTS = [*CONTENT_ENDPOINTS, "strategies", "initiatives", "targets", "taxonomy", "sdg-goals", "sdg-targets"]

# What change_everything() changes in the live lists.
CHANGED = {"regions", "indicators", "observations", "swot-items", "institutions", "initiatives", "strategies"}


def every_row(client, url):
    """Every row of a list, page after page (cursor or page number alike)."""
    rows = []
    while url:
        answer = client.get(url)
        assert answer.status_code == 200, (url, answer.content[:300])
        page = answer.json()
        rows += page["results"]
        url = page["next"]
    for row in rows:  # live: the day a value last changed; in a release: the day of the release that changed it
        row.pop("last_updated", None)
    return sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


def streamed(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def change_everything():
    """Edits of every kind after release 2026.1: a renamed indicator, a revised value, withdrawn
    observations, an unpublished institution, a renamed region."""
    Indicator.objects.filter(code="population").update(name_en="Residents")
    observation = Observation.objects.get(indicator__code="innovation_share", period="2020")
    observation.value = "12.9"
    observation.save()
    Observation.objects.filter(indicator__code="schools").delete()
    Institution.objects.filter(slug="astana_hub").update(published=False)
    Region.objects.filter(code="astana").update(name_en="Astana city")
    Initiative.objects.filter(key="state_contracts").update(published=False)


def test_every_list_reads_a_release_as_it_was_published(demo, client):
    before = {endpoint: every_row(client, f"/api/v1/{endpoint}/?lang=en") for endpoint in ENDPOINTS}
    change_everything()
    for endpoint in ENDPOINTS:
        changed = every_row(client, f"/api/v1/{endpoint}/?lang=en") != before[endpoint]
        assert changed == (endpoint in CHANGED), endpoint
        for release in ("2026.1", "latest"):
            assert every_row(client, f"/api/v1/{endpoint}/?lang=en&release={release}") == before[endpoint], endpoint
    # Objects too; a value the release never had is not found.
    assert client.get("/api/v1/indicators/population/?lang=en&release=2026.1").json()["name"] == "Population"
    assert client.get("/api/v1/regions/astana/?lang=en&release=2026.1").json()["name"] == "Astana"
    assert client.get("/api/v1/institutions/astana_hub/?release=2026.1").status_code == 200
    assert client.get("/api/v1/institutions/astana_hub/").status_code == 404
    item = client.get("/api/v1/swot-items/?release=2026.1").json()["results"][0]
    one = client.get(f"/api/v1/swot-items/{item['analysis']}/{item['key']}/?release=2026.1")
    assert one.status_code == 200 and one.json() == item
    assert client.get("/api/v1/indicators/no_such_code/?release=2026.1").status_code == 404


def test_a_release_keeps_its_targets_progress(demo, client):
    """A target's progress in a release comes from the release's own observations."""
    policy_factories.demo_share_target()
    release_publish(release=Release.objects.create(version="2026.2", date="2026-12-15"))
    url = "/api/v1/targets/innovation-share-2025/"
    frozen = client.get(url + "?release=2026.2").json()["progress"]
    share = Observation.objects.get(indicator__code="innovation_share", period="2020")
    share.value = "19.9"
    share.save()
    assert client.get(url).json()["progress"] != frozen
    assert client.get(url + "?release=2026.2").json()["progress"] == frozen
    assert client.get("/api/v1/targets/?release=2026.2").json()["results"][0]["progress"] == frozen
    assert client.get("/api/v1/targets/?release=2026.1").json()["results"] == []  # set after 2026.1


def test_filters_and_ordering_apply_to_a_release_as_to_the_live_data(demo, client):
    queries = [
        "observations/?indicator=innovation_share&period_from=2018&period_to=2019",
        "observations/?theme=innovation&region=astana&status=A",
        "indicators/?theme=innovation&ordering=-code",
        "institutions/?kind=university,hub&ordering=-founded_year",
        "swot-items/?quadrant=threat&ordering=-order",
        "references/?year__gte=2019&ordering=-year",
        "swot-analyses/?year=2021",
        "initiatives/?institution=astana_hub&theme=TH35,TH38&ordering=-start",
        "strategies/?tows_type=ST,SO,WO&sdg_goal=8,9",
        "sdg-targets/?goal=9",
        "taxonomy/?vocabulary=theme&ordering=-code",
    ]

    def results(url):
        rows = client.get(url).json()["results"]
        for row in rows:  # the one field a release answers differently (see every_row)
            row.pop("last_updated", None)
        return rows

    live = {query: results(f"/api/v1/{query}&lang=en") for query in queries}
    for query in queries:
        assert live[query], query
        assert results(f"/api/v1/{query}&lang=en&release=2026.1") == live[query], query
    # The same messages for a malformed or unknown filter.
    for query, field in [("indicators/?theme=nope", "theme"), ("observations/?status=Z", "status")]:
        answer = client.get(f"/api/v1/{query}&release=2026.1")
        assert answer.status_code == 400 and field in answer.json(), query


def test_caching_headers_as_on_the_downloads(demo, client):
    pinned = client.get("/api/v1/indicators/?release=2026.1")
    assert "immutable" in pinned["Cache-Control"]
    assert "immutable" not in client.get("/api/v1/indicators/?release=latest")["Cache-Control"]
    for url in ("/api/v1/indicators/", "/api/v1/indicators/population/", "/api/v1/observations/?format=csv"):
        live = client.get(url)
        assert live["Last-Modified"] and live["ETag"] and "immutable" not in live["Cache-Control"], url
        assert {"Accept", "Accept-Language"} <= {v.strip() for v in live["Vary"].split(",")}, url
        assert client.get(url, HTTP_IF_NONE_MATCH=live["ETag"]).status_code == 304, url
    # Another format or language is another answer; a change of the data makes the copy stale.
    etag = client.get("/api/v1/indicators/")["ETag"]
    assert client.get("/api/v1/indicators/?format=csv")["ETag"] != etag
    assert client.get("/api/v1/indicators/", HTTP_ACCEPT_LANGUAGE="ru")["ETag"] != etag
    Indicator.objects.filter(code="population").update(name_en="Residents")
    Indicator.objects.get(code="population").save()  # as the admin saves it: the data's time moves on
    assert client.get("/api/v1/indicators/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_staff_answers_carry_no_validators(demo, admin_client):
    answer = admin_client.get("/api/v1/indicators/")
    assert answer.status_code == 200 and "ETag" not in answer


def test_a_new_release_shows_the_revision_and_latest_follows_it(demo, client, django_capture_on_commit_callbacks):
    url = "/api/v1/observations/?indicator=innovation_share&period_from=2020&period_to=2020"
    change_everything()
    # Both answers are kept in the API's cache, until publishing a release says the data changed.
    assert client.get(url + "&release=latest").json()["results"][0]["value"] == "12.6"
    assert client.get(url).json()["results"][0]["revised_in"] == ""
    with django_capture_on_commit_callbacks(execute=True):
        release_publish(release=Release.objects.create(version="2026.2", date="2026-12-15"))
    assert [(o["value"], o["revised_in"]) for o in client.get(url + "&release=2026.1").json()["results"]] == [
        ("12.6", "")
    ]
    for release in ("2026.2", "latest"):
        rows = client.get(f"{url}&release={release}").json()["results"]
        assert [(o["value"], o["revised_in"]) for o in rows] == [("12.9", "2026.2")], release
    assert [(o["value"], o["revised_in"]) for o in client.get(url).json()["results"]] == [("12.9", "2026.2")]
    assert not client.get("/api/v1/observations/?indicator=schools&release=2026.2").json()["results"]


def test_unknown_parameters_and_releases_answer_400(demo, client, admin_client):
    for endpoint in ENDPOINTS:
        answer = client.get(f"/api/v1/{endpoint}/?indicatr=innovation_share", HTTP_ACCEPT_LANGUAGE="en")
        assert answer.status_code == 400, endpoint
        assert "unknown parameter" in answer.json()["indicatr"][0], endpoint
    assert client.get("/api/v1/indicators/population/?indicatr=x").status_code == 400
    assert client.get("/api/v1/swot-items/?ordering=nonsense").status_code == 400
    refused = client.get("/api/v1/observations/?release=1999.1")
    assert refused.status_code == 400 and "2026.1" in refused.json()["release"][0]
    # Every parameter a list documents is known; the language, format and release ones everywhere.
    for query in [
        "observations/?indicator=population&region=astana&theme=population&period_from=2020&period_to=2021&status=A"
        "&lang=en&translations=all&format=json&cursor=&page_size=5&preview=1&release=latest",
        "indicators/?code=population&theme=population&ordering=code&page=1&page_size=5&lang=ru",
        "references/?kind=article&year=2021&year__gte=2000&year__lte=2022&ordering=-year",
    ]:
        assert client.get(f"/api/v1/{query}").status_code == 200, query
    # A write may not name a release; dry_run belongs to the observations' import only.
    row = [{"indicator": "innovation_share", "region": "astana", "period": "2021", "value": "13.2"}]
    answer = admin_client.post("/api/v1/observations/?release=2026.1", row, content_type="application/json")
    assert answer.status_code == 400 and "release" in answer.json()
    answer = admin_client.post("/api/v1/observations/?dry_run=1", row, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["dry_run"] is True
    answer = admin_client.post("/api/v1/themes/?dry_run=1", {"code": "x"}, content_type="application/json")
    assert answer.status_code == 400 and "dry_run" in answer.json()


def test_csv_has_every_row_and_refuses_pages(demo, client):
    answer = client.get("/api/v1/observations/?format=csv&page_size=10")
    assert answer.status_code == 400 and b"page_size" in answer.content
    answer = client.get("/api/v1/indicators/?format=csv&page=2")
    assert answer.status_code == 400


def test_the_observation_csv_has_the_tidy_csvs_researcher_columns(demo, client):
    """The API's CSV and the download's tidy CSV say the same of every observation."""
    api = pd.read_csv(io.BytesIO(streamed(client.get("/api/v1/observations/?format=csv&lang=en"))), dtype=str)
    assert list(api.columns) == list(client.get("/api/v1/observations/?lang=en").json()["results"][0])
    tidy = pd.read_csv(io.BytesIO(streamed(client.get("/en/data/observations.csv"))), dtype=str)
    shared = ["indicator", "region", "period", "value", "unit", "unit_multiplier", "value_base", "frequency", "status"]
    shared += ["source", "revised_in"]
    key = ["indicator", "region", "period"]
    assert (
        api[shared]
        .sort_values(key)
        .reset_index(drop=True)
        .equals(tidy[shared].sort_values(key).reset_index(drop=True))
    )
    # A release's CSV likewise.
    released = pd.read_csv(
        io.BytesIO(streamed(client.get("/api/v1/observations/?format=csv&lang=en&release=2026.1"))), dtype=str
    )
    tidy = pd.read_csv(io.BytesIO(streamed(client.get("/en/data/observations.csv?release=2026.1"))), dtype=str)
    assert (
        released[shared]
        .sort_values(key)
        .reset_index(drop=True)
        .equals(tidy[shared].sort_values(key).reset_index(drop=True))
    )
    population = api.set_index("indicator").loc["population"]
    assert (population["unit"], population["value_base"], population["frequency"]) == ("people", "1200000", "D")


def test_pandas_reads_every_row_of_a_large_selection(demo, live_server):
    """1,250 observations: more than the JSON's largest page (1,000); the CSV has them all."""
    schools = Indicator.objects.get(code="schools")
    astana = Region.objects.get(code="astana")
    taken = set(Observation.objects.filter(indicator=schools).values_list("period", flat=True))
    new = []
    for number in range(1250):
        period, start, end = parse_period(f"{1900 + number // 12}-{number % 12 + 1:02d}")
        if period not in taken:
            new.append(
                Observation(
                    indicator=schools, region=astana, period=period, period_start=start, period_end=end, value=number
                )
            )
    Observation.objects.bulk_create(new)
    expected = Observation.objects.filter(indicator=schools).count()
    assert expected > 1000
    frame = pd.read_csv(f"{live_server.url}/api/v1/observations/?format=csv&indicator=schools")
    assert len(frame) == expected
    assert frame["period"].nunique() == expected and set(frame["indicator"]) == {"schools"}
    # The same file as text: one header, one line per observation, nothing cut off.
    with pd.io.common.urlopen(f"{live_server.url}/api/v1/observations/?format=csv&indicator=schools") as answer:
        lines = list(csv.reader(io.TextIOWrapper(answer, encoding="utf-8")))
    assert len(lines) == expected + 1
