"""The fuzz suite's cases: every named URL of the portal (found in the URL configuration, so a new
page or endpoint is fuzzed without being listed here) and a bounded set of hostile values for its
path, its query, its headers and, for the API's writes, its body. Each case is one request; the
suite asserts that none is answered 500 or above."""

import base64
from urllib.parse import quote

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import translation

# Demo values that name existing rows, so the view gets past its lookup; by route, then by parameter.
SAMPLES_BY_ROUTE = {
    "api:region-detail": {"code": "astana"},
    "api:theme-detail": {"code": "innovation"},
    "api:swot-analysis-detail": {"slug": "astana-2021"},
    "api:swot-item-detail": {"analysis": "astana-2021", "key": "infrastructure"},
    "api:page-detail": {"slug": "about"},
    "api:reference-detail": {"key": "tokayev2021address"},
    "api:initiative-detail": {"key": "astana_hub_regime"},
    "api:strategy-detail": {"key": "programme_transparency"},
    "api:sdg-target-detail": {"code": "1.1"},
    "initiative": {"key": "astana_hub_regime"},
    "page": {"slug": "about"},
    "swot_analysis": {"slug": "astana-2021"},
    "reference_export": {"key": "tokayev2021address"},
}
SAMPLES = {"code": "population", "slug": "astana_hub", "key": "tokayev2021address", "analysis": "astana-2021"}
# Tried in turn for a parameter with a fixed set of values (a file extension, a format suffix).
CANDIDATES = ["json", "bib", "svg", "csv", ".json", "1", "2026.1", "x"]
# Staff pages and the language switch (a form's POST) are no public URLs.
LEFT_OUT = ("admin:", "translation_report", "set_language")

# Percent-encoded, as they travel in a URL: NUL, a lone surrogate (an encoded UTF-16 half, which no
# UTF-8 text holds), an overlong encoding of "/", overlong text, a path escape, a lone "%",
# numbers too large for any column, markup, SQL.
HOSTILE = [
    "%00",
    "a%00b",
    "%ED%A0%80",
    "%C0%AF",
    "x" * 5000,
    "..%2F..%2Fetc%2Fpasswd",
    "%25",
    "9" * 40,
    "1e999",
    "-1",
    "NaN",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%27%3B--",
    "",
]


def _cursor(text):
    return quote(base64.b64encode(text.encode()).decode())


BAD_CURSORS = [_cursor(text) for text in ("p=junk", "p=%00", "o=-5", "o=99999999999", "p=" + "9" * 30, "r=2", "")]
BAD_CURSORS += ["!!!", "====", "%00"]
# Parameters some page or endpoint reads, and one none does.
PARAMETERS = [
    "q",
    "kind",
    "indicator",
    "region",
    "theme",
    "period_from",
    "period_to",
    "status",
    "bom",
    "page",
    "page_size",
    "cursor",
    "ordering",
    "lang",
    "translations",
    "format",
    "preview",
    "year",
    "year__gte",
    "code",
    "analysis",
    "quadrant",
    "dry_run",
    "made_up",
]
ACCEPT_LANGUAGES = ["x" * 3000, "en;q=abc", "*;q=1.5, zz-ZZZZ", "\xff\xfe", ",;,;,", "kk-KZ-x-, ru;q=0.9"]
HOSTS = ["evil.example", "localhost:99999", "[::1", "local host", "localhost:0", "127.0.0.1."]
# JSON bodies of writes, as text: NUL and a lone surrogate in a text, overlong text, wrong types,
# nesting deeper than any parser's stack, malformed JSON, huge numbers.
BODIES = [
    '{"name": "\\u0000", "code": "a\\u0000b", "title": "\\u0000"}',
    '{"name": "\\ud800", "code": "\\udfff", "title": "\\ud800", "slug": "\\ud800"}',
    '{"name": "' + "x" * 100_000 + '"}',
    '{"name": ["a"], "code": {"x": 1}, "order": "-1", "year": 1e999, "published": "maybe"}',
    "[" * 100_000 + "]" * 100_000,
    '{"name": ',
    '[{"indicator": "population", "region": "astana", "period": "2021", "value": ' + "9" * 5000 + "}]",
    "null",
]


