"""A bibliography entry as BibTeX, RIS and CSL-JSON, in the active language.

A work's title is given in its original language (Reference.language names it); its title in
the reader's language, when that differs, is a translation and travels beside it: BibTeX
`titleaddon = {[…]}` (biblatex's field for an addition to the title; `origtitle` would mean the
opposite, the original of a translated work), RIS `TT` (translated title), CSL-JSON in `note`.
CSL's `original-title` is not used: it names the original of a translated work (styles print it
as "Original work published as …"), and here the original is what is cited. When the original
title has not been seen, the translation stands in brackets as the title. Journal names are never
translated (editors fill a language only with the journal's own title in it); organisation
authors are written in each language.

The dataset itself is cited through the same writers, as an unsaved Reference
(portal.datasets.metadata.dataset_reference) with a note on its licence.

Small formatters rather than a library: the maintained ones (citeproc-py, pybtex) read
these formats or render styles; none writes all three from our model.
"""

import json
from dataclasses import dataclass

from django.utils.translation import get_language

from .languages import text_and_language, texts_by_language
from .models import Reference

KINDS = {
    # kind: (BibTeX entry type, RIS type, CSL type)
    Reference.Kind.ARTICLE: ("article", "JOUR", "article-journal"),
    Reference.Kind.STATISTICS: ("misc", "DATA", "dataset"),
    Reference.Kind.REPORT: ("techreport", "RPRT", "report"),
    Reference.Kind.WEBPAGE: ("misc", "ELEC", "webpage"),
    Reference.Kind.LAW: ("misc", "STAT", "legislation"),
    Reference.Kind.PROGRAMME: ("misc", "GOVDOC", "report"),
    Reference.Kind.SPEECH: ("misc", "GEN", "speech"),
}

BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


# biblatex's language names (babel), for `langid`.
BABEL_NAMES = {"kk": "kazakh", "ru": "russian", "en": "english"}


@dataclass
class Titles:
    """A work's title for a reader of `language`: the original (text, language) or None when it has
    not been seen, and a translation into the reader's language (text, language) or None."""

    original: tuple | None
    translation: tuple | None

    @property
    def main(self):
        """The title to cite: the original, else the translation in brackets."""
        if self.original:
            return self.original[0]
        return f"[{self.translation[0]}]" if self.translation else ""


def original_languages(reference):
    return reference.language.split()


def titles(reference, language=None):
    language = language or get_language()
    codes = original_languages(reference)
    texts = texts_by_language(reference, "title")
    if not codes:  # the original language is not said: the title as the page shows it, not marked
        text, code = text_and_language(reference, "title", language)
        return Titles(
            (text, code) if text else ((reference.original_title, "") if reference.original_title else None), None
        )
    if reference.original_title:
        original = (reference.original_title, codes[0])
    else:
        order = ([language] if language in codes else []) + codes
        original = next(((texts[code], code) for code in order if texts.get(code)), None)
    translation = None
    if original is None or original[1] != language:
        if language not in codes and texts.get(language):
            translation = (texts[language], language)
        elif original is None:
            text, code = text_and_language(reference, "title", language)
            translation = (text, code) if text else None
    return Titles(original, translation)


def authors_of(reference):
    """`Family, I.; Other, J.` -> ['Family, I.', 'Other, J.'], in the active language (organisations translated)."""
    return [name.strip() for name in (reference.authors or "").split(";") if name.strip()]


def bibtex_escape(text):
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in str(text))


