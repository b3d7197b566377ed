"""Bulletins of the statistics bureau import as published: workbooks made by tests/data/make_bulletins.py
(title and unit rows, merged two-row headers, regions as rows with footnote marks, "2022*", "х", "-",
"…", footnotes, a contents sheet first; .xlsx in Russian and Kazakh, .xls, .ods)."""

import sys
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from indicators.importing import ChoiceNeeded, FileRefused, ReadOptions, parse_file
from indicators.models import Observation
from indicators.services import ObservationImportRejected, observation_import
from portal.models import RegionAlias
from tests.support.snapshot import content_snapshot

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
from make_bulletins import make_bulletins  # noqa: E402


@pytest.fixture(scope="session")
def bulletins(tmp_path_factory):
    return make_bulletins(tmp_path_factory.mktemp("bulletins"))


def read(path, **options):
    return parse_file(path.read_bytes(), path.name, ReadOptions(**options))


def astana(indicator):
    return {
        o.period: (o.value, o.status)
        for o in Observation.objects.filter(indicator__code=indicator, region__code="astana").order_by("period")
    }


@pytest.mark.parametrize(
    "name",
    [
        "a_innovation_ru_2018-2022.xlsx",
        "b_innovation_kk_2018-2022.xlsx",
        "c_innovation_ru_2018-2022.xls",
        "d_innovation_ru_2018-2022.ods",
    ],
)
def test_a_bulletin_as_published_imports_the_astana_row_and_says_what_it_skipped(demo, bulletins, name):
    parsed = read(bulletins[name], indicator="enterprises_with_innovation", skip_unknown_regions=True)
    assert (parsed.layout, parsed.sheet) == ("bulletin", "1")  # the contents sheet is passed over
    assert len(parsed.sheets) == 3
    assert parsed.unit in ("единиц", "бірлік")
    assert parsed.skipped_by_kind == {"confidential": 2, "nothing": 1, "no_data": 2}
    assert parsed.footnotes and parsed.footnotes[0].startswith("1)")  # kept and reported, not read as data
    assert any(mark.endswith("→ г. Астана") or mark.endswith("→ Астана қаласы") for mark in parsed.marks)
    outcome = observation_import(parsed, filename=name)
    assert outcome.counts == {"new": 2, "changed": 0, "unchanged": 3}
    # 2018-2020 are the demo's figures; 2022* is preliminary.
    assert {period: value for period, value in astana("enterprises_with_innovation").items() if period >= "2018"} == {
        "2018": (583, "A"),
        "2019": (567, "A"),
        "2020": (453, "A"),
        "2021": (627, "A"),
        "2022": (571, "P"),
    }
    assert len(outcome.plan.skipped_regions) == 17  # the republic and 16 regions the portal does not hold
    assert "Республика Казахстан" in outcome.plan.skipped_regions or "Қазақстан Республикасы" in (
        outcome.plan.skipped_regions
    )


def test_unknown_regions_are_reported_once_each_with_their_rows(demo, bulletins):
    before = content_snapshot()
    with pytest.raises(ObservationImportRejected) as rejected:
        observation_import(read(bulletins["a_innovation_ru_2018-2022.xlsx"], indicator="enterprises_with_innovation"))
    errors = rejected.value.errors
    assert len(errors) == 17  # not one per cell (85)
    [akmola] = [error for error in errors if error.value == "Акмолинская область"]
    assert akmola.row == 6  # on one row of five cells: the error's row says where
    assert akmola.reason == "no region has this code or name; add it as another name of a region in the admin"
    assert content_snapshot() == before


def test_a_one_indicator_table_asks_which_indicator_it_holds(demo, bulletins):
    with pytest.raises(ChoiceNeeded) as needed:
        read(bulletins["a_innovation_ru_2018-2022.xlsx"])
    assert needed.value.option == "indicator"
    assert "показатель" in str(needed.value)


