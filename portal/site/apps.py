from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The public site: an app so that its template tags load."""

    name = "portal.site"
    label = "site"
    verbose_name = _("Public site")