def named_routes():
    """[(route name, parameter names)] of every public URL and API endpoint, as the URL configuration has them."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(
                    pattern.url_patterns, [*namespace, pattern.namespace] if pattern.namespace else namespace
                )
            elif pattern.name:
                yield ":".join([*namespace, pattern.name]), tuple(sorted(pattern.pattern.regex.groupindex))

    routes = sorted(set(walk(get_resolver().url_patterns, [])))
    return [(name, parameters) for name, parameters in routes if not name.startswith(LEFT_OUT)]


def sample_url(name, parameters):
    """The route's URL (under /en/ for the public site) with demo values, trying the candidates where needed."""
    known = {**{p: SAMPLES[p] for p in parameters if p in SAMPLES}, **SAMPLES_BY_ROUTE.get(name, {})}
    unknown = [p for p in parameters if p not in known]
    with translation.override("en"):
        for candidate in CANDIDATES:
            try:
                return reverse(name, kwargs={**known, **dict.fromkeys(unknown, candidate)}), known
            except NoReverseMatch:
                continue
    raise AssertionError(f"no URL for {name}{parameters}: add a sample to tests/support/fuzzing.py")


def path_cases(url, known):
    """The URL with each known parameter's value replaced by each hostile value."""
    for value in known.values():
        for hostile in HOSTILE:
            yield url.replace(f"/{value}", f"/{hostile}", 1)


def query_cases(url, cursors=False):
    """(url, raw query string): every parameter at once with each hostile value; each parameter
    repeated, with hostile values first and last (views read the last); bad cursors."""
    for hostile in HOSTILE:
        yield url, "&".join(f"{name}={hostile}" for name in PARAMETERS)
    for number, name in enumerate(PARAMETERS):
        first, last = HOSTILE[number % len(HOSTILE)], HOSTILE[(number + 7) % len(HOSTILE)]
        yield url, f"{name}={first}&{name}=1&{name}={last}"
    for cursor in BAD_CURSORS if cursors else ():
        yield url, f"cursor={cursor}&page_size=2"


# Every n-th case only: the schema is built anew for each request (a fifth of a second), and a
# format suffix (/api/v1/regions.json) reaches the same view as its plain address.
STRIDE_BY_ROUTE = {"api:schema": 8}
STRIDE_WITH_FORMAT_SUFFIX = 4


def requests_for(name, parameters):
    """(method, path, query string, extra WSGI variables) of the route's cases."""
    url, known = sample_url(name, parameters)
    cases = [("get", path, "", {}) for path in [url, *path_cases(url, known)]]
    cases += [("get", path, query, {}) for path, query in query_cases(url, cursors=name.startswith("api:"))]
    cases += [("get", url, "", {"HTTP_ACCEPT_LANGUAGE": language}) for language in ACCEPT_LANGUAGES]
    cases += [("get", url, "", {"HTTP_HOST": host}) for host in HOSTS]
    stride = STRIDE_BY_ROUTE.get(name, STRIDE_WITH_FORMAT_SUFFIX if "format" in parameters else 1)
    return cases[::stride]


def write_cases(name, parameters):
    """(method, path, query string, body) of the writes an editor may send to the route: each
    hostile body to a list's POST and to an object's PUT and PATCH. Observations are checked
    only (?dry_run=1): their import has its own abuse suite."""
    url, _known = sample_url(name, parameters)
    if "format" in parameters or not name.endswith(("-list", "-detail")):
        return
    methods = ["post"] if name.endswith("-list") else ["put", "patch"]
    query = "dry_run=1" if name == "api:observation-list" else ""
    for method in methods:
        for body in BODIES:
            yield method, url, query, body


def server_errors(client, routes):
    """A line for each case of `routes` the client was answered 500 or above (read to the end, as a server would)."""
    errors = []
    for route in routes:
        for method, path, query, extra in requests_for(*route):
            response = getattr(client, method)(path, QUERY_STRING=query, **extra)
            if response.streaming:  # the test client closes it at the end
                b"".join(response.streaming_content)
            if response.status_code >= 500:
                errors.append(f"{response.status_code} {method.upper()} {path[:120]}?{query[:200]} {extra}")
    return errors
