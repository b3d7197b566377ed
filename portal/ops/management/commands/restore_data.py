from django.core.management.base import BaseCommand, CommandError

from portal.ops.backup import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Replace the whole database by a backup made with backup_data (an empty database, or one "
        "to overwrite). On PostgreSQL the restore is one transaction: if it fails, nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by backup_data")
        parser.add_argument("--no-input", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path, no_input, **options):
        if not no_input:
            answer = input(f"Everything in the database will be replaced by {path}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            database_restore(path)
        except (BackupError, OSError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Database restored from {path}")
