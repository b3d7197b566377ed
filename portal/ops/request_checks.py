"""Requests no part of the portal can answer are refused before any view reads them.

A NUL character cannot be stored in or compared with a PostgreSQL text (psycopg2 refuses the
query), and no address, code, search or cookie of the portal has one: wherever it comes in
(the path, a query parameter's name or value, a cookie, a header), the request is answered
400 (templates/bad_request.html, in the reader's language) instead of failing in whichever
view first hands it to the database. Form fields and JSON bodies refuse it already (Django's and
DRF's fields prohibit NUL characters)."""

import logging

from django.http import HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext, gettext_noop

logger = logging.getLogger("portal.ops.request_checks")

NUL = "\x00"
API_PREFIX = "/api/"
NUL_MESSAGE = gettext_noop(
    "The request holds a NUL character, which no address, parameter or header of the portal has."
)


def carries_nul(request):
    if NUL in request.path_info:
        return True
    if any(NUL in name or any(NUL in value for value in values) for name, values in request.GET.lists()):
        return True
    if any(NUL in name or NUL in value for name, value in request.COOKIES.items()):
        return True
    return any(
        NUL in value for name, value in request.META.items() if name.startswith("HTTP_") and isinstance(value, str)
    )


class RefuseNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if carries_nul(request):
            logger.warning("NUL character in the request, refused", extra={"path": repr(request.path_info)})
            if request.path_info.startswith(API_PREFIX):  # the API's clients read JSON, as its other refusals
                return JsonResponse({"detail": gettext(NUL_MESSAGE)}, status=400)
            # Rendered without the request: context processors would read its parts again.
            return HttpResponseBadRequest(render_to_string("bad_request.html"))
        return self.get_response(request)
