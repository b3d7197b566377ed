"""Additions to the generated OpenAPI schema: who may call each operation, and the answers
every operation may give."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from rest_framework.permissions import SAFE_METHODS

ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong: a message per parameter or field, or `detail`.",
    "additionalProperties": True,
}
WRITE_METHODS = {"post", "put", "patch", "delete"}


class PortalAutoSchema(AutoSchema):
    def get_auth(self):
        """Reads need no authentication (drf-spectacular knows that only of DRF's own permission classes)."""
        auths = super().get_auth()
        if self.method in SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths


def error_answers(method):
    yield "400", _("A parameter or the body is malformed; the body says which and why.")
    # A wrong token is refused whatever the method.
    yield "401", _("Not signed in, or the token is wrong: writes need a staff user's token or session.")
    if method in WRITE_METHODS:
        yield (
            "403",
            _(
                "Signed in, but not staff, or without the permission for this action on this kind of content; or the "
                "CSRF check of a session failed."
            ),
        )
    yield "404", _("No such object, or not published.")
    if method in WRITE_METHODS:
        yield (
            "409",
            _("Refused because of other content: it still refers to this object, or was saved at the same time."),
        )
    if method in {"post", "put", "patch"}:
        yield "415", _("The body is not JSON (Content-Type: application/json).")
    yield "429", _("Too many requests; retry after the time in Retry-After.")


def add_error_responses(result, generator, request, public):
    """Document the error answers (400, 401, 403, 404, 409, 415, 429) with their JSON body."""
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            responses = operation.setdefault("responses", {})
            for status, description in error_answers(method):
                # ?format=csv renders errors as CSV too.
                responses.setdefault(
                    status,
                    {
                        "description": str(description),
                        "content": {
                            "application/json": {"schema": ERROR_SCHEMA},
                            "text/csv": {"schema": ERROR_SCHEMA},
                        },
                    },
                )
    return result


CSV_LIST = (
    "Every matching row, without pages: a header with the names of the JSON's fields, then one line per row "
    "(RFC 4180; lists of codes joined by commas)."
)
CSV_OBJECT = "The object as CSV: a header with the names of the JSON's fields, then one line."


def csv_answers(result, generator, request, public):
    """A 200 in CSV is text, not the JSON's object: every row of a list (portal.api.reading), or the one object."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if not status.startswith("2") or "text/csv" not in content:
                    continue
                paginated = "Paginated" in content.get("application/json", {}).get("schema", {}).get("$ref", "")
                content["text/csv"] = {
                    "schema": {"type": "string", "description": CSV_LIST if paginated else CSV_OBJECT}
                }
    return result
