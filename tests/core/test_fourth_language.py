"""Adding a language is settings, migrations, catalogues and demo columns: with a fourth
language switched on in settings, every list of language columns follows by itself."""

import json
import subprocess
import sys

from tests.support.processes import ROOT, environment

# Runs in a process of its own: modeltranslation adds the language columns when the models load.
SCRIPT = r"""
import io, json
import django
django.setup()
from django.test.utils import setup_test_environment
setup_test_environment()
from django.contrib import admin
from django.core.management import call_command
from django.test import Client
from indicators.importing import parse_file
from indicators.models import Indicator, Observation
from indicators.resources import ObservationResource
from indicators.services import observation_import
from portal.models import Institution

call_command("migrate", run_syncdb=True, verbosity=0)
call_command("load_demo_data", stdout=io.StringIO())
client = Client()
indicator = client.get("/api/v1/indicators/innovation_share/?translations=all").json()
csv = "indicator,region,period,value,note_uz\r\ninnovation_share,astana,2015,13.2,Izoh\r\n".encode()
observation_import(parse_file(csv, "notes.csv"), filename="notes.csv")
page = client.get("/uz/indicators/innovation_share/")
saved = Observation.objects.get(indicator__code="innovation_share", region__code="astana", period="2015")
print(json.dumps({
    "admin_search": admin.site._registry[Institution].search_fields,
    "api_fields": sorted(indicator),
    "import_note": saved.note_uz,
    "export_columns": ObservationResource().export().headers,
    "page_status": page.status_code,
    "page_shows_fallback_name": Indicator.objects.get(code="innovation_share").name_ru in page.content.decode(),
}))
"""


def test_a_fourth_language_in_settings_reaches_the_admin_search_the_api_the_import_and_the_exports(tmp_path):
    env = environment(
        DJANGO_SETTINGS_MODULE="tests.support.settings_fourth_language",
        FOURTH_LANGUAGE_DATABASE=str(tmp_path / "fourth.sqlite3"),
    )
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert {"name_uz", "description_uz"} <= set(seen["admin_search"])
    assert {"name_uz", "definition_uz", "unit_uz"} <= set(seen["api_fields"])
    assert seen["import_note"] == "Izoh"
    assert {"note_uz"} <= set(seen["export_columns"])
    assert seen["page_status"] == 200 and seen["page_shows_fallback_name"]
