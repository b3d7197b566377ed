"""Staged observation imports: upload -> a worker reads and checks (the preview) -> the editor
confirms -> a worker writes. The file and what checking it found live in the database (ImportJob),
so any app server shows the preview and takes the confirmation; progress goes through the cache
(rows read, checked, written: reported batch by batch as they are written), which every process
shares in production. Staged imports older than OBSERVATION_IMPORT_STAGED_HOURS are removed by each
upload and, hourly, by Celery beat (tasks.expire_imports; `manage.py expire_imports` by hand).
"""

import json
import logging
import uuid
from datetime import timedelta
from itertools import islice

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.models import Reference
from portal.numbers import localized_decimal

from .errors import ChoiceNeeded, FileRefused, RowError
from .importing import ReadOptions, check_size, parse_file
from .models import ImportJob, ImportJobPage, Observation
from .services import ObservationImportRejected, observation_import, observation_import_preview

logger = logging.getLogger(__name__)
PREVIEW_PAGE_SIZE = 100
ERRORS_PAGE_SIZE = 1000
OPTION_NAMES = ("encoding", "separator", "decimal", "region", "indicator", "sheet", "group", "unit", "note_language")


def staged_hours():
    return getattr(settings, "OBSERVATION_IMPORT_STAGED_HOURS", 24)


def progress_key(job):
    return f"observation-import-progress:{job.token}"


def job_progress(job):
    """{"read": …, "checked": …, "written": …, "total": …} as the worker last reported it."""
    return cache.get(progress_key(job)) or {}


def report(job, **counts):
    progress = {**job_progress(job), **counts}
    cache.set(progress_key(job), progress, 60 * 60)


def import_jobs_expire():
    """Removes the staged imports older than OBSERVATION_IMPORT_STAGED_HOURS; returns how many."""
    expired = ImportJob.objects.filter(created_at__lt=timezone.now() - timedelta(hours=staged_hours()))
    return expired.delete()[1].get(ImportJob._meta.label, 0)


def import_job_create(*, user, upload, options, language):
    """Stages an uploaded file (refused before it is read when too big) and asks a worker to check it."""
    check_size(upload.size)
    import_jobs_expire()
    data = b"".join(upload.chunks())
    job = ImportJob.objects.create(
        token=uuid.uuid4(), user=user, filename=upload.name[:255], data=data, language=language, options=options
    )
    import_job_check_later(job)
    return job


def import_job_rechoose(job, options):
    """The editor answered a question the file left open (or changed a choice): check it again."""
    ImportJob.objects.filter(pk=job.pk).update(options=options, state=ImportJob.State.WAITING, result={})
    job.refresh_from_db()
    import_job_check_later(job)


def import_job_check_later(job):
    from .tasks import check_import

    ImportJobPage.objects.filter(job=job).delete()
    cache.delete(progress_key(job))
    enqueue(check_import, job)


def import_job_confirm(job, *, fingerprint, confirm_scale):
    """The editor confirmed the preview: a worker imports the file (refused if the rows changed since)."""
    from .tasks import run_import

    result = {**job.result, "confirmed_fingerprint": fingerprint, "confirm_scale": bool(confirm_scale)}
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.WAITING, result=result)
    enqueue(run_import, job)


def enqueue(task, job):
    """A worker takes the task once the job is saved for all to see; without a broker it runs now."""
    from celery import current_app

    if current_app.conf.task_always_eager:
        task.delay(job.pk)
    else:
        transaction.on_commit(lambda: task.delay(job.pk))


def read_options(job):
    options = {name: job.options.get(name, "") for name in OPTION_NAMES}
    return ReadOptions(**options, skip_unknown_regions=bool(job.options.get("skip_unknown_regions")))


