"""Search across indicators, SWOT items, strategies, initiatives, institutions, references and pages.

PostgreSQL: full-text search (the page language's dictionary: russian, english; simple for
Kazakh, which PostgreSQL has no stemmer for), ranked, plus substring matches so a part of
a word is found too. Other databases (SQLite): substring matches on case-folded text. SQLite's
LIKE folds only ASCII letters, so both sides go through Python's str.casefold(), registered
as an SQL function: «АСТАНА» finds «Астана».

Every language's column is searched, so a Russian word finds content on the Kazakh page too.
"""

import functools
import operator

from django.db import connection
from django.db.models import F, Func, Q, TextField
from django.db.models.lookups import Contains
from django.utils.translation import get_language

from indicators.models import Indicator
from policies.models import Initiative, Strategy
from portal.languages import translated_columns
from portal.models import Institution, Page, Reference
from swot.models import Item

MAX_QUERY_LENGTH = 200
RESULTS_PER_KIND = 25
POSTGRES_CONFIGS = {"ru": "russian", "en": "english"}


class Casefold(Func):
    function = "portal_casefold"
    output_field = TextField()


def _casefold(text):
    return text.casefold() if isinstance(text, str) else text


def searched_kinds(request):
    """(kind, queryset, searched columns) for each kind of content; a hit links to its get_absolute_url()."""
    return [
        ("indicator", Indicator.objects.visible_to(request), translated_columns("name", "definition")),
        ("swot", Item.objects.visible_to(request).select_related("analysis"), translated_columns("title", "text")),
        ("strategy", Strategy.objects.visible_to(request), translated_columns("title", "text")),
        ("initiative", Initiative.objects.visible_to(request), translated_columns("name", "description")),
        ("institution", Institution.objects.visible_to(request), translated_columns("name", "description")),
        ("reference", Reference.objects.all(), [*translated_columns("title", "container"), "authors"]),
        ("page", Page.objects.visible_to(request), translated_columns("title", "body")),
    ]


def _substring_filter(columns, text):
    if connection.vendor == "postgresql":
        return functools.reduce(operator.or_, (Q(**{f"{column}__icontains": text}) for column in columns))
    connection.ensure_connection()
    connection.connection.create_function("portal_casefold", 1, _casefold, deterministic=True)
    needle = text.casefold()
    return functools.reduce(operator.or_, (Contains(Casefold(F(column)), needle) for column in columns))


def _matching(queryset, columns, text):
    if connection.vendor != "postgresql":
        return queryset.filter(_substring_filter(columns, text))
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    config = POSTGRES_CONFIGS.get(get_language(), "simple")
    vector = SearchVector(*columns, config=config)
    query = SearchQuery(text, search_type="websearch", config=config)
    return (
        queryset.annotate(rank=SearchRank(vector, query))
        .filter(Q(rank__gt=0) | _substring_filter(columns, text))
        .order_by("-rank", "pk")
    )


def search(request, text):
    """[(kind, [(object, url), …]), …] of the content matching `text`; kinds without hits left out."""
    text = " ".join(text.split())[:MAX_QUERY_LENGTH]
    if not text:
        return []
    results = []
    for kind, queryset, columns in searched_kinds(request):
        hits = list(_matching(queryset, columns, text)[:RESULTS_PER_KIND])
        if hits:
            results.append((kind, [(hit, hit.get_absolute_url()) for hit in hits]))
    return results
