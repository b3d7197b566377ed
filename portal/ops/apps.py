from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: caching, resilience, probes, logs, backups. An app for its management commands."""

    name = "portal.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self):
        from django.core.signals import request_started

        from portal.content import content_changed

        from .caching import forget_version, new_content_version

        content_changed.connect(new_content_version, dispatch_uid="ops-new-content-version")
        request_started.connect(forget_version, dispatch_uid="ops-forget-version")