def file_facts(parsed):
    """What reading the file found, for the preview."""
    return {
        "layout": parsed.layout,
        "encoding": parsed.encoding,
        "separator": parsed.separator,
        "decimal": parsed.decimal,
        "sheet": parsed.sheet,
        "sheets": parsed.sheets,
        "title": parsed.title,
        "unit": parsed.unit,
        "footnotes": parsed.footnotes,
        "marks": parsed.marks[:50],
        "sections": parsed.sections[:50],
        "skipped_by_kind": parsed.skipped_by_kind,
        "ignored_columns": parsed.ignored_columns,
        "observations": len(parsed.observations),
    }


def unit_label(indicator):
    scale = {0: "", 3: _("thousand"), 6: _("million"), 9: _("billion")}.get(indicator.unit_multiplier)
    if scale is None:
        scale = f"× 10^{indicator.unit_multiplier}"
    return " ".join(part for part in (scale, indicator.unit) if part)


class PreviewTexts:
    """The texts a preview shows, each made once per import: a name or unit label per indicator and region,
    a label per status (made per row, they were most of the time of checking a large file)."""

    def __init__(self):
        self.references = dict(Reference.objects.values_list("pk", "key"))
        self.fields = {field.name: str(field.verbose_name) for field in Observation._meta.fields}
        self.statuses = {value: str(label) for value, label in Observation.Status.choices}
        self.names, self.units = {}, {}

    def name(self, obj):
        key = (obj.__class__, obj.pk)
        if key not in self.names:
            self.names[key] = str(obj)
        return self.names[key]

    def unit(self, indicator):
        if indicator.pk not in self.units:
            self.units[indicator.pk] = unit_label(indicator)
        return self.units[indicator.pk]

    def value(self, name, value):
        if value is None:
            return ""
        if name == "value":
            return localized_decimal(value)
        if name == "source":
            return self.references.get(value, "")
        if name == "status":
            return self.statuses.get(value, value)
        return value


def preview_rows(items, texts):
    """The preview's rows of `items`, one at a time (a million rows as dicts would take gigabytes)."""
    for item in items:
        old = item.old or {}
        yield {
            "row": item.row,
            "indicator": texts.name(item.indicator),
            "indicator_code": item.indicator.code,
            "region": texts.name(item.region),
            "period": item.period,
            "unit": texts.unit(item.indicator),
            "changes": [
                [texts.fields.get(name, name), texts.value(name, old.get(name)), texts.value(name, item.values[name])]
                for name in item.changed_fields()
            ],
            "new": item.old is None,
        }


def storable(value):
    """`value` (JSON) with every text as PostgreSQL keeps it in JSON: no NUL (a file's title may hold one)."""
    if "\\u0000" not in json.dumps(value, default=str):  # nearly always: one look, made in C
        return value
    return without_nul(value)


def without_nul(value):
    if isinstance(value, str):
        return value.replace("\x00", "\u2400")
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [without_nul(item) for item in value]
    return value


PAGES_WRITTEN_AT_ONCE = 200


def store_pages(job, section, rows, size):
    """`rows` (any iterable) stored as pages of `size`, a few hundred pages at a time."""
    rows = iter(rows)
    number = 0
    while True:
        pages = []
        while len(pages) < PAGES_WRITTEN_AT_ONCE and (page := list(islice(rows, size))):
            number += 1
            pages.append(ImportJobPage(job=job, section=section, number=number, rows=storable(page)))
        if not pages:
            return
        ImportJobPage.objects.bulk_create(pages)


def error_rows(errors):
    return [
        {"row": e.row, "column": e.column, "value": e.value, "reason": e.reason}
        if isinstance(e, RowError)
        else {"row": None, "column": "", "value": "", "reason": str(e)}
        for e in errors
    ]


def finish(job, state, result, change_set=None):
    fields = {"state": state, "result": storable(result)}
    if change_set is not None:
        fields["change_set"] = change_set
    ImportJob.objects.filter(pk=job.pk).update(**fields)


def refuse(job, result, errors):
    rows = error_rows(errors)
    store_pages(job, "errors", rows, ERRORS_PAGE_SIZE)
    finish(job, ImportJob.State.REFUSED, {**result, "error_count": len(rows)})


