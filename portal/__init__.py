# The Celery app, loaded with Django so that tasks (indicators.tasks) bind to it.
from .celery_app import app as celery_app  # noqa: E402

__all__ = ["celery_app"]
