"""The editors' observation import, with files made as Excel on Russian/Kazakh Windows makes them."""

import csv
import re
import uuid
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.importing import ChoiceNeeded, FileRefused, ReadOptions, parse_file, parse_number
from indicators.models import ChangeSet, ImportJob, Observation
from indicators.services import ObservationImportRejected, change_set_revert, observation_import
from tests.support.snapshot import content_snapshot

DATA = Path(__file__).resolve().parent.parent / "data"
IMPORT_URL = "/admin/indicators/observation/import/"


@pytest.fixture
def editor_client(editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the admin follows the browser's language
    return editor_client


def value_of(indicator, period, region="astana"):
    return Observation.objects.get(indicator__code=indicator, region__code=region, period=period).value


def import_file(name, **options):
    data = (DATA / name).read_bytes()
    return observation_import(parse_file(data, name, ReadOptions(**options)), filename=name)


def upload(client, name, **choices):
    """The upload, then the page of the staged import (the worker ran at once: no broker in the tests)."""
    with (DATA / name).open("rb") as handle:
        response = client.post(IMPORT_URL, {"file": handle, **choices})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response["Location"])
    page.job_url = response["Location"]
    return page


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


def test_the_tidy_export_edited_in_russian_excel_imports_as_it_is(demo):
    outcome = import_file("observations_excel_ru_cp1251.csv")
    assert outcome.counts == {"new": 1, "changed": 1, "unchanged": 4}
    assert value_of("enterprises_total", "2020") == Decimal("3610")
    assert value_of("average_monthly_wage", "2021-Q3") == Decimal("338951.5")  # "338 951,5" with a no-break space
    assert value_of("population", "2021-08-01") == Decimal("1.2")  # "1,2" million: not 12
    changed = Observation.objects.get(indicator__code="enterprises_total", period="2020")
    assert (changed.status, changed.note_ru) == ("P", "уточнено Бюро")
    # Excel turned the Kazakh notes into "?" (cp1251 has no such letters): the portal's text is kept.
    population = Observation.objects.get(indicator__code="population")
    assert "Мақалада" in population.note_kk and "?" not in population.note_kk
    assert any("note_kk" in warning for warning in outcome.warnings)


def test_a_kazakh_windows_file_keeps_its_kazakh_letters(demo):
    import_file("observations_excel_kk_kz1048.csv")
    universities = Observation.objects.get(indicator__code="universities", period="2022")
    assert universities.note_kk == "Жаңа университет ашылды: Әлихан Бөкейхан атындағы"
    assert value_of("unemployment_rate", "2021-Q3") == Decimal("4.4")


def test_the_papers_table_1_in_the_wide_layout_with_kazakh_names(demo):
    parsed = parse_file((DATA / "table1_wide_kz1048.csv").read_bytes(), "table1.csv")
    assert (parsed.layout, parsed.encoding, parsed.separator, parsed.decimal) == ("wide", "kz1048", ";", ",")
    outcome = observation_import(parsed)
    assert outcome.counts == {"new": 1, "changed": 0, "unchanged": 18}
    assert value_of("universities", "2020") == 16


def test_a_real_xlsx_workbook_with_a_title_row_and_numeric_year_headers(demo):
    before = content_snapshot()
    outcome = import_file("table1_wide.xlsx")
    assert outcome.counts == {"new": 0, "changed": 0, "unchanged": 20}
    assert content_snapshot() == before


def test_excel_unicode_text_utf16_with_tabs(demo):
    parsed = parse_file((DATA / "observations_unicode_text.txt").read_bytes(), "x.txt")
    assert (parsed.encoding, parsed.separator) == ("utf-16", "\t")
    observation_import(parsed)
    assert value_of("schools", "2022") == 1950


