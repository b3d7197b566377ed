"""How API writers prove who they are: a token (Authorization: Token …, made in the admin) or the
admin's session cookie, whose writes need the CSRF token as the admin's forms do.

Neither calls django.contrib.auth.authenticate(), so django-axes (which counts failed password
logins) is not involved: a wrong token is a 401, not a login failure."""

from django.utils.translation import gettext as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import authentication, exceptions


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
