"""The dataset as a citation: one CSL-JSON item (the citation-style language's data model)
written as BibTeX, RIS or CSL-JSON. (References are cited by portal.citations, from the model.)"""

import json

from portal.citations import bibtex_escape


def _bibtex_kind(csl_type):
    return {"dataset": "misc", "article-journal": "article", "report": "techreport", "book": "book"}.get(csl_type, "misc")


def as_bibtex(work):
    """`work` is a CSL-JSON item: id, type, title, author [{literal} | {family, given}], issued, URL, …"""
    fields = [("title", work.get("title"))]
    authors = " and ".join(
        "{" + a["literal"] + "}" if "literal" in a else f"{a.get('family', '')}, {a.get('given', '')}".strip(", ")
        for a in work.get("author", [])
    )
    fields.append(("author", authors))
    if work.get("publisher"):
        fields.append(("publisher", work["publisher"]))
    year = (work.get("issued") or {}).get("date-parts", [[None]])[0][0]
    if year:
        fields.append(("year", year))
    if work.get("version"):
        fields.append(("version", work["version"]))
    if work.get("URL"):
        fields.append(("url", work["URL"]))
    if work.get("note"):
        fields.append(("note", work["note"]))
    body = ",\n".join(
        f"  {name} = {{{value}}}" if name in ("author", "url") else f"  {name} = {{{bibtex_escape(value)}}}"
        for name, value in fields if value
    )
    return f"@{_bibtex_kind(work.get('type'))}{{{work['id']},\n{body}\n}}\n"


def as_ris(work):
    kind = {"dataset": "DATA", "article-journal": "JOUR", "report": "RPRT", "book": "BOOK"}.get(work.get("type"), "GEN")
    lines = [("TY", kind), ("TI", work.get("title"))]
    for author in work.get("author", []):
        lines.append(("AU", author.get("literal") or f"{author.get('family', '')}, {author.get('given', '')}".strip(", ")))
    year = (work.get("issued") or {}).get("date-parts", [[None]])[0][0]
    lines += [("PY", year), ("PB", work.get("publisher")), ("UR", work.get("URL")), ("N1", work.get("note"))]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value) + "ER  - \r\n"


def as_csl_json(work):
    return json.dumps([work], ensure_ascii=False, indent=2) + "\n"
