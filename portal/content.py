"""What counts as content, and the signal that says it changed.

Each content app names its import resources in its AppConfig (`content_resources`: the
name of a demo file or dataset, and the resource's dotted path, in load order). Apps load
in the order of INSTALLED_APPS, so a row may refer by natural key to rows of the apps
before it. The core lists no app above it: they register themselves.

`content_changed` is sent after every change to content: by the ORM's save, delete and
many-to-many signals of every content model (connected in PortalConfig.ready), and by
bulk writes that send none (imports), which send it themselves. Whatever keeps copies of
public answers (portal.ops.caching) listens to it, and so does the live data's Last-Modified
(portal.datasets). `demo_data_loaded` lets the apps above add to the demo (its first release).
"""

from django.apps import apps
from django.db.models import signals
from django.dispatch import Signal
from django.utils.module_loading import import_string

content_changed = Signal()
# Sent by `load_demo_data` once the demo content is in; a receiver may answer with a line to print.
demo_data_loaded = Signal()


def content_apps():
    """The app configs that hold content, in INSTALLED_APPS order."""
    return [config for config in apps.get_app_configs() if getattr(config, "content_resources", None)]


def content_app_labels():
    return [config.label for config in content_apps()]


def content_resources():
    """[(name, resource class), …] of every importable kind of content, in the order a full load follows."""
    return [(name, import_string(path)) for config in content_apps() for name, path in config.content_resources]


def content_models(*, include_auto_created=False):
    return [
        model for config in content_apps() for model in config.get_models(include_auto_created=include_auto_created)
    ]


def _model_changed(sender, **_kwargs):
    content_changed.send(sender=sender)


def connect_model_signals():
    """Every save, delete and many-to-many change of a content model announces `content_changed`; a
    model of a content app that holds work in progress says `announces_changes = False`."""
    for model in content_models():
        if not getattr(model, "announces_changes", True):
            continue
        uid = f"content-changed-{model._meta.label}"
        signals.post_save.connect(_model_changed, sender=model, dispatch_uid=uid + "-save")
        signals.post_delete.connect(_model_changed, sender=model, dispatch_uid=uid + "-delete")
        for field in model._meta.many_to_many:
            through = field.remote_field.through
            signals.m2m_changed.connect(_model_changed, sender=through, dispatch_uid=uid + field.name)
