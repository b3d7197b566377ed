"""Nothing is fetched from outside, nothing is inline: the pages work under a strict CSP."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from tests.support.public_pages import FRAMELESS_PATHS, LANGUAGES, PUBLIC_PATHS


class AssetCollector(HTMLParser):
    """Every URL the browser would load for the page, and any inline script, style or style attribute."""

    def __init__(self):
        super().__init__()
        self.assets, self.inline = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs or any(name.startswith("on") for name in attrs):
            self.inline.append((tag, attrs))
        if tag == "style":
            self.inline.append((tag, attrs))
        if tag == "script" and attrs.get("type") != "application/ld+json":  # JSON-LD is data, never run
            if attrs.get("src"):
                self.assets.append(attrs["src"])
            else:
                self.inline.append((tag, attrs))
        if tag in ("img", "source", "audio", "video", "iframe", "embed") and attrs.get("src"):
            self.assets.append(attrs["src"])
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon", "preload", "manifest", "font"):
            self.assets.append(attrs["href"])
        if tag in ("image", "use") and (attrs.get("href") or attrs.get("xlink:href")):
            self.assets.append(attrs.get("href") or attrs.get("xlink:href"))


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_every_asset_is_served_by_the_portal_and_nothing_is_inline(client, demo):
    for language in LANGUAGES:
        for path in PUBLIC_PATHS + FRAMELESS_PATHS + ["no-such-page/"]:
            collector = AssetCollector()
            collector.feed(client.get(f"/{language}/{path}").content.decode())
            assert collector.assets, path
            for url in collector.assets:
                parts = urlsplit(url)
                assert not parts.scheme and not parts.netloc, (path, url)
            assert collector.inline == [], path


def test_the_content_security_policy_allows_only_the_portal_itself(client, demo):
    policy = client.get("/en/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    for name in ("default-src", "script-src", "style-src", "img-src", "font-src"):
        assert directives[name] == "'self'"
    assert directives["object-src"] == "'none'"


def test_only_the_embed_page_may_be_framed_by_other_sites(client, demo):
    """frame-ancestors (and X-Frame-Options) keep every page out of other sites' frames but the chart's embed page."""
    for url in ("/en/indicators/innovation_share/", "/en/", "/en/data/"):
        response = client.get(url)
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url
    for _ in range(2):  # drawn, then from the page cache: the same headers
        embed = client.get("/en/indicators/innovation_share/embed/")
        policy = embed["Content-Security-Policy"]
        assert "frame-ancestors *" in policy and "script-src 'self'" in policy
        assert "X-Frame-Options" not in embed
    assert '<svg role="img"' in embed.content.decode()
