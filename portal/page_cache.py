"""Rendered public pages, cached per language and URL under the content version.

An editor's save bumps the version (portal.caching), so the next request renders anew
and the change shows at once on every worker sharing the cache. Editors previewing
drafts (?preview=1) are never served from or written to the cache.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from .caching import content_version
from .publishing import can_preview

PAGE_CACHE_SECONDS = 60 * 60
KEPT_HEADERS = ("Content-Disposition",)


def cached_page(params=()):
    """Cache the view's 200 responses; URLs with query parameters other than `params` are not cached
    (so made-up query strings cannot fill the cache)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or can_preview(request) or set(request.GET) - set(params):
                return view(request, *args, **kwargs)
            # The host is part of the key: pages carry absolute hreflang URLs.
            address = request.get_host() + request.get_full_path()
            key = "page:%s:%s:%s" % (content_version(), get_language(), hashlib.sha256(address.encode()).hexdigest())
            stored = cache.get(key)
            if stored is not None:
                content, content_type, headers = stored
                response = HttpResponse(content, content_type=content_type)
                for name, value in headers.items():
                    response[name] = value
                return response
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming:
                if hasattr(response, "render"):
                    response.render()
                headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
                cache.set(key, (response.content, response["Content-Type"], headers), PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator
