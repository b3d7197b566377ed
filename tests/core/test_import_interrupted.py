"""An import killed in the middle of its transaction leaves the database exactly as it was."""

import signal
import subprocess
import sys

from tests.support.processes import ROOT, database_snapshot, environment

# Re-imports the demo with every observation's English note changed, then, with the
# observations written but not committed, says so and waits to be killed.
IMPORT_KILLED_HALFWAY = """
import time
from portal.management.commands.load_demo_data import demo_datasets
from portal.resources import PageResource
from portal.services import content_import
from indicators.models import Observation

class WaitToBeKilled(PageResource):
    def import_data(self, *args, **kwargs):
        written = Observation.objects.filter(note_en="written by an import that never finished").count()
        print("halfway", written, flush=True)
        time.sleep(120)

datasets = []
for name, resource, dataset in demo_datasets():
    if name == "observations":
        column = dataset.headers.index("note_en")
        for number, row in enumerate(list(dataset)):
            dataset[number] = row[:column] + ("written by an import that never finished",) + row[column + 1:]
    datasets.append((name, resource, dataset))
    if name == "observations":
        datasets.append(("pause", WaitToBeKilled, dataset))
content_import(datasets)
"""


def test_an_import_killed_halfway_leaves_the_database_as_it_was(demo_database_url):
    before = database_snapshot(demo_database_url)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", IMPORT_KILLED_HALFWAY],
        cwd=ROOT,
        env=environment(DATABASE_URL=demo_database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline()
        assert line.startswith("halfway "), line + process.stderr.read()
        assert int(line.split()[1]) > 0  # inside its transaction the import has changed observations
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL
    after = database_snapshot(demo_database_url)
    assert after == before
    notes = {row["note_en"] for row in after["content"]["indicators.Observation"]}
    assert "written by an import that never finished" not in notes
