"""Background work of the observation import (portal/celery_app.py runs it: a worker, or at once
without a broker; beat runs expire_imports hourly, CELERY_BEAT_SCHEDULE). The work itself is in
import_jobs."""

from celery import shared_task

from .import_jobs import guarded, import_job_check, import_job_run, import_jobs_expire


@shared_task(name="indicators.check_import")
def check_import(job_id):
    guarded(import_job_check, job_id)


@shared_task(name="indicators.run_import")
def run_import(job_id):
    guarded(import_job_run, job_id)


@shared_task(name="indicators.expire_imports")
def expire_imports():
    """Removes the staged imports older than OBSERVATION_IMPORT_STAGED_HOURS (beat runs it hourly)."""
    return import_jobs_expire()
