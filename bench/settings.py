"""The portal's settings with one extra URL: a trivial view to measure the pages against."""

from portal.settings import *  # noqa: F401,F403

ROOT_URLCONF = "bench.urls"
