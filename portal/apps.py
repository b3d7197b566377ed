from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")
    # Import resources in load order (portal.content): references first (regions cite the classifiers of
    # their codes), then regions, which everything else refers to.
    content_resources = [
        ("references", "portal.resources.ReferenceResource"),
        ("regions", "portal.resources.RegionResource"),
        ("region_names", "portal.resources.FormerNameResource"),
        ("institutions", "portal.resources.InstitutionResource"),
        ("pages", "portal.resources.PageResource"),
    ]

    def ready(self):
        from .content import connect_model_signals

        connect_model_signals()
