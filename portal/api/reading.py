"""What a read of the API may ask for, and where its rows come from.

* Every query parameter is checked: one the view does not know answers 400, as on the downloads.
  The known ones are derived from the view: its filters (the filterset's), ordering, pagination,
  the language parameters, ?format, ?preview and ?release (and what an action adds, ?dry_run).
* `?release=2026.1` (or `latest`) reads the release's frozen rows as the downloads do
  (portal.datasets.selection.release_named, portal.datasets.state): filters and ordering apply
  to them as to the live rows, a release's observations stay a queryset, the other tables are
  lists of unsaved instances.
* `?format=csv` on a list answers every matching row in one streamed file: no pages, so it
  cannot be cut short (page, page_size and cursor answer 400 with it).
"""

from django.db.models import QuerySet
from django.http import Http404, StreamingHttpResponse
from django.utils.translation import gettext as _
from django_filters import utils as filter_utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings

from portal.datasets.filters import KnownCodesFilterSet
from portal.datasets.http import conditional, validators
from portal.datasets.records import path_value, sort_rows
from portal.datasets.selection import RELEASE_PARAMETER, BadQuery, release_named, unknown_parameter_messages
from portal.datasets.state import ReleaseState
from portal.datasets.streaming import csv_chunks
from portal.publishing import PREVIEW_PARAMETER

from .permissions import is_staff
from .renderers import CSVRenderer, flat_cell


def is_release_rows(rows):
    """A release's catalogue rows are a list of unsaved instances; live rows (and a release's observations)
    are a queryset."""
    return not isinstance(rows, QuerySet)


