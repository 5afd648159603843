"""Assertions on the API's error responses, which all share one shape: ``{"error": {"type", "message"}}``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol


class Response(Protocol):
    """What these assertions read of a test client's response."""

    status_code: int

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def text(self) -> str: ...

    def json(self) -> Any: ...


def error_of(response: Response, status: int, kind: str) -> dict[str, Any]:
    """The error body of ``response``, after checking its status, its content type, its shape and its ``type``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error: dict[str, Any] = body["error"]
    assert {"type", "message"} <= set(error) <= {"type", "message", "details"}
    assert error["type"] == kind
    return error


def assert_error(response: Response, status: int, kind: str, message: str) -> None:
    """``response`` is the error ``kind`` with ``status`` and exactly ``message``."""
    assert error_of(response, status, kind)["message"] == message