def bibtex(reference, note=""):
    entry_type = KINDS[reference.kind][0]
    container_field = (
        "journal" if entry_type == "article" else ("institution" if entry_type == "techreport" else "howpublished")
    )
    title = titles(reference)
    codes = original_languages(reference)
    fields = [
        ("author", " and ".join(authors_of(reference))),
        ("title", title.main),
        ("titleaddon", f"[{title.translation[0]}]" if title.original and title.translation else ""),
        ("langid", BABEL_NAMES.get(codes[0], codes[0]) if codes else ""),
        (container_field, reference.container),
        ("publisher", reference.publisher if entry_type != "techreport" else ""),
        ("year", reference.year or ""),
        ("date", reference.issued.isoformat() if reference.issued else ""),  # biblatex: the full day
        ("version", reference.version),
        ("volume", reference.volume),
        ("number", reference.issue),
        ("pages", reference.pages.replace("-", "--") if reference.pages else ""),
        ("doi", reference.doi),
        ("url", reference.url),
        ("urldate", reference.accessed.isoformat() if reference.accessed else ""),
        ("note", note),
    ]
    # Corporate authors ("Astana Innovations") are braced so BibTeX does not split them into names.
    lines = [f"@{entry_type}{{{reference.key},"]
    for name, value in fields:
        if value not in ("", None):
            text = str(value) if name in ("url", "doi") else bibtex_escape(value)
            if name == "author":
                text = " and ".join(
                    f"{{{a}}}" if "," not in a else a for a in (bibtex_escape(a) for a in authors_of(reference))
                )
            lines.append(f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def ris(reference, note=""):
    lines = [("TY", KINDS[reference.kind][1])]
    lines += [("AU", author) for author in authors_of(reference)]
    title = titles(reference)
    lines.append(("TI", title.main))
    if title.original and title.translation:
        lines.append(("TT", title.translation[0]))
    if reference.language:
        lines.append(("LA", original_languages(reference)[0]))
    if reference.container:
        lines.append(("T2", reference.container))
    if reference.publisher:
        lines.append(("PB", reference.publisher))
    if reference.year:
        lines.append(("PY", str(reference.year)))
    if reference.issued:
        lines.append(("DA", reference.issued.strftime("%Y/%m/%d")))
    if reference.version:
        lines.append(("ET", reference.version))  # RIS has no version tag: the edition is the usual stand-in
    if reference.volume:
        lines.append(("VL", reference.volume))
    if reference.issue:
        lines.append(("IS", reference.issue))
    if reference.pages:
        first, _, last = reference.pages.partition("-")
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    if reference.doi:
        lines.append(("DO", reference.doi))
    if reference.url:
        lines.append(("UR", reference.url))
    if reference.accessed:
        lines.append(("Y2", reference.accessed.strftime("%Y/%m/%d")))
    if note:
        lines.append(("N1", note))
    lines.append(("ID", reference.key))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)


def csl_item(reference, note=""):
    title = titles(reference)
    item = {"id": reference.key, "type": KINDS[reference.kind][2], "title": title.main}
    if title.original and title.translation:
        note = "\n".join(text for text in (f"[{title.translation[0]}]", note) if text)
    names = []
    for author in authors_of(reference):
        family, _, given = author.partition(",")
        names.append({"family": family.strip(), "given": given.strip()} if given else {"literal": family.strip()})
    if names:
        item["author"] = names
    optional = {
        "container-title": reference.container,
        "language": original_languages(reference)[0] if reference.language else "",
        "publisher": reference.publisher,
        "volume": reference.volume,
        "issue": reference.issue,
        "page": reference.pages,
        "DOI": reference.doi,
        "URL": reference.url,
        "version": reference.version,
        "note": note,
    }
    item.update({key: value for key, value in optional.items() if value})
    if reference.issued:
        item["issued"] = {"date-parts": [[reference.issued.year, reference.issued.month, reference.issued.day]]}
    elif reference.year:
        item["issued"] = {"date-parts": [[reference.year]]}
    if reference.accessed:
        item["accessed"] = {
            "date-parts": [[reference.accessed.year, reference.accessed.month, reference.accessed.day]]
        }
    return item


def csl_json(reference, note=""):
    return json.dumps([csl_item(reference, note)], ensure_ascii=False, indent=2) + "\n"


FORMATS = {
    # extension: (formatter, content type)
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
