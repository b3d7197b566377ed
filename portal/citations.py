"""A bibliography entry as BibTeX, RIS and CSL-JSON, in the active language's title.

The dataset itself is cited through the same writers, as an unsaved Reference
(portal.datasets.metadata.dataset_reference) with a note on its licence.

Small formatters rather than a library: the maintained ones (citeproc-py, pybtex) read
these formats or render styles; none writes all three from our model.
"""

import json

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


def authors_of(reference):
    """`Family, I.; Other, J.` -> ['Family, I.', 'Other, J.']"""
    return [name.strip() for name in (reference.authors or "").split(";") if name.strip()]


def bibtex_escape(text):
    return "".join(BIBTEX_SPECIALS.get(char, char) for char in str(text))


def bibtex(reference, note=""):
    entry_type = KINDS[reference.kind][0]
    container_field = (
        "journal" if entry_type == "article" else ("institution" if entry_type == "techreport" else "howpublished")
    )
    fields = [
        ("author", " and ".join(authors_of(reference))),
        ("title", reference.title),
        (container_field, reference.container),
        ("publisher", reference.publisher if entry_type != "techreport" else ""),
        ("year", reference.year or ""),
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
    lines.append(("TI", reference.title))
    if reference.container:
        lines.append(("T2", reference.container))
    if reference.publisher:
        lines.append(("PB", reference.publisher))
    if reference.year:
        lines.append(("PY", str(reference.year)))
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
    item = {"id": reference.key, "type": KINDS[reference.kind][2], "title": reference.title}
    names = []
    for author in authors_of(reference):
        family, _, given = author.partition(",")
        names.append({"family": family.strip(), "given": given.strip()} if given else {"literal": family.strip()})
    if names:
        item["author"] = names
    optional = {
        "container-title": reference.container,
        "publisher": reference.publisher,
        "volume": reference.volume,
        "issue": reference.issue,
        "page": reference.pages,
        "DOI": reference.doi,
        "URL": reference.url,
        "note": note,
    }
    item.update({key: value for key, value in optional.items() if value})
    if reference.year:
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
