"""Additions to the generated OpenAPI schema: the answers every operation may give."""

from django.utils.translation import gettext_lazy as _

ERROR_SCHEMA = {
    "type": "object",
    "description": "What was wrong: a message per parameter, or `detail`.",
    "additionalProperties": True,
}


def add_error_responses(result, generator, request, public):
    """Document 400 (malformed parameter), 404 and 429 (throttled) with their JSON body."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status, description in (
                ("400", _("A parameter is malformed; the body says which and why.")),
                ("404", _("No such object, or not published.")),
                ("429", _("Too many requests; retry after the time in Retry-After.")),
            ):
                # ?format=csv renders errors as CSV too.
                responses.setdefault(status, {
                    "description": str(description),
                    "content": {"application/json": {"schema": ERROR_SCHEMA}, "text/csv": {"schema": ERROR_SCHEMA}},
                })
    return result
