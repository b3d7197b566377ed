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

from tests.support.public_pages import FRAMELESS_PATHS, LANGUAGES, PUBLIC_PATHS

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
# WCAG 2.2 AA: the 2.2 tag brings target-size (2.5.8); nested-interactive is in wcag2a.
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
        for path in PUBLIC_PATHS + FRAMELESS_PATHS + ["no-such-page/"]:
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


# The rendered size of every visible chart text: its font size times the scale the SVG is drawn at.
CHART_TEXT_SIZES = """() => [...document.querySelectorAll('figure.chart svg text')]
    .filter(text => text.getClientRects().length && text.textContent.trim())
    .map(text => [text.textContent, parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a])"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_chart_text_is_at_least_11_css_pixels_on_a_360_pixel_phone(page, live_server, language):
    page.set_viewport_size({"width": 360, "height": 740})
    for path in [
        "indicators/innovation_share/",
        "indicators/population/",
        "compare/?indicator=innovation_share&indicator=average_monthly_wage&indicator=unemployment_rate",
    ]:
        page.goto(f"{live_server.url}/{language}/{path}")
        sizes = page.evaluate(CHART_TEXT_SIZES)
        assert len(sizes) > 10, (path, sizes)  # title, ticks, legend, source: the narrow layout is shown
        too_small = [(text, round(size, 1)) for text, size in sizes if size < 11]
        assert too_small == [], (path, too_small)
        assert page.locator(".chart-wide").is_hidden() and page.locator(".chart-narrow").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/{language}/indicators/innovation_share/")
    assert page.locator(".chart-wide").is_visible() and page.locator(".chart-narrow").is_hidden()


def test_the_data_page_reflows_at_320_pixels_without_horizontal_scrolling(page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    for language in LANGUAGES:
        page.goto(f"{live_server.url}/{language}/data/")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, (language, overflow)


def test_the_swot_page_on_a_phone_has_links_between_its_quadrants(page, live_server):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{live_server.url}/en/swot/")
    jumps = page.get_by_role("navigation", name="Quadrants of the analysis")
    assert jumps.is_visible()
    jumps.get_by_role("link", name="Threat", exact=False).click()
    assert page.evaluate("() => location.hash") == "#quadrant-threat"
    assert page.evaluate("() => document.getElementById('quadrant-threat').getBoundingClientRect().top") < 100
    page.set_viewport_size({"width": 1280, "height": 900})
    assert jumps.is_hidden()  # the matrix shows the four at once


CONTRAST = """() => {
    const rgb = colour => colour.match(/[\\d.]+/g).slice(0, 4).map(Number);
    const luminance = ([r, g, b]) => {
        const channel = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const background = element => {
        for (let e = element.parentElement; e; e = e.parentElement) {
            const colour = rgb(getComputedStyle(e).backgroundColor);
            if (colour.length < 4 || colour[3] > 0) return colour;
        }
        return [255, 255, 255];
    };
    const element = document.activeElement, style = getComputedStyle(element);
    const ring = luminance(rgb(style.outlineColor)), behind = luminance(background(element));
    const ratio = (Math.max(ring, behind) + 0.05) / (Math.min(ring, behind) + 0.05);
    return [element.tagName + ' ' + (element.textContent || element.name || '').trim().slice(0, 30),
            style.outlineStyle, parseFloat(style.outlineWidth), ratio];
}"""


def test_the_focus_ring_has_3_to_1_contrast_against_what_it_sits_on(page, live_server):
    for path in ["", "indicators/innovation_share/", "swot/", "compare/", "search/?q=astana"]:
        page.goto(f"{live_server.url}/en/{path}")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("() => document.activeElement === document.body"):
                break
            name, style, width, ratio = page.evaluate(CONTRAST)
            assert style != "none" and width >= 2, (path, name, style, width)
            assert ratio >= 3, (path, name, round(ratio, 2))


def pdf_pages(page, url):
    from pypdf import PdfReader

    page.goto(url)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True)))
    return [p.extract_text() for p in reader.pages]


def test_the_indicator_and_home_pages_print_on_a4_without_a_cut_chart(page, live_server):
    texts = pdf_pages(page, f"{live_server.url}/en/indicators/innovation_share/")
    assert 1 <= len(texts) <= 3, len(texts)
    # The chart's first line (its title and subtitle) and its last (the credit) are on one page: not cut.
    with_title = [i for i, text in enumerate(texts) if "% · Astana · 2015 – 2020" in text]
    with_credit = [i for i, text in enumerate(texts) if "City innovation portal · CC-BY-4.0" in text]
    assert with_title and with_title == with_credit, (with_title, with_credit)
    texts = pdf_pages(page, f"{live_server.url}/en/")
    assert 1 <= len(texts) <= 4, len(texts)
    # Each figure card (its value and its period) stands on one page.
    for value, period in [("12.6", "2020"), ("324,462", "Q2 2021"), ("1.2 million people", "Aug. 1, 2021")]:
        assert any(value in text and period in text for text in texts), (value, period)


def test_a_reader_switches_language_reads_the_chart_and_downloads_the_series(page, live_server):
    page.goto(f"{live_server.url}/en/indicators/innovation_share/")
    assert "it fell: from 13.2" in page.locator("#chart-description").inner_text()
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_server.url}/ru/indicators/innovation_share/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert "снизился: первое значение – 13,2" in page.locator("#chart-description").inner_text()
    assert page.locator("figure.chart .chart-wide svg").is_visible()
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
