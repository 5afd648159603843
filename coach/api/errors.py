"""Turning every failure into a JSON error with the right status code; the only place that picks status codes."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from coach.errors import InputError, ModelError

logger = logging.getLogger("coach.api")


class ApiError(Exception):
    """An error raised by a route with its status code and a stable ``kind``."""

    def __init__(self, status_code: int, kind: str, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.kind = kind
        self.message = message


def error_response(
    status_code: int, kind: str, message: str, details: list[dict[str, Any]] | None = None
) -> JSONResponse:
    body: dict[str, Any] = {"type": kind, "message": message}
    if details:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status_code)


def _describe(error: dict[str, Any]) -> dict[str, Any]:
    """A validation problem without the offending input, which may be something a person said."""
    location = ".".join(str(part) for part in error.get("loc", ()) if part != "body")
    return {"field": location or "body", "problem": error.get("msg", "invalid")}


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

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError) -> JSONResponse:
        details = [_describe(item) for item in error.errors()]
        summary = "; ".join(f"{d['field']}: {d['problem']}" for d in details[:5])
        return error_response(422, "validation_error", f"The request is not valid: {summary}", details)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        kinds = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 413: "body_too_large"}
        message = str(error.detail)
        if error.status_code == 404:
            message = f"No such endpoint: {request.method} {request.url.path}. See /docs for the API."
        return error_response(error.status_code, kinds.get(error.status_code, "http_error"), message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        logger.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "Something went wrong on our side; the error has been logged.")
