"""History that tells the truth: imports and reverts on each observation's History, linked to their
change set; a one-field edit shows one changed field."""

from pathlib import Path

from django.contrib.admin.sites import site
from django.http import QueryDict

from indicators.importing import parse_file
from indicators.models import Observation
from indicators.services import change_set_revert, observation_import
from portal.models import Reference
from tests.support.admin import change_url

DATA = Path(__file__).resolve().parent.parent / "data"


def history_page(client, obj):
    return client.get(change_url(obj, "history")).content.decode()


def test_an_import_and_its_revert_are_on_the_observations_history(demo, editor, editor_client):
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    text = "indicator;region;period;value\r\nenterprises_total;astana;2020;3610\r\nschools;astana;2022;1950\r\n"
    outcome = observation_import(parse_file(text.encode(), "wages.csv"), user=editor, filename="wages.csv")
    changed = Observation.objects.get(indicator__code="enterprises_total", period="2020")
    page = history_page(editor_client, changed)
    link = f"/admin/indicators/changeset/{outcome.change_set.pk}/change/"
    assert link in page and "Import: #" in page
    assert "3,605" in page and "3,610" in page  # the value's history, old -> new, as the editor writes numbers
    assert "editor" in page  # who
    created = Observation.objects.get(indicator__code="schools", period="2022")
    assert link in history_page(editor_client, created)
    revert = change_set_revert(outcome.change_set, user=editor)
    page = history_page(editor_client, changed)
    assert f"/admin/indicators/changeset/{revert.change_set.pk}/change/" in page and "Revert: #" in page
    assert changed.history.count() == 3  # loaded by the demo, imported, reverted


def test_a_kazakh_only_edit_shows_one_changed_field(demo, editor_client):
    # The editor works in a Russian admin; the demo data was loaded in English.
    editor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    reference = Reference.objects.order_by("pk").first()
    model_admin = site._registry[Reference]
    request = editor_client.get("/admin/").wsgi_request
    form = model_admin.get_form(request, reference, change=True)(instance=reference)
    data = QueryDict(mutable=True)
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data.setlist(name, [str(getattr(item, "pk", item)) for item in value])
        elif value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = str(value)
    data["title_kk"] = data.get("title_kk", "") + " (жаңа)"
    response = editor_client.post(change_url(reference), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = history_page(editor_client, reference)
    latest = page.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert latest.count("<strong>") == 1 and "(жаңа)" in latest  # not `name`, not None -> "", not False -> True
