from pathlib import Path

import tablib
from django.core.management.base import BaseCommand, CommandError

from portal.content import content_resources, demo_data_loaded
from portal.services import ImportRejected, content_import

DEMO_DATA = Path(__file__).resolve().parents[2] / "demo_data"


def demo_datasets(folder=DEMO_DATA):
    """The demo files as (name, resource, dataset), in load order; a file with no rows (`[]`) is left out."""
    for name, resource_class in content_resources():
        path = folder / f"{name}.yaml"
        dataset = tablib.Dataset().load(path.read_text(encoding="utf-8"), format="yaml")
        if dataset.headers:
            yield name, resource_class, dataset


class Command(BaseCommand):
    help = (
        "Load the demo data (Astana, from the 2021 paper) through the same import resources editors use. "
        "Running it again changes nothing."
    )

    def handle(self, *args, **options):
        try:
            totals = content_import(list(demo_datasets()))
        except ImportRejected as rejected:
            raise CommandError("The demo data was not loaded:\n" + "\n".join(rejected.problems)) from None
        for name, counted in totals.items():
            self.stdout.write(f"{name}: {counted.new} new, {counted.update} changed, {counted.skip} unchanged")
        # The apps above the core finish the demo (portal.datasets publishes its first release).
        for _receiver, message in demo_data_loaded.send(sender=self.__class__):
            if message:
                self.stdout.write(message)
