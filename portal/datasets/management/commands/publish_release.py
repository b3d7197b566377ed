import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from portal.datasets.models import Release
from portal.datasets.services import ReleaseRefused, release_publish


class Command(BaseCommand):
    help = (
        "Publish a planned release (added in the admin under Data releases → Releases): freeze the public data "
        "as that version for good. For portals whose data is too large to publish within a web request."
    )

    def add_arguments(self, parser):
        parser.add_argument("version", help="The planned release's version, e.g. 2026.2.")
        parser.add_argument("--user", help="User name recorded as the publisher (one with the permission).")

    def handle(self, *args, version, user=None, **options):
        release = Release.objects.filter(version=version).first()
        if release is None:
            planned = ", ".join(Release.objects.planned().values_list("version", flat=True)) or "none"
            raise CommandError(f"There is no release {version}: add it in the admin first. Planned: {planned}.")
        publisher = None
        if user:
            publisher = get_user_model().objects.filter(username=user).first()
            if publisher is None or not publisher.has_perm("datasets.publish_release"):
                raise CommandError(f"{user} is not a user with the permission to publish releases.")
        started = time.perf_counter()
        try:
            release = release_publish(release=release, user=publisher)
        except ReleaseRefused:
            raise CommandError(f"Release {version} is published already; it stays as it is.") from None
        self.stdout.write(
            f"Release {release.version} published as number {release.number} in {time.perf_counter() - started:.1f} s."
        )
