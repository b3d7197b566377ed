"""A bibliography entry as the reader sees it: authors, the title in its original language with the
reader's translation in brackets, the journal as published, then volume, pages, year and links.

Parts are joined with ". " unless a part already ends with punctuation ("Tokayev, K.-J." does not
become "Tokayev, K.-J.."), and every text in another language than the page's carries `lang`.
"""

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from portal.citations import titles
from portal.languages import text_and_language

ENDS_A_SENTENCE = (".", "?", "!", "…")


def in_language(text, code, page_language, tag="span"):
    """`text` escaped, inside <tag lang="…"> when it is not in the page's language (a bare text otherwise)."""
    lang = format_html(' lang="{}"', code) if code and code != page_language else ""
    if tag == "span" and not lang:
        return format_html("{}", text)
    return format_html("<{}{}>{}</{}>", tag, lang, text, tag)


def joined(parts):
    """[(html, plain text), …] joined as sentences without doubling their end punctuation."""
    out = []
    for html, plain in parts:
        if not plain:
            continue
        if out:
            out.append(" ")
        out.append(html)
        if not plain.rstrip().endswith(ENDS_A_SENTENCE):
            out.append(".")
    return mark_safe("".join(str(part) for part in out))


def entry_html(reference, language=None):
    language = language or get_language()
    parts = []
    authors, authors_language = text_and_language(reference, "authors", language)
    if authors:
        parts.append((in_language(authors, authors_language, language), authors))
    title = titles(reference, language)
    if title.original:
        text, code = title.original
        html = in_language(text, code, language, tag="cite")
        plain = text
        if title.translation:
            html = format_html("{} [{}]", html, in_language(*title.translation, language))
            plain = f"{text} [{title.translation[0]}]"
    elif title.translation:
        html = format_html("[{}]", in_language(*title.translation, language, tag="cite"))
        plain = f"[{title.translation[0]}]"
    else:
        html, plain = format_html("{}", reference.key), reference.key
    parts.append((html, plain))
    container, container_language = text_and_language(reference, "container", language)
    where = [in_language(container, container_language, language)] if container else []
    if reference.volume:
        numbers = reference.volume + (f"({reference.issue})" if reference.issue else "")
    else:
        numbers = (
            pgettext("issue of a journal", "no. %(issue)s") % {"issue": reference.issue} if reference.issue else ""
        )
    where += [format_html("{}", text) for text in (numbers, reference.pages.replace("-", "–")) if text]
    parts.append((format_html_join(", ", "{}", ((part,) for part in where)), " ".join(str(p) for p in where)))
    publisher = ", ".join(str(x) for x in (reference.publisher, reference.year or "") if x)
    parts.append((format_html("{}", publisher), publisher))
    html = joined(parts)
    links = []
    if reference.doi:
        links.append(format_html('<a href="https://doi.org/{0}" rel="noopener noreferrer">doi:{0}</a>', reference.doi))
    if reference.url:
        link = format_html('<a href="{0}" rel="noopener noreferrer">{0}</a>', reference.url)
        if reference.accessed:
            accessed = _("accessed %(date)s") % {"date": date_format(reference.accessed, "DATE_FORMAT")}
            link = format_html("{} ({})", link, accessed)
        links.append(link)
    if links:
        html = format_html("{} {}", html, format_html_join(" ", "{}", ((link,) for link in links)))
    return html


def title_html(reference, language=None):
    """The title alone, for a link to the bibliography: the original, with the translation in brackets."""
    language = language or get_language()
    title = titles(reference, language)
    if title.original and title.translation:
        return format_html(
            "{} [{}]", in_language(*title.original, language), in_language(*title.translation, language)
        )
    if title.original:
        return in_language(*title.original, language)
    if title.translation:
        return format_html("[{}]", in_language(*title.translation, language))
    return format_html("{}", reference.key)
