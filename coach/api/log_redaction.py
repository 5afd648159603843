"""Keep secrets out of the server's log: uvicorn logs each request's path with its query string, which for the live
WebSocket can hold an API key, a session id and a resume token. This filter drops every query string from uvicorn's
access and connection lines (the path stays, so the log still shows what was asked for)."""

from __future__ import annotations

import logging

#: Loggers whose records carry request paths: HTTP access lines, and WebSocket accept/reject lines.
UVICORN_LOGGERS = ("uvicorn.access", "uvicorn.error")


class DropQueryStrings(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(_without_query(arg) for arg in record.args)
        return True


def install() -> None:
    """Add the filter to uvicorn's loggers, once per process."""
    for name in UVICORN_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, DropQueryStrings) for f in logger.filters):
            logger.addFilter(DropQueryStrings())


def _without_query(value: object) -> object:
    if isinstance(value, str) and value.startswith("/") and "?" in value:
        return value.split("?", 1)[0] + "?[query removed]"
    return value
