"""backup_data writes everything; restore_data into an empty database gives it all back."""

from contextlib import contextmanager

import psycopg2
import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db import connection

from indicators.models import Observation
from tests.support.processes import current_database_snapshot, database_snapshot, database_url, environment, manage


@contextmanager
def empty_database(tmp_path):
    """A new, empty database of the same kind as the test database, as a DATABASE_URL."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings = {**connection.settings_dict, "NAME": connection.settings_dict["NAME"] + "_restored"}
    server = psycopg2.connect(
        dbname="postgres",
        user=settings["USER"],
        password=settings["PASSWORD"],
        host=settings["HOST"],
        port=settings["PORT"],
    )
    server.autocommit = True
    with server.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')
        cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    try:
        yield database_url(settings)
    finally:
        with server.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}" WITH (FORCE)')
        server.close()


@pytest.mark.django_db(transaction=True)
def test_a_backup_restored_into_an_empty_database_gives_back_every_row(tmp_path, editor):
    call_command("load_demo_data", stdout=open("/dev/null", "w"))
    observation = Observation.objects.first()
    observation.note_kk, observation.note_ru = "қазақша ескерту", "примечание по-русски"
    observation.save()
    LogEntry.objects.create(
        user=editor, content_type=ContentType.objects.get_for_model(Observation), object_id=str(observation.pk),
        object_repr=str(observation), action_flag=CHANGE, change_message="note",
    )  # fmt: skip
    before = current_database_snapshot()

    call_command("backup_data", str(tmp_path / "portal.backup"), stdout=open("/dev/null", "w"))
    with empty_database(tmp_path) as url:
        restored = manage(
            "restore_data", "--no-input", str(tmp_path / "portal.backup"), env=environment(DATABASE_URL=url)
        )
        assert "Database restored" in restored.stdout
        after = database_snapshot(url)

    # Every row came back, but the content version is new: pages cached before the restore are not served.
    version_before, version_after = (
        before["tables"].pop("ops_contentversion"),
        after["tables"].pop("ops_contentversion"),
    )
    assert version_after and version_after != version_before
    assert after == before
    observations = after["content"]["indicators.Observation"]
    assert len(observations) == Observation.objects.count() > 20
    assert {"қазақша ескерту", "примечание по-русски"} <= {row["note_kk"] for row in observations} | {
        row["note_ru"] for row in observations
    }
    assert after["tables"]["django_admin_log"]  # the editors' history came back too


@pytest.mark.django_db
def test_restoring_a_file_that_is_no_backup_changes_nothing(tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    with pytest.raises(CommandError, match="is not an? .* backup made by backup_data"):
        call_command("restore_data", "--no-input", str(not_a_backup))
