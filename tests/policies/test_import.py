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


GOOD = [
    "share-2025",
    "innovation_share",
    "astana",
    "20",
    "2025",
    "13.2",
    "2015",
    "road_map",
    "",
    "programme2025",
    1,
    "",
    "",
    "As the road map states.",
]


def test_targets_import_all_or_nothing_and_every_bad_row_is_named(db, setting):
    rows = [
        GOOD,
        [
            "share-2026",
            "innovation_share",
            "astana",
            "20,5",
            "2026",
            "",
            "2015",
            "road_map",
            "",
            "programme2025",
            1,
            "",
            "",
            "",
        ],
        [
            "share-2027",
            "no_such_indicator",
            "astana",
            "20",
            "2027",
            "",
            "2015",
            "road_map",
            "",
            "programme2025",
            1,
            "",
            "",
            "",
        ],
        [
            "share-2028",
            "innovation_share",
            "astana",
            "20",
            "2028",
            "",
            "2015",
            "road_map",
            "sme_share",
            "programme2025",
            1,
            "",
            "",
            "",
        ],
        ["share-2029", "innovation_share", "astana", "20", "2029", "", "2015", "road_map", "", "", 1, "", "", ""],
        [
            "share-2030",
            "innovation_share",
            "astana",
            "20",
            "2030-Q5",
            "",
            "2015",
            "road_map",
            "",
            "programme2025",
            1,
            "",
            "",
            "",
        ],
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

    content_import([("targets", TargetResource, targets([GOOD]))])
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


def test_an_editor_imports_targets_from_xlsx_through_the_admin(db, editor_client, setting):
    row = [*GOOD[:3], 20, "2025", 13.2, *GOOD[6:]]  # numbers as Excel keeps them
    preview = editor_client.post(
        reverse("admin:policies_target_import"),
        {"import_file": xlsx_upload([row]), "format": "1", "resource": "0"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert preview.status_code == 200 and "New" in preview.content.decode()
    assert not Target.objects.exists()
    confirm = preview.context["confirm_form"].initial
    done = editor_client.post(reverse("admin:policies_target_process_import"), confirm, follow=True)
    assert done.status_code == 200
    assert Target.objects.get().baseline_value == Decimal("13.2")

    bad = [*GOOD[:3], "lots", "2026", 13.2, *GOOD[6:]]
    bad[0] = "share-2026"
    refused = editor_client.post(
        reverse("admin:policies_target_import"),
        {"import_file": xlsx_upload([row, bad]), "format": "1", "resource": "0"},
        HTTP_ACCEPT_LANGUAGE="ru",
    )
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
