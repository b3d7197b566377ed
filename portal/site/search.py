"""Search across indicators, SWOT items, strategies, initiatives, institutions, references and pages.

Every language's text is searched, so a Russian word finds content on the Kazakh page too; hits
whose match is in the reader's language come first, and a match in another language says which.
Words are matched by their stems (portal/site/search_text.py: Snowball for Russian and English, a
light ending rule for Kazakh), in Python, the same on SQLite and PostgreSQL: «Астане» finds
«Астана», «инновационный» finds «инновации». The searchable texts are read once per search (one
query per kind), so a search costs a fixed number of queries whatever it asks.

Each hit comes with a snippet from the text that matched, the matched words marked.
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language

from indicators.models import Indicator
from policies.models import Initiative, Strategy
from portal.languages import fallback_order, language_codes, translated_columns
from portal.models import Institution, Page, Reference
from swot.models import Item

from .search_text import marked, terms, words

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 25


def searched_kinds(request):
    """(kind, queryset, searched columns) for each kind of content; a hit links to its get_absolute_url().
    The first column's field is the hit's title."""
    return [
        ("indicator", Indicator.objects.visible_to(request), translated_columns("name", "definition")),
        ("swot", Item.objects.visible_to(request).select_related("analysis"), translated_columns("title", "text")),
        ("strategy", Strategy.objects.visible_to(request), translated_columns("title", "text")),
        ("initiative", Initiative.objects.visible_to(request), translated_columns("name", "description")),
        ("institution", Institution.objects.visible_to(request), translated_columns("name", "description")),
        ("reference", Reference.objects.all(), translated_columns("title", "authors", "container")),
        ("page", Page.objects.visible_to(request), translated_columns("title", "body")),
    ]


@dataclass
class Hit:
    object: object
    url: str
    title_field: str
    matched: list = field(default_factory=list)  # (column, field, language) of each text that matched
    snippet: str = ""
    snippet_language: str = ""
    terms: list = field(default_factory=list)  # the query's words, to mark them in the title

    def in_language(self, language):
        return any(code == language for _column, _field, code in self.matched)

    @property
    def title_matched(self):
        return any(name == self.title_field for _column, name, _code in self.matched)


def column_language(column):
    """`name_ru` -> ("name", "ru"); an untranslated column has no language (None)."""
    name, _, code = column.rpartition("_")
    return (name, code) if code in language_codes() else (column, None)


def hit_of(obj, columns, query_terms, every_language):
    """The Hit if every query word matches a word of the object's texts (in any of its columns), else None."""
    found = {id(term): False for term in query_terms}
    matched = []
    for column in columns:
        name, code = column_language(column)
        text_words = words(getattr(obj, column, ""))
        languages = [code] if code else every_language
        hit_here = False
        for term in query_terms:
            if any(term.matches(word, language) for word in text_words for language in languages):
                found[id(term)] = hit_here = True
        if hit_here:
            matched.append((column, name, code))
    if not all(found.values()):
        return None
    return Hit(obj, obj.get_absolute_url(), column_language(columns[0])[0], matched)


def with_snippet(hit, query_terms, reader):
    """The snippet: a matching text in the reader's language other than the title (shown as the link
    already); failing that, when nothing matched in the reader's language, the match in the nearest
    other language (the fallback order), a description before a title."""
    order = fallback_order(reader)
    candidates = [m for m in hit.matched if m[2] == reader and m[1] != hit.title_field]
    if not hit.in_language(reader):
        candidates = sorted(
            hit.matched, key=lambda m: (order.index(m[2]) if m[2] in order else len(order), m[1] == hit.title_field)
        )
    if candidates:
        column, _name, code = candidates[0]
        hit.snippet, _any = marked(getattr(hit.object, column), query_terms, code or reader)
        hit.snippet_language = code or ""
    return hit


def search(request, text):
    """[(kind, count, [Hit, …]), …] of the content matching `text`, kinds without hits left out."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    every_language = language_codes()
    query_terms = terms(text, every_language)
    if not query_terms:
        return []
    reader = get_language()
    results = []
    for kind, queryset, columns in searched_kinds(request):
        hits = [hit for obj in queryset if (hit := hit_of(obj, columns, query_terms, every_language))]
        if not hits:
            continue
        hits.sort(key=lambda h: (not h.in_language(reader), not h.title_matched, -len(h.matched), h.object.pk))
        shown = [with_snippet(hit, query_terms, reader) for hit in hits[:RESULTS_PER_KIND]]
        for hit in shown:
            hit.terms = query_terms
        results.append((kind, len(hits), shown))
    return results
