import re
from urllib.parse import quote

import pytest
from django.core.cache import cache

from indicators.models import Indicator
from portal.models import Page
from tests.support.public_pages import LANGUAGES, PUBLIC_PATHS

NBSP = "\xa0"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def html_of(response):
    return response.content.decode()


def title_of(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("ru-RU,ru;q=0.9", "/ru/"), ("en-US,en;q=0.8", "/en/"), ("kk", "/kk/"), ("fr", "/kk/")],
)
def test_the_root_sends_the_reader_to_their_language(client, db, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_every_public_page_answers_in_each_language_with_its_lang_title_and_alternates(client, demo):
    for path in PUBLIC_PATHS:
        titles = set()
        url_path = quote(path, safe="/?=&")
        for language in LANGUAGES:
            response = client.get(f"/{language}/{path}")
            assert response.status_code == 200, (language, path)
            html = html_of(response)
            assert f'<html lang="{language}">' in html
            for other in LANGUAGES:
                assert f'hreflang="{other}" href="http://testserver/{other}/{url_path}' in html.replace("&amp;", "&")
                # The switcher keeps the reader on the same page.
                assert f'href="/{other}/{url_path}' in html.replace("&amp;", "&")
            titles.add(title_of(html))
        assert len(titles) == 3, path


def test_numbers_follow_the_language(client, demo):
    kk = html_of(client.get("/kk/indicators/average_monthly_wage/"))
    en = html_of(client.get("/en/indicators/average_monthly_wage/"))
    assert f"324{NBSP}462" in kk and "324,462" in en
    share_ru = html_of(client.get("/ru/indicators/innovation_share/"))
    share_en = html_of(client.get("/en/indicators/innovation_share/"))
    assert f"13,2{NBSP}%" in share_ru and f"13.2{NBSP}%" in share_en
    # Population is stored as 1.2 with unit multiplier 6: 1.2 million.
    assert "1,2 млн человек" in html_of(client.get("/ru/indicators/population/"))
    assert "1.2 million people" in html_of(client.get("/en/indicators/population/"))
    assert "2021 ж. 1 тамыз" in html_of(client.get("/kk/indicators/population/"))


def test_home_shows_latest_values_with_change_and_trend(client, demo):
    html = html_of(client.get("/en/"))
    assert "Astana: innovation profile" in title_of(html)
    assert "12.6" in html and "down 2.2 pp from the previous period (2019)" in html
    assert html.count('class="sparkline"') == 3  # the three series with more than one value
    # The city's figures come first, the summary after them.
    main = html.split('<main id="main"')[1]
    assert main.index('class="cards"') < main.index("A SWOT analysis of innovation in Astana")
    ru = html_of(client.get("/ru/"))
    assert "снижение на 216 предприятий по сравнению с предыдущим периодом (2019)" not in ru
    assert "3\xa0605 предприятий" in ru and "453 предприятия" in ru
    for quadrant in ("Strength", "Weakness", "Opportunity", "Threat"):
        assert quadrant in html
    assert "Astana Hub" in html


def test_an_indicator_page_has_its_chart_description_table_formula_and_sources(client, demo):
    html = html_of(client.get("/en/indicators/innovation_share/"))
    assert '<svg role="img"' in html and 'aria-describedby="chart-description"' in html
    assert "Share of enterprises with innovation (Astana): 6 values, 2015 – 2020." in html
    assert "fell: from 13.2\xa0% to 12.6\xa0%" in html
    assert "Number of enterprises with innovation ÷ Number of enterprises × 100" in html
    assert 'href="/en/indicators/innovation_share/series.csv"' in html
    assert 'href="/en/indicators/innovation_share/chart.png"' in html
    kk = html_of(client.get("/kk/indicators/innovation_share/"))
    assert "2015 – 2020" in kk and "6 values" not in kk


def test_the_series_downloads_carry_the_published_numbers(client, demo):
    response = client.get("/en/indicators/innovation_share/series.csv")
    assert response["Content-Type"].startswith("text/csv")
    content = b"".join(response.streaming_content)
    lines = content.decode("utf-8").splitlines()
    # The columns of every download (portal.datasets.tables.TIDY_HEADER), the same rows as the tidy CSV's.
    assert lines[0] == (
        "indicator,indicator_name,region,region_name,period,value,unit,unit_multiplier,status,note,source,"
        "value_base,frequency,revised_in"
    )
    assert lines[1].startswith("innovation_share,Share of enterprises with innovation,astana,Astana,2015,13.2,%,0,A,")
    assert len(lines) == 7
    tidy = client.get("/en/data/observations.csv?indicator=innovation_share")
    assert b"".join(tidy.streaming_content) == content
    # Cached as the other downloads are: asked again with its validators, the answer is "not modified".
    assert response["Last-Modified"] and response["Cache-Control"] == "public, max-age=0, must-revalidate"
    again = client.get("/en/indicators/innovation_share/series.csv", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    released = client.get("/en/indicators/innovation_share/series.csv?release=2026.1")
    assert b"".join(released.streaming_content) == content and "immutable" in released["Cache-Control"]
    png = client.get("/ru/indicators/innovation_share/chart.png")
    assert png["Content-Type"] == "image/png" and png.content.startswith(b"\x89PNG")
    assert 'filename="innovation_share-ru.png"' in png["Content-Disposition"]
    svg = client.get("/kk/indicators/innovation_share/chart.svg").content.decode()
    assert (
        svg.startswith("<svg")
        and "Инновациясы бар кәсіпорындардың үлесі" in svg
        and "13,2" not in svg.split("<text")[0]
    )
    assert "style=" not in svg


def test_the_swot_matrix_shows_each_items_evidence(client, demo):
    html = html_of(client.get("/en/swot/"))
    for quadrant in ("quadrant-strength", "quadrant-weakness", "quadrant-opportunity", "quadrant-threat"):
        assert f'id="{quadrant}"' in html
    item = html.split('id="item-state_support"')[1].split("</article>")[0]
    assert "Astana Hub" in item and 'href="/en/institutions/astana_hub/"' in item
    linked = Indicator.objects.filter(swot_items__isnull=False).first()
    assert f'href="/en/indicators/{linked.code}/"' in html


def test_institutions_filter_by_kind(client, demo):
    html = html_of(client.get("/en/institutions/?kind=fund"))
    assert "Development Bank of Kazakhstan" in html and "Astana Hub" not in html
    assert "Astana Hub" in html_of(client.get("/en/institutions/?kind=not-a-kind"))


def test_only_published_content_is_shown_and_editors_may_preview(client, demo, editor):
    Indicator.objects.filter(code="population").update(published=False)
    Page.objects.filter(slug="methodology").update(published=False)
    from portal.content import content_changed

    content_changed.send(sender=None)
    assert client.get("/en/indicators/population/").status_code == 404
    assert "/en/indicators/population/" not in html_of(client.get("/en/"))
    assert client.get("/en/pages/methodology/").status_code == 404
    assert "/en/pages/methodology/" not in html_of(client.get("/en/pages/about/"))
    client.force_login(editor)
    assert client.get("/en/indicators/population/?preview=1").status_code == 200


def test_not_found_is_translated(client, demo):
    kk = client.get("/kk/no-such-page/")
    assert kk.status_code == 404
    assert "Бет табылмады" in html_of(kk)
    assert "Страница не найдена" in html_of(client.get("/ru/indicators/no-such-indicator/"))


def test_server_error_page_is_translated(rf):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override("ru"):
        response = server_error(rf.get("/ru/"))
    assert response.status_code == 500
    assert "Ошибка сервера" in response.content.decode()


def test_content_without_a_kazakh_text_falls_back_to_russian(client, demo):
    from portal.models import Institution

    hub = Institution.objects.get(slug="astana_hub")
    hub.name_kk, hub.name_ru = "", "Астана Хаб (рус.)"
    hub.save()
    html = html_of(client.get("/kk/institutions/astana_hub/"))
    # The Russian text says it is Russian, so a screen reader reads it with a Russian voice.
    assert '<h1><span lang="ru">Астана Хаб (рус.)</span></h1>' in html


def test_every_page_names_the_city_and_has_social_preview_tags(client, demo, settings):
    settings.PORTAL_CONTACT_EMAIL = "editors@portal.example.kz"
    for path in PUBLIC_PATHS:
        html = html_of(client.get(f"/ru/{path}"))
        assert '<a class="brand" href="/ru/">Астана: инновационный портал</a>' in html, path
        assert re.search(r'<meta property="og:image" content="http://testserver/ru/[^"]+\.png">', html), path
        assert '<meta name="twitter:card" content="summary_large_image">' in html, path
        assert '<meta property="og:locale" content="ru_RU">' in html and '<meta name="description" content="' in html
    indicator = html_of(client.get("/en/indicators/innovation_share/"))
    assert (
        '<meta property="og:image" content="http://testserver/en/indicators/innovation_share/chart.png">' in indicator
    )
    preview = client.get("/kk/preview.png")
    assert preview["Content-Type"] == "image/png" and preview.content.startswith(b"\x89PNG")


def test_the_footer_names_publisher_contact_licence_and_the_latest_data(client, demo, settings):
    from django.utils import timezone
    from django.utils.formats import date_format

    from portal.ops.caching import new_content_version

    settings.PORTAL_CONTACT_EMAIL = "editors@portal.example.kz"
    footer = html_of(client.get("/en/")).split('<footer class="site-footer">')[1]
    assert "Published by City innovation portal." in footer
    assert '<a href="mailto:editors@portal.example.kz">editors@portal.example.kz</a>' in footer
    assert 'rel="license">Creative Commons Attribution 4.0</a>' in footer
    assert f"Latest data: 2021; last updated {date_format(timezone.localdate(), 'DATE_FORMAT')}." in footer
    settings.PORTAL_CONTACT_EMAIL = ""
    new_content_version()  # a setting is no content: pages kept so far are declared stale by hand
    assert 'href="/en/pages/about/">Contact the editors</a>' in html_of(client.get("/en/"))


def test_a_russian_date_ending_a_sentence_takes_one_full_stop(client, demo):
    """`6 декабря 2026 г.` closes the footer's sentence and the chart's citation with one stop, not `г..`."""
    footer = html_of(client.get("/ru/")).split('<footer class="site-footer">')[1]
    assert "обновлено:" in footer and " г.." not in footer
    citation = html_of(client.get("/ru/indicators/innovation_share/"))
    assert "Данные обновлены" in citation and " г.." not in citation


def test_the_language_switcher_names_each_language_as_it_names_itself(client, demo):
    html = html_of(client.get("/en/"))
    names = re.findall(r'<li><a href="/(\w\w)/" lang="\w\w" hreflang="\w\w"[^>]*>([^<]+)</a></li>', html)
    assert names == [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]


def test_the_indicator_page_shows_its_metadata_and_how_to_share_and_cite_it(client, demo):
    from django.utils import timezone
    from django.utils.formats import date_format

    html = html_of(client.get("/en/indicators/innovation_share/"))
    metadata = html.split('id="metadata"')[1].split("</section>")[0]
    today = date_format(timezone.localdate(), "DATE_FORMAT")
    for fact in (
        "<dt>Periodicity</dt><dd>annual</dd>",
        f"<dt>Last updated</dt><dd>{today}</dd>",
        "<dt>Next release</dt><dd>not stated in the sources</dd>",
        "<dt>Compiling organisation</dt><dd>not stated in the sources</dd>",
        "<dt>Methodology</dt><dd>Share = enterprises with innovation",
        "<dt>Geographic coverage</dt><dd>The city of Astana (Nur-Sultan in the paper)</dd>",
    ):
        assert fact in metadata, fact
    # The source the paper cites, and why the Bureau [3] is its probable origin.
    assert "[4] Global Innovation Index 2020: Kazakhstan</a>" in html and "Bureau of National Statistics [3]" in html
    assert "&lt;iframe src=&quot;http://testserver/en/indicators/innovation_share/embed/&quot;" in html
    assert (
        f"City innovation portal. “Share of enterprises with innovation” [chart]. Data last updated {today}." in html
    )
    assert 'href="/en/data/observations.xlsx?indicator=innovation_share"' in html
    wage = html_of(client.get("/ru/indicators/average_monthly_wage/"))
    assert "<dt>Организация-составитель</dt><dd>Бюро национальной статистики" in wage
