"""The policy goes in and out through the editors' import and export: rows by natural keys, all or nothing."""

import io
from decimal import Decimal

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from policies.models import Initiative, Target, TaxonomyTerm
from policies.resources import InitiativeResource, TargetResource
from portal.services import ImportRejected, content_import
from tests.support import factories, policy_factories

TARGET_HEADERS = [
    "key",
    "indicator",
    "region",
    "value",
    "period",
    "baseline_value",
    "baseline_period",
    "initiative",
    "strategy",
    "source",
    "published",
    "note_kk",
    "note_ru",
    "note_en",
]


@pytest.fixture
def setting():
    """An indicator, a region, an initiative, a strategy and a source to name in the files."""
    return {
        "indicator": factories.indicator(code="innovation_share", decimals=1),
        "region": factories.region(code="astana"),
        "initiative": policy_factories.initiative(key="road_map"),
        "strategy": policy_factories.strategy(key="sme_share"),
        "source": factories.reference(key="programme2025"),
    }


def targets(rows):
    dataset = tablib.Dataset(headers=TARGET_HEADERS)
    for row in rows:
        dataset.append(row)
    return dataset


GOOD = {
    "key": "share-2025",
    "indicator": "innovation_share",
    "region": "astana",
    "value": "20",
    "period": "2025",
    "baseline_value": "13.2",
    "baseline_period": "2015",
    "initiative": "road_map",
    "strategy": "",
    "source": "programme2025",
    "published": 1,
    "note_kk": "",
    "note_ru": "",
    "note_en": "As the road map states.",
}


def row(**changes):
    """A row of the targets file: the good one, with `changes`."""
    return [{**GOOD, **changes}[header] for header in TARGET_HEADERS]


def test_targets_import_all_or_nothing_and_every_bad_row_is_named(db, setting):
    rows = [
        row(),
        row(key="share-2026", value="20,5"),
        row(key="share-2027", indicator="no_such_indicator"),
        row(key="share-2028", strategy="sme_share"),
        row(key="share-2029", source=""),
        row(key="share-2030", period="2030-Q5"),
    ]
    with pytest.raises(ImportRejected) as rejected:
        content_import([("targets", TargetResource, targets(rows))])
    problems = "\n".join(rejected.value.problems)
    assert "row 1" not in problems
    assert "row 2, column “value”: “20,5” is not a number." in problems
    assert "row 3, column “indicator”: No indicator has the code “no_such_indicator”." in problems
    assert "row 4, column “initiative”: A target is set by one initiative or by one strategy" in problems
    assert "row 5, column “source”: A target without a source cannot be published" in problems
    assert "row 6, column “period”: “2030-Q5” is not a period." in problems
    assert not Target.objects.exists()

    content_import([("targets", TargetResource, targets([row()]))])
    target = Target.objects.get()
    assert (target.indicator.code, target.value, target.baseline_value, target.initiative.key) == (
        "innovation_share",
        Decimal("20"),
        Decimal("13.2"),
        "road_map",
    )
    assert target.note_en == "As the road map states."


def xlsx_upload(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(TARGET_HEADERS)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("targets.xlsx", buffer.getvalue())


def upload(client, rows, language="en"):
    return client.post(
        reverse("admin:policies_target_import"),
        {"import_file": xlsx_upload(rows), "format": "1", "resource": "0"},
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_an_editor_imports_targets_from_xlsx_through_the_admin(db, editor_client, setting):
    excel = {"value": 20, "baseline_value": 13.2}  # numbers as Excel keeps them
    preview = upload(editor_client, [row(**excel)])
    assert preview.status_code == 200 and "New" in preview.content.decode()
    assert not Target.objects.exists()
    confirm = preview.context["confirm_form"].initial
    done = editor_client.post(reverse("admin:policies_target_process_import"), confirm, follow=True)
    assert done.status_code == 200
    assert Target.objects.get().baseline_value == Decimal("13.2")

    refused = upload(editor_client, [row(**excel), row(key="share-2026", value="lots")], language="ru")
    assert refused.context.get("confirm_form") is None
    assert "«lots»" in refused.content.decode()
    assert Target.objects.count() == 1


def initiatives(
    rows, headers=("key", "kind", "name_ru", "name_en", "instrument_types", "themes", "swot_items", "part_of")
):
    dataset = tablib.Dataset(headers=list(headers))
    for row in rows:
        dataset.append(row)
    return dataset


def test_codes_are_looked_up_in_their_own_vocabulary_and_swot_items_by_analysis_and_key(db):
    policy_factories.term(TaxonomyTerm.Vocabulary.INSTRUMENT_TYPE, "PI013")
    policy_factories.term(TaxonomyTerm.Vocabulary.THEME, "TH38")
    item = factories.item(analysis=factories.analysis(slug="astana-2021"), key="financing")
    rows = [
        ["fund", "fund_instrument", "Фонд", "Fund", "PI013", "TH38", "astana-2021/financing", ""],
        ["wrong", "fund_instrument", "Фонд", "Fund", "TH38", "", "", ""],
        ["lost", "fund_instrument", "Фонд", "Fund", "", "", "financing,astana-2021/nothing", ""],
    ]
    with pytest.raises(ImportRejected) as rejected:
        content_import([("initiatives", InitiativeResource, initiatives(rows))])
    problems = "\n".join(rejected.value.problems)
    assert "row 2: No STIP taxonomy term has the code “TH38”." in problems
    assert "row 3: Name each SWOT item as analysis/key, e.g. astana-2021/state_support, not “financing”." in problems
    assert not Initiative.objects.exists()
    content_import([("initiatives", InitiativeResource, initiatives(rows[:1]))])
    fund = Initiative.objects.get()
    assert [t.code for t in fund.instrument_types.all()] == ["PI013"] and list(fund.swot_items.all()) == [item]


def test_an_export_lists_each_initiative_after_the_one_it_is_part_of_so_it_imports_back(db):
    programme = policy_factories.initiative(key="z-programme")
    road_map = policy_factories.initiative(key="y-road-map", part_of=programme)
    policy_factories.initiative(key="x-measure", part_of=road_map)
    exported = InitiativeResource().export(queryset=Initiative.objects.order_by("key"))
    assert [row["key"] for row in exported.dict] == ["z-programme", "y-road-map", "x-measure"]
    Initiative.objects.filter(key="x-measure").delete()
    Initiative.objects.filter(key="y-road-map").delete()
    Initiative.objects.filter(key="z-programme").delete()
    content_import([("initiatives", InitiativeResource, tablib.Dataset().load(exported.export("csv"), format="csv"))])
    assert Initiative.objects.get(key="x-measure").part_of.part_of.key == "z-programme"
