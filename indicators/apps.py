from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Statistics")
    # Import resources in load order (portal.content).
    content_resources = [
        ("themes", "indicators.resources.ThemeResource"),
        ("indicators", "indicators.resources.IndicatorResource"),
        ("observations", "indicators.resources.ObservationResource"),
    ]
