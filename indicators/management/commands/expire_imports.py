"""manage.py expire_imports: removes the staged observation imports older than
OBSERVATION_IMPORT_STAGED_HOURS (Celery beat runs the same hourly: indicators.expire_imports)."""

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import ngettext

from indicators.import_jobs import import_jobs_expire, staged_hours
from indicators.management.commands.import_observations import shell_language


class Command(BaseCommand):
    help = "Remove the staged observation imports older than OBSERVATION_IMPORT_STAGED_HOURS."

    def handle(self, *args, **options):
        removed = import_jobs_expire()
        with translation.override(shell_language()):
            self.stdout.write(
                ngettext(
                    "Removed %(count)s staged import (older than %(hours)s h).",
                    "Removed %(count)s staged imports (older than %(hours)s h).",
                    removed,
                )
                % {"count": removed, "hours": staged_hours()}
            )
