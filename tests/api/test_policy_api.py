"""The policy in the API: strategies, initiatives, targets with their progress, the taxonomy and SDG lists."""

from decimal import Decimal

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator
from policies.models import Initiative, Strategy
from portal.models import Region
from tests.support import policy_factories


def get(client, path):
    response = client.get(f"/api/v1/{path}")
    assert response.status_code == 200, (path, response.content)
    return response.json()


def test_strategies_carry_their_tows_type_items_sdgs_and_initiatives(client, demo):
    page = get(client, "strategies/?lang=en")
    assert page["count"] == 5
    sme = next(s for s in page["results"] if s["key"] == "sme_innovation_share")
    assert sme["tows_type"] == "WO"
    assert sorted(sme["items"]) == ["innovation_centre", "innovation_exports", "private_demand", "scaling_routes"]
    assert sme["sdg_goals"] == [8, 9] and sme["sdg_targets"] == ["8.3", "9.3"]
    assert "innovation_demand_stimulation" in sme["initiatives"]
    assert [s["key"] for s in get(client, "strategies/?tows_type=WT")["results"]] == [
        "programme_transparency",
        "public_awareness",
    ]
    assert [s["key"] for s in get(client, "strategies/?sdg_goal=4")["results"]] == ["adult_retraining"]
    assert (
        get(client, "strategies/adult_retraining/?lang=ru")["title"]
        == "Переобучение взрослых и раскрытие их потенциала"
    )
    assert "title_kk" in get(client, "strategies/adult_retraining/?translations=all")


def test_initiatives_filter_by_their_codes_institutions_and_strategies(client, demo):
    road_map = get(client, "initiatives/nur_sultan_city_of_innovation/?lang=en")
    assert road_map["kind"] == "road_map" and road_map["part_of"] == "astana_smart_city_programme"
    assert road_map["instrument_types"] == ["PI024"] and road_map["themes"] == ["TH13", "TH33"]
    assert road_map["responsible_institutions"] == ["astana_innovations"]
    assert road_map["status"] == "" and road_map["budget"] is None and road_map["start"] == ""
    assert "astana-2021/private_demand" in road_map["swot_items"]
    state = get(client, "initiatives/state_programme_regional_development/")
    assert (state["start"], state["end"], state["dates_source"]) == (
        "2020",
        "2025",
        "state_programme_regions_2020_2025",
    )

    def keys(query):
        return [i["key"] for i in get(client, f"initiatives/?{query}")["results"]]

    assert keys("instrument=PI013") == ["investment_fund_financing", "qaztech_ventures_financing"]
    assert keys("institution=astana_innovations&theme=TH33") == [
        "innovation_demand_stimulation",
        "nur_sultan_city_of_innovation",
    ]
    assert keys("strategy=public_awareness") == ["astana_smart_city_programme", "nur_sultan_city_of_innovation"]
    assert keys("kind=sez_regime") == ["sez_astana_new_city_regime", "sez_astana_technopolis_regime"]
    refused = client.get("/api/v1/initiatives/?instrument=PI999&kind=castle")
    assert refused.status_code == 400
    assert set(refused.json()) == {"instrument", "kind"}
    Initiative.objects.filter(key="astana_smart_city_programme").update(published=False)
    cache.clear()
    assert get(client, "initiatives/nur_sultan_city_of_innovation/")["part_of"] is None  # a draft is not named


def test_a_target_comes_with_its_progress(client, demo):
    """The numbers worked out by hand in policy_factories.demo_share_target."""
    policy_factories.demo_share_target()
    target = get(client, "targets/innovation-share-2025/")
    assert (target["indicator"], target["region"], target["value"], target["period"]) == (
        "innovation_share",
        "astana",
        "20",
        "2025",
    )
    assert target["baseline_value"] is None and target["initiative"] == "nur_sultan_city_of_innovation"
    assert target["progress"] == {
        "status": "moving_away",
        "on_track": False,
        "baseline_value": "13.2",
        "baseline_period": "2015",
        "latest_value": "12.6",
        "latest_period": "2020",
        "expected_value": "16.6",
        "share_of_way": "-0.088235",
        "share_of_time": "0.5",
        "ratio": "-0.176471",
        "remaining": "7.4",
    }
    assert get(client, "targets/?indicator=innovation_share")["results"][0]["key"] == "innovation-share-2025"
    assert get(client, "targets/?initiative=astana_hub_regime")["count"] == 0


def test_the_code_lists(client, demo):
    assert get(client, "sdg-goals/9/?lang=en")["short_name"] == "Industry, innovation and infrastructure"
    assert get(client, "sdg-goals/9/?lang=kk")["short_name"] == "Индустриализация, инновациялар мен инфрақұрылым"
    assert get(client, "sdg-goals/")["count"] == 17
    assert get(client, "sdg-targets/?goal=9")["count"] == 8
    assert get(client, "sdg-targets/9.a/")["goal"] == 9
    assert client.get("/api/v1/sdg-targets/?goal=nine").status_code == 400
    themes = get(client, "taxonomy/?vocabulary=theme&lang=en")["results"]
    assert {"vocabulary": "theme", "code": "TH33", "parent": "innovation_in_firms", "order": 5} | {
        "name": "Stimulating demand for innovation and market creation",
        "source": "ec_oecd_stip_codebook_2021",
    } in themes


def test_a_list_of_targets_reads_a_fixed_number_of_queries(client, demo):
    indicator, region = Indicator.objects.get(code="innovation_share"), Region.objects.get(code="astana")
    strategy = Strategy.objects.get(key="sme_innovation_share")

    def queries():
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            get(client, "targets/?page_size=100")
        return len(captured)

    policy_factories.target(
        indicator, region, value=Decimal(18), period="2030", baseline_period="2015", strategy=strategy
    )
    before = queries()
    for number in range(20):
        policy_factories.target(
            indicator, region, value=Decimal(15 + number), period="2030", baseline_period="2016", strategy=strategy
        )
    assert queries() == before
