"""manage.py import_observations FILE [--dry-run]: the admin's observation import, from a shell."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.importing import DECIMAL_MARKS, ENCODINGS, ChoiceNeeded, FileRefused, ReadOptions, parse_file
from indicators.services import ObservationImportRejected, observation_import

SEPARATOR_NAMES = {"semicolon": ";", "comma": ",", "tab": "\t"}


class Command(BaseCommand):
    help = "Import observations from a CSV, TXT or XLSX file (long or wide layout), all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, save nothing.")
        parser.add_argument("--encoding", choices=list(ENCODINGS), default="")
        parser.add_argument("--separator", choices=list(SEPARATOR_NAMES), default="")
        parser.add_argument("--decimal", choices=list(DECIMAL_MARKS), default="", help="Decimal mark: . or ,")
        parser.add_argument("--region", default="", help="Region code for a wide file without a region column.")

    def progress(self, done, total):
        checked = ngettext("checked %(done)s of %(total)s row", "checked %(done)s of %(total)s rows", total)
        self.stderr.write(checked % {"done": done, "total": total}, ending="\r")
        self.stderr.flush()

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        started = time.monotonic()
        read_options = ReadOptions(
            options["encoding"], SEPARATOR_NAMES.get(options["separator"], ""), options["decimal"], options["region"]
        )
        try:
            parsed = parse_file(path.read_bytes(), path.name, read_options)
        except ChoiceNeeded as needed:
            raise CommandError(
                _("%(message)s Use --%(option)s.") % {"message": needed, "option": needed.option}
            ) from None
        except FileRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            ngettext(
                "Read %(count)s observation (%(layout)s layout, encoding %(encoding)s, decimal mark “%(decimal)s”) "
                "in %(seconds).1f s.",
                "Read %(count)s observations (%(layout)s layout, encoding %(encoding)s, decimal mark “%(decimal)s”) "
                "in %(seconds).1f s.",
                len(parsed.observations),
            )
            % {
                "count": len(parsed.observations),
                "layout": parsed.layout,
                "encoding": parsed.encoding or "xlsx",
                "decimal": parsed.decimal,
                "seconds": time.monotonic() - started,
            }
        )
        if parsed.stopped_at_row:
            self.stderr.write(
                self.style.WARNING(
                    _(
                        "The sheet was read up to row %(row)s: a thousand empty rows came before it; anything "
                        "further down was not read."
                    )
                    % {"row": parsed.stopped_at_row}
                )
            )
        try:
            outcome = observation_import(
                parsed, filename=path.name, dry_run=options["dry_run"], progress=self.progress
            )
        except ObservationImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            raise CommandError(
                ngettext(
                    "Nothing was imported: %(count)s problem.",
                    "Nothing was imported: %(count)s problems.",
                    len(rejected.errors),
                )
                % {"count": len(rejected.errors)}
            ) from None
        for warning in outcome.warnings:
            self.stderr.write(self.style.WARNING(warning))
        summary = _("%(new)s new, %(changed)s changed, %(unchanged)s unchanged") % outcome.counts
        if options["dry_run"]:
            self.stdout.write(_("Dry run, nothing saved: %(summary)s.") % {"summary": summary})
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Imported in %(seconds).1f s: %(summary)s.")
                    % {"summary": summary, "seconds": time.monotonic() - started}
                )
            )
