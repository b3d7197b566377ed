from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DatasetsConfig(AppConfig):
    """The downloads and the releases that freeze them (label "datasets")."""

    name = "portal.datasets"
    label = "datasets"
    verbose_name = _("Data releases")

    def ready(self):
        from portal.content import content_changed, demo_data_loaded

        from . import services

        content_changed.connect(services.data_state_touch, dispatch_uid="datasets-data-state")
        demo_data_loaded.connect(services.demo_release_publish, dispatch_uid="datasets-demo-release")
