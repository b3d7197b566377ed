"""Change sets in the admin: a revert asks first, with counts; a refused revert names and links the
later change set that blocks it; times follow TIME_ZONE."""

import datetime
from pathlib import Path

from indicators.importing import parse_file
from indicators.models import ChangeSet, Observation
from indicators.services import observation_import

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