def test_nur_sultan_is_astana_in_its_years_and_an_alias_covers_the_others(demo, bulletins):
    path = bulletins["a2_innovation_ru_2017-2021_nur-sultan.xls"]
    with pytest.raises(ObservationImportRejected) as rejected:
        observation_import(read(path, indicator="enterprises_with_innovation", skip_unknown_regions=True))
    [error] = rejected.value.errors
    assert error.value == "г. Нур-Султан" and "2019-2022 only" in error.reason
    # The 2019-2021 cells matched Astana by its former name; 2017 and 2018 did not. An editor adds the alias:
    RegionAlias.objects.create(
        region_id=Observation.objects.filter(region__code="astana")[0].region_id, name="Нур-Султан"
    )
    outcome = observation_import(read(path, indicator="enterprises_with_innovation", skip_unknown_regions=True))
    assert outcome.counts == {"new": 1, "changed": 0, "unchanged": 4}
    assert astana("enterprises_with_innovation")["2021"] == (353, "P")


def test_two_tables_side_by_side_ask_which_one(demo, bulletins):
    path = bulletins["a_innovation_ru_2018-2022.xlsx"]
    with pytest.raises(ChoiceNeeded) as needed:
        read(path, sheet="2", indicator="innovation_share")
    assert needed.value.option == "group" and len(needed.value.choices) == 2
    parsed = read(path, sheet="2", indicator="innovation_share", group="1", skip_unknown_regions=True)
    assert parsed.ignored_columns  # the other table's columns are named, not silently dropped
    observation_import(parsed)
    assert astana("innovation_share")["2019"] == (Decimal("14.8"), "A")


@pytest.mark.parametrize("name", ["f_monthly_dates.xlsx", "f_monthly_dates.xls", "f_monthly_dates.ods"])
def test_periods_excel_turned_into_dates_are_refused_with_a_hint(db, bulletins, name):
    with pytest.raises(FileRefused, match="is a date .* Format the heading row as Text"):
        read(bulletins[name], indicator="population")


def test_a_table_in_thousands_of_persons_is_moved_into_the_indicators_millions(demo, bulletins):
    parsed = read(bulletins["g_population_thousands.xlsx"], indicator="population", skip_unknown_regions=True)
    assert parsed.unit == "тыс. человек"
    observation_import(parsed)
    assert astana("population")["2023"] == (Decimal("1.3546"), "A")  # 1354.6 thousand, not 1354.6 million


def test_a_unit_unlike_the_indicators_is_refused(demo, bulletins):
    parsed = read(
        bulletins["g_population_thousands.xlsx"], indicator="average_monthly_wage", skip_unknown_regions=True
    )
    with pytest.raises(ObservationImportRejected) as rejected:
        observation_import(parsed)
    error = rejected.value.errors[0]
    assert (
        error.column == "unit" and "states the unit “тыс. человек”, but this indicator is in “tenge”" in error.reason
    )


def test_the_command_reads_a_bulletin_and_lists_what_it_skipped(demo, bulletins):
    out, err = StringIO(), StringIO()
    call_command(
        "import_observations",
        str(bulletins["c_innovation_ru_2018-2022.xls"]),
        "--indicator=enterprises_with_innovation",
        "--skip-unknown-regions",
        "--language=en",
        stdout=out,
        stderr=err,
    )
    assert "2 new, 0 changed, 3 unchanged" in out.getvalue()
    assert "Notes under the table" in out.getvalue() and "2 confidential cells" in out.getvalue()
    assert "Skipped the rows of “Акмолинская область”" in err.getvalue()
    with pytest.raises(CommandError, match="--indicator"):
        call_command("import_observations", str(bulletins["c_innovation_ru_2018-2022.xls"]), stdout=out, stderr=err)


@pytest.mark.parametrize("heading", ["2022*", "2022 1)", "2022¹⁾"])
def test_a_marked_year_heading_makes_its_column_preliminary(demo, tmp_path, heading):
    from make_bulletins import marked_year_xlsx

    path = marked_year_xlsx(tmp_path / "marked.xlsx", heading)
    parsed = read(path, indicator="enterprises_with_innovation")
    assert parsed.footnotes and parsed.footnotes[0].endswith("Предварительные данные.")
    outcome = observation_import(parsed, filename=path.name)
    assert outcome.counts == {"new": 2, "changed": 0, "unchanged": 1}
    shown = astana("enterprises_with_innovation")
    assert (shown["2020"], shown["2021"], shown["2022"]) == ((453, "A"), (627, "A"), (571, "P"))
