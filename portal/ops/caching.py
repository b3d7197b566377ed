"""One version for all public content, and the answers kept under it.

Cached pages, API answers and charts put `content_version()` into their keys; any change to
content gives it a new value, so no process serves what was cached before. The version lives
in the database (ops.ContentVersion, one row), where every process of every profile reads it:
the other gunicorn workers without Redis, `manage.py shell` beside `make run`, another host,
or an edit made while Redis was down. `new_content_version` listens to the core's
`portal.content.content_changed` signal and writes a new random value in the same
transaction as the change, so readers see both at once, and a value never comes back
(not even after a restore from a backup).

Reading it costs one query by primary key per request (remembered till the request ends or
the content changes), which also serves as the connection's health check (Django would
otherwise send its own `SELECT 1` first). While the database cannot be reached nothing can
change, so the version last read (each process shares its reading through the cache when it
changes, and at least every second while it serves) still holds, and cached pages keep being
served. A process never falls back on its own last reading: that may be older than another
process's, and would serve pages of content since changed.
"""

import hashlib
import secrets
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.http.request import split_domain_port

from .models import ContentVersion
from .security import client_ip

CONTENT_VERSION_KEY = "portal:content-version"
PAUSE_AFTER_FAILURE = 2.0  # seconds the database is left alone after it failed, as ResilientRedisCache does


SHARE_VERSION_EVERY = 1.0  # seconds: a cache emptied (restarted) learns the version again this soon


class _Reading:
    shared = (None, 0.0)  # the version this process last put into the cache, and when
    database_down_until = 0.0


_this_request = threading.local()  # a page with many charts reads the version once


def content_version():
    """The current version, or None while neither the database nor a cached copy can tell (then nothing is cached)."""
    version = getattr(_this_request, "version", None)
    if version is None:
        version = _this_request.version = _current_version()
    return version


def forget_version(**_signal_kwargs):
    """At the start of each request (OpsConfig.ready), and when the content changes: read it again."""
    _this_request.version = None


def _current_version():
    if time.monotonic() >= _Reading.database_down_until:
        try:
            version = _version_in_database()
        except DatabaseError:
            _Reading.database_down_until = time.monotonic() + PAUSE_AFTER_FAILURE
        else:
            _share(version)
            return version
    # The database is down, so nothing changes: the version last shared names what is cached.
    return cache.get(CONTENT_VERSION_KEY)


def _share(version):
    now = time.monotonic()
    last, when = _Reading.shared
    if version != last or now - when >= SHARE_VERSION_EVERY:
        cache.set(CONTENT_VERSION_KEY, version, None)
        _Reading.shared = (version, now)


def _version_in_database():
    # This query is the connection's health check: a connection that predates a database
    # restart fails it, is closed and made again, as Django's own check would do.
    checking = connection.connection is not None and connection.health_check_enabled
    checking = checking and not connection.health_check_done and not connection.in_atomic_block
    if checking:
        connection.health_check_done = True
    try:
        return _select_version()
    except (InterfaceError, OperationalError):
        if not checking:
            raise
        connection.close()
        return _select_version()


def _select_version():
    with connection.cursor() as cursor:
        table = connection.ops.quote_name(ContentVersion._meta.db_table)
        cursor.execute(f"SELECT token FROM {table} WHERE id = %s", [ContentVersion.ROW])
        row = cursor.fetchone()
    if row is None:  # a database emptied by a test (or restored from a file without the row)
        return new_content_version()
    return row[0]


def new_content_version(**_signal_kwargs):
    """A new version, in the current transaction: random, so no earlier key can match it."""
    forget_version()
    token = secrets.randbits(62)
    versions = ContentVersion.objects.filter(pk=ContentVersion.ROW)
    if not versions.update(token=token):
        ContentVersion.objects.bulk_create([ContentVersion(pk=ContentVersion.ROW, token=token)], ignore_conflicts=True)
        versions.update(token=token)
    # Shared at once, not at the next reading: the database may go down before anyone reads it.
    transaction.on_commit(lambda: _share(token))
    return token


def answer_key(prefix, request, *parts):
    """The cache key of the answer to `request`: the content version, `parts` and a digest of
    the host (answers carry absolute links) and full path; None while the version is unknown,
    so nothing is read from or kept in the cache rather than risk a stale copy."""
    version = content_version()
    if version is None:
        return None
    address = request.get_host() + request.get_full_path()
    return ":".join([prefix, str(version), *parts, hashlib.sha256(address.encode()).hexdigest()])


def canonical_address(request):
    """Whether the request names its URL the one way the portal writes it: the query string as
    Django would encode its parameters (no `?&`, no needless escapes) and the host in lower case,
    with no port but the server's own. Other spellings are answered, not kept: each would be
    a key of its own for the same answer."""
    domain, port = split_domain_port(request.get_host())
    return (
        request.META.get("QUERY_STRING", "") == request.GET.urlencode()
        and request.get_host() == (f"{domain}:{port}" if port else domain)
        and port in ("", str(request.get_port()))
    )


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


def keep_answer(key, stored, seconds, request):
    """Keep `stored` under `key`, unless the client of `request` has already added its share of
    answers this hour (CACHE_ANSWERS_PER_CLIENT): valid but rarely asked URLs are many (every
    period, every page size), and one client must not fill the cache with them."""
    if not _within_share(request):
        return
    cache.set(key, stored, seconds)
    keep_locally(key, stored)


def _within_share(request):
    share = settings.CACHE_ANSWERS_PER_CLIENT
    if not share:
        return True
    counter = "portal:kept-by:" + hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    cache.add(counter, 0, 60 * 60)
    try:
        return cache.incr(counter) <= share
    except ValueError:  # evicted meanwhile, or the cache is down (then nothing is kept anyway)
        return True


def keep_locally(key, stored):
    if len(_local_answers) >= LOCAL_ANSWERS:
        _local_answers.clear()  # old versions and rarely read answers go; the busy ones come back at once
    _local_answers[key] = stored
