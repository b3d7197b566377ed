"""Read answers of the API, kept rendered under the content version, as the pages are.

A 1,000-row page of observations costs tens of milliseconds to read and render and
a fraction of one to send again; an editor's change gives the content a new version
(portal.ops.caching), so no answer outlives the data it shows. The key holds the
language, the negotiated format (JSON or CSV), the host (links are absolute) and
the whole query. Throttling, authentication and content negotiation still run
first: only the reading and rendering are skipped. Staff answers (which show draft
flags and bounds) are never cached, and API_CACHE_SECONDS=0 turns the cache off.

Only answers to valid queries are kept (made-up query strings cannot fill the cache):
every parameter is one the endpoint reads, given once, with a value it accepts and
written the one way the API itself writes it (in its `next` links) — a page size the API
would correct, `page=01`, `year=2020.0`, `ordering=slug,` or another spelling of a cursor
is answered but not kept. Each client adds at most its share
(CACHE_ANSWERS_PER_CLIENT).
"""

from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response

from portal.datasets.selection import RELEASE_PARAMETER
from portal.ops.caching import answer_key, canonical_address, keep_answer, stored_answer

from .permissions import is_staff

# Read by every endpoint (views.PublicReadMixin, DRF's content negotiation); checked there.
COMMON_PARAMETERS = {"lang", "translations", "format"}


def list_key(request):
    """The cache key of a GET answer, or None when it must not be cached."""
    if not settings.API_CACHE_SECONDS or request.method != "GET" or is_staff(request.user):
        return None
    return answer_key("api", request, get_language(), request.accepted_renderer.format)


def canonical_text(value):
    """A parameter's cleaned value as the API writes it: codes joined by commas, a period
    in its normal form, a number without needless zeros."""
    if isinstance(value, list):
        return ",".join(value) if len(set(value)) == len(value) else None
    if isinstance(value, tuple):  # a period: (text, first day, last day)
        return value[0]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return None if value is None else str(value)


def canonical_parameters(view, request):
    """{parameter: the value as the API would write it} of what the endpoint read from the
    request (invalid values were refused before: the answer was a 200)."""
    given = request.query_params
    canonical = {name: given[name] for name in COMMON_PARAMETERS if name in given}
    if view.release is not None:  # a release the view found: named by its version or as `latest`
        canonical[RELEASE_PARAMETER] = given[RELEASE_PARAMETER]
    # The model's empty queryset: the filters and orderings are checked, never read (a release's rows are a list).
    queryset = view.row_model()._default_manager.none()
    for backend in view.filter_backends:
        if issubclass(backend, DjangoFilterBackend):
            filterset = backend().get_filterset(request, queryset, view)
            if filterset is not None and filterset.is_valid():
                for name in filterset.form.fields:
                    if name in given:
                        canonical[name] = canonical_text(filterset.form.cleaned_data.get(name))
        elif issubclass(backend, OrderingFilter):
            filter_ = backend()
            if filter_.ordering_param in given:
                # The terms asked for, as DRF reads them (without the tie-breakers a view may add).
                asked = OrderingFilter.get_ordering(filter_, request, queryset, view) or []
                canonical[filter_.ordering_param] = ",".join(asked)
    paginator = view.paginator
    if paginator is not None:
        size = paginator.page_size_query_param
        if size in given:
            canonical[size] = str(paginator.get_page_size(request))
        if isinstance(paginator, CursorPagination):
            if paginator.cursor_query_param in given:
                cursor = paginator.decode_cursor(request)
                written = parse_qs(urlsplit(paginator.encode_cursor(cursor)).query).get(paginator.cursor_query_param)
                canonical[paginator.cursor_query_param] = written[0] if written else None
        elif paginator.page_query_param in given:
            number = given[paginator.page_query_param]
            canonical[paginator.page_query_param] = str(int(number)) if number.isdigit() else None
    return canonical


def keepable(view, request):
    """Whether the answer to `request` may be kept: see the module's docstring."""
    given = request.query_params
    if not canonical_address(request) or any(len(given.getlist(name)) != 1 for name in given):
        return False
    return canonical_parameters(view, request) == given.dict()


class CachedListMixin:
    """For viewsets: lists (the costly answers; one object is cheap) answer from the cache when they can."""

    def list(self, request, *args, **kwargs):
        key = list_key(request)
        if key is not None:
            stored = stored_answer(key)
            if stored is not None:
                content, content_type = stored
                return HttpResponse(content, content_type=content_type)
        self._answer_key = key
        return super().list(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        key = getattr(self, "_answer_key", None)
        if key is not None and isinstance(response, Response) and response.status_code == 200:
            if keepable(self, request):
                response.render()
                content = (response.content, response["Content-Type"])
                keep_answer(key, content, settings.API_CACHE_SECONDS, request)
        return response
