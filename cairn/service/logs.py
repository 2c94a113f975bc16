"""Logs with the request's id, as plain lines or (CAIRN_LOG_FORMAT=json) one JSON object a line.

Nothing here logs a request's body, headers or query string: passwords and one-time links never reach the logs.
"""

import contextvars
import logging
import re

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

# The id of the request this thread is answering ("-" outside a request: the worker, a command).
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


# A one-time token in an address (a set-password link: "c2x-0123456789abcdef0123456789abcdef"), should an address
# carrying one ever be logged (a 404 on a mistyped link logs its path).
TOKEN = re.compile(r"\b[0-9a-z]{1,13}-[0-9a-f]{20,}\b")


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record, so each line can be tied to the request (and the proxy's log line), and
    blanks out one-time tokens in the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        message = record.getMessage()
        if TOKEN.search(message):
            record.msg, record.args = TOKEN.sub("[token]", message), ()
        if TOKEN.search(path := getattr(record, "path", "") or ""):
            record.path = TOKEN.sub("[token]", path)
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object a line: time, level, logger, message, request id, and the traceback of an error."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        super().__init__(*args, **kwargs)

    def add_fields(self, log_record, record, message_dict):
        super().add_fields(log_record, record, message_dict)
        # Django attaches the request to error records; it is not for the log (its body may hold a password).
        log_record.pop("request", None)
        if status := getattr(record, "status_code", None):
            log_record["status"] = status


def gunicorn_logging() -> dict:
    """gunicorn's own log lines (starting, a worker that timed out) in the same format as Cairn's."""
    import os

    json_lines = os.environ.get("CAIRN_LOG_FORMAT", "").lower() == "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": RequestIdFilter}},
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            "json": {"()": JsonFormatter},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler", "filters": ["request_id"], "formatter": "json" if json_lines else "plain",
            }
        },
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": ["console"], "propagate": False},
            "gunicorn.access": {"level": "WARNING", "handlers": ["console"], "propagate": False},
        },
    }
