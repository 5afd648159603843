"""API keys: whether a key is valid, and whether a request to a protected route carries one."""

from __future__ import annotations

import secrets

from starlette.requests import HTTPConnection

from coach.api.settings import Settings

UNAUTHORIZED_MESSAGE = "A valid API key is required in the X-API-Key header."


def key_is_valid(settings: Settings, key: str | None) -> bool:
    """Any configured key matches (compared as bytes in constant time, so non-ASCII input is simply wrong)."""
    if not settings.api_keys:
        return True
    if key is None:
        return False
    given = key.encode("utf-8", "surrogateescape")
    return any(secrets.compare_digest(given, valid.encode("utf-8")) for valid in settings.api_keys)


def request_may_pass(connection: HTTPConnection) -> bool:
    """False for a request to a route that needs a key (``app.state.protected_paths``) without a valid one."""
    settings: Settings = connection.app.state.settings
    protected: set[str] = connection.app.state.protected_paths
    return connection.url.path not in protected or key_is_valid(settings, connection.headers.get("x-api-key"))
