"""Change sets in the admin: a revert asks first, with counts; a refused revert names and links the
later change set that blocks it; times follow TIME_ZONE."""

import datetime
from pathlib import Path

from indicators.importing import parse_file
from indicators.models import ChangeSet, Observation
from indicators.services import change_set_revert, observation_import

DATA = Path(__file__).resolve().parent.parent / "data"


def imported(text, name="f.csv"):
    return observation_import(parse_file(text.encode(), name), filename=name).change_set


def revert_url(change_set):
    return f"/admin/indicators/changeset/{change_set.pk}/revert/"


def test_a_revert_asks_with_counts_before_it_runs(demo, editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    change_set = imported(
        "indicator;region;period;value\r\nenterprises_total;astana;2020;3610\r\nschools;astana;2022;1950\r\n"
    )
    page = editor_client.get(revert_url(change_set)).content.decode()
    assert "touches 2 rows: 1 created rows are removed, 1 changed values are set back, 0 deleted" in page
    assert Observation.objects.filter(period="2022", indicator__code="schools").exists()  # asking changed nothing
    response = editor_client.post(revert_url(change_set), {"confirm": "1"})
    assert response.status_code == 302
    assert not Observation.objects.filter(period="2022", indicator__code="schools").exists()


def test_a_refused_revert_names_and_links_the_change_set_that_blocks_it(demo, editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    first = imported("indicator;region;period;value\r\nschools;astana;2022;1950\r\n", "first.csv")
    later = imported("indicator;region;period;value\r\nschools;astana;2022;1960\r\n", "later.csv")
    response = editor_client.post(revert_url(first), {"confirm": "1"}, follow=True)
    page = response.content.decode()
    assert "Schools · astana · 2022 was changed after this change set" in page and "(later.csv)" in page
    assert f'href="/admin/indicators/changeset/{later.pk}/change/"' in page
    assert Observation.objects.get(indicator__code="schools", period="2022").value == 1960


def test_change_set_titles_follow_the_time_zone(db, settings):
    settings.TIME_ZONE = "Asia/Almaty"
    change_set = ChangeSet.objects.create(kind=ChangeSet.Kind.IMPORT)
    ChangeSet.objects.filter(pk=change_set.pk).update(
        created_at=datetime.datetime(2026, 3, 1, 20, 30, tzinfo=datetime.UTC)
    )
    change_set.refresh_from_db()
    assert str(change_set) == "import of 2026-03-02 01:30"  # 20:30 UTC is 01:30 the next day in Almaty


def test_a_change_set_keeps_every_changed_value_and_text_exactly(demo):
    """The change set is written as JSON text (streamed on PostgreSQL): quotes, backslashes, tabs and
    Kazakh letters come back as the file had them, and the revert puts back the old value."""
    note = 'Дереккөз: "ҚР ҰСБ" \\ бюллетень\tқаңтар'
    before = Observation.objects.get(indicator__code="enterprises_total", region__code="astana", period="2020")
    change_set = imported(
        "indicator\tregion\tperiod\tvalue\tnote_kk\r\n"
        f'enterprises_total\tastana\t2020\t3610,5\t"{note.replace(chr(34), chr(34) * 2)}"\r\n'
        "schools\tastana\t2022\t1950\t\r\n",
        "f.txt",
    )
    stored = ChangeSet.objects.get(pk=change_set.pk).changes
    by_key = {(c["indicator"], c["region"], c["period"]): c for c in stored}
    revised = by_key[("enterprises_total", "astana", "2020")]
    assert revised["new"] == {"value": "3610.5", "note_kk": note}
    assert revised["old"]["value"] == str(before.value.normalize()) and revised["old"]["note_kk"] == before.note_kk
    assert by_key[("schools", "astana", "2022")] == {
        "indicator": "schools",
        "region": "astana",
        "period": "2022",
        "old": None,
        "new": {"value": "1950"},
    }
    change_set_revert(ChangeSet.objects.get(pk=change_set.pk))
    after = Observation.objects.get(pk=before.pk)
    assert (after.value, after.note_kk) == (before.value, before.note_kk)
    assert not Observation.objects.filter(indicator__code="schools", period="2022").exists()
