"""The policy's public pages and what the other pages show of it, in three languages."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.models import Indicator
from policies.models import Initiative, Strategy
from portal.models import Region
from swot.models import Analysis, Item
from tests.support import policy_factories


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def html(client, path, language="en"):
    response = client.get(f"/{language}/{path}")
    assert response.status_code == 200, path
    return response.content.decode()


def cell(page, tows):
    return page.split(f'id="tows-astana-2021-{tows}"')[1].split("</section>")[0]


def test_the_tows_matrix_places_each_of_the_papers_recommendations_by_its_items(client, demo):
    page = html(client, "strategies/")
    placed = {tows: re.findall(r'id="strategy-([\w-]+)"', cell(page, tows)) for tows in ("SO", "ST", "WO", "WT")}
    assert placed == {
        "SO": ["inclusive_green_innovation"],
        "ST": ["adult_retraining"],
        "WO": ["sme_innovation_share"],
        "WT": ["programme_transparency", "public_awareness"],
    }
    wo = cell(page, "WO")
    assert 'href="/en/swot/astana-2021/#item-private_demand"' in wo  # weakness W2: no steady demand
    assert 'href="/en/initiatives/innovation_demand_stimulation/"' in wo
    assert "Target 8.3:" in wo
    assert "None in the sources." in cell(page, "ST")  # no initiative for adult retraining
    assert "No target for this strategy is stated in the sources." in wo
    assert "Стратегии: матрица TOWS" in html(client, "strategies/", "ru")
    assert "Стратегиялар: TOWS матрицасы" in html(client, "strategies/", "kk")


def test_strategies_filter_by_sdg_goal(client, demo):
    page = html(client, "strategies/?sdg=4")
    assert re.findall(r'id="strategy-([\w-]+)"', page) == ["adult_retraining"]
    assert len(re.findall(r'id="strategy-', html(client, "strategies/?sdg=nonsense"))) == 5


def listed(page):
    return re.findall(r'<h2><a href="/en/initiatives/([\w-]+)/">', page)


def test_the_initiatives_directory_filters_by_instrument_theme_target_group_status_and_institution(client, demo):
    assert len(listed(html(client, "initiatives/"))) == 15
    assert listed(html(client, "initiatives/?instrument=PI013")) == [
        "investment_fund_financing",
        "qaztech_ventures_financing",
    ]
    assert listed(html(client, "initiatives/?theme=TH33&target_group=TG29")) == [
        "innovation_demand_stimulation",
        "nur_sultan_city_of_innovation",
        "state_contracts",
    ]
    assert listed(html(client, "initiatives/?institution=astana_innovations")) == [
        "astana_smart_city_programme",
        "innovation_demand_stimulation",
        "nur_sultan_city_of_innovation",
    ]
    assert len(listed(html(client, "initiatives/?status=not_stated"))) == 15  # no source states a status
    assert len(listed(html(client, "initiatives/?instrument=PI999&status=active"))) == 15  # unknown: ignored
    page = html(client, "initiatives/?instrument=PI013")
    assert '<option value="PI013" selected>PI013 Equity financing</option>' in page
    assert "2 initiatives of 15" in page
    assert "2 инициативы из 15" in html(client, "initiatives/?instrument=PI013", "ru")


def test_an_initiative_page_says_what_who_since_when_and_what_the_sources_do_not_state(client, demo):
    page = html(client, "initiatives/state_programme_regional_development/")
    facts = page.split('<dl class="facts">')[1].split("</dl>")[0]
    assert 'href="/en/institutions/government_kazakhstan/"' in facts
    assert "<dt>Since</dt><dd>2020</dd>" in facts
    assert "<dt>Until</dt><dd>2025" in facts and "#ref-state_programme_regions_2020_2025" in facts
    assert '<dt>Status</dt><dd><span class="not-stated">not stated in the sources</span></dd>' in facts
    assert '<dt>Budget</dt><dd><span class="not-stated">not stated in the sources</span></dd>' in facts
    assert 'href="/en/initiatives/?instrument=PI024">PI024</a> Strategies, agendas and plans' in page
    assert 'href="/en/strategies/#strategy-programme_transparency"' in page
    assert 'href="/en/swot/astana-2021/#item-programme_implementation"' in page  # an item that names it
    assert "No target for this initiative is stated in the sources." in page
    assert "не указано в источниках" in html(client, "initiatives/state_programme_regional_development/", "ru")
    assert client.get("/en/initiatives/no-such-initiative/").status_code == 404


def test_swot_items_institutions_and_the_home_page_link_to_the_policy(client, demo):
    swot = html(client, "swot/")
    demand = swot.split('id="item-private_demand"')[1].split("</article>")[0]
    assert "Answered by" in demand and 'href="/en/strategies/#strategy-sme_innovation_share"' in demand
    assert 'href="/en/initiatives/development_bank_financing/"' in demand  # serves that strategy
    support = swot.split('id="item-state_support"')[1].split("</article>")[0]
    assert "Initiatives it names" in support and 'href="/en/initiatives/nur_sultan_city_of_innovation/"' in support
    institution = html(client, "institutions/astana_innovations/")
    runs = institution.split("<h2>Runs</h2>")[1].split("</ul>")[0]
    assert runs.count('href="/en/initiatives/') == 3
    home = html(client, "")
    brief = home.split('id="policy-brief"')[1].split("</section>")[0]
    assert "5 strategies answer the SWOT analysis." in brief
    assert 'WT: reduce weaknesses, avoid threats <span class="count">(2)</span>' in brief
    assert "15 initiatives carry the policy out." in brief
    assert "No quantified target is stated in the sources." in brief


def test_a_target_shows_its_progress_on_the_initiative_and_indicator_pages_and_in_compare(client, demo):
    """The numbers worked out by hand in policy_factories.demo_share_target."""
    policy_factories.demo_share_target()
    page = html(client, "initiatives/nur_sultan_city_of_innovation/")
    target = page.split('id="target-innovation-share-2025"')[1].split("</article>")[0]
    assert "Share of enterprises with innovation, Astana: 20.0\xa0% by 2025" in target
    assert "Moving away from the target" in target and "off track" in target
    assert "13.2\xa0% (2015)" in target and "12.6\xa0% (2020)" in target
    assert "<dt>On the straight path by then</dt><dd>16.6\xa0%</dd>" in target
    assert "7.4 pp (-9\xa0% of the way covered)" in target  # (12.6 - 13.2) / (20 - 13.2) = -8.8 %
    assert '<svg role="img"' in target and 'aria-describedby="target-innovation-share-2025-description"' in target
    assert 'stroke-dasharray="6,4"' in target  # the straight path, dashed
    assert "would be 16.6\xa0% by now" in target
    indicator = html(client, "indicators/innovation_share/")
    assert 'id="targeted-by"' in indicator and "Target: 20.0\xa0% by 2025" in indicator
    assert 'stroke-dasharray="6,4"' in indicator.split('<figure class="chart">')[1].split("</figure>")[0]
    compare = html(client, "compare/?indicator=innovation_share&indicator=enterprises_with_innovation&targets=1")
    assert "the target is 20.0\xa0% by 2025" in compare and 'stroke-dasharray="6,4"' in compare
    assert "the target is" not in html(
        client, "compare/?indicator=innovation_share&indicator=enterprises_with_innovation"
    )
    home = html(client, "")
    assert "1 target is set." in home and "0 of 1 on track or reached." in home
    kk = html(client, "initiatives/nur_sultan_city_of_innovation/", "kk")
    assert "16,6\xa0%" in kk


def test_search_finds_strategies_and_initiatives_in_every_language(client, demo):
    for language, word, expected in [
        ("en", "retraining", "/en/strategies/#strategy-adult_retraining"),
        ("ru", "ВЕНЧУРНОЕ", "/ru/initiatives/qaztech_ventures_financing/"),
        ("kk", "жол картасы", "/kk/initiatives/nur_sultan_city_of_innovation/"),
    ]:
        assert expected in html(client, f"search/?q={word}", language), (language, word)


def queries_of(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


POLICY_PAGES = [
    "",
    "strategies/",
    "initiatives/",
    "initiatives/?theme=TH33",
    "initiatives/nur_sultan_city_of_innovation/",
    "swot/",
    "institutions/astana_innovations/",
    "indicators/innovation_share/",
    "compare/?indicator=innovation_share&indicator=enterprises_with_innovation&targets=1",
]


def test_queries_per_policy_page_do_not_grow_with_ten_times_the_policy(client, demo):
    policy_factories.demo_share_target()
    policy_factories.target(
        Indicator.objects.get(code="innovation_share"),
        Region.objects.get(code="astana"),
        value=Decimal(18),
        period="2030",
        baseline_period="2015",
        strategy=Strategy.objects.get(key="sme_innovation_share"),
    )
    before = {path: queries_of(client, f"/en/{path}") for path in POLICY_PAGES}
    analysis = Analysis.objects.get()
    items = list(Item.objects.filter(analysis=analysis))
    road_map = Initiative.objects.get(key="nur_sultan_city_of_innovation")
    astana_innovations = road_map.responsible_institutions.get()
    indicator, region = Indicator.objects.get(code="innovation_share"), Region.objects.get(code="astana")
    for number in range(50):
        strategy = policy_factories.strategy(items=[items[0], items[-1]], analysis=analysis)
        initiative = policy_factories.initiative(
            strategies=[strategy], responsible=[astana_innovations], part_of=road_map
        )
        initiative.swot_items.set(items[:3])
        initiative.themes.set(road_map.themes.all())
        policy_factories.target(
            indicator,
            region,
            value=Decimal(15 + number % 5),
            period="2030",
            baseline_period="2015",
            initiative=initiative,
        )
        policy_factories.target(
            indicator, region, value=Decimal(14), period="2028", baseline_period="2016", strategy=strategy
        )
    from portal.content import content_changed

    content_changed.send(sender=None)
    assert Strategy.objects.count() > 10 * 5 and Initiative.objects.count() > 3 * 15
    after = {path: queries_of(client, f"/en/{path}") for path in POLICY_PAGES}
    assert after == before


def test_the_policy_pages_are_cached_until_an_editor_changes_the_policy(client, demo):
    for path in ("strategies/", "initiatives/?theme=TH33", "initiatives/astana_hub_regime/"):
        first = html(client, path)
        with CaptureQueriesContext(connection) as queries:
            assert html(client, path) == first
        assert [query["sql"].split(" WHERE")[0] for query in queries] == [
            'SELECT token FROM "ops_contentversion"'  # the one query a cached page costs: the content version
        ], path
    initiative = Initiative.objects.get(key="astana_hub_regime")
    initiative.name_en = "Astana Hub regime for start-ups"
    initiative.save()
    assert "Astana Hub regime for start-ups" in html(client, "initiatives/astana_hub_regime/")
    assert "Astana Hub regime for start-ups" in html(client, "initiatives/?theme=TH35")
