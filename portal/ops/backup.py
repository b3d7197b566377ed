"""Whole-database backup and restore: content, translations (columns of the same
rows), history, users, everything.

PostgreSQL: pg_dump's custom format, restored by pg_restore in one transaction
(a failed restore changes nothing). SQLite: SQLite's own online backup API,
which copies a consistent snapshot while the portal keeps running.
"""

import os
import shutil
import sqlite3
import subprocess

from django.db import connection, connections

from .caching import new_content_version

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    pass


def _vendor():
    return connection.vendor


def _pg_environment():
    settings = connection.settings_dict
    environment = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings.get(key):
            environment[variable] = str(settings[key])
    return environment


def _pg_tool(name, *args):
    program = shutil.which(name)
    if program is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    result = subprocess.run([program, *args], env=_pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{name} failed: {result.stderr.strip()}")


def database_backup(path):
    """Write a backup of the whole database to `path`."""
    if _vendor() == "postgresql":
        _pg_tool(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            "--file",
            str(path),
            connection.settings_dict["NAME"],
        )
    elif _vendor() == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"Backups of {_vendor()} databases are not supported.")


def database_restore(path):
    """Replace the whole database by the backup at `path` (made by database_backup)."""
    with open(path, "rb") as backup:
        head = backup.read(16)
    if _vendor() == "postgresql":
        if not head.startswith(PG_DUMP_MAGIC):
            raise BackupError(f"{path} is not a PostgreSQL backup made by backup_data.")
        connections.close_all()
        _pg_tool(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "--exit-on-error", "--dbname", connection.settings_dict["NAME"], str(path),
        )  # fmt: skip
    elif _vendor() == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path} is not an SQLite backup made by backup_data.")
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
    else:
        raise BackupError(f"Restoring {_vendor()} databases is not supported.")
    # Cached pages were built from the content before the restore.
    new_content_version()
