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

# Each worker also keeps the pages it served last: a page read from here costs no trip
# to a shared cache. The keys hold the content version, so nothing here outlives a change.
LOCAL_PAGES = 200
_local_pages = {}


def stored_page(key):
    stored = _local_pages.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            keep_locally(key, stored)
    return stored


def keep_locally(key, stored):
    if len(_local_pages) >= LOCAL_PAGES:
        _local_pages.clear()  # old versions and rarely read pages go; the busy ones come back at once
    _local_pages[key] = stored


def cached_page(params=()):
    """Cache the view's 200 responses; URLs with query parameters other than `params` are not cached
    (so made-up query strings cannot fill the cache)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in ("GET", "HEAD") or can_preview(request) or set(request.GET) - set(params):
                return view(request, *args, **kwargs)
            version = content_version()
            if version is None:  # the shared cache is down: answer uncached rather than risk a stale copy
                return view(request, *args, **kwargs)
            # The host is part of the key: pages carry absolute hreflang URLs.
            address = request.get_host() + request.get_full_path()
            key = "page:%s:%s:%s" % (version, get_language(), hashlib.sha256(address.encode()).hexdigest())
            stored = stored_page(key)
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
                stored = (response.content, response["Content-Type"], headers)
                cache.set(key, stored, PAGE_CACHE_SECONDS)
                keep_locally(key, stored)
            return response

        return wrapper

    return decorator