def test_every_encoding_and_separator_is_detected(demo):
    for encoding in ["utf-8", "utf-8-sig", "utf-16", "cp1251", "kz1048"]:
        for separator in [",", ";", "\t"]:
            value = '"13,5"' if separator == "," else "13,5"
            text = separator.join(["indicator", "region", "period", "value", "note_ru"]) + "\r\n"
            text += separator.join(["innovation_share", "astana", "2021", value, f"оценка {encoding}"]) + "\r\n"
            parsed = parse_file(text.encode(encoding), "x.csv")
            assert (parsed.separator, parsed.decimal) == (separator, ","), (encoding, separator)
            observation_import(parsed)
            saved = Observation.objects.get(indicator__code="innovation_share", period="2021")
            assert (saved.value, saved.note_ru) == (Decimal("13.5"), f"оценка {encoding}")


@pytest.mark.parametrize(
    ("text", "mark", "number"),
    [
        ("4 103", ",", "4103"),
        ("4\u00a0103,5", ",", "4103.5"),
        ("4'103.5", ".", "4103.5"),
        ("4’103", ".", "4103"),
        ("1.234,5", ",", "1234.5"),
        ("1,234.5", ".", "1234.5"),
        ("1,234", ".", "1234"),
        ("1,234", ",", "1.234"),
        ("0,5", ",", "0.5"),
        ("-12,75", ",", "-12.75"),
        ("1 234 567", ".", "1234567"),
    ],
)
def test_numbers_as_spreadsheets_write_them(text, mark, number):
    assert parse_number(text, mark) == Decimal(number)


@pytest.mark.parametrize(
    ("text", "mark"), [("13,2", "."), ("1.5", ","), ("12 34", "."), ("1,2E+06", ","), ("abc", "."), ("1,", ",")]
)
def test_a_number_written_another_way_is_refused_never_rescaled(text, mark):
    with pytest.raises(ValueError):
        parse_number(text, mark)


def test_an_ambiguous_file_asks_the_editor_and_the_answer_decides(demo):
    data = (DATA / "observations_ambiguous.csv").read_bytes()
    with pytest.raises(ChoiceNeeded) as needed:
        parse_file(data, "a.csv")
    assert needed.value.option == "decimal" and "1,950" in needed.value.examples
    observation_import(parse_file(data, "a.csv", ReadOptions(decimal=".")))
    assert value_of("schools", "2022") == 1950


def test_every_bad_row_is_reported_and_nothing_is_saved(demo):
    before = content_snapshot()
    with pytest.raises(ObservationImportRejected) as rejected:
        import_file("observations_errors_cp1251.csv")
    reported = {(e.row, e.column): e.reason for e in rejected.value.errors}
    assert set(reported) == {
        (2, "indicator"),
        (3, "region"),
        (4, "period"),
        (5, "value"),
        (6, "value"),
        (7, "value"),
        (9, "period"),
    }
    assert "highest plausible" in reported[(6, "value")]
    assert "row 8" in reported[(9, "period")]
    assert content_snapshot() == before
    assert not ChangeSet.objects.exists()


def test_errors_come_in_the_editors_language(demo):
    with translation.override("ru"):
        with pytest.raises(ObservationImportRejected) as rejected:
            import_file("observations_errors_cp1251.csv")
        assert (
            str(rejected.value.errors[0]) == "Строка 2, столбец «indicator», значение «no_such_indicator»: "
            "нет показателя с таким кодом или названием"
        )
    with translation.override("kk"):
        with pytest.raises(ObservationImportRejected) as rejected:
            import_file("observations_errors_cp1251.csv")
        assert (
            str(rejected.value.errors[0])
            == "2-жол, «indicator» бағаны, «no_such_indicator» мәні: мұндай коды немесе атауы бар көрсеткіш жоқ"
        )


def test_a_value_a_power_of_ten_apart_from_the_indicators_unit_is_refused(demo):
    text = "indicator;region;period;value;unit_multiplier\r\npopulation;astana;2022;1200000;0\r\n"
    with pytest.raises(ObservationImportRejected) as rejected:
        observation_import(parse_file(text.encode(), "x.csv"))
    assert rejected.value.errors[0].column == "unit_multiplier"


