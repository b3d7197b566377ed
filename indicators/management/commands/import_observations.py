"""manage.py import_observations FILE [--dry-run] [--confirm-scale]: the admin's observation import, from a shell.

Values far from their series (the scale guard) are refused unless --confirm-scale says they are right.

Messages follow --language, else the shell's LANG (LC_ALL, LC_MESSAGES), else English."""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from indicators.importing import (
    DECIMAL_MARKS,
    ENCODINGS,
    ChoiceNeeded,
    FileRefused,
    ReadOptions,
    check_size,
    parse_file,
)
from indicators.services import ObservationImportRejected, observation_import

SEPARATOR_NAMES = {"semicolon": ";", "comma": ",", "tab": "\t"}
BAR_WIDTH = 30


def shell_language(environ=os.environ):
    """The interface language the shell asks for (LANG=ru_RU.UTF-8 -> ru), if the portal speaks it."""
    codes = [code for code, _name in settings.LANGUAGES]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        code = value.split(".")[0].split("_")[0].lower()
        if code in codes:
            return code
        if value:
            break
    return "en" if "en" in codes else settings.LANGUAGE_CODE


class Command(BaseCommand):
    help = (
        "Import observations from a CSV, TXT, XLSX, XLS or ODS file (long, wide or bulletin layout), all rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Check and count, save nothing.")
        parser.add_argument(
            "--confirm-scale",
            action="store_true",
            help="Import values far from their series (held back by the scale guard otherwise), once checked.",
        )
        parser.add_argument("--encoding", choices=list(ENCODINGS), default="")
        parser.add_argument("--separator", choices=list(SEPARATOR_NAMES), default="")
        parser.add_argument("--decimal", choices=list(DECIMAL_MARKS), default="", help="Decimal mark: . or ,")
        parser.add_argument("--region", default="", help="Region code for a file without a region column.")
        parser.add_argument("--indicator", default="", help="Indicator code for a one-indicator table (a bulletin).")
        parser.add_argument("--sheet", default="", help="The workbook's sheet to read (default: the first table).")
        parser.add_argument("--group", default="", help="Which of several tables side by side on a sheet (1, 2, …).")
        parser.add_argument("--unit", default="", help="Unit of the values when the file states none (тыс. человек).")
        parser.add_argument(
            "--note-language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="",
            help="Language of a “note” column that does not say it.",
        )
        parser.add_argument(
            "--skip-unknown-regions", action="store_true", help="Skip rows of regions the portal does not hold."
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default="",
            help="Language of the messages (default: the shell's LANG).",
        )

    def progress(self, done, total):
        filled = BAR_WIDTH * done // max(total, 1)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        checked = ngettext("checked %(done)s of %(total)s row", "checked %(done)s of %(total)s rows", total)
        self.stderr.write(f"[{bar}] " + checked % {"done": done, "total": total}, ending="\r")
        self.stderr.flush()

    def handle(self, *args, **options):
        with translation.override(options["language"] or shell_language()):
            self.run(options)

    def run(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        started = time.monotonic()
        read_options = ReadOptions(
            encoding=options["encoding"],
            separator=SEPARATOR_NAMES.get(options["separator"], ""),
            decimal=options["decimal"],
            region=options["region"],
            indicator=options["indicator"],
            sheet=options["sheet"],
            group=options["group"],
            unit=options["unit"],
            skip_unknown_regions=options["skip_unknown_regions"],
            note_language=options["note_language"],
        )
        try:
            check_size(path.stat().st_size)  # before a byte is read
            parsed = parse_file(path.read_bytes(), path.name, read_options)
        except ChoiceNeeded as needed:
            choices = "".join(f"\n  {value}: {label}" for value, label in needed.choices)
            raise CommandError(
                _("%(message)s Use --%(option)s.") % {"message": needed, "option": needed.option} + choices
            ) from None
        except FileRefused as refused:
            raise CommandError(str(refused)) from None
        self.report_reading(parsed, started)
        try:
            outcome = observation_import(
                parsed,
                filename=path.name,
                dry_run=options["dry_run"],
                progress=self.progress,
                confirm_scale=options["confirm_scale"],
            )
        except ObservationImportRejected as rejected:
            for error in rejected.errors:
                self.stderr.write(str(error))
            message = ngettext(
                "Nothing was imported: %(count)s problem.",
                "Nothing was imported: %(count)s problems.",
                len(rejected.errors),
            ) % {"count": len(rejected.errors)}
            if rejected.held:
                message += " " + ngettext(
                    "%(count)s value is far from its series and was held back: check it, then import again with "
                    "--confirm-scale.",
                    "%(count)s values are far from their series and were held back: check them, then import again "
                    "with --confirm-scale.",
                    len(rejected.held),
                ) % {"count": len(rejected.held)}
            raise CommandError(message) from None
        for label, rows in outcome.plan.skipped_regions.items():
            self.stderr.write(
                _("Skipped the rows of “%(region)s”, a region the portal does not hold (rows %(rows)s).")
                % {"region": label, "rows": ", ".join(map(str, rows[:20]))}
            )
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

    def report_reading(self, parsed, started):
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
                "encoding": parsed.encoding or "—",
                "decimal": parsed.decimal,
                "seconds": time.monotonic() - started,
            }
        )
        lines = []
        if parsed.sheet:
            lines.append(
                _("Sheet “%(sheet)s” (sheets: %(sheets)s).")
                % {"sheet": parsed.sheet, "sheets": ", ".join(parsed.sheets)}
            )
        if parsed.unit:
            lines.append(_("Unit stated by the file: %(unit)s.") % {"unit": parsed.unit})
        if parsed.skipped_by_kind.get("confidential"):
            count = parsed.skipped_by_kind["confidential"]
            lines.append(
                ngettext(
                    "%(count)s confidential cell (“х”) has no value.",
                    "%(count)s confidential cells (“х”) have no value.",
                    count,
                )
                % {"count": count}
            )
        if parsed.marks:
            lines.append(_("Footnote marks taken off: %(marks)s.") % {"marks": "; ".join(parsed.marks[:20])})
        if parsed.footnotes:
            lines.append(
                _("Notes under the table (not read as data): %(notes)s") % {"notes": " | ".join(parsed.footnotes)}
            )
        if parsed.ignored_columns:
            lines.append(_("Columns not imported: %(columns)s.") % {"columns": ", ".join(parsed.ignored_columns)})
        for line in lines:
            self.stdout.write(line)
