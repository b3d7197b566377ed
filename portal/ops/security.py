"""The client's address behind reverse proxies, for the login lockout (django-axes).

X-Forwarded-For is a list each proxy appends to; only the entries our own proxies
added can be trusted, so with DJANGO_TRUSTED_PROXY_COUNT = n the client is the n-th
address from the right. Addresses a client writes in the header itself sit further
left and are ignored, so nobody escapes the lockout (or locks others out) by faking it.
"""

from django.conf import settings


def client_ip(request):
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # The last proxy's own peer is REMOTE_ADDR; the n-1 before it wrote the rightmost entries.
    return forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
