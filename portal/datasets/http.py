"""HTTP caching of the downloads: a release's files never change (cached for good), the live
ones say when the data last changed (Last-Modified) and carry an ETag, so a client asks again
cheaply (If-None-Match / If-Modified-Since answer 304)."""

import datetime
import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

from portal.ops.caching import content_version

from .models import DataState, Release
from .selection import unknown_parameters

MODIFIED_AT_SECONDS = 24 * 60 * 60
IMMUTABLE = "public, max-age=31536000, immutable"
# Live data (and "latest", which moves with each release): kept, but asked again each time.
REVALIDATE = "public, max-age=0, must-revalidate"
# Bump when a file format changes, so caches drop what they kept of the old one.
FORMAT_VERSION = "2"


def live_modified_at():
    """When public content last changed (or when the latest release was published, if later): read from
    the database once per content version (portal.ops.caching), which every such change moves on."""
    version = content_version()
    if version is None:
        return read_modified_at()
    key = f"datasets:modified-at:{version}"
    stamp = cache.get(key)
    if stamp is None:
        modified = read_modified_at()
        stamp = modified.timestamp() if modified else 0.0
        cache.set(key, stamp, timeout=MODIFIED_AT_SECONDS)
    return datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC) if stamp else None


def read_modified_at():
    times = [
        DataState.objects.values_list("modified_at", flat=True).first(),
        Release.objects.filter(number__isnull=False)
        .order_by("-number")
        .values_list("published_at", flat=True)
        .first(),
    ]
    times = [time for time in times if time is not None]
    return max(times) if times else None


def answer_address(request, variant=""):
    """What an answer depends on besides the data: the file format's version, the language, the host and
    the full path (the files' citations name their address), and `variant`."""
    return f"{FORMAT_VERSION}|{get_language()}|{request.get_host()}|{request.get_full_path()}|{variant}"


def validators(request, release, *, pinned, variant=""):
    """(ETag, Last-Modified timestamp or None, Cache-Control) of the answer to `request`.

    `pinned`: the URL names a release by its version, so its answer never changes. `variant`: what else
    the answer depends on besides the URL and the language (the API's negotiated format)."""
    address = answer_address(request, variant)
    if release is not None:
        digest = hashlib.sha256(f"{address}|release {release.version}".encode()).hexdigest()[:32]
        return f'"{digest}"', None, IMMUTABLE if pinned else REVALIDATE
    modified = live_modified_at()
    stamp = int(modified.timestamp()) if modified else None
    # The content version too: an answer kept from before a change never matches after it.
    live = f"{address}|live {modified.isoformat() if modified else ''}|{content_version()}"
    digest = hashlib.sha256(live.encode()).hexdigest()[:32]
    return f'"{digest}"', stamp, REVALIDATE


def conditional(request, response_or_none, etag, last_modified, cache_control):
    """Put the validators on `response_or_none`, or answer 304 when the client's copy is current."""
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    response = not_modified if not_modified is not None else response_or_none()
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = cache_control
    return response


def bad_query(problems):
    return HttpResponse("\n".join(problems) + "\n", status=400, content_type="text/plain; charset=utf-8")


def only_parameters(*known):
    """For a view (or feed) that reads no query parameter but `known`: any other answers 400 naming it,
    as the downloads do, so a misspelt one is never silently ignored."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            problems = unknown_parameters(request.GET, known)
            return bad_query(problems) if problems else view(request, *args, **kwargs)

        return wrapper

    return decorator
