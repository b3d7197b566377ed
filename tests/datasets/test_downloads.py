"""The researchers' downloads: exact bytes, filters shared with the API, formats tools read."""

import csv
import io
import json
import zipfile
from pathlib import Path

import openpyxl
import tablib
from django.utils import timezone

from indicators.models import Indicator, Observation
from portal.datasets.resources import TidyObservationResource
from portal.services import content_import
from tests.support.snapshot import content_models

DATA = Path(__file__).resolve().parent.parent / "data"

# (URL, expected file in tests/data/): generated once from the demo data, read by eye, committed.
EXPECTED = [
    ("/en/data/observations.csv", "observations.en.csv"),
    ("/kk/data/observations.csv", "observations.kk.csv"),
    ("/ru/data/observations.csv?bom=1", "observations.ru.bom.csv"),
    ("/en/data/observations-wide.csv", "observations-wide.en.csv"),
    ("/en/data/observations-sdmx.csv", "observations-sdmx.csv"),
    ("/en/data/observations.json", "observations.en.json"),
    ("/en/data/observations-sdmx2.csv?release=2026.1", "observations-sdmx2.csv"),
    ("/en/data/observations.json?release=2026.1&indicator=population", "observations.population.2026.1.en.json"),
]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_exports_of_the_demo_data_are_the_expected_bytes(demo, client):
    for url, expected in EXPECTED:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.streaming, url
        assert body(response) == (DATA / expected).read_bytes(), url


def test_bom_only_on_request(demo, client):
    assert body(client.get("/ru/data/observations.csv?bom=1")).startswith("\ufeff".encode())
    assert not body(client.get("/ru/data/observations.csv")).startswith("\ufeff".encode())


def wipe():
    Indicator.objects.exclude(numerator=None).delete()
    for model in reversed(content_models()):
        model.objects.all().delete()


def test_tidy_csv_round_trip_through_the_import_gives_identical_bytes(demo, client):
    from portal.management.commands.load_demo_data import demo_datasets

    first = body(client.get("/en/data/observations.csv"))
    wipe()
    others = [entry for entry in demo_datasets() if entry[0] != "observations"]
    dataset = tablib.Dataset().load(first.decode("utf-8"), format="csv")
    from django.utils import translation

    with translation.override("en"):  # the file's `note` column is in the language it was downloaded in
        content_import(others + [("observations", TidyObservationResource, dataset)])
    assert Observation.objects.count() == 24
    assert body(client.get("/en/data/observations.csv")) == first


def test_a_filtered_download_equals_the_api_answer(demo, client):
    query = "indicator=innovation_share,enterprises_total&period_from=2017&period_to=2019&status=A"
    api = client.get(f"/api/v1/observations/?{query}&lang=en").json()["results"]
    rows = list(csv.DictReader(io.StringIO(body(client.get(f"/en/data/observations.csv?{query}")).decode())))
    assert len(rows) == len(api) == 6
    as_api = [{k: r[k] for k in ("indicator", "region", "period", "value", "status", "note", "source")} for r in rows]
    from_api = [{k: o[k] for k in ("indicator", "region", "period", "value", "status", "note", "source")} for o in api]
    assert sorted(as_api, key=repr) == sorted(from_api, key=repr)
    json_rows = json.loads(body(client.get(f"/en/data/observations.json?{query}")))["observations"]
    assert sorted(({k: r[k] for k in as_api[0]} for r in json_rows), key=repr) == sorted(as_api, key=repr)


def test_a_malformed_filter_answers_400_saying_what_is_wrong(demo, client):
    for path in [
        "observations.csv",
        "observations.xlsx",
        "observations.json",
        "observations-sdmx.csv",
        "observations-wide.csv",
        "datapackage.zip",
    ]:
        response = client.get(f"/en/data/{path}?period_from=2021-Q9&indicator=no_such")
        assert response.status_code == 400, path
        text = response.content.decode()
        assert "“2021-Q9” is not a period" in text, path
        assert "“no_such”" in text, path


def test_unpublished_indicators_are_left_out_of_every_download(demo, client):
    Indicator.objects.filter(code="population").update(published=False)
    for path in ("observations.csv", "observations.json", "observations-sdmx.csv", "observations-wide.csv"):
        assert b"population" not in body(client.get(f"/en/data/{path}")), path
    assert client.get("/en/data/observations.csv?indicator=population").status_code == 400


