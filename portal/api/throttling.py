from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous requests per client address, counted in the default cache
    (Redis in production, so every worker and host shares the count).

    The rate is read from settings at each request, not at import, so it can be
    changed per deployment (API_ANON_THROTTLE_RATE) and in tests.
    """

    def get_rate(self):
        return settings.API_ANON_THROTTLE_RATE
