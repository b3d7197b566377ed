"""Bibliography entries as BibTeX, RIS and CSL-JSON, and as the bibliography page shows them.

The expected files (tests/data/mukhamedzhanova2021.*) are the Russian page's downloads, read by eye;
every entry in every language is also read back by independent parsers (bibtexparser, rispy,
citeproc-py), so what a reference manager gets is checked by a reader other than our writer.
"""

import json
import re
from pathlib import Path

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from django.core.exceptions import ValidationError

from portal.models import Reference
from tests.support.public_pages import LANGUAGES

DATA = Path(__file__).resolve().parent.parent / "data"

FORMATS = [
    ("bib", "application/x-bibtex"),
    ("ris", "application/x-research-info-systems"),
    ("json", "application/vnd.citationstyles.csl+json"),
]
PAPER_TITLE = (
    "Innovative development of the regions of Kazakhstan in the post COVID period on the example of Nur-Sultan"
)
PAPER_RU_TITLE = "Инновационное развитие регионов Казахстана в постковидный период на примере Нур-Султана"
DOUBLED = re.compile(r"\.\.(?!\.)|,,|,\.|\s[.,]|\.\s+\.")


def test_each_entry_downloads_as_bibtex_ris_and_csl_json_in_the_pages_language(client, demo):
    for extension, content_type in FORMATS:
        response = client.get(f"/ru/references/mukhamedzhanova2021.{extension}")
        assert response["Content-Type"].startswith(content_type)
        assert f'attachment; filename="mukhamedzhanova2021.{extension}"' == response["Content-Disposition"]
        assert response.content == (DATA / f"mukhamedzhanova2021.{extension}").read_bytes()


def parsed_bibtex(text):
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [], text
    (entry,) = library.entries
    return {field.key: field.value for field in entry.fields}


def test_the_original_title_is_the_title_and_the_readers_translation_goes_beside_it(client, demo):
    bib = parsed_bibtex(client.get("/ru/references/mukhamedzhanova2021.bib").content.decode())
    assert bib["title"] == PAPER_TITLE
    assert bib["titleaddon"] == f"[{PAPER_RU_TITLE}]"
    assert bib["langid"] == "english"
    # The journal's own Russian title (its masthead is trilingual), no publisher the paper does not give.
    assert bib["journal"] == "Вестник университета «Туран»" and "publisher" not in bib
    (ris,) = rispy.loads(client.get("/ru/references/mukhamedzhanova2021.ris").content.decode())
    assert (ris["title"], ris["translated_title"], ris["language"]) == (PAPER_TITLE, PAPER_RU_TITLE, "en")
    (csl,) = json.loads(client.get("/ru/references/mukhamedzhanova2021.json").content)
    assert (csl["title"], csl["language"], csl["note"]) == (PAPER_TITLE, "en", f"[{PAPER_RU_TITLE}]")
    assert "original-title" not in csl  # CSL's original-title names the original of a translated work
    # On the English page the original needs no translation.
    english = parsed_bibtex(client.get("/en/references/mukhamedzhanova2021.bib").content.decode())
    assert english["title"] == PAPER_TITLE and "titleaddon" not in english
    assert english["journal"] == "Bulletin of “Turan” University"


def test_journal_names_are_never_translated_and_organisations_are(client, demo):
    for language in LANGUAGES:
        bib = parsed_bibtex(client.get(f"/{language}/references/togaybayeva2020.bib").content.decode())
        assert bib["journal"] == "Экономика, предпринимательство и право", language
        assert bib["langid"] == "russian"
    kk = parsed_bibtex(client.get("/kk/references/bns_nursultan_statistics.bib").content.decode())
    assert (
        kk["author"]
        == "{Қазақстан Республикасы Стратегиялық жоспарлау және реформалар агенттігінің Ұлттық статистика бюросы}"
    )
    # Its Russian title has not been seen: the English one stands in brackets, as a translation.
    en = parsed_bibtex(client.get("/en/references/togaybayeva2020.bib").content.decode())
    assert en["title"].startswith("[Institutional bases") and "titleaddon" not in en


def harvard(items):
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_every_entry_in_every_language_is_read_by_independent_parsers(client, demo):
    keys = list(Reference.objects.values_list("key", flat=True))
    for language in LANGUAGES:
        items = []
        for key in keys:
            bib = parsed_bibtex(client.get(f"/{language}/references/{key}.bib").content.decode())
            assert bib["title"], (language, key)
            (ris,) = rispy.loads(client.get(f"/{language}/references/{key}.ris").content.decode())
            assert ris["title"] == bib["title"], (language, key)
            (item,) = json.loads(client.get(f"/{language}/references/{key}.json").content)
            assert item["title"] == bib["title"], (language, key)
            items.append(item)
        for entry in harvard(items):
            assert not DOUBLED.search(entry), (language, entry)


def entries(html):
    return [re.sub(r"<[^>]+>", "", p) for p in re.findall(r'<li id="ref-[^"]+"[^>]*>\s*<p>(.*?)</p>', html, re.S)]


def test_the_bibliography_page_has_no_doubled_punctuation_and_marks_other_languages(client, demo):
    for language in LANGUAGES:
        html = client.get(f"/{language}/references/").content.decode()
        texts = entries(html)
        assert len(texts) == Reference.objects.count()
        for text in texts:
            assert not DOUBLED.search(text), (language, text)
        assert "Экономика, кәсіпкерлік және құқық" not in html
    kk = client.get("/kk/references/").content.decode()
    assert "Tokayev, K.-J.." not in kk and "Тоқаев, Қ.-Ж. <cite>Халық бірлігі" in kk
    assert "Ұлттық статистика бюросы" in kk and "Bureau of National Statistics" not in kk
    # The English original with the Kazakh (parallel) title in brackets; the Russian journal marked as Russian.
    assert f'<cite lang="en">{PAPER_TITLE}</cite> [' in kk
    assert '<span lang="ru">Экономика, предпринимательство и право</span>' in kk
    en = client.get("/en/references/").content.decode()
    assert '<cite lang="ru">Государственная программа развития регионов на 2020–2025 годы</cite> [State program' in en


def test_the_bibliography_is_numbered_and_links_every_format(client, demo):
    html = client.get("/en/references/").content.decode()
    assert '<li id="ref-tokayev2021address" value="1">' in html
    for extension in ("bib", "ris", "json"):
        assert f'href="/en/references/tokayev2021address.{extension}"' in html
    assert client.get("/en/references/tokayev2021address.exe").status_code == 404


def test_a_reference_without_any_title_is_refused(db):
    reference = Reference(key="untitled", kind=Reference.Kind.WEBPAGE)
    with pytest.raises(ValidationError) as raised:
        reference.full_clean()
    assert "title" in raised.value.message_dict
