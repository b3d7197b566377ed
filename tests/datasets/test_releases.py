"""Releases: frozen files byte for byte, what changed, feeds, citations, and files read by
independent clients (pandas, openpyxl, frictionless, sdmx1, bibtexparser, rispy, citeproc-py,
the Citation File Format schema)."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import jsonschema
import openpyxl
import pandas as pd
import yaml

from indicators.models import Indicator, Observation
from policies.models import Initiative
from portal.datasets import changes as changes_module
from portal.datasets.models import ObservationVersion, Release, ReleasedRecord, ReleaseFile
from portal.datasets.services import release_publish

DATA = Path(__file__).resolve().parent.parent / "data"
# Every download that takes `?release=`, by its path after the language prefix.
FILES = [
    "data/observations.csv",
    "data/observations-wide.csv",
    "data/observations.json",
    "data/observations.xlsx",
    "data/observations.parquet",
    "data/observations-sdmx.csv",
    "data/observations-sdmx2.csv",
    "data/datapackage.zip",
    "data/initiatives-stip.csv",
    "indicators/innovation_share/series.csv",
]
# Files and feeds that take no parameter (or only their own): a misspelt one is refused all the same.
FIXED_FILES = [
    "data/codebook/",
    "data/codebook.csv",
    "data/releases.atom",
    "data/indicators/innovation_share/changes.atom",
    "data/releases/2026.1/",
    "data/releases/2026.1/CITATION.cff",
    "data/releases/2026.1/changes/",
    "data/releases/2026.1/changes.csv",
]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def revise_share_2020(value="12.9"):
    observation = Observation.objects.get(indicator__code="innovation_share", period="2020")
    observation.value = value
    observation.save()


def second_release():
    release = Release.objects.create(version="2026.2", date="2026-12-15", notes_en="A revised share.")
    return release_publish(release=release)


def test_a_release_answers_the_same_bytes_after_the_data_changed(demo, client):
    before = {name: body(client.get(f"/kk/{name}?release=2026.1")) for name in FILES}
    live = body(client.get("/kk/data/observations.csv"))
    revise_share_2020()
    Indicator.objects.filter(code="population").update(name_kk="Халық саны (өзгертілген)")
    Observation.objects.filter(indicator__code="schools").delete()
    Initiative.objects.filter(key="state_contracts").update(name_kk="Мемлекеттік келісімшарттар (өзгертілген)")
    Initiative.objects.filter(key="export_insurance").update(published=False)
    ReleaseFile.objects.all().delete()  # built again from the versions, not sent as first stored
    for name in FILES:
        assert body(client.get(f"/kk/{name}?release=2026.1")) == before[name], name
    assert body(client.get("/kk/data/observations.csv")) != live
    # And a release published now shows the new state while 2026.1 keeps the old one.
    second_release()
    assert b"12.9" in body(client.get("/kk/data/observations.csv?release=2026.2"))
    assert body(client.get("/kk/data/observations.csv?release=2026.1")) == before["data/observations.csv"]


def test_a_release_stores_only_what_changed(demo):
    versions, records = ObservationVersion.objects.count(), ReleasedRecord.objects.count()
    assert versions == Observation.objects.count() == 24
    revise_share_2020()
    second_release()
    # One revised value: its old version closed, one new version; nothing else is copied.
    assert ObservationVersion.objects.count() == versions + 1
    assert ReleasedRecord.objects.count() == records
    revised = ObservationVersion.objects.get(valid_from=2)
    assert revised.revises and str(revised.value).startswith("12.9")


def test_what_changed_as_page_csv_and_json_and_the_revised_mark(demo, client):
    revise_share_2020()
    Observation.objects.filter(indicator__code="schools").delete()
    second_release()
    page = client.get("/en/data/releases/2026.2/changes/?since=2026.1").content.decode()
    assert "New values: 0. Revised: 1. Withdrawn: 1." in page
    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/en/data/releases/2026.2/changes.csv?since=2026.1")).decode()))
    )
    assert [(r["change"], r["indicator"], r["period"], r["old_value"], r["new_value"]) for r in rows] == [
        ("revised", "innovation_share", "2020", "12.6", "12.9"),
        ("withdrawn", "schools", "2021", "1926", ""),
    ]
    answer = json.loads(body(client.get("/en/data/releases/2026.2/changes.json?since=2026.1")))
    assert answer["counts"] == {"new": 0, "revised": 1, "withdrawn": 1}
    url = "/en/data/observations.csv?release=2026.2&indicator=innovation_share"
    tidy = pd.read_csv(io.BytesIO(body(client.get(url))), dtype={"revised_in": str})
    assert tidy.set_index("period").loc[2020, "revised_in"] == "2026.2"
    assert tidy["revised_in"].isna().sum() == 5
    assert "revised in 2026.2" in client.get("/en/indicators/innovation_share/").content.decode()
    # Live files mark the revised value too, read with the revisions of their own indicators.
    live = pd.read_csv(io.BytesIO(body(client.get("/en/indicators/innovation_share/series.csv"))), dtype=str)
    assert live.set_index("period").loc["2020", "revised_in"] == "2026.2"
    others = pd.read_csv(io.BytesIO(body(client.get("/en/data/observations.csv?indicator=population"))), dtype=str)
    assert len(others) and others["revised_in"].isna().all()
    assert client.get("/en/data/releases/2026.2/changes/?since=2026.3").status_code == 400
    assert client.get("/en/data/releases/2026.1/changes/").status_code == 400  # nothing before the first


def test_what_changed_over_several_releases(demo, client, monkeypatch):
    """New values, a note-only revision, and a value changed and changed back (no change over both)."""
    revise_share_2020()
    share = Observation.objects.get(indicator__code="innovation_share", period="2019")
    share.note_en = "Counted again."
    share.save()
    Observation.objects.create(
        indicator=Indicator.objects.get(code="schools"), region=share.region, period="2022", value="1990"
    )
    second_release()
    revise_share_2020("12.6")  # back to the value of 2026.1
    release_publish(release=Release.objects.create(version="2026.3", date="2026-12-20"))

    def changes(version, since):
        url = f"/en/data/releases/{version}/changes.csv?since={since}"
        return [
            (r["change"], r["indicator"], r["period"], r["old_value"], r["new_value"])
            for r in csv.DictReader(io.StringIO(body(client.get(url)).decode()))
        ]

    assert changes("2026.2", "2026.1") == [
        ("revised", "innovation_share", "2019", "14.8", "14.8"),
        ("revised", "innovation_share", "2020", "12.6", "12.9"),
        ("new", "schools", "2022", "", "1990"),
    ]
    assert changes("2026.3", "2026.2") == [("revised", "innovation_share", "2020", "12.9", "12.6")]
    assert changes("2026.3", "2026.1") == [
        ("revised", "innovation_share", "2019", "14.8", "14.8"),
        ("new", "schools", "2022", "", "1990"),
    ]
    answer = json.loads(body(client.get("/en/data/releases/2026.3/changes.json?since=2026.1&indicator=schools")))
    assert answer["counts"] == {"new": 1, "revised": 0, "withdrawn": 0} and len(answer["changes"]) == 1
    # A database without FULL JOIN (SQLite before 3.39) gets the same answers from two left joins.
    full = {pair: changes(*pair) for pair in [("2026.2", "2026.1"), ("2026.3", "2026.2"), ("2026.3", "2026.1")]}
    monkeypatch.setattr(changes_module, "full_join_supported", lambda: False)
    assert {pair: changes(*pair) for pair in full} == full


def test_release_and_live_caching_headers(demo, client):
    pinned = client.get("/en/data/observations.csv?release=2026.1")
    assert "immutable" in pinned["Cache-Control"]
    live = client.get("/en/data/observations.csv")
    assert live["Last-Modified"] and live["ETag"] and "immutable" not in live["Cache-Control"]
    assert client.get("/en/data/observations.csv", HTTP_IF_NONE_MATCH=live["ETag"]).status_code == 304
    revise_share_2020()
    assert client.get("/en/data/observations.csv", HTTP_IF_NONE_MATCH=live["ETag"]).status_code == 200


def test_unknown_parameters_and_releases_answer_400(demo, client):
    for path in FILES + FIXED_FILES:
        response = client.get(f"/en/{path}?indicatr=innovation_share")
        assert response.status_code == 400, path
        assert "indicatr: unknown parameter" in response.content.decode(), path
    for path in ("data/observations.csv", "indicators/innovation_share/series.csv"):
        response = client.get(f"/en/{path}?bom=yes")
        assert response.status_code == 400 and "bom: give 1 or leave it out." in response.content.decode(), path
    # The series' path names its indicator: the query string may not name another.
    response = client.get("/en/indicators/innovation_share/series.csv?indicator=population")
    assert response.status_code == 400 and "indicator: unknown parameter" in response.content.decode()
    assert client.get("/en/indicators/no_such/series.csv").status_code == 404
    response = client.get("/en/data/observations.csv?release=1999.1")
    assert response.status_code == 400 and "2026.1" in response.content.decode()


def test_load_demo_data_publishes_the_first_release_once(demo, client):
    assert list(Release.objects.values_list("version", "number")) == [("2026.1", 1)]
    page = client.get("/en/data/").content.decode()
    assert "/en/data/releases/2026.1/" in page and "releases.atom" in page and "codebook" in page
    release_page = client.get("/en/data/releases/2026.1/").content.decode()
    assert "observations.csv?release=2026.1" in release_page and "CITATION.cff" in release_page
    # A link inside a <summary> is a control inside a control (axe: nested-interactive): it stands below it.
    summaries = re.findall(r"<summary>(.*?)</summary>", release_page, re.S)
    assert summaries == ["BibTeX"] and "cite.bib?release=2026.1" in release_page


def test_planned_release_in_the_calendar(demo, client):
    Release.objects.create(version="2099.1", date="2099-03-01")
    page = client.get("/en/data/").content.decode()
    assert "2099.1" in page and "planned" in page


def test_feeds_are_atom(demo, client):
    revise_share_2020()
    second_release()
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(client.get("/en/data/releases.atom").content)
    assert [e.find(f"{atom}title").text for e in feed.iter(f"{atom}entry")][:2] == [
        "Release 2026.2 of 2026-12-15",
        "Release 2026.1 of 2026-11-30",
    ]
    feed = ET.fromstring(client.get("/en/data/indicators/innovation_share/changes.atom").content)
    titles = [e.find(f"{atom}title").text for e in feed.iter(f"{atom}entry")]
    assert titles[0] == "Release 2026.2: 0 new, 1 revised, 0 withdrawn"
    feed = ET.fromstring(client.get("/en/data/indicators/population/changes.atom").content)
    assert len(list(feed.iter(f"{atom}entry"))) == 1  # only the first release: population never changed


def test_citations_name_the_release_read_by_their_parsers(demo, client):
    import bibtexparser
    import rispy
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    bib = bibtexparser.parse_string(client.get("/en/data/cite.bib?release=2026.1").content.decode())
    entry = bib.entries[0]
    assert "Astana" in entry["title"] and "2026.1" in entry["title"]
    assert entry["year"] == "2026" and entry["urldate"]  # the release's year, and the day of access
    assert entry["date"] == "2026-11-30" and entry["version"] == "2026.1"
    ris = rispy.loads(client.get("/en/data/cite.ris?release=2026.1").content.decode())[0]
    assert ris["year"] == "2026" and "2026.1" in ris["title"]
    assert ris["date"] == "2026/11/30" and ris["edition"] == "2026.1"
    csl = json.loads(client.get("/en/data/cite.json?release=2026.1").content)
    assert csl[0]["version"] == "2026.1" and csl[0]["issued"] == {"date-parts": [[2026, 11, 30]]}
    live = json.loads(client.get("/en/data/cite.json").content)[0]
    assert "version" not in live and "after version 2026.1" in live["title"]
    source = CiteProcJSON(csl)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    bibliography.register(Citation([CitationItem(csl[0]["id"])]))
    text = str(bibliography.bibliography()[0])
    assert "2026" in text and "Astana" in text
    cff = yaml.safe_load(client.get("/en/data/releases/2026.1/CITATION.cff").content)
    schema = json.loads((DATA / "citation-file-format-1.2.0.schema.json").read_text())
    cff["date-released"] = str(cff["date-released"])  # as the schema asks: YAML dates validated as text
    jsonschema.validate(cff, schema)
    assert cff["version"] == "2026.1" and str(cff["date-released"]) == "2026-11-30"


def test_datapackage_and_json_ld_name_the_release(demo, client, tmp_path):
    from frictionless import validate

    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/datapackage.zip?release=2026.1&region=astana"))))
    archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert descriptor["version"] == "2026.1" and descriptor["created"] == "2026-11-30T00:00:00Z"
    assert descriptor["id"].endswith("/en/data/releases/2026.1/")
    assert descriptor["filter"] == {"region": "astana"} and descriptor["release"]["version"] == "2026.1"
    assert all(info.date_time[:3] == (2026, 11, 30) for info in archive.infolist())
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    links = pd.read_csv(tmp_path / "data" / "swot_item_indicators.csv")
    assert set(links.columns) == {"analysis", "item", "indicator"} and len(links) > 0
    revise_share_2020()
    second_release()
    page = client.get("/en/data/releases/2026.2/").content.decode()
    data = json.loads(page.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["version"] == "2026.2" and data["dateModified"] == "2026-12-15"
    assert data["isBasedOn"].endswith("/en/data/releases/2026.1/")
    assert data["temporalCoverage"] == "2015-01-01/2021-12-31"
    assert {"observations-wide.csv", "observations-sdmx.csv"} <= {d["name"] for d in data["distribution"]}


def test_xlsx_sheet_names_numbers_and_properties_in_every_language(demo, client):
    for language in ("kk", "ru", "en"):
        response = client.get(f"/{language}/data/observations.xlsx?release=2026.1&indicator=innovation_share")
        workbook = openpyxl.load_workbook(io.BytesIO(body(response)))
        assert workbook.sheetnames == ["data", "indicators", "sources", "README"], language
        assert workbook.properties.creator and "2026.1" not in workbook.properties.title
        scales = {row[0].value: row[11] for row in workbook["indicators"].iter_rows(min_row=2)}
        assert scales["innovation_share"].value == 100 and scales["innovation_share"].data_type == "n"
        readme = " ".join(str(c.value) for row in workbook["README"].iter_rows() for c in row)
        assert "2026.1" in readme and "indicator=innovation_share" in readme
    frame = pd.read_excel(
        io.BytesIO(body(client.get("/kk/data/observations.xlsx"))), sheet_name="data", engine="openpyxl"
    )
    assert len(frame) == 24


def test_parquet_and_tidy_columns_for_researchers(demo, client):
    frame = pd.read_parquet(io.BytesIO(body(client.get("/en/data/observations.parquet?release=2026.1"))))
    population = frame.set_index("indicator").loc["population"]
    assert population["value"] == 1.2 and population["value_base"] == 1_200_000 and population["frequency"] == "D"
    assert sorted(frame["frequency"].unique()) == ["A", "D", "Q"]
    wide = pd.read_csv(io.BytesIO(body(client.get("/en/data/observations-wide.csv"))))
    assert "y2015" in wide.columns and "y2021q2" in wide.columns and "y2021m08d01" in wide.columns
    codebook = pd.read_csv(io.BytesIO(client.get("/en/data/codebook.csv").content))
    assert {"value_base", "frequency", "revised_in", "kato", "iso_3166_2"} <= set(codebook["column"])


def test_the_codebook_describes_every_column_the_files_have(demo, client):
    codebook = pd.read_csv(io.BytesIO(client.get("/en/data/codebook.csv").content))
    described = {file: set(rows["column"]) for file, rows in codebook.groupby("file")}

    def columns_of(path):
        return list(pd.read_csv(io.BytesIO(body(client.get(path)))).columns)

    def described_for(name):
        return next(columns for file, columns in described.items() if name in file)

    assert set(columns_of("/en/data/observations.csv")) == described_for("observations.csv")
    assert set(columns_of("/en/data/observations-sdmx.csv")) == described_for("observations-sdmx.csv")
    assert set(columns_of("/en/data/observations-sdmx2.csv")) == described_for("observations-sdmx2.csv")
    api = columns_of("/api/v1/observations/?format=csv")
    assert "period_start" in api and set(api) == described_for("/api/v1/observations/")
    wide = [c for c in columns_of("/en/data/observations-wide.csv") if not re.fullmatch(r"y[0-9qmd]+", c)]
    assert set(wide) <= described_for("observations-wide.csv")


def test_sdmx1_reads_the_served_files_with_the_served_structure(demo, client):
    import sdmx

    structure = sdmx.read_sdmx(io.BytesIO(client.get("/sdmx/structure.xml?release=2026.1").content), format="XML")
    dataflow = structure.dataflow["CITY_INNOVATION"]
    answer = client.get("/en/data/observations-sdmx2.csv?release=2026.1")
    assert answer["Content-Type"].startswith("application/vnd.sdmx.data+csv; version=2.0.0")
    message = sdmx.read_sdmx(io.BytesIO(body(answer)), format="csv", structure=dataflow)
    frame = sdmx.to_pandas(message, attributes="o").reset_index()
    assert len(frame) == 24
    row = frame[(frame["INDICATOR"] == "population")].iloc[0]
    assert row["FREQ"] == "D" and row["UNIT_MEASURE"] == "PS" and row["UNIT_MULT"] == "6" and row["value"] == 1.2
    units = structure.codelist["CL_UNIT_MEASURE"]
    assert str(units["PT"].name.localizations["en"]) == "%"
    # SDMX-CSV 1.0 (which sdmx1 cannot read): its columns and cells against the same structure.
    one = pd.read_csv(io.BytesIO(body(client.get("/en/data/observations-sdmx.csv?release=2026.1"))), dtype=str)
    assert list(one.columns)[:5] == ["DATAFLOW", "FREQ", "INDICATOR", "REF_AREA", "TIME_PERIOD"]
    assert set(one["INDICATOR"]) <= {code.id for code in structure.codelist["CL_INDICATOR"]}
    assert set(one["UNIT_MEASURE"]) <= {code.id for code in units}
