"""JSON request bodies with exact numbers: 13.2 arrives as Decimal("13.2"), never as the float
13.199999999999999289…, which a Decimal field would store as the wrong number."""

import json
from decimal import Decimal

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import BaseParser
from rest_framework.renderers import JSONRenderer


def max_body_bytes():
    """The observation import's size limit (OBSERVATION_IMPORT_MAX_MB) holds for any JSON body."""
    return settings.OBSERVATION_IMPORT_MAX_BYTES


def refuse_constant(name):
    raise ParseError(
        _("%(constant)s is not a number JSON allows; write the value as decimal text, e.g. “13.2”.")
        % {"constant": name}
    )


class ExactJSONParser(BaseParser):
    media_type = "application/json"
    renderer_class = JSONRenderer

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding") or settings.DEFAULT_CHARSET
        limit = max_body_bytes()
        data = stream.read(limit + 1)
        if len(data) > limit:
            raise ParseError(
                _("The body is larger than %(limit)s MB; send the rows in parts.")
                % {"limit": round(limit / 1048576, 1)}
            )
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            raise ParseError(_("The body is not text in %(encoding)s.") % {"encoding": encoding}) from None
        try:
            return json.loads(text, parse_float=Decimal, parse_constant=refuse_constant)
        except json.JSONDecodeError as error:
            raise ParseError(
                _("The body is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        except (ValueError, RecursionError):  # an integer of thousands of digits; nesting deeper than Python's stack
            raise ParseError(_("The body is not JSON the portal can read.")) from None
