"""One version number for all public content.

Cached pages and charts put `content_version()` into their keys; any change to
content bumps it, so every worker and host (with a shared cache) stops using
what was cached before, at once: `new_content_version` listens to the core's
`portal.content.content_changed` signal (see OpsConfig.ready).

A version starts as the clock's nanoseconds, not 1: after Redis is flushed or restarted
the count starts again from a number no earlier key used, so no copy a worker keeps
in its own memory (portal.ops.page_cache) can match it.
"""

import hashlib
import time

from django.core.cache import cache

CONTENT_VERSION_KEY = "portal:content-version"


def content_version():
    """The current version, or None while the cache cannot be reached (then nothing is cached)."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def new_content_version(**_signal_kwargs):
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # not in the cache yet (or evicted): any new value invalidates
        cache.set(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)


def answer_key(prefix, request, *parts):
    """The cache key of the answer to `request`: the content version, `parts` and a digest of
    the host (answers carry absolute links) and full path; None while the cache is down,
    so nothing is read from or kept in it rather than risk a stale copy."""
    version = content_version()
    if version is None:
        return None
    address = request.get_host() + request.get_full_path()
    return ":".join([prefix, str(version), *parts, hashlib.sha256(address.encode()).hexdigest()])


# Each worker also keeps the answers it served last: one read from here costs no trip to the
# shared cache. Their keys hold the content version, so nothing kept outlives a change.
LOCAL_ANSWERS = 200
_local_answers = {}


def stored_answer(key):
    """What keep_answer() kept under `key` (this worker's copy first), or None."""
    stored = _local_answers.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            keep_locally(key, stored)
    return stored


def keep_answer(key, stored, seconds):
    cache.set(key, stored, seconds)
    keep_locally(key, stored)


def keep_locally(key, stored):
    if len(_local_answers) >= LOCAL_ANSWERS:
        _local_answers.clear()  # old versions and rarely read answers go; the busy ones come back at once
    _local_answers[key] = stored