def test_too_big_a_file_is_refused_before_it_is_read(demo, settings):
    settings.OBSERVATION_IMPORT_MAX_BYTES = 100
    with pytest.raises(FileRefused, match="MB"):
        parse_file(b"x" * 101, "x.csv")


def test_a_sheet_formatted_to_the_bottom_reads_its_table_only(demo, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["indicator", "region", "period", "value"])
    sheet.append(["schools", "astana", "2022", 1950])
    sheet.cell(row=1_048_576, column=4).number_format = "0.0"  # formatted "to the bottom", as Excel users do
    path = tmp_path / "tall.xlsx"
    book.save(path)
    parsed = parse_file(path.read_bytes(), "tall.xlsx")
    assert [(o.row, o.cells["value"]) for o in parsed.observations] == [(2, 1950)]


def test_the_command_imports_with_a_dry_run_first(demo):
    out = StringIO()
    call_command(
        "import_observations",
        str(DATA / "observations_excel_kk_kz1048.csv"),
        "--dry-run",
        stdout=out,
        stderr=StringIO(),
    )
    assert "2 new" in out.getvalue()
    assert not Observation.objects.filter(period="2022").exists()
    call_command("import_observations", str(DATA / "observations_excel_kk_kz1048.csv"), stdout=out, stderr=StringIO())
    assert Observation.objects.filter(period="2022").count() == 1


def test_the_command_reports_every_bad_row(demo):
    err = StringIO()
    with pytest.raises(CommandError, match="7"):
        call_command(
            "import_observations", str(DATA / "observations_errors_cp1251.csv"), stdout=StringIO(), stderr=err
        )
    assert "Row 5, column “value”, value “н/д”" in err.getvalue()


def test_admin_upload_preview_then_confirm(demo, editor_client):
    response = upload(editor_client, "observations_excel_ru_cp1251.csv")
    html = response.content.decode()
    assert response.status_code == 200
    assert "1 new, 1 changed, 4 unchanged" in html
    assert "published 12.6, but its counts give 12.5485" in html  # the derived check warns, does not refuse
    assert value_of("enterprises_total", "2020") == 3605  # the preview saves nothing
    changed = editor_client.get(response.job_url, {"show": "changed"}).content.decode()
    # Names and units, old -> new in the editor's number format.
    assert "Number of enterprises" in changed and "3,605 → 3,610" in changed and "enterprises" in changed
    response = editor_client.post(response.job_url, {"fingerprint": hidden(html, "fingerprint"), "confirm": "1"})
    assert response.status_code == 302
    response = editor_client.get(response["Location"])  # the import's page: done, on to its change set
    assert value_of("enterprises_total", "2020") == 3610
    change_set = ChangeSet.objects.get()
    assert response["Location"].endswith(f"/changeset/{change_set.pk}/change/")
    page = editor_client.get(response["Location"]).content.decode()
    assert "3605" in page and "3610" in page and change_set.filename == "observations_excel_ru_cp1251.csv"
    assert not ImportJob.objects.get().data  # the file is removed once imported


