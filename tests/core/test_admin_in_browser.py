"""The admin in a real browser (Debian's Chromium through Playwright) on a closed network: every
request outside 127.0.0.1 is blocked. The translation tabs work, and a value typed with a Russian
or Kazakh browser's decimal comma is saved as typed.

Needs /usr/bin/chromium (`apt-get install -y chromium`); without it these tests skip."""

from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

import pytest

from indicators.models import Indicator, Observation
from tests.support.admin import change_url
from tests.support.browser import CHROMIUM, launched_chromium

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (in the test extras: make test)")
if not Path(CHROMIUM).exists():
    pytest.skip("Browser tests need Chromium: apt-get update && apt-get install -y chromium", allow_module_level=True)


@pytest.fixture(scope="module")
def chromium_browser():
    with launched_chromium(sync_api) as chromium:
        yield chromium


@pytest.fixture
def admin_page(chromium_browser, live_server, demo, editor, client):
    """A page signed in as an editor, in a browser of the given locale, with the network closed."""
    contexts = []

    def open_page(locale):
        client.force_login(editor)
        context = chromium_browser.new_context(locale=locale, extra_http_headers={"Accept-Language": locale})
        host = urlparse(live_server.url).hostname
        context.add_cookies(
            [{"name": "sessionid", "value": client.cookies["sessionid"].value, "domain": host, "path": "/"}]
        )
        page = context.new_page()
        page.blocked = []

        def closed_network(route):
            if urlparse(route.request.url).hostname in ("127.0.0.1", "localhost"):
                route.continue_()
            else:
                page.blocked.append(route.request.url)
                route.abort()

        page.route("**/*", closed_network)
        contexts.append((context, page))
        return page

    yield open_page
    for context, page in contexts:
        # Nothing still asked of the live server when the test database is emptied (SQLite's shared
        # in-memory database refuses to empty a table another request is reading).
        page.wait_for_load_state("networkidle")
        context.close()


def test_the_translation_tabs_work_with_the_network_closed(admin_page, live_server):
    page = admin_page("ru-RU")
    indicator = Indicator.objects.get(code="innovation_share")
    page.goto(live_server.url + change_url(indicator))
    page.wait_for_selector(".ui-tabs-nav")
    assert page.blocked == []  # nothing fetched from outside (jQuery UI used to come from a CDN)
    tabs = page.locator(".ui-tabs-nav").first.inner_text()
    assert "kk" in tabs.lower() and "ru" in tabs.lower() and "en" in tabs.lower()
    # One name field is shown at a time, and each names its language.
    assert page.locator("#id_name_kk").is_visible() != page.locator("#id_name_ru").is_visible()
    assert "(ru)" in page.locator("label[for=id_name_ru]").inner_text()


@pytest.mark.parametrize(("locale", "typed"), [("ru-RU", "4,7"), ("kk-KZ", "4,7"), ("en-GB", "4.7")])
def test_a_value_typed_in_the_browser_is_saved_as_typed_never_ten_times_it(admin_page, live_server, locale, typed):
    page = admin_page(locale)
    observation = Observation.objects.get(indicator__code="unemployment_rate", period="2021-Q2")
    page.goto(live_server.url + change_url(observation))
    field = page.locator("#id_value")
    field.fill("")
    field.type(typed)
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()
    assert Observation.objects.get(pk=observation.pk).value == Decimal("4.7")
    assert page.blocked == []


def test_a_comma_in_an_english_admin_is_refused_not_read_as_47(admin_page, live_server):
    page = admin_page("en-GB")
    observation = Observation.objects.get(indicator__code="unemployment_rate", period="2021-Q2")
    page.goto(live_server.url + change_url(observation))
    page.locator("#id_value").fill("4,7")
    page.locator("input[name=_save]").click()
    page.wait_for_selector(".errorlist")
    assert "decimal mark" in page.locator(".errorlist").first.inner_text()
    page.wait_for_load_state("networkidle")  # the page's scripts served before the database is read here
    assert Observation.objects.get(pk=observation.pk).value == Decimal("4.6")
