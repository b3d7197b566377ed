"""The policy in the downloads: the data package's policy tables with their foreign keys, and the
STIP-style list of initiatives."""

import csv
import io
import json
import zipfile
from pathlib import Path

from policies.models import Initiative
from tests.support import policy_factories

DATA = Path(__file__).resolve().parent.parent / "data"


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def unpacked(client, tmp_path):
    zipfile.ZipFile(io.BytesIO(body(client.get("/en/data/datapackage.zip")))).extractall(tmp_path)
    return tmp_path


def table(folder, name):
    return list(csv.DictReader(io.StringIO((folder / "data" / f"{name}.csv").read_text(encoding="utf-8"))))


def test_the_policy_tables_hold_together_by_foreign_keys_and_drafts_stay_out(demo, client, tmp_path):
    from frictionless import validate

    policy_factories.demo_share_target()
    Initiative.objects.filter(key="innovation_demand_stimulation").update(published=False)
    folder = unpacked(client, tmp_path)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text())
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    assert {
        "fields": ["vocabulary", "code"],
        "reference": {"resource": "policy_terms", "fields": ["vocabulary", "code"]},
    } in schemas["initiative_terms"]["foreignKeys"]
    assert {"fields": "part_of", "reference": {"resource": "", "fields": "key"}} in schemas["initiatives"][
        "foreignKeys"
    ]

    assert table(folder, "targets") == [
        {
            "key": "innovation-share-2025",
            "indicator": "innovation_share",
            "region": "astana",
            "value": "20",
            "period": "2025",
            "baseline_value": "",
            "baseline_period": "2015",
            "initiative": "nur_sultan_city_of_innovation",
            "strategy": "",
            "source": "astana_innovations_10years",
            "note": "",
            "progress": "moving_away",
            "latest_value": "12.6",
            "latest_period": "2020",
            "expected_value": "16.6",
        }
    ]
    initiatives = [row["key"] for row in table(folder, "initiatives")]
    assert len(initiatives) == 14 and "innovation_demand_stimulation" not in initiatives
    links = [
        row
        for name in ("initiative_terms", "initiative_institutions", "initiative_strategies")
        for row in table(folder, name)
    ]
    assert all(row["initiative"] != "innovation_demand_stimulation" for row in links)
    assert {"initiative": "qaztech_ventures_financing", "vocabulary": "target_group", "code": "TG27"} in table(
        folder, "initiative_terms"
    )
    assert {"strategy": "sme_innovation_share", "analysis": "astana-2021", "item": "private_demand"} in table(
        folder, "strategy_swot_items"
    )
    assert {s["key"]: s["tows_type"] for s in table(folder, "strategies")}["adult_retraining"] == "ST"
    assert len(table(folder, "sdg_targets")) == 169


def test_the_stip_style_list_of_initiatives_is_the_expected_bytes(demo, client):
    response = client.get("/en/data/initiatives-stip.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="initiatives-stip.csv"' in response["Content-Disposition"]
    assert body(response) == (DATA / "initiatives-stip.en.csv").read_bytes()
    russian = list(
        csv.DictReader(io.StringIO(body(client.get("/ru/data/initiatives-stip.csv?bom=1")).decode("utf-8-sig")))
    )
    fund = next(row for row in russian if row["InitiativeID"] == "qaztech_ventures_financing")
    assert fund["Name"] == "Венчурное финансирование QazTech Ventures"
    assert (fund["InstrumentTypeCodes"], fund["ThemeCodes"], fund["TargetGroupCodes"]) == (
        "PI013",
        "TH35,TH38",
        "TG27",
    )
    assert fund["TargetGroupLabels"] == "Молодые компании (от 1 до 5 лет)"


def test_a_formula_in_an_initiatives_name_is_neutralised(demo, client):
    Initiative.objects.filter(key="state_contracts").update(name_en='=HYPERLINK("http://x")')
    rows = list(csv.DictReader(io.StringIO(body(client.get("/en/data/initiatives-stip.csv")).decode())))
    assert next(r for r in rows if r["InitiativeID"] == "state_contracts")["Name"] == '\'=HYPERLINK("http://x")'