def test_the_preview_speaks_the_editors_language_and_number_format(demo, editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    response = upload(editor_client, "observations_excel_ru_cp1251.csv")
    changed = editor_client.get(response.job_url, {"show": "changed"}).content.decode()
    assert "Число предприятий" in changed and "3\u00a0605 → 3\u00a0610" in changed


def test_admin_asks_for_the_decimal_mark_without_a_second_upload(demo, editor_client):
    response = upload(editor_client, "observations_ambiguous.csv")
    assert "can be read as a thousand times apart" in response.content.decode()
    html = editor_client.post(response.job_url, {"decimal": "."}, follow=True).content.decode()
    assert "2 new, 0 changed, 0 unchanged" in html
    assert "value: 1,950<" in html  # one thousand nine hundred and fifty, as the editor said


def test_admin_lists_every_bad_row_and_offers_them_as_csv(demo, editor_client):
    response = upload(editor_client, "observations_errors_cp1251.csv")
    html = response.content.decode()
    assert "Nothing was imported: 7 problems in the file." in html
    assert "авг.21" in html and "н/д" in html
    problems = editor_client.get(response.job_url + "problems.csv")
    lines = problems.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Row,Column,Value,Problem" and len(lines) == 8
    assert lines[1].startswith("2,indicator,no_such_indicator,no indicator has this code or name")


def test_admin_preview_is_paginated(demo, editor_client, tmp_path):
    rows = "".join(f"schools;astana;{year};{year}\r\n" for year in range(1850, 2100))
    path = tmp_path / "many.csv"
    path.write_text("indicator;region;period;value\r\n" + rows)
    with path.open("rb") as handle:
        html = editor_client.post(IMPORT_URL, {"file": handle}, follow=True).content.decode()
    assert "249 new, 1 changed" in html and "Page 1 of 3" in html
    assert html.count("<code>schools</code>") == 100


def test_confirm_refuses_when_the_rows_changed_since_the_preview(demo, editor_client):
    response = upload(editor_client, "observations_excel_kk_kz1048.csv")
    html = response.content.decode()
    import_file("observations_excel_kk_kz1048.csv")  # someone else, meanwhile
    Observation.objects.filter(period="2022").update(value=18)
    answer = editor_client.post(
        response.job_url, {"fingerprint": hidden(html, "fingerprint"), "confirm": "1"}, follow=True
    )
    assert "changed these observations after your preview" in answer.content.decode()
    assert value_of("universities", "2022") == 18


def test_a_cancelled_import_is_gone_and_an_old_one_expires(demo, editor_client, settings):
    from datetime import timedelta

    from django.utils import timezone

    response = upload(editor_client, "observations_excel_kk_kz1048.csv")
    editor_client.post(response.job_url, {"cancel": "1"})
    assert not ImportJob.objects.exists()
    assert editor_client.get(response.job_url).status_code == 404
    upload(editor_client, "observations_excel_kk_kz1048.csv")
    ImportJob.objects.update(created_at=timezone.now() - timedelta(hours=settings.OBSERVATION_IMPORT_STAGED_HOURS + 1))
    upload(editor_client, "observations_excel_kk_kz1048.csv")  # any upload removes the expired ones
    assert ImportJob.objects.count() == 1


def test_an_import_is_one_change_set_that_reverts_as_a_whole(demo):
    before = content_snapshot()
    outcome = import_file("observations_excel_ru_cp1251.csv")
    change_set = outcome.change_set
    assert (change_set.new_count, change_set.changed_count) == (1, 1)
    assert {
        "indicator": "enterprises_total",
        "region": "astana",
        "period": "2020",
        "old": {"value": "3605", "status": "A", "note_ru": ""},
        "new": {"value": "3610", "status": "P", "note_ru": "уточнено Бюро"},
    } in change_set.changes
    revert = change_set_revert(change_set)
    assert revert.counts == {"new": 0, "changed": 1, "deleted": 1}
    assert content_snapshot() == before
    with pytest.raises(ObservationImportRejected, match="already been reverted"):
        change_set_revert(change_set)
    change_set_revert(revert.change_set)  # the revert of the revert is the import again
    assert value_of("enterprises_total", "2020") == 3610


def test_a_revert_refuses_to_overwrite_a_later_change(demo):
    change_set = import_file("observations_excel_kk_kz1048.csv").change_set
    Observation.objects.filter(indicator__code="universities", period="2022").update(value=18)
    with pytest.raises(ObservationImportRejected, match="universities · astana · 2022 was changed after"):
        change_set_revert(change_set)
    assert value_of("universities", "2022") == 18


def test_a_preview_checks_the_files_rows_once(demo, editor_client, monkeypatch):
    """The preview reads and checks every row once, and its pages read what it stored."""
    import indicators.selectors

    checked_rows = []

    class CountedProblems(indicators.selectors.RowProblems):
        def __init__(self, raw):
            checked_rows.append(raw.row)
            super().__init__(raw)

    monkeypatch.setattr(indicators.selectors, "RowProblems", CountedProblems)
    response = upload(editor_client, "observations_excel_ru_cp1251.csv")
    editor_client.get(response.job_url, {"show": "unchanged"})
    assert "new," in response.content.decode()
    assert checked_rows and sorted(checked_rows) == sorted(set(checked_rows))


def test_the_note_column_of_a_download_imports_into_the_language_the_editor_names(demo, client):
    response = client.get("/ru/data/observations.csv?indicator=population")
    export = b"".join(response.streaming_content).decode()
    edited = export.replace("\r\n", "\n").splitlines()
    header = edited[0].split(",")
    assert "note" in header  # the download's note, in the language of the page
    row = next(csv.reader([edited[1]]))
    row[header.index("note")] = "уточнено"
    data = (",".join(header) + "\r\n" + ",".join(f'"{cell}"' for cell in row) + "\r\n").encode()
    with pytest.raises(ChoiceNeeded) as needed:
        parse_file(data, "observations.csv")
    assert needed.value.option == "note_language"
    outcome = observation_import(parse_file(data, "observations.csv", ReadOptions(note_language="ru")))
    assert outcome.counts["changed"] == 1
    assert Observation.objects.get(indicator__code="population").note_ru == "уточнено"


SCALE_SLIP = "indicator;region;period;value\r\nenterprises_total;astana;2021;3605000\r\n"  # 2020: 3605


def test_the_command_refuses_a_value_far_from_its_series_unless_the_scale_is_confirmed(demo, tmp_path):
    path = tmp_path / "slip.csv"
    path.write_text(SCALE_SLIP)
    before = content_snapshot()
    err = StringIO()
    with pytest.raises(CommandError, match="1 value is far from its series and was held back.*--confirm-scale"):
        call_command("import_observations", str(path), "--language=en", stdout=StringIO(), stderr=err)
    assert "is far from 3605, the value for 2020" in err.getvalue()
    assert content_snapshot() == before
    out = StringIO()
    call_command("import_observations", str(path), "--confirm-scale", "--language=en", stdout=out, stderr=StringIO())
    assert "1 new, 0 changed, 0 unchanged" in out.getvalue()
    assert value_of("enterprises_total", "2021") == 3605000


def test_the_admin_holds_a_value_far_from_its_series_until_the_editor_confirms_it(demo, editor_client, tmp_path):
    path = tmp_path / "slip.csv"
    path.write_text(SCALE_SLIP)
    with path.open("rb") as handle:
        response = editor_client.post(IMPORT_URL, {"file": handle})
    job_url = response["Location"]
    html = editor_client.get(job_url).content.decode()
    assert 'id="import-held"' in html and "is far from 3605, the value for 2020" in html
    assert 'name="confirm_scale"' in html
    confirm = {"fingerprint": hidden(html, "fingerprint"), "confirm": "1"}
    refused = editor_client.post(job_url, confirm, follow=True).content.decode()
    assert "Some values are far from their series: look at them and confirm them." in refused
    assert not Observation.objects.filter(indicator__code="enterprises_total", period="2021").exists()
    done = editor_client.post(job_url, {**confirm, "confirm_scale": "1"}, follow=True)
    assert done.status_code == 200
    assert value_of("enterprises_total", "2021") == 3605000
    assert ChangeSet.objects.get().new_count == 1


def test_expire_imports_removes_the_staged_imports_nobody_came_back_for(demo, editor, settings):
    from datetime import timedelta

    from django.utils import timezone

    from portal.celery_app import app

    old, fresh = (
        ImportJob.objects.create(token=uuid.uuid4(), user=editor, filename=name, data=b"x", language="en", options={})
        for name in ("old.csv", "fresh.csv")
    )
    hours = settings.OBSERVATION_IMPORT_STAGED_HOURS
    ImportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=hours, minutes=1))
    ImportJob.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - timedelta(hours=hours - 1))
    out = StringIO()
    call_command("expire_imports", stdout=out)
    assert out.getvalue().strip() == f"Removed 1 staged import (older than {hours} h)."
    assert list(ImportJob.objects.values_list("filename", flat=True)) == ["fresh.csv"]
    # Beat asks for the same every hour, without anyone uploading again.
    entry = app.conf.beat_schedule["expire-staged-imports"]
    assert (entry["task"], entry["schedule"]) == ("indicators.expire_imports", 3600)
    ImportJob.objects.filter(pk=fresh.pk).update(created_at=timezone.now() - timedelta(hours=hours + 1))
    assert app.tasks[entry["task"]].delay().get() == 1
    assert not ImportJob.objects.exists()
    worker = (Path(__file__).resolve().parents[2] / "deploy" / "portal-worker.service").read_text()
    assert re.search(r"^ExecStart=.* worker .*--beat", worker, re.MULTILINE)


