"""Export then re-import of every model through the editors' resources loses nothing."""

import pytest
import tablib

from portal.content import content_resources
from portal.services import ImportRejected, content_import
from tests.support.snapshot import content_models, content_snapshot


def export_all(file_format):
    exported = []
    for name, resource_class in content_resources():
        # As the admin does: native numbers in binary formats, text in CSV.
        dataset = resource_class().export(force_native_type=file_format == "xlsx")
        exported.append((name, resource_class, dataset.export(file_format)))
    return exported


def reload(exported, file_format):
    return [
        (name, resource_class, tablib.Dataset().load(data, format=file_format))
        for name, resource_class, data in exported
    ]


def wipe():
    from indicators.models import Indicator

    Indicator.objects.exclude(numerator=None).delete()  # derived ones protect their components
    for model in reversed(content_models()):
        model.objects.all().delete()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_import_into_an_empty_database_restores_every_row_in_every_language(demo, file_format):
    before = content_snapshot()
    exported = export_all(file_format)
    wipe()
    assert all(not model.objects.exists() for model in content_models())
    content_import(reload(exported, file_format))
    assert content_snapshot() == before
    # The snapshot holds every language column; make sure they are really there.
    assert before["indicators.Indicator"][0]["name_kk"] and before["indicators.Indicator"][0]["name_ru"]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_reimporting_an_export_over_the_same_data_changes_nothing(demo, file_format):
    before = content_snapshot()
    totals = content_import(reload(export_all(file_format), file_format))
    assert {name: (t.new, t.update) for name, t in totals.items()} == {
        name: (0, 0) for name, _r in content_resources()
    }
    assert content_snapshot() == before


def test_exports_name_rows_by_natural_keys_never_by_database_id(demo):
    for name, resource_class in content_resources():
        headers = resource_class().export().headers
        assert "id" not in headers, name
    observations = dict(content_resources())["observations"]().export()
    first = observations.dict[0]
    assert first["indicator"] == "average_monthly_wage"
    assert first["region"] == "astana"
    assert {"note_kk", "note_ru", "note_en"} <= set(observations.headers)


def test_one_bad_row_saves_nothing_and_every_bad_row_is_named(demo):
    from indicators.models import Observation

    before = content_snapshot()
    dataset = tablib.Dataset(
        headers=["indicator", "region", "period", "value", "status", "source", "note_kk", "note_ru", "note_en"]
    )
    dataset.append(["enterprises_total", "astana", "2021", "3500", "A", "", "", "", ""])
    dataset.append(["enterprises_total", "astana", "2021-Q5", "3500", "A", "", "", "", ""])
    dataset.append(["no_such_indicator", "astana", "2021", "1", "A", "", "", "", ""])
    dataset.append(["enterprises_total", "astana", "2022", "3 500", "A", "", "", "", ""])
    with pytest.raises(ImportRejected) as rejected:
        content_import([("observations", dict(content_resources())["observations"], dataset)])
    problems = "\n".join(rejected.value.problems)
    assert "row 2" in problems and "“2021-Q5” is not a period" in problems
    assert "row 3" in problems and "No indicator has the code “no_such_indicator”" in problems
    assert "row 4" in problems and "“3 500” is not a number" in problems
    assert "row 1" not in problems
    assert content_snapshot() == before
    assert not Observation.objects.filter(period="2021", indicator__code="enterprises_total").exists()


def test_texts_are_imported_in_composed_form(demo):
    """A name pasted with a decomposed "й" ("и" + combining breve) is stored as the "й" readers type."""
    from portal.models import Region

    decomposed = "Таразский регион".replace("й", "и\u0306")
    dataset = tablib.Dataset(headers=["code", "kind", "name_kk", "name_ru", "name_en"])
    dataset.append(["taraz", "region", "", decomposed, "Taraz region"])
    content_import([("regions", dict(content_resources())["regions"], dataset)])
    assert Region.objects.get(code="taraz").name_ru == "Таразский регион"
