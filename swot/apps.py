from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SwotConfig(AppConfig):
    name = "swot"
    verbose_name = _("SWOT analysis")
    # Import resources in load order (portal.content).
    content_resources = [
        ("analyses", "swot.resources.AnalysisResource"),
        ("items", "swot.resources.ItemResource"),
    ]