class ReleaseFilterBackend(DjangoFilterBackend):
    """django-filter's backend, filtering a release's rows too (with the same filterset and messages)."""

    filterset_base = KnownCodesFilterSet  # the filtersets made from `filterset_fields` read releases as well

    def get_filterset_class(self, view, queryset=None):
        # The live model's filterset, for a release's rows too (a list, or the observations' versions).
        return super().get_filterset_class(view, view.row_model()._default_manager.none())

    def get_filterset_kwargs(self, request, queryset, view):
        return {**super().get_filterset_kwargs(request, queryset, view), "state": view.release_state}

    def filter_queryset(self, request, queryset, view):
        if not is_release_rows(queryset):
            return super().filter_queryset(request, queryset, view)
        # The filterset checks the values against a (never read) queryset of the model, then filters the rows.
        filterset = self.get_filterset(request, view.row_model()._default_manager.none(), view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        return filterset.filter_released(queryset)

    def parameter_names(self, view):
        filterset_class = self.get_filterset_class(view)
        return set(filterset_class.base_filters) if filterset_class is not None else set()


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` over live or released rows; a field that cannot be ordered by answers 400 (DRF drops it)."""

    def remove_invalid_fields(self, queryset, fields, view, request):
        valid = [name for name, _label in self.get_valid_fields(queryset, view, {"request": request})]
        invalid = [term for term in fields if term.lstrip("-") not in valid]
        if invalid:
            raise ValidationError(
                {
                    self.ordering_param: [
                        _("“%(value)s” cannot be ordered by; use %(fields)s (with - before it for descending).")
                        % {"value": term, "fields": ", ".join(valid)}
                        for term in invalid
                    ]
                }
            )
        return fields

    def get_ordering(self, request, queryset, view):
        """The terms asked for, then the view's default ones as tie-breakers: every page in a fixed order."""
        asked = super().get_ordering(request, queryset, view) or []
        named = {term.lstrip("-") for term in asked}
        return [*asked, *(term for term in self.get_default_ordering(view) or () if term.lstrip("-") not in named)]

    def filter_queryset(self, request, queryset, view):
        if not is_release_rows(queryset):
            return super().filter_queryset(request, queryset, view)
        ordering = self.get_ordering(request, queryset, view)
        return sort_rows(queryset, ordering) if ordering else queryset

    def parameter_names(self, view):
        return {self.ordering_param}


def released_object(rows, **lookups):
    """The one row of a release with these values (analysis__slug="…", key="…"), or 404."""
    for row in rows:
        if all(str(path_value(row, lookup)) == str(value) for lookup, value in lookups.items()):
            return row
    raise Http404


class ReadingMixin:
    """For the API's viewsets: checked query parameters, ?release=, CSV of every row."""

    release = None
    release_state = None
    # Parameters an action takes besides the derived ones: {"create": ("dry_run",)}
    action_parameters = {}

    def row_model(self):
        return self.get_serializer_class().Meta.model

    def known_parameters(self):
        names = {RELEASE_PARAMETER, PREVIEW_PARAMETER, api_settings.URL_FORMAT_OVERRIDE, *self.language_parameters}
        for backend in self.filter_backends:
            names |= backend().parameter_names(self)
        if self.paginator is not None:
            names |= {parameter["name"] for parameter in self.paginator.get_schema_operation_parameters(self)}
        return names | set(self.action_parameters.get(self.action, ()))

    def check_query(self, request):
        """400 naming every unknown parameter and an unknown release; a write may not name a release."""
        problems = unknown_parameter_messages(request.query_params, self.known_parameters())
        version = request.query_params.get(RELEASE_PARAMETER)
        if version is not None and RELEASE_PARAMETER not in problems:
            if request.method not in SAFE_METHODS:
                problems[RELEASE_PARAMETER] = _(
                    "A release is never changed: write to the live data, without %(name)s."
                ) % {"name": RELEASE_PARAMETER}
            else:
                try:
                    self.release = release_named(version)
                except BadQuery as bad:
                    problems[RELEASE_PARAMETER] = " ".join(bad.problems)
        if problems:
            raise ValidationError({name: [message] for name, message in problems.items()})
        if self.release is not None:
            self.release_state = ReleaseState(self.release)

    def get_queryset(self):
        """The release's rows when ?release= names one, else what the public (or a previewing editor) sees."""
        if self.release_state is not None:
            return self.released_rows(self.release_state)
        return self.public_queryset()

    def released_rows(self, state):
        return state.objects(self.row_model())

    def get_object(self):
        if self.release_state is None:
            return super().get_object()
        lookup = self.lookup_url_kwarg or self.lookup_field
        return released_object(self.filter_queryset(self.get_queryset()), **{self.lookup_field: self.kwargs[lookup]})

    def list(self, request, *args, **kwargs):
        if request.accepted_renderer.format == CSVRenderer.format:
            return self.csv_answer(request)
        return super().list(request, *args, **kwargs)

    def csv_answer(self, request):
        """Every row the filters select, streamed as CSV with the columns of the JSON answer."""
        paging = sorted(set(request.query_params) & self.paging_parameters())
        if paging:
            raise ValidationError(
                {
                    name: [
                        _("A CSV answer has every matching row, without pages: leave out %(name)s, or ask for JSON.")
                        % {"name": name}
                    ]
                    for name in paging
                }
            )
        header = self.get_serializer().shown_fields()
        rows = (
            [flat_cell(row.get(name)) for name in header]
            for row in self.csv_rows(self.filter_queryset(self.get_queryset()))
        )
        response = StreamingHttpResponse(
            csv_chunks(header, rows), content_type=f"{CSVRenderer.media_type}; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.basename}.csv"'
        return response

    def csv_rows(self, rows):
        """The rows of the CSV as the JSON shows them (the observations' list has its own)."""
        serializer = self.get_serializer()
        for row in rows:
            yield serializer.to_representation(row)

    def paging_parameters(self):
        if self.paginator is None:
            return set()
        return {parameter["name"] for parameter in self.paginator.get_schema_operation_parameters(self)}

    def finalize_response(self, request, response, *args, **kwargs):
        """Reads carry the downloads' validators (portal.datasets.http): a release named by its version is
        cached for good, live data and `latest` say when the data last changed (Last-Modified, ETag) and
        answer 304 to a client whose copy is current. Staff answers (drafts, bounds) carry none."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200 or is_staff(request.user):
            return response
        pinned = self.release is not None and request.query_params.get(RELEASE_PARAMETER) == self.release.version
        etag, last_modified, cache_control = validators(
            request, self.release, pinned=pinned, variant=getattr(request, "accepted_media_type", "")
        )
        return conditional(request, lambda: response, etag, last_modified, cache_control)
