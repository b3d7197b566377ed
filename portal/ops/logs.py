"""Logs as one JSON object per line, each request with its id.

A log collector reads JSON lines without parsing rules; the request id (taken
from the proxy's X-Request-ID, or made here) ties a request's lines together
across the proxy, the app servers and the database.
"""

import contextvars
import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

request_id_var = contextvars.ContextVar("request_id", default="")

# What a proxy may hand us as an id: short and harmless in a log or a header.
SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

request_logger = logging.getLogger("portal.request")

# Attributes every LogRecord has; anything else was passed by `extra=` and is logged as a field.
STANDARD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}

# gunicorn's access log passes its atoms (h, r, s, …) as the record's args.
GUNICORN_ACCESS_FIELDS = {
    "h": "remote",
    "m": "method",
    "U": "path",
    "s": "status",
    "B": "bytes",
    "f": "referer",
    "a": "user_agent",
}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update({field: record.args.get(atom) for atom, field in GUNICORN_ACCESS_FIELDS.items()})
            entry["duration_ms"] = round(int(record.args.get("D", 0)) / 1000, 1)
            entry["request_id"] = record.args.get("{x-request-id}o") or None
            entry["message"] = "request"
        else:
            entry["message"] = record.getMessage()
        request_id = getattr(record, "request_id", None) or request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        for name, value in vars(record).items():
            if name not in STANDARD_ATTRIBUTES and name not in entry and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestLogMiddleware:
    """Gives each request an id (X-Request-ID in and out) and logs one line when it is answered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request.request_id = given if SAFE_REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(request.request_id)
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            request_logger.info(
                "%s %s %s %sms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