def test_xlsx_has_data_indicators_sources_and_readme_with_numbers_as_numbers(demo, client):
    response = client.get("/en/data/observations.xlsx?indicator=innovation_share")
    workbook = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True)
    assert workbook.sheetnames == ["data", "indicators", "sources", "README"]
    data = list(workbook["data"].values)
    assert data[0][:6] == ("indicator", "indicator_name", "region", "region_name", "period", "value")
    assert [row[5] for row in data[1:]] == [13.2, 13.6, 14.4, 14.7, 14.8, 12.6]
    sources = [row[0] for row in workbook["sources"].values]
    # The paper cites [4] for Table 1: the indicator's source, beside the paper the value was taken from.
    assert "mukhamedzhanova2021" in sources and "wipo_gii2020_kazakhstan" in sources
    indicators = list(workbook["indicators"].values)
    metadata = next(dict(zip(indicators[0], row, strict=True)) for row in indicators if row[0] == "innovation_share")
    assert metadata["periodicity"] == "A" and metadata["coverage"] == "The city of Astana (Nur-Sultan in the paper)"
    assert "Bureau of National Statistics [3]" in metadata["source_note"]
    assert metadata["last_updated"] == timezone.localdate().isoformat() and metadata["next_release"] is None
    assert metadata["methodology"].startswith("Share = enterprises with innovation")
    readme = " ".join(row[0] for row in workbook["README"].values)
    assert "cite" in readme and "CC-BY-4.0" in readme


def test_formulas_cannot_travel_in_csv_or_xlsx(demo, client):
    observation = Observation.objects.get(indicator__code="innovation_share", period="2015")
    observation.note_en = '=HYPERLINK("http://evil.example","x")'
    observation.save()
    Observation.objects.filter(pk=observation.pk).update(value=-3)
    rows = list(
        csv.reader(
            io.StringIO(
                body(client.get("/en/data/observations.csv?indicator=innovation_share&period_to=2015")).decode()
            )
        )
    )
    assert rows[1][9] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[1][5] == "-3"  # a number stays a number
    workbook = openpyxl.load_workbook(
        io.BytesIO(body(client.get("/en/data/observations.xlsx?indicator=innovation_share&period_to=2015")))
    )
    row = list(workbook["data"].iter_rows(min_row=2, max_row=2))[0]
    assert row[9].value.startswith("'=") and row[9].data_type == "s"
    assert row[5].value == -3 and row[5].data_type == "n"
    assert row[7].value == 0  # unit multiplier, an empty note elsewhere stays empty


def test_datapackage_passes_frictionless_validation(demo, client, tmp_path):
    from frictionless import validate

    archive = zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/datapackage.zip"))))
    archive.extractall(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == [
        "observations",
        "indicators",
        "themes",
        "regions",
        "region_code_sources",
        "region_names",
        "institutions",
        "institution_references",
        "references",
        "swot_analyses",
        "swot_items",
        "swot_item_indicators",
        "swot_item_institutions",
        "swot_item_references",
        "strategies",
        "strategy_swot_items",
        "initiatives",
        "initiative_terms",
        "initiative_institutions",
        "initiative_strategies",
        "targets",
        "policy_terms",
        "sdg_goals",
        "sdg_targets",
    ]
    for resource in descriptor["resources"]:  # every field described, every code field with its codes
        assert all(field["description"] for field in resource["schema"]["fields"]), resource["name"]
    status = next(f for f in descriptor["resources"][0]["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["A", "P", "E", "B"]
    for info in archive.infolist():  # readable by everyone once unpacked, dated when the data last changed
        assert (info.external_attr >> 16) & 0o444 == 0o444, info.filename
        assert info.date_time[0] >= 2026, info.filename
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert any("10.46914/1562-2959-2021-1-4-28-32" in source.get("path", "") for source in descriptor["sources"])
    # The region's codes cite their classifier: in the link table and among the package's sources.
    with open(tmp_path / "data" / "region_code_sources.csv", encoding="utf-8") as table:
        assert list(csv.reader(table)) == [["region", "reference"], ["astana", "iso3166_2_kz"]]
    assert any(
        source.get("path") == "https://www.iso.org/obp/ui/#iso:code:3166:KZ" for source in descriptor["sources"]
    )
    regions = next(r for r in descriptor["resources"] if r["name"] == "regions")["schema"]["fields"]
    assert "empty means not established" in next(f for f in regions if f["name"] == "kato")["description"]
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with open(tmp_path / "data" / "observations.csv", encoding="utf-8") as table:
        assert sum(1 for _ in table) == 25
    fields = {f["name"]: f["type"] for f in descriptor["resources"][1]["schema"]["fields"]}
    for name in ("periodicity", "compiler", "contact", "methodology", "limitations", "coverage", "source_note"):
        assert fields[name] == "string", name
    assert fields["last_updated"] == fields["next_release"] == "date"


def test_data_page_explains_downloads_and_offers_citations(demo, client):
    response = client.get("/ru/data/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'type="application/ld+json"' in page and '"@type": "Dataset"' in page
    for link in (
        "observations.csv",
        "observations.xlsx",
        "observations.json",
        "observations-sdmx.csv",
        "datapackage.zip",
        "cite.bib",
        "cite.ris",
        "cite.json",
    ):
        assert link in page
    assert "@misc{city_innovation_portal_dataset" in page and "TY  - DATA" in page
    bib = client.get("/en/data/cite.bib")
    assert bib.status_code == 200 and bib.content.startswith(b"@misc{")
    csl = json.loads(client.get("/en/data/cite.json").content)
    assert csl[0]["type"] == "dataset"
    assert client.get("/en/data/cite.doc").status_code == 404
