"""Read answers of the API, kept rendered under the content version, as the pages are.

A 1,000-row page of observations costs tens of milliseconds to read and render and
a fraction of one to send again; an editor's change bumps the content version
(portal.ops.caching), so no answer outlives the data it shows. The key holds the
language, the negotiated format (JSON or CSV), the host (links are absolute) and
the whole query. Throttling, authentication and content negotiation still run
first: only the reading and rendering are skipped. Staff answers (which show draft
flags and bounds) are never cached, and API_CACHE_SECONDS=0 turns the cache off.
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import get_language
from rest_framework.response import Response

from portal.ops.caching import answer_key, keep_answer, stored_answer

from .permissions import is_staff


def list_key(request):
    """The cache key of a GET answer, or None when it must not be cached."""
    if not settings.API_CACHE_SECONDS or request.method != "GET" or is_staff(request.user):
        return None
    return answer_key("api", request, get_language(), request.accepted_renderer.format)


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
            response.render()
            keep_answer(key, (response.content, response["Content-Type"]), settings.API_CACHE_SECONDS)
        return response
