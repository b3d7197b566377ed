"""The translation report: content texts missing in a language, and translations gone stale.

A text is *missing* in a language when it is empty there but written in another.
A translation is *stale* when another language's text of the same field changed
later than it did (read from the history django-simple-history keeps), so the
translator knows which texts to look at again.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from modeltranslation.translator import translator

from .models import TranslationCheck

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Derived from another field on save: never translated by hand.
DERIVED_FIELDS = {"body_html"}


@dataclass
class Finding:
    model: str
    obj: object
    field: str
    language: str
    url: str
    since: object = None  # for stale texts: when the newer text in another language was written…
    changed_in: str = ""  # …and in which language

    @property
    def label(self):
        return self.obj._meta.label


def translated_fields(model):
    return [name for name in translator.get_options_for_model(model).get_field_names() if name not in DERIVED_FIELDS]


def admin_url(obj):
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def missing_translations(model):
    findings = []
    for field in translated_fields(model):
        columns = [f"{field}_{code}" for code in LANGUAGE_CODES]
        written = Q()
        empty = Q()
        for column in columns:
            written |= ~Q(**{column: ""}) & Q(**{f"{column}__isnull": False})
            empty |= Q(**{column: ""}) | Q(**{f"{column}__isnull": True})
        for obj in model.objects.filter(written).filter(empty):
            for code in LANGUAGE_CODES:
                if not getattr(obj, f"{field}_{code}"):
                    findings.append(Finding(model._meta.verbose_name, obj, field, code, admin_url(obj)))
    return findings


def stale_translations(model):
    """From the history: per object and field, when each language's text last changed."""
    if not hasattr(model, "history"):
        return []
    fields = translated_fields(model)
    columns = [f"{field}_{code}" for field in fields for code in LANGUAGE_CODES]
    last_change = {}  # (pk, column) -> history_date
    previous = {}
    for record in model.history.order_by("id", "history_date", "history_id").values("id", "history_date", *columns):
        pk = record["id"]
        before = previous.get(pk)
        for column in columns:
            if before is None or before[column] != record[column]:
                last_change[(pk, column)] = record["history_date"]
        previous[pk] = record
    findings = []
    checks = translation_checks(model)
    current = {obj.pk: obj for obj in model.objects.filter(pk__in=previous)}
    for pk, record in previous.items():
        obj = current.get(pk)
        if obj is None:
            continue
        for field in fields:
            times = {code: last_change.get((pk, f"{field}_{code}")) for code in LANGUAGE_CODES}
            for code in LANGUAGE_CODES:
                if not record[f"{field}_{code}"] or times[code] is None:
                    continue
                newer = [
                    (t, other)
                    for other, t in times.items()
                    if other != code and t and t > times[code] and record[f"{field}_{other}"]
                ]
                if not newer:
                    continue
                since, changed_in = max(newer)
                checked_at = checks.get((pk, field, code))
                if checked_at and checked_at >= since:
                    continue  # a translator checked it after that change
                finding = Finding(model._meta.verbose_name, obj, field, code, admin_url(obj), since, changed_in)
                findings.append(finding)
    return findings


def translation_checks(model):
    """{(pk, field, language): when a translator last marked the text checked}."""
    content_type = ContentType.objects.get_for_model(model)
    return {
        (check.object_id, check.field, check.language): check.checked_at
        for check in TranslationCheck.objects.filter(content_type=content_type)
    }


def translation_check(*, obj, field, language, user):
    """Marks `obj`'s `field` in `language` as checked against its other languages, now."""
    TranslationCheck.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        field=field,
        language=language,
        defaults={"checked_at": timezone.now(), "user": user},
    )


def translation_findings(user=None):
    missing, stale = [], []
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy:
            continue
        if user is not None and not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        missing += missing_translations(model)
        stale += stale_translations(model)
    return missing, stale


def translation_report_view(request):
    if not request.user.is_staff:
        raise PermissionDenied
    if request.method == "POST":
        return translation_check_view(request)
    missing, stale = translation_findings(request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Translation report"),
        "missing": missing,
        "stale": stale,
        "languages": dict(settings.LANGUAGES),
    }
    return TemplateResponse(request, "admin/translation_report.html", context)


def translation_check_view(request):
    """POST model, pk, field, language: the translator checked that text; back to the report."""
    try:
        model = apps.get_model(request.POST.get("model", ""))
        obj = model.objects.get(pk=request.POST.get("pk"))
    except (LookupError, ValueError, ObjectDoesNotExist):
        raise Http404 from None
    field, language = request.POST.get("field", ""), request.POST.get("language", "")
    if field not in translated_fields(model) or language not in LANGUAGE_CODES:
        raise Http404
    if not request.user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
        raise PermissionDenied
    translation_check(obj=obj, field=field, language=language, user=request.user)
    messages.success(
        request,
        _("Marked as checked: %(item)s, %(field)s [%(language)s].")
        % {"item": obj, "field": field, "language": language},
    )
    return redirect(reverse("translation_report") + "#stale")
