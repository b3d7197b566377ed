"""Rendered public pages, cached whole per URL under the content version.

A view decorated with @cached_page says its answer may be kept; PageCacheMiddleware,
which stands near the top of the middleware list, keeps the finished answer (with the
headers the other middleware added: CSP, framing, language) and serves it to the next
reader of the same URL without running the rest of the stack. The language is in every
public URL (/kk/, /ru/, /en/), so the URL is the key.

An editor's save bumps the version (portal.ops.caching), so the next request renders anew
and the change shows at once on every worker sharing the cache. Editors previewing
drafts (?preview=1) are never served from or written to the cache, and URLs with query
parameters the view does not know are not kept (made-up query strings cannot fill it).
"""

from functools import wraps

from django.http import HttpResponse

from portal.languages import language_codes
from portal.publishing import can_preview

from .caching import answer_key, keep_answer, stored_answer

PAGE_CACHE_SECONDS = 60 * 60
# Set by the request log (outside this middleware) or per reader: never kept.
UNKEPT_HEADERS = {"set-cookie", "x-request-id"}


def cached_page(params=()):
    """Let PageCacheMiddleware keep the view's 200 answers to GET and HEAD, when the URL has no
    query parameter but `params` and the reader is not previewing drafts."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD") and not can_preview(request) and not set(request.GET) - set(params):
                response.may_be_kept = True
            return response

        return wrapper

    return decorator


def page_key(request):
    """The cache key of a public page's URL, or None for URLs outside the language prefixes."""
    if request.method not in ("GET", "HEAD") or request.path.split("/", 2)[1] not in language_codes():
        return None
    return answer_key("page", request)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = page_key(request)
        if key is not None:
            stored = stored_answer(key)
            if stored is not None:
                content, headers = stored
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                return response
        response = self.get_response(request)
        if (
            key is not None
            and getattr(response, "may_be_kept", False)
            and response.status_code == 200
            and not response.streaming
        ):
            if hasattr(response, "render"):
                response.render()
            headers = [(name, value) for name, value in response.items() if name.lower() not in UNKEPT_HEADERS]
            keep_answer(key, (response.content, headers), PAGE_CACHE_SECONDS)
        return response
