"""Words for the search: stems, the rule that two words match, and snippets with the matches marked.

Russian and English words are stemmed by Snowball (snowballstemmer); Kazakh, which Snowball lacks,
by a light rule that strips its commonest case, plural, possessive and derivational endings. The
same code runs on SQLite and PostgreSQL, so both find the same things.

A word of the query matches a word of a text when the text's word starts with it (a part of a word:
"инновац", "hub"), when their stems are equal, or when one stem begins the other and the shorter has
at least five letters: Snowball cuts «инновационный» to «инновацион» and «инновации» to «инновац».
A query word is stemmed in every language, since readers search in any of them.
"""

import re
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

SNOWBALL = {"ru": "russian", "en": "english"}
# Kazakh endings, longest first: derivational -лық, cases (locative, ablative, genitive, dative,
# accusative, instrumental), plural, possessive. Stripped while the stem keeps three letters.
KAZAKH_ENDINGS = sorted(
    """лық лік дық дік тық тік дағы дегі тағы тегі ндағы ндегі нда нде да де та те дан ден тан тен нан нен
    ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті мен бен пен лар лер дар дер тар тер
    сы сі ы і""".split(),
    key=len,
    reverse=True,
)
MIN_STEM = 3
MIN_SHARED_STEM = 5
WORD = re.compile(r"\w+")
MARKDOWN = re.compile(r"[#*_`>|]+|\[([^\]]*)\]\([^)]*\)")
SNIPPET_WORDS = 14


@lru_cache(maxsize=4)
def snowball(language):
    return snowballstemmer.stemmer(SNOWBALL[language])


def kazakh_stem(word):
    for _ in range(4):
        for ending in KAZAKH_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                break
        else:
            break
    return word


@lru_cache(maxsize=200_000)
def stem(word, language):
    """The stem of a case-folded word in `language` (None: the word itself)."""
    if language in SNOWBALL:
        return snowball(language).stemWord(word)
    if language == "kk":
        return kazakh_stem(word)
    return word


def words(text):
    return [match.group().casefold() for match in WORD.finditer(text or "")]


class Term:
    """A word of the query, with its stems in every language."""

    def __init__(self, word, languages):
        self.word = word
        self.stems = {stem(word, language) for language in languages} | {word}

    def matches(self, word, language):
        if word.startswith(self.word):
            return True
        word_stem = stem(word, language)
        for query_stem in self.stems:
            shorter, longer = sorted((query_stem, word_stem), key=len)
            if shorter == longer or (len(shorter) >= MIN_SHARED_STEM and longer.startswith(shorter)):
                return True
        return False


def terms(text, languages):
    return [Term(word, languages) for word in dict.fromkeys(words(text))]


def plain(text):
    """Markdown as the words a reader sees (links by their text, no markup characters)."""
    return " ".join(MARKDOWN.sub(lambda m: m.group(1) or " ", text or "").split())


def marked(text, query_terms, language, whole=False):
    """`text` escaped, each word matching a term inside <mark>; cut to a few words around the first match
    (with … at the cuts) unless `whole`."""
    text = plain(text)
    pieces = re.split(r"(\w+)", text)  # odd indexes are words
    hits = sorted(
        i for i in range(1, len(pieces), 2) if any(t.matches(pieces[i].casefold(), language) for t in query_terms)
    )
    start, end, before, after = 0, len(pieces), "", ""
    if not whole and hits:
        start = max(0, hits[0] - SNIPPET_WORDS)
        end = min(len(pieces), hits[0] + 2 * SNIPPET_WORDS)
        before = "…" if start > 0 else ""
        after = "…" if end < len(pieces) else ""
        start -= start % 2  # begin on a separator, so no word is cut
    marks = set(hits)
    out = [format_html("<mark>{}</mark>", pieces[i]) if i in marks else escape(pieces[i]) for i in range(start, end)]
    return mark_safe(before + "".join(out).strip() + after), bool(hits)