def test_rows_written_are_reported_batch_by_batch(demo, tmp_path, settings):
    settings.OBSERVATION_IMPORT_WRITE_BATCH = 500
    months = [f"{year}-{month:02d}" for year in range(1800, 2050) for month in range(1, 13)]
    data = ("indicator;region;period;value\r\n" + "".join(f"schools;astana;{m};1950\r\n" for m in months)).encode()
    parsed = parse_file(data, "monthly.csv")
    assert len(parsed.observations) == 3000
    reported = []
    outcome = observation_import(parsed, filename="monthly.csv", write_progress=reported.append)
    assert outcome.counts["new"] == 3000
    assert reported == [500, 1000, 1500, 2000, 2500, 3000]  # as each batch is written, not only at the end
    assert Observation.objects.filter(indicator__code="schools", period__contains="-").count() == 3000


def test_an_unknown_indicator_is_reported_once_with_its_rows(demo):
    rows = "".join(f"no_such_indicator;astana;{v};{v};{v}\r\n" for v in (1, 2, 3))
    more = "schools;astana;1900;1900;1900\r\nschools;atlantis;1;2;3\r\nschools;atlantis;1;2;3\r\n"
    data = ("indicator;region;2019;2020;2021\r\n" + rows + more).encode()
    before = content_snapshot()
    with pytest.raises(ObservationImportRejected) as rejected:
        observation_import(parse_file(data, "wide.csv"))
    indicator, region = rejected.value.errors  # not one per cell (9 and 6): as an unknown region is
    assert (indicator.row, indicator.column, indicator.value) == (2, "indicator", "no_such_indicator")
    assert indicator.reason == "no indicator has this code or name (3 rows: 2, 3, 4)"
    assert (region.row, region.column, region.value) == (6, "region", "atlantis")
    assert region.reason.endswith("add it as another name of a region in the admin (2 rows: 6, 7)")
    assert content_snapshot() == before


def test_a_changed_value_is_weighed_against_its_neighbours_never_its_own_old_value(demo):
    series = list(
        Observation.objects.filter(indicator__code="enterprises_total", region__code="astana")
        .order_by("period_start")
        .values_list("period", "value")
    )
    assert len(series) >= 2, series
    (before, _before_value), (period, value) = series[:2]
    slip = f"indicator;region;period;value\r\nenterprises_total;astana;{period};{value * 1000}\r\n"
    with pytest.raises(ObservationImportRejected) as refused:
        observation_import(parse_file(slip.encode(), "slip.csv"), filename="slip.csv")
    reasons = " ".join(str(error) for error in refused.value.errors)
    assert f"the value for {before}" in reasons and f"the value for {period}" not in reasons
    # A small revision of the same row is not held back: its old value is not taken for a neighbour.
    nudge = f"indicator;region;period;value\r\nenterprises_total;astana;{period};{value + 1}\r\n"
    outcome = observation_import(parse_file(nudge.encode(), "nudge.csv"), filename="nudge.csv")
    assert outcome.counts["changed"] == 1 and value_of("enterprises_total", period) == value + 1
