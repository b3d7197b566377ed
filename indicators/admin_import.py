"""The editors' observation import in the admin: upload -> a worker reads and checks the file
(progress shown) -> the choices the file leaves open -> a paginated preview (names, units, old ->
new in the editor's number format, values held back by the scale guard) -> confirm -> a worker
imports it in one transaction -> its change set.

The file waits in the database (indicators.import_jobs), so the preview, its pages and the
confirmation may each be served by another app server.
"""

import csv
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from portal.models import Region
from portal.spreadsheet_safety import neutralise

from .import_jobs import (
    OPTION_NAMES,
    import_job_confirm,
    import_job_create,
    import_job_rechoose,
    job_progress,
)
from .importing import DECIMAL_MARKS, ENCODINGS, SEPARATORS, FileRefused
from .models import ImportJob, ImportJobPage, Indicator
from .selectors import NOTE_FIELDS

SECTIONS = ("new", "changed", "unchanged")


def detect_choice(choices):
    return [("", gettext_lazy("detect")), *choices.items()]


class ObservationImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (CSV, TXT, XLSX, XLS or ODS)"), required=False)
    encoding = forms.ChoiceField(label=gettext_lazy("Encoding"), choices=detect_choice(ENCODINGS), required=False)
    separator = forms.ChoiceField(
        label=gettext_lazy("Column separator"), choices=detect_choice(SEPARATORS), required=False
    )
    decimal = forms.ChoiceField(
        label=gettext_lazy("Decimal mark"), choices=detect_choice(DECIMAL_MARKS), required=False
    )
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator (for a table of one indicator, such as a statistics bulletin)"),
        queryset=Indicator.objects.all(),
        to_field_name="code",
        required=False,
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region (for a file without a region column, or whose rows are indicators)"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
    )
    sheet = forms.CharField(label=gettext_lazy("Sheet"), required=False, widget=forms.Select)
    group = forms.CharField(label=gettext_lazy("Table on the sheet"), required=False, widget=forms.Select)
    unit = forms.CharField(
        label=gettext_lazy("Unit of the values, if the file does not state it"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("e.g. “тыс. человек” or “млн. тенге”: the values are moved into the indicator's unit."),
    )
    note_language = forms.ChoiceField(
        label=gettext_lazy("Language of a “note” column"),
        choices=[("", "—"), *settings.LANGUAGES],
        required=False,
    )
    skip_unknown_regions = forms.BooleanField(
        label=gettext_lazy("Skip the rows of regions the portal does not hold (they are listed)"), required=False
    )

    def __init__(self, *args, sheets=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        chosen = {name: (self.data or self.initial).get(name) for name in ("sheet", "group")}
        for name, choices in (("sheet", sheets), ("group", groups)):
            choices = list(choices)
            if chosen[name] and chosen[name] not in dict(choices):
                choices.append((chosen[name], chosen[name]))
            self.fields[name].widget.choices = [("", gettext_lazy("detect")), *choices]

    def options(self):
        """The choices as the import job keeps them (codes, not objects)."""
        data = self.cleaned_data
        options = {name: getattr(data[name], "code", data[name]) or "" for name in OPTION_NAMES}
        options["skip_unknown_regions"] = data["skip_unknown_regions"]
        return options


def job_url(job):
    return reverse("admin:indicators_observation_import_job", args=[job.token])


def base_context(model_admin, request, **more):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import observations"),
        "max_mb": round(settings.OBSERVATION_IMPORT_MAX_BYTES / 1048576),
        "max_rows": settings.OBSERVATION_IMPORT_MAX_ROWS,
        "note_columns": ", ".join(NOTE_FIELDS),
        **more,
    }


def observation_import_view(model_admin, request):
    """The upload page."""
    if not model_admin.has_import_permission(request):
        raise PermissionDenied
    form = ObservationImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if not upload:
            form.add_error("file", _("Choose a file."))
        else:
            try:
                job = import_job_create(
                    user=request.user, upload=upload, options=form.options(), language=get_language()
                )
            except FileRefused as refused:
                form.add_error("file", str(refused))
            else:
                return redirect(job_url(job))
    context = base_context(model_admin, request, form=form)
    return TemplateResponse(request, "admin/indicators/observation/import_observations.html", context)


def editors_job(model_admin, request, token):
    if not model_admin.has_import_permission(request):
        raise PermissionDenied
    job = ImportJob.objects.filter(token=token).select_related("change_set").first()
    if job is None or (job.user_id != request.user.pk and not request.user.is_superuser):
        raise Http404(_("This import has expired or was cancelled; upload the file again."))
    return job


def page_of(job, section, number):
    """(rows, page number, number of pages) of one section of the job's preview."""
    pages = ImportJobPage.objects.filter(job=job, section=section)
    total = pages.count()
    number = min(max(number, 1), max(total, 1))
    page = pages.filter(number=number).first()
    return (page.rows if page else []), number, total


def observation_import_job_view(model_admin, request, token):
    """One staged import: progress, the choices it needs, its problems, its preview; confirm or cancel."""
    job = editors_job(model_admin, request, token)
    result = job.result
    if request.method == "POST":
        if "cancel" in request.POST:
            job.delete()
            messages.info(request, _("The import was cancelled; nothing was saved."))
            return redirect(reverse("admin:indicators_observation_changelist"))
        if "confirm" in request.POST and job.state == ImportJob.State.READY:
            confirm_scale = bool(request.POST.get("confirm_scale"))
            if result.get("held") and not confirm_scale:
                messages.error(request, _("Some values are far from their series: look at them and confirm them."))
                return redirect(job_url(job))
            import_job_confirm(job, fingerprint=request.POST.get("fingerprint", ""), confirm_scale=confirm_scale)
            return redirect(job_url(job))
        form = ObservationImportForm(request.POST)
        if form.is_valid() and job.state not in (ImportJob.State.IMPORTING, ImportJob.State.DONE):
            import_job_rechoose(job, form.options())
            return redirect(job_url(job))
    if job.state == ImportJob.State.DONE:
        counts = result.get("counts", {})
        messages.success(
            request,
            _("Imported %(filename)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
            % {"filename": job.filename, "new": 0, "changed": 0, "unchanged": 0, **counts},
        )
        for warning in result.get("warnings", []):
            messages.warning(request, warning)
        if job.change_set_id:
            return redirect(reverse("admin:indicators_changeset_change", args=[job.change_set_id]))
        return redirect(reverse("admin:indicators_observation_changelist"))
    facts = result.get("facts", {})
    choice = result.get("choice") or {}
    choices = choice.get("choices", [])
    chosen = {name: ("on" if value is True else value) for name, value in job.options.items() if value}
    form = ObservationImportForm(
        chosen,
        sheets=[(name, name) for name in facts.get("sheets", [])]
        or (choices if choice.get("option") == "sheet" else ()),
        groups=choices if choice.get("option") == "group" else (),
    )
    form.is_valid()  # bound to the choices made, so that the question the file asks shows at its field
    if choice:
        form.add_error(choice["option"] if choice["option"] in form.fields else None, choice["message"])
    elif result.get("refused"):
        form.add_error(None, result["refused"])
    section = request.GET.get("show") if request.GET.get("show") in SECTIONS else None
    counts = result.get("counts", {})
    section = section or ("new" if counts.get("new") else "changed" if counts.get("changed") else "unchanged")
    try:
        number = int(request.GET.get("page", 1))
    except ValueError:
        number = 1
    rows, number, pages = page_of(job, section, number)
    errors, _number, _pages = page_of(job, "errors", 1)
    working = job.state in (ImportJob.State.WAITING, ImportJob.State.CHECKING, ImportJob.State.IMPORTING)
    context = base_context(
        model_admin,
        request,
        job=job,
        form=form,
        result=result,
        facts=facts,
        choice=choice,
        counts=counts,
        progress=job_progress(job) if working else {},
        working=working,
        section=section,
        rows=rows,
        page_number=number,
        pages=pages,
        errors=errors,
        error_count=result.get("error_count", 0),
        skipped_regions=sorted(result.get("skipped_regions", {}).items()),
    )
    return TemplateResponse(request, "admin/indicators/observation/import_job.html", context)


def observation_import_errors_view(model_admin, request, token):
    """Every problem of a refused file as CSV (row, column, value, reason), in the editor's language."""
    job = editors_job(model_admin, request, token)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Row"), _("Column"), _("Value"), _("Problem")])
    for page in ImportJobPage.objects.filter(job=job, section="errors").order_by("number"):
        for error in page.rows:
            writer.writerow([error["row"] or "", *(neutralise(error[k]) for k in ("column", "value", "reason"))])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="problems-{job.token.hex[:8]}.csv"'
    return response
