"""API keys: whether a key is valid, and whether a request to a protected route carries one."""

from __future__ import annotations

import hashlib
import re
import secrets

from starlette.requests import HTTPConnection

from coach.api.settings import Settings
from coach.sets.store import ANONYMOUS

UNAUTHORIZED_MESSAGE = "A valid API key is required in the X-API-Key header."


def key_is_valid(settings: Settings, key: str | None) -> bool:
    """Any configured key matches (compared as bytes in constant time, so non-ASCII input is simply wrong)."""
    if not settings.api_keys:
        return True
    if key is None:
        return False
    given = key.encode("utf-8", "surrogateescape")
    return any(secrets.compare_digest(given, valid.encode("utf-8")) for valid in settings.api_keys)


def owner_of(settings: Settings, key: str | None) -> str:
    """Who owns what a (valid) ``key`` creates: the key's name when the keys file names it, so that ownership
    survives rotating the key; else a digest of the key (keys themselves are never stored); ``anonymous`` when the
    service has no keys."""
    if not settings.api_keys or not key:
        return ANONYMOUS
    name = settings.key_names.get(key)
    if name is not None:
        return f"name:{name}"
    return "key:" + hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()


def request_may_pass(connection: HTTPConnection) -> bool:
    """False for a request to a route that needs a key (``app.state.protected_paths``, patterns of the routes' paths)
    without a valid one."""
    settings: Settings = connection.app.state.settings
    protected: list[re.Pattern[str]] = connection.app.state.protected_paths
    path = connection.url.path
    needs_key = any(pattern.match(path) for pattern in protected)
    return not needs_key or key_is_valid(settings, connection.headers.get("x-api-key"))
