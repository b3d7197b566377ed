"""Nothing is fetched from outside, nothing is inline: the pages work under a strict CSP."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache

from tests.support.public_pages import LANGUAGES, PUBLIC_PATHS


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
        if tag == "script":
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
        for path in PUBLIC_PATHS + ["no-such-page/"]:
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