def import_job_check(job):
    """The worker's first part: read and check the file, store the preview (nothing is written)."""
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.CHECKING)
    with translation.override(job.language):
        try:
            parsed = parse_file(bytes(job.data), job.filename, read_options(job))
        except ChoiceNeeded as needed:
            choice = {"option": needed.option, "message": str(needed), "examples": needed.examples}
            finish(job, ImportJob.State.REFUSED, {"choice": {**choice, "choices": needed.choices}})
            return
        except FileRefused as refused:
            finish(job, ImportJob.State.REFUSED, {"refused": str(refused)})
            return
        facts = file_facts(parsed)
        report(job, read=len(parsed.observations), total=len(parsed.observations))
        try:
            outcome = observation_import_preview(
                parsed, user=job.user, filename=job.filename, progress=lambda done, total: report(job, checked=done)
            )
        except ObservationImportRejected as rejected:
            refuse(job, {"facts": facts}, rejected.errors)
            return
        plan = outcome.plan
        report(job, checked=len(parsed.observations))
        texts = PreviewTexts()
        for section, items in (("new", plan.new), ("changed", plan.changed), ("unchanged", plan.unchanged)):
            store_pages(job, section, preview_rows(items, texts), PREVIEW_PAGE_SIZE)
        held = [
            {
                "row": item.row,
                "indicator": str(item.indicator),
                "region": str(item.region),
                "period": item.period,
                "value": localized_decimal(item.values["value"]),
                "reason": reason,
            }
            for item, reason in plan.held
        ]
        result = {
            "facts": facts,
            "counts": plan.counts,
            "warnings": [str(warning) for warning in outcome.warnings],
            "held": held,
            "skipped_regions": plan.skipped_regions,
            "fingerprint": outcome.fingerprint,
        }
        finish(job, ImportJob.State.READY, result)


def import_job_run(job):
    """The worker's second part: the import, in one transaction, of what the preview showed."""
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.IMPORTING)
    result = job.result
    with translation.override(job.language):
        try:
            parsed = parse_file(bytes(job.data), job.filename, read_options(job))
            report(job, read=len(parsed.observations), total=len(parsed.observations), checked=0, written=0)
            outcome = observation_import(
                parsed,
                user=job.user,
                filename=job.filename,
                expected_fingerprint=result.get("confirmed_fingerprint"),
                confirm_scale=result.get("confirm_scale", False),
                progress=lambda done, total: report(job, checked=done),
                write_progress=lambda written: report(job, checked=len(parsed.observations), written=written),
            )
        except (FileRefused, ChoiceNeeded) as refused:  # the same bytes and choices: only if the rules changed
            finish(job, ImportJob.State.REFUSED, {"refused": str(refused)})
            return
        except ObservationImportRejected as rejected:
            ImportJobPage.objects.filter(job=job, section="errors").delete()
            refuse(job, {key: value for key, value in result.items() if key != "error_count"}, rejected.errors)
            return
        report(job, checked=len(parsed.observations), written=sum(outcome.counts[k] for k in ("new", "changed")))
        done = {"counts": outcome.counts, "warnings": [str(warning) for warning in outcome.warnings]}
        # The file is removed once imported; the job stays (empty) until it expires, for its page.
        ImportJob.objects.filter(pk=job.pk).update(data=b"")
        ImportJobPage.objects.filter(job=job).delete()
        finish(job, ImportJob.State.DONE, done, change_set=outcome.change_set)


def guarded(function, job_id):
    """Runs a worker's part; an unexpected failure is recorded on the job (its page says so), never hidden."""
    job = ImportJob.objects.filter(pk=job_id).select_related("user").first()
    if job is None:  # cancelled or expired meanwhile
        return
    try:
        function(job)
    except Exception:
        logger.exception("observation import %s failed", job.token)
        with translation.override(job.language):
            message = _("The import failed on the server; nothing was saved. Try again, or tell an administrator.")
        finish(job, ImportJob.State.FAILED, {**job.result, "failed": message})
