"""Turning every failure into a JSON error with the right status code; the only place that picks status codes."""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from coach.api.auth import UNAUTHORIZED_MESSAGE, request_may_pass
from coach.errors import InputError, ModelError
from coach.sets.database import DatabaseUnavailable
from coach.sets.store import NameTaken, NoSuchUtterance, NotFound

logger = logging.getLogger("coach.api")

NOT_FOUND_MESSAGE = (
    "No such set or session for this API key: it does not exist, was deleted, or was saved with another key."
)
#: What FastAPI says (status 400) about a body it cannot decode, e.g. bytes that are not UTF-8.
_FASTAPI_BODY_ERROR = "There was an error parsing the body"


class ApiError(Exception):
    """An error raised by a route with its status code and a stable ``kind``."""

    def __init__(self, status_code: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.kind = kind
        self.message = message


def error_response(
    status_code: int,
    kind: str,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"type": kind, "message": message}
    if details:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status_code, headers=headers)


def _describe(error: dict[str, Any]) -> dict[str, Any]:
    """A validation problem without the offending input, which may be something a person said."""
    location = tuple(error.get("loc", ()))
    if error.get("type") == "json_invalid":
        # FastAPI puts the character position where a field name would be; pydantic puts nothing there.
        position = next((f" at character {part}" for part in location if isinstance(part, int)), "")
        reason = error.get("ctx", {}).get("error", "not valid JSON")
        return {"field": "body", "problem": f"Invalid JSON: {reason}{position}"}
    field = ".".join(str(part) for part in location if part != "body")
    return {"field": field or "body", "problem": error.get("msg", "invalid")}


def _allowed_methods(request: Request) -> str:
    """Every method some route of this path takes (Starlette's 405 names only the first route's)."""
    routes: list[tuple[re.Pattern[str], set[str]]] = request.app.state.route_methods
    methods = {method for pattern, allowed in routes if pattern.match(request.url.path) for method in allowed}
    return ", ".join(sorted(methods - {"HEAD"}))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status_code, error.kind, error.message)

    @app.exception_handler(InputError)
    async def input_error(request: Request, error: InputError) -> JSONResponse:
        return error_response(422, "input_error", str(error))

    @app.exception_handler(ModelError)
    async def model_error(request: Request, error: ModelError) -> JSONResponse:
        logger.error("model error: %s", error)
        return error_response(503, "model_unavailable", str(error))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> JSONResponse:
        # The same answer whether it never existed, was deleted, or is another key's: nothing is given away.
        message = str(error) if isinstance(error, NoSuchUtterance) else NOT_FOUND_MESSAGE
        return error_response(404, "not_found", message)

    @app.exception_handler(NameTaken)
    async def name_taken(request: Request, error: NameTaken) -> JSONResponse:
        return error_response(409, "set_exists", f"You already have a set named {str(error)!r}; pick another name.")

    @app.exception_handler(DatabaseUnavailable)
    async def database_unavailable(request: Request, error: DatabaseUnavailable) -> JSONResponse:
        logger.error("database unavailable: %s", error)
        return error_response(503, "database_unavailable", str(error), headers={"Retry-After": "30"})

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI parses a JSON body before it runs the route's dependencies: the key is still checked first.
        if not request_may_pass(request):
            return error_response(401, "unauthorized", UNAUTHORIZED_MESSAGE)
        details = [_describe(item) for item in error.errors()]
        summary = "; ".join(f"{d['field']}: {d['problem']}" for d in details[:5])
        return error_response(422, "validation_error", f"The request is not valid: {summary}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 400 and error.detail == _FASTAPI_BODY_ERROR:
            if not request_may_pass(request):
                return error_response(401, "unauthorized", UNAUTHORIZED_MESSAGE)
            # A body FastAPI cannot decode (bytes that are not UTF-8) is bad input like any other: 422.
            problem = "cannot be read as JSON; send UTF-8 JSON with Content-Type: application/json"
            details = [{"field": "body", "problem": problem}]
            return error_response(422, "validation_error", f"The request is not valid: body: {problem}", details)
        kinds = {
            400: "bad_request",
            401: "unauthorized",
            404: "not_found",
            405: "method_not_allowed",
            413: "body_too_large",
        }
        message = str(error.detail)
        if error.status_code == 404:
            message = f"No such endpoint: {request.method} {request.url.path}. See /docs for the API."
        headers = error.headers
        if error.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}. See /docs for the API."
            headers = {**(headers or {}), "Allow": _allowed_methods(request)}
        kind = kinds.get(error.status_code, "http_error")
        return error_response(error.status_code, kind, message, headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "Something went wrong on our side; the error has been logged.")
