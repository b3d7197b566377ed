"""Rendered public pages, cached whole per URL under the content version.

A view decorated with @cached_page says its answer may be kept; PageCacheMiddleware,
which stands near the top of the middleware list, keeps the finished answer (with the
headers the other middleware added: CSP, framing, language) and serves it to the next
reader of the same URL without running the rest of the stack. The language is in every
public URL (/kk/, /ru/, /en/), so the URL is the key.

An editor's save changes the version (portal.ops.caching), so the next request renders anew
and the change shows at once in every process. Only answers to valid URLs are kept: each
query parameter must be one the view names, given once with a value it accepts, written the
one way the portal writes it (made-up parameters, made-up values and other spellings of the
same URL cannot fill the cache); and one client adds at most its share of answers
(CACHE_ANSWERS_PER_CLIENT). Editors' previews (?preview=1, a parameter no view names) are
never kept.
"""

from functools import wraps

from django.http import HttpResponse

from portal.languages import language_codes

from .caching import answer_key, canonical_address, keep_answer, stored_answer

PAGE_CACHE_SECONDS = 60 * 60
# Set by the request log (outside this middleware) or per reader: never kept.
UNKEPT_HEADERS = {"set-cookie", "x-request-id"}


def _choices(choices, request):
    return list(choices(request) if callable(choices) else choices)


def one_of(choices):
    """A parameter given once, with one of `choices` (values, or a function of the request giving them)."""

    def accepts(request, values):
        return len(values) == 1 and values[0] in _choices(choices, request)

    return accepts


def several_of(choices):
    """A parameter given once or more, each time with another of `choices`, in their order."""

    def accepts(request, values):
        allowed = _choices(choices, request)
        places = [allowed.index(value) for value in values if value in allowed]
        return len(places) == len(values) and places == sorted(set(places))

    return accepts


def cached_page(params=None):
    """Let PageCacheMiddleware keep the view's 200 answers to GET and HEAD when every query
    parameter is one of `params` ({name: one_of(…) or several_of(…)}) and accepted by it."""
    params = params or {}

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if (
                request.method in ("GET", "HEAD")
                and response.status_code == 200
                and all(name in params and params[name](request, request.GET.getlist(name)) for name in request.GET)
                and canonical_address(request)
            ):
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
            keep_answer(key, (response.content, headers), PAGE_CACHE_SECONDS, request)
        return response
