from django.core.management.base import BaseCommand, CommandError

from portal.ops.backup import BackupError, database_backup


class Command(BaseCommand):
    help = (
        "Back up the whole database (content in every language, history, users) to one file: "
        "pg_dump's custom format on PostgreSQL, an SQLite copy on SQLite. Safe while the portal runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="file to write, e.g. backups/portal-2026-11-28.dump")

    def handle(self, *args, path, **options):
        try:
            database_backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup written to {path}")
