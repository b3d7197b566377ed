from django.conf import settings
from rest_framework.throttling import AnonRateThrottle

from portal.ops.security import client_ip


class AnonymousThrottle(AnonRateThrottle):
    """Anonymous requests per client address, counted in the default cache
    (Redis in production, so every worker and host shares the count).

    The address is read as the login lockout reads it (portal.ops.security: the entry
    DJANGO_TRUSTED_PROXY_COUNT proxies deep in X-Forwarded-For, else the connection's
    own), never from what the client wrote in that header itself: DRF's own reading
    would count each forged X-Forwarded-For as a new client.

    The rate is read from settings at each request, not at import, so it can be
    changed per deployment (API_ANON_THROTTLE_RATE) and in tests.
    """

    def get_rate(self):
        return settings.API_ANON_THROTTLE_RATE

    def get_ident(self, request):
        return client_ip(request)
