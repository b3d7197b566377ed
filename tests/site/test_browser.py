"""The public pages in a real browser: Debian's Chromium driven by Playwright, audited by axe-core.

Needs /usr/bin/chromium (`apt-get install -y chromium`) and axe-core from npm
(`npm install --no-save axe-core@4`, which `make test` runs); without them these tests skip.
"""

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from tests.support.public_pages import LANGUAGES, PUBLIC_PATHS

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_RULES = "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']"

sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (in the test extras: make test)")
if not Path(CHROMIUM).exists():
    pytest.skip("Browser tests need Chromium: apt-get update && apt-get install -y chromium", allow_module_level=True)
if not AXE_JS.exists():
    pytest.skip(
        "Browser tests need axe-core: npm install --no-save axe-core@4 (make test does it)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def chromium_browser():
    """One Chromium for the module. Playwright's sync API runs an event loop in this thread, which
    Django's async-safety check mistakes for async code; the module's ORM calls are synchronous."""
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE")
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(chromium_browser, live_server, demo):
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    # An init script is not subject to the page's CSP, so axe runs without weakening the policy.
    context.add_init_script(path=str(AXE_JS))
    page = context.new_page()
    page.refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and page.refused.append(message.text))
    page.on(
        "request",
        lambda request: (
            page.refused.append("outside: " + request.url) if not request.url.startswith(live_server.url) else None
        ),
    )
    yield page
    context.close()


def axe_violations(page):
    result = page.evaluate(
        f"async () => await axe.run(document, {{runOnly: {WCAG_RULES}, resultTypes: ['violations']}})"
    )
    return [(v["id"], v["help"], [node["target"] for node in v["nodes"]][:5]) for v in result["violations"]]


def test_every_public_page_in_every_language_passes_axe_under_the_csp(page, live_server):
    problems = []
    for language in LANGUAGES:
        for path in PUBLIC_PATHS + ["no-such-page/"]:
            page.goto(f"{live_server.url}/{language}/{path}")
            violations = axe_violations(page)
            if violations:
                problems.append((language, path, violations))
    assert problems == [], "\n".join(map(str, problems))
    assert page.refused == []


def test_pages_are_readable_at_360_pixels(page, live_server):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in [
        "",
        "indicators/innovation_share/",
        "swot/",
        "references/",
        "compare/?indicator=innovation_share&indicator=unemployment_rate",
        "strategies/",
        "initiatives/",
        "initiatives/nur_sultan_city_of_innovation/",
    ]:
        page.goto(f"{live_server.url}/kk/{path}")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (path, overflow)


def test_a_reader_switches_language_reads_the_chart_and_downloads_the_series(page, live_server):
    page.goto(f"{live_server.url}/en/indicators/innovation_share/")
    assert "fell from 13.2" in page.locator("#chart-description").inner_text()
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_server.url}/ru/indicators/innovation_share/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "снизился с 13,2" in page.locator("#chart-description").inner_text()
    assert page.locator("figure.chart svg").is_visible()
    with page.expect_download() as download_info:
        page.locator('a[href$="series.csv"]').click()
    rows = list(csv.DictReader(io.StringIO(Path(download_info.value.path()).read_text(encoding="utf-8-sig"))))
    assert [(row["period"], row["value"]) for row in rows] == [
        ("2015", "13.2"),
        ("2016", "13.6"),
        ("2017", "14.4"),
        ("2018", "14.7"),
        ("2019", "14.8"),
        ("2020", "12.6"),
    ]


def test_the_keyboard_reaches_the_content_first(page, live_server):
    page.goto(f"{live_server.url}/kk/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    assert page.locator(".skip").is_visible()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('main') !== null")
    assert focused
