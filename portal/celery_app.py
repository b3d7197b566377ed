"""Celery, for work too long for a web request (observation imports).

With CELERY_BROKER_URL set (Redis), `celery -A portal worker` runs the tasks (`make serve` and
deploy/portal-worker.service start one); without it (`make run`, the tests) every task runs at
once in the process that asks for it (CELERY_TASK_ALWAYS_EAGER). Beat (`celery -A portal worker
--beat`, as deploy/portal-worker.service runs it) sends the periodic tasks of CELERY_BEAT_SCHEDULE:
hourly, the removal of expired staged imports (indicators.expire_imports)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
