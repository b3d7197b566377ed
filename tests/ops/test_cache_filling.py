"""Junk requests cost nothing: the caches (pages and API lists) keep only answers to valid URLs,
written the one way the portal writes them, and each client adds at most its share. Counted
in a Redis of the test's own, as an attacker would fill the production one."""

import pytest
import redis as redis_client
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.support.processes import ThrowawayRedis

# Valid addresses and, for each, made-up values of the parameters it reads (or other spellings of it).
JUNK = {
    "/en/compare/?indicator=population": ["indicator=junk{n}", "indicator=population&indicator=junk{n}"],
    "/en/institutions/?kind=hub": ["kind=junk{n}", "kind=hub&kind=junk{n}", "kind=hub&utm_source={n}"],
    "/en/strategies/?sdg=9": ["sdg={n}9", "sdg=9&sdg={n}"],
    "/en/compare/?indicator=population&region=astana": ["indicator=population&region=junk{n}"],
    "/api/v1/institutions/?ordering=slug": ["ordering=junk{n}", "ordering=slug,junk{n}", "page_size=0{n}"],
    "/api/v1/references/?year=2021": ["year={n}.0", "year=2021&year=2021{n}", "page=0{n}"],
    "/api/v1/observations/?page_size=10": ["page_size=10{n}0000", "cursor=junk{n}", "region=astana&{n}"],
    "/en/": ["{n}", "&" * 3 + "{n}"],
}


@pytest.fixture(scope="module")
def redis():
    server = ThrowawayRedis()
    yield server
    server.close()


@pytest.fixture
def redis_cache(redis, settings):
    caches = {"default": {"BACKEND": "portal.ops.resilience.ResilientRedisCache", "LOCATION": redis.url}}
    with override_settings(CACHES=caches):
        cache.clear()
        yield redis_client.Redis.from_url(redis.url)
        cache.clear()


def junk_addresses(count):
    variants = [(url.split("?")[0], pattern) for url, patterns in JUNK.items() for pattern in patterns]
    return [variants[n % len(variants)][0] + "?" + variants[n % len(variants)][1].format(n=n) for n in range(count)]


def test_a_hundred_requests_with_junk_parameter_values_add_no_key_to_the_cache(demo, client, redis_cache):
    for url in JUNK:  # the valid answers are kept (the throttle's count and the version with them)
        assert client.get(url).status_code == 200, url
    keys = redis_cache.dbsize()
    assert keys >= len(JUNK)
    statuses = {client.get(url).status_code for url in junk_addresses(100)}
    assert redis_cache.dbsize() == keys
    assert statuses <= {200, 400, 404}


def test_the_answers_to_valid_urls_are_still_served_from_the_cache(demo, client, redis_cache):
    for url in JUNK:
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            again = client.get(url)
        assert len(queries) == 1 and again.content == b"".join(
            first.streaming_content if first.streaming else [first.content]
        ), url


def test_one_client_adds_at_most_its_share_of_answers(demo, client, redis_cache, settings):
    settings.CACHE_ANSWERS_PER_CLIENT = 3
    for url in list(JUNK)[:3]:
        client.get(url, REMOTE_ADDR="10.0.0.1")
    keys = redis_cache.dbsize()
    client.get(list(JUNK)[3], REMOTE_ADDR="10.0.0.1")
    assert redis_cache.dbsize() == keys  # valid, but beyond the share of 10.0.0.1
    client.get(list(JUNK)[3], REMOTE_ADDR="10.0.0.2")
    assert redis_cache.dbsize() > keys  # kept for the next client
