from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po into .mo files. Unlike compilemessages it needs no GNU gettext, "
        "so a machine with only Python can run the portal. Fuzzy entries are left out, as msgfmt does."
    )

    def handle(self, *args, **options):
        catalogues = sorted(
            path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.po")
        )
        if not catalogues:
            raise CommandError("No .po files under " + ", ".join(str(p) for p in settings.LOCALE_PATHS))
        for po_path in catalogues:
            catalogue = polib.pofile(str(po_path))
            catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"{po_path}: {len(catalogue.translated_entries())} translated")
