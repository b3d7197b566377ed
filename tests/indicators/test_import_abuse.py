"""The import's abuse suite: hostile files (made by tests/data/make_hostile_files.py, never stored)
through the command and the admin (the API's hostile rows: tests/api/test_observation_import_abuse.py).
Each is refused with a message in the editor's language and changes nothing; reading them all stays
within a memory cap."""

import re
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from indicators.models import ChangeSet
from tests.support.processes import environment, manage
from tests.support.snapshot import content_snapshot

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "data"))
from make_hostile_files import HOSTILE, make_hostile_files  # noqa: E402

IMPORT_URL = "/admin/indicators/observation/import/"
# Peak memory (RSS) of one process reading every hostile file: well under the 300 MB promised.
MEMORY_CAP_MB = 250


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    return make_hostile_files(tmp_path_factory.mktemp("hostile"))


def unchanged_since(before, change_sets):
    with translation.override("en"):  # the untranslated `name` columns read in the active language
        return content_snapshot() == before and ChangeSet.objects.count() == change_sets


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_command_refuses_each_hostile_file_and_changes_nothing(demo, hostile, name):
    before, change_sets = content_snapshot(), ChangeSet.objects.count()
    err = StringIO()
    with pytest.raises(CommandError) as refused:
        call_command("import_observations", str(hostile[name]), "--language=en", stdout=StringIO(), stderr=err)
    assert HOSTILE[name] in str(refused.value) + err.getvalue()
    assert unchanged_since(before, change_sets)


def refusal_on_page(html):
    """The refusal as the admin shows it: the error note, or the table of bad rows."""
    notes = re.findall(r'<(?:div|p|ul) class="errornote[^"]*">(.*?)</(?:div|p|ul)>', html, re.S)
    notes += re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    notes += re.findall(r'<table id="import-errors">(.*?)</table>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", note) for note in notes)


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_admin_refuses_each_hostile_file_in_the_editors_language(demo, editor_client, hostile, name):
    before, change_sets = content_snapshot(), ChangeSet.objects.count()
    answers = {}
    for language in ("en", "ru"):
        with hostile[name].open("rb") as handle:
            response = editor_client.post(IMPORT_URL, {"file": handle}, HTTP_ACCEPT_LANGUAGE=language, follow=True)
        assert response.status_code == 200
        answers[language] = refusal_on_page(response.content.decode())
    assert HOSTILE[name] in answers["en"]
    # The same refusal, in Russian: not the English text, and in Cyrillic letters.
    assert HOSTILE[name] not in answers["ru"] and re.search("[а-я]{4}", answers["ru"])
    assert unchanged_since(before, change_sets)


def test_every_hostile_file_is_read_or_refused_within_the_memory_cap(demo_database_url, hostile):
    """One process takes every hostile file through the command; its peak memory stays under the cap
    (bench/import_abuse.py prints each file's own peak)."""
    code = (
        "import sys\n"
        "from django.core.management import call_command, CommandError\n"
        "for path in sys.argv[1:]:\n"
        "    try:\n"
        "        call_command('import_observations', path, '--language=en', stdout=open('/dev/null', 'w'),"
        " stderr=open('/dev/null', 'w'))\n"
        "        print('imported', path)\n"
        "    except CommandError:\n"
        "        pass\n"
        # VmHWM: this process's own peak (ru_maxrss would start from the size of pytest, which forked it).
        "status = open('/proc/self/status').read()\n"
        "print('peak', int(status.split('VmHWM:')[1].split()[0]) // 1024)\n"
    )
    script = Path(hostile[next(iter(hostile))]).parent / "read_all.py"
    script.write_text(
        "import django, os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'portal.settings')\n"
        "django.setup()\n" + code
    )
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        f"import sys; sys.argv = ['x', *{[str(p) for p in hostile.values()]!r}]; exec(open({str(script)!r}).read())",
        env=environment(DATABASE_URL=demo_database_url),
    )
    assert "imported" not in result.stdout
    peak = int(re.search(r"peak (\d+)", result.stdout).group(1))
    assert peak < MEMORY_CAP_MB, f"peak memory {peak} MB"


def test_the_command_refuses_a_file_over_the_limit_before_reading_it(demo_database_url, tmp_path):
    """A 4 GB file (sparse: it costs no disk) is refused by its size alone; reading it first would
    take 4 GB of memory (issue 11.12)."""
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as handle:
        handle.truncate(4 * 1024**3)
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.management import call_command, CommandError\n"
        "try:\n"
        f"    call_command('import_observations', {str(huge)!r}, '--language=en')\n"
        "except CommandError as refused:\n"
        "    print('refused:', refused)\n"
        "status = open('/proc/self/status').read()\n"
        "print('peak', int(status.split('VmHWM:')[1].split()[0]) // 1024)\n",
        env=environment(DATABASE_URL=demo_database_url),
    )
    assert "refused:" in result.stdout and "MB" in result.stdout.split("refused:")[1]
    peak = int(re.search(r"peak (\d+)", result.stdout).group(1))
    assert peak < MEMORY_CAP_MB, f"peak memory {peak} MB"


def test_a_nul_in_what_checking_found_is_stored_as_a_visible_mark():
    from indicators.import_jobs import storable

    assert storable({"title": "Итоги\x00", "rows": [("г. Астана\x00",)]}) == {
        "title": "Итоги␀",
        "rows": [["г. Астана␀"]],
    }
    clean = {"title": "Итоги", "rows": [["г. Астана", "3 605"]]}
    assert storable(clean) == clean
