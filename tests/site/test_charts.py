"""Charts as a reader gets them: self-contained pictures, a value card for one value, statuses marked,
one time axis whatever the periods, and the two layouts."""

import re

import pytest
from django.core.cache import cache
from django.utils import translation

from portal.site import figures, selectors


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def texts(svg):
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


def test_the_picture_says_what_it_shows_its_unit_in_words_its_source_and_licence(client, demo):
    svg = client.get("/en/indicators/population/chart.svg").content.decode()
    words = " ".join(texts(svg))
    assert "Population" in words and "million people · Astana" in words and "10^6" not in words
    assert "Source: Bureau of National Statistics" in words
    assert "Note: The paper gives the figure as of 1 August 2021" in words
    assert "City innovation portal · CC-BY-4.0" in words
    page = client.get("/en/indicators/population/").content.decode()
    assert "10^6" not in page and "<dd>million people</dd>" in page


def test_a_single_value_is_a_card_not_a_bar(client, demo, rf):
    context = selectors.indicator_detail(rf.get("/"), "population")
    specs = figures.indicator_specs(context["indicator"], context["series"])
    assert set(specs) == {"wide", "narrow"}
    for spec in specs.values():
        marks = re.findall(r'"type": "(\w+)"', str(spec).replace("'", '"'))
        assert "bar" not in marks and "line" not in marks
    assert "1.2 million people" in texts(client.get("/en/indicators/population/chart.svg").content.decode())


def test_provisional_estimated_and_break_values_are_marked_on_the_chart_and_in_its_legend(client, demo):
    from indicators.models import Observation

    Observation.objects.filter(indicator__code="innovation_share", period="2019").update(status="P")
    Observation.objects.filter(indicator__code="innovation_share", period="2020").update(status="B")
    from portal.content import content_changed

    content_changed.send(sender=None)
    svg = client.get("/en/indicators/innovation_share/chart.svg").content.decode()
    words = texts(svg)
    assert "Status: provisional" in words and "Status: break in series" in words and "Status: normal" in words
    html = client.get("/en/indicators/innovation_share/").content.decode()
    assert "Marked values: 2019 (provisional); 2020 (break in series)." in html
    assert "<td>provisional</td>" in html and html.count("<td>normal</td>") == 0  # only marked values say so


def test_yearly_and_quarterly_values_stand_on_one_time_axis(client, demo, rf):
    """Innovation share (2015-2020, yearly) with the wage (one value, Q2 2021): in time order, spaced by time."""
    context = selectors.compare_context(rf.get("/"), ["innovation_share", "average_monthly_wage"])
    with translation.override("en"):
        figure = figures.compare_figure(context["series"], context["region"])
    main = figure["specs"]["wide"]["vconcat"][0]
    points = sorted(main["data"]["values"], key=lambda v: v["t"])
    assert [p["period"] for p in points] == ["2015", "2016", "2017", "2018", "2019", "2020", "Q2 2021"]
    year = points[5]["t"] - points[4]["t"]  # mid-2019 to mid-2020
    to_the_quarter = points[6]["t"] - points[5]["t"]  # mid-2020 to mid-May 2021
    assert 0.85 * year < to_the_quarter < 0.9 * year
    html = client.get("/en/compare/", {"indicator": ["innovation_share", "average_monthly_wage"]}).content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert re.findall(r'<th scope="row">([^<]+)</th>', table) == [
        "2015",
        "2016",
        "2017",
        "2018",
        "2019",
        "2020",
        "Q2 2021",
    ]
    # One column per indicator: the wage's only value in its own column, the share's cells beside it.
    assert '<td class="num">324,462 tenge</td>' in table and table.count("<tr>") == 7


def test_each_chart_comes_in_a_wide_and_a_narrow_layout_with_few_ticks_on_the_narrow_one(client, demo, rf):
    context = selectors.indicator_detail(rf.get("/"), "innovation_share")
    with translation.override("ru"):
        specs = figures.indicator_specs(context["indicator"], context["series"])
    wide = specs["wide"]["vconcat"][0]["layer"][0]["encoding"]["x"]["axis"]["values"]
    narrow = specs["narrow"]["vconcat"][0]["layer"][0]["encoding"]["x"]["axis"]["values"]
    assert len(wide) == 6 and len(narrow) == 3  # every year; every second year
    assert len(specs["narrow"]["title"]["text"]) >= 1 and specs["narrow"]["config"]["axis"]["labelFontSize"] >= 12
    html = client.get("/ru/indicators/innovation_share/").content.decode()
    assert html.count('<svg role="img"') == 2
    assert 'class="chart-wide"' in html and 'class="chart-narrow"' in html
    # Their clip paths have ids of their own.
    ids = re.findall(r' id="([^"]+)"', html)
    assert len(ids) == len(set(ids))
