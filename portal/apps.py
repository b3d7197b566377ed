from django.apps import AppConfig, apps
from django.db.models import signals
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.ops.caching import content_changed

        from .roles import CONTENT_APPS

        for label in CONTENT_APPS:
            for model in apps.get_app_config(label).get_models():
                uid = f"content-changed-{model._meta.label}"
                signals.post_save.connect(content_changed, sender=model, dispatch_uid=uid + "-save")
                signals.post_delete.connect(content_changed, sender=model, dispatch_uid=uid + "-delete")
                for field in model._meta.many_to_many:
                    signals.m2m_changed.connect(
                        content_changed, sender=field.remote_field.through, dispatch_uid=uid + field.name
                    )
