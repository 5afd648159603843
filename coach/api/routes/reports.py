"""``POST /v1/reports/html``: a report, as the API gives it in JSON, rendered as HTML by the one report renderer.

The web pages show every report this way (``part=body``: the report alone, to place in the page), so what they show
is what the CLI's and the API's HTML reports show; other tools can turn a report they kept as JSON into a page.
Nothing is stored.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import TypeAdapter, ValidationError

from coach.api.errors import ApiError
from coach.api.routes.pages import REPORT_HEADERS
from coach.api.schemas import ErrorResponse
from coach.feedback.render_html import render_html, render_report_body
from coach.feedback.report_model import Report, SavedReport

router = APIRouter()

_REPORT = TypeAdapter(Report)
_SAVED_REPORT = TypeAdapter(SavedReport)
#: The report alone is placed in a page of this service, which sets its own policy; it runs no script of its own.
_BODY_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}


@router.post(
    "/reports/html",
    summary="Render a report as HTML",
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "the report in HTML"},
        415: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "description": "a report as POST /v1/sessions/analyze or a set's session gives it in JSON",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    },
)
async def report_html(
    request: Request,
    part: Literal["page", "body"] = Query(
        "page", description="'page': a self-contained HTML document; 'body': the report alone, to place in a page"
    ),
) -> HTMLResponse:
    """Send the report's JSON as the body; a saved session's report (with ``session_id``) shows its report-back too."""
    report = _report(await request.body(), request.headers.get("content-type", ""))
    if part == "body":
        return HTMLResponse(render_report_body(report), headers=_BODY_HEADERS)
    return HTMLResponse(render_html(report), headers=REPORT_HEADERS)


def _report(body: bytes, content_type: str) -> Report | SavedReport:
    if content_type.split(";", 1)[0].strip().lower() != "application/json":
        raise ApiError(415, "unsupported_media_type", "Send the report as application/json, as the API gave it.")
    try:
        data: Any = json.loads(body)
    except ValueError as error:
        raise ApiError(422, "validation_error", f"The body is not JSON: {error}.") from error
    if not isinstance(data, dict):
        raise ApiError(422, "validation_error", "The body must be a report: a JSON object, as the API gave it.")
    adapter: TypeAdapter[Any] = _SAVED_REPORT if "session_id" in data else _REPORT
    try:
        report: Report | SavedReport = adapter.validate_python(data)
    except ValidationError as error:
        raise RequestValidationError(error.errors(include_url=False, include_input=False)) from error
    return report
