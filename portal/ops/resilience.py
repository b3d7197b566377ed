"""The portal keeps answering when a backing service fails.

Database down: the request that needed it gets a translated 503 page (with
Retry-After) instead of a 500; pages answered from the cache are unaffected,
and the next request after the database returns reconnects by itself
(CONN_MAX_AGE with health checks). Cache down: every lookup is a miss and
every write is dropped, so pages are built from the database, uncached.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from redis.exceptions import RedisError

logger = logging.getLogger("portal.ops.resilience")

RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    """Turns "cannot reach the database" into a 503 page in the reader's language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error(
            "database unavailable", extra={"path": request.path, "error": f"{type(exception).__name__}: {exception}"}
        )
        # Rendered without the request: context processors could touch the database again.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django makes a new redis.Redis for every cache call; building one (redis-py's table
    of reply parsers) costs more than the lookup itself. One client per connection pool
    does the same work: the pool holds the connections, and both are thread-safe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, but an unreachable Redis is a cache miss, not an error.

    After a failure Redis is left alone for a couple of seconds, so a dead
    Redis costs a request nothing instead of a connection attempt per lookup.
    """

    PAUSE_AFTER_FAILURE = 2.0
    _down_until = 0.0

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient

    def _call(self, method, fallback, *args):
        if self._down_until and time.monotonic() < self._down_until:
            return fallback
        try:
            try:
                result = method(*args)
            except RedisError:  # a pooled connection may predate a Redis restart: one more try, on a fresh one
                result = method(*args)
        except RedisError as error:
            if not self._down_until:
                logger.warning(
                    "cache unavailable, serving uncached", extra={"error": f"{type(error).__name__}: {error}"}
                )
            self._down_until = time.monotonic() + self.PAUSE_AFTER_FAILURE
            return fallback
        if self._down_until:
            logger.warning("cache reachable again")
            self._down_until = 0.0
        return result

    def get(self, key, default=None, version=None):
        return self._call(super().get, default, key, default, version)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, {}, keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, False, key, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, None, key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, False, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, False, key, version)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, None, keys, version)

    def clear(self):
        return self._call(super().clear, False)

    def incr(self, key, delta=1, version=None):
        result = self._call(super().incr, _UNAVAILABLE, key, delta, version)
        if result is _UNAVAILABLE:
            raise ValueError("The cache is unavailable.")  # callers already treat ValueError as "not cached"
        return result


_UNAVAILABLE = object()
