"""How API writers prove who they are: a token (Authorization: Token …, made in the admin) or the
admin's session cookie, whose writes need the CSRF token as the admin's forms do.

Failed tokens count as failed logins do (django-axes, the same limit and hour), per client address
and under a name no user can have: a client guessing tokens is refused (429) after
DJANGO_LOGIN_FAILURE_LIMIT wrong ones, and neither the editors' password logins nor any other
address is affected. `manage.py axes_reset_ip ADDRESS` lifts it."""

from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions

# What the lockout records failed tokens under: user names have no spaces or brackets.
TOKEN_CREDENTIALS = {"username": "(API token)"}


class TokensLockedOut(exceptions.Throttled):
    def __init__(self, request):
        cool_off = get_cool_off(request) or timedelta(hours=1)
        super().__init__(
            wait=cool_off.total_seconds(),
            detail=_("Too many wrong tokens came from your address: tokens from it are refused for a while."),
        )


class TokenAuthentication(authentication.TokenAuthentication):
    """DRF's token authentication, with failed tokens counted by the login lockout."""

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None  # no token: another scheme (or none) applies, nothing to count
        http_request = request._request
        if AxesProxyHandler.is_locked(http_request, TOKEN_CREDENTIALS):
            raise TokensLockedOut(http_request)
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            # As django.contrib.auth.authenticate() announces a wrong password; django-axes counts it.
            user_login_failed.send(sender=__name__, credentials=TOKEN_CREDENTIALS, request=http_request)
            if getattr(http_request, "axes_locked_out", False):
                # Answered here, in the API's JSON, rather than by the lockout middleware's page.
                http_request.axes_locked_out = False
                raise TokensLockedOut(http_request) from None
            raise


class SessionAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication, with its CSRF refusal in the request's language."""

    def enforce_csrf(self, request):
        try:
            super().enforce_csrf(request)
        except exceptions.PermissionDenied:
            raise exceptions.PermissionDenied(
                _(
                    "The CSRF check failed. With a session cookie, send the value of the csrftoken cookie "
                    "in an X-CSRFToken header; a script had better use a token (Authorization: Token …)."
                )
            ) from None


class SessionSchemeForSubclass(SessionScheme):
    """The OpenAPI security scheme (cookieAuth) of the subclass above."""

    target_class = SessionAuthentication
