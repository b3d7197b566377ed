"""The production settings plus bench-only URLs (a trivial view, a plain values() list).
Never used by the portal itself: only bench/load.py starts gunicorn with it."""

from portal.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
