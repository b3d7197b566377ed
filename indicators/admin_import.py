"""The editors' observation import in the admin: upload -> choices the file leaves open ->
paginated preview (new / changed old -> new / unchanged) -> confirm, in one transaction.

The uploaded file waits in MEDIA_ROOT/observation-imports/ under a random name tied
to the editor between the steps, so pages of the preview and the confirmation read
the very bytes the editor sent.
"""

import re
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import Region
from portal.numbers import plain_decimal

from .importing import (
    DECIMAL_MARKS,
    ENCODINGS,
    SEPARATORS,
    ChoiceNeeded,
    FileRefused,
    ReadOptions,
    check_size,
    parse_file,
)
from .models import Indicator
from .selectors import NOTE_FIELDS
from .services import ObservationImportRejected, observation_import, observation_import_preview

TOKEN = re.compile(r"^[0-9a-f]{32}$")
PREVIEW_PAGE_SIZE = 100
ERRORS_SHOWN = 1000


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
    skip_unknown_regions = forms.BooleanField(
        label=gettext_lazy("Skip the rows of regions the portal does not hold (they are listed)"), required=False
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    filename = forms.CharField(widget=forms.HiddenInput, required=False)

    def offer(self, name, choices):
        """Show `choices` ([(value, label)]) in the select of field `name` (sheets, tables on a sheet)."""
        self.fields[name].widget.choices = [("", gettext_lazy("detect")), *choices]

    def options(self):
        data = self.cleaned_data
        return ReadOptions(
            encoding=data["encoding"],
            separator=data["separator"],
            decimal=data["decimal"],
            region=data["region"].code if data["region"] else "",
            indicator=data["indicator"].code if data["indicator"] else "",
            sheet=data["sheet"],
            group=data["group"],
            unit=data["unit"],
            skip_unknown_regions=data["skip_unknown_regions"],
        )

    def query(self):
        """The choices as they travel in links and hidden fields between the steps."""
        query = {}
        for name, value in self.cleaned_data.items():
            if name == "file" or value in (None, "", False):
                continue
            query[name] = getattr(value, "code", "1" if value is True else value)
        return query


def upload_dir():
    return Path(settings.MEDIA_ROOT) / "observation-imports"


def stored_path(request, token):
    if not TOKEN.match(token or ""):
        raise PermissionDenied
    return upload_dir() / f"{request.user.pk}-{token}"


def store_upload(request, upload):
    check_size(upload.size)  # before a byte is read
    token = uuid.uuid4().hex
    path = stored_path(request, token)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def change_lines(item):
    """(field, old, new) of each changed field, numbers as published."""

    def shown(name, value):
        if name == "value":
            return plain_decimal(value)
        return "" if value is None else value

    return [
        (name, shown(name, (item.old or {}).get(name)), shown(name, item.values[name]))
        for name in item.changed_fields()
    ]


def preview_context(request, preview, section):
    plan = preview.plan
    sections = {"new": plan.new, "changed": plan.changed, "unchanged": plan.unchanged}
    rows = sections.get(section, plan.new)
    page = Paginator(rows, PREVIEW_PAGE_SIZE).get_page(request.GET.get("page") or request.POST.get("page"))
    return {
        "counts": plan.counts,
        "section": section,
        "page": page,
        "rows": [(item, change_lines(item)) for item in page.object_list],
        "fingerprint": preview.fingerprint,
    }


def observation_import_view(model_admin, request):
    if not model_admin.has_import_permission(request):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    submitted = bool(source or request.FILES)
    form = ObservationImportForm(source if submitted else None, request.FILES or None)
    for name in ("sheet", "group"):
        form.offer(name, [(source[name], source[name])] if source.get(name) else [])
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import observations"),
        "form": form,
        "max_mb": round(settings.OBSERVATION_IMPORT_MAX_BYTES / 1048576),
        "note_columns": ", ".join(NOTE_FIELDS),
    }
    template = "admin/indicators/observation/import_observations.html"
    if not submitted or not form.is_valid():
        return TemplateResponse(request, template, context)
    token, filename = form.cleaned_data["token"], form.cleaned_data["filename"]
    try:
        if form.cleaned_data["file"]:
            upload = form.cleaned_data["file"]
            token, filename = store_upload(request, upload), upload.name
        if not token:
            form.add_error("file", _("Choose a file."))
            return TemplateResponse(request, template, context)
        path = stored_path(request, token)
        if not path.exists():
            form.add_error("file", _("The uploaded file has expired; upload it again."))
            return TemplateResponse(request, template, context)
        context.update(token=token, filename=filename)
        parsed = parse_file(path.read_bytes(), filename, form.options())
    except FileRefused as refused:
        form.add_error(None, str(refused))
        return TemplateResponse(request, template, context)
    except ChoiceNeeded as needed:
        if needed.choices:
            form.offer(needed.option, needed.choices)
        form.add_error(needed.option, str(needed))
        context.update(choice_needed=needed.option, examples=needed.examples)
        return TemplateResponse(request, template, context)
    context["parsed"] = parsed
    if parsed.sheets:
        form.offer("sheet", [(name, name) for name in parsed.sheets])
    if request.method == "POST" and "confirm" in request.POST:
        try:
            outcome = observation_import(
                parsed, user=request.user, filename=filename, expected_fingerprint=request.POST.get("fingerprint")
            )
        except ObservationImportRejected as rejected:
            context["errors"] = rejected.errors[:ERRORS_SHOWN]
            context["error_count"] = len(rejected.errors)
            return TemplateResponse(request, template, context)
        path.unlink(missing_ok=True)
        counts = outcome.counts
        messages.success(
            request,
            _("Imported %(filename)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
            % {"filename": filename, **counts},
        )
        for warning in outcome.warnings:
            messages.warning(request, warning)
        if outcome.change_set:
            return redirect(reverse("admin:indicators_changeset_change", args=[outcome.change_set.pk]))
        return redirect(reverse("admin:indicators_observation_changelist"))
    try:
        preview = observation_import_preview(parsed, user=request.user, filename=filename)
    except ObservationImportRejected as rejected:
        context["errors"] = rejected.errors[:ERRORS_SHOWN]
        context["error_count"] = len(rejected.errors)
        return TemplateResponse(request, template, context)
    context["warnings"] = preview.warnings
    plan = preview.plan
    context.update(preview_context(request, preview, request.GET.get("show", "new" if plan.new else "changed")))
    context["query"] = {**form.query(), "token": token, "filename": filename}
    return TemplateResponse(request, template, context)
