"""``POST /v1/sessions/analyze``: a whole transcript in, the session report out (JSON, or HTML when asked)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from coach.api.dependencies import RephraserDep, SettingsDep
from coach.api.errors import ApiError
from coach.api.routes.classify import check_sentence_count
from coach.api.routes.pages import REPORT_HEADERS
from coach.api.schemas import AnalyzeRequest, ErrorResponse, SessionReport
from coach.api.settings import Settings
from coach.feedback.render_html import render_html
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.session import label_session
from coach.transcript import Transcript, Turn, parse_transcript
from coach.transcript.detect import decode_transcript

router = APIRouter()

UPLOAD_SCHEMA = {
    "type": "object",
    "required": ["file"],
    "properties": {
        "file": {"type": "string", "format": "binary", "description": "a .vtt, .srt, .txt or .json transcript"},
        "presenter": {"type": "string"},
        "facilitator": {"type": "string"},
    },
}


@router.post(
    "/sessions/analyze",
    summary="Analyse a session transcript",
    response_model=SessionReport,
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "the report"},
        413: {"model": ErrorResponse},
        415: {"model": ErrorResponse},
        422: {"model": ErrorResponse},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/AnalyzeRequest"}},
                "multipart/form-data": {"schema": UPLOAD_SCHEMA},
            },
        }
    },
)
async def analyze(
    request: Request,
    rephraser: RephraserDep,
    settings: SettingsDep,
    format: Literal["json", "html"] = Query("json", description="'html' returns the self-contained HTML report"),
) -> Any:
    """Send the transcript as JSON turns, or upload a transcript file as multipart form data."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "application/json":
        transcript = await _json_transcript(request)
    elif media_type == "multipart/form-data":
        transcript = await _uploaded_transcript(request, settings.max_body_bytes)
    else:
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the transcript as application/json turns or as a multipart/form-data file upload.",
        )
    _check_size(transcript, settings)
    # Labelling a long session takes seconds: off the event loop, so other requests and live sessions keep flowing.
    report = await run_in_threadpool(_analyse, transcript, rephraser)
    if format == "html":
        return HTMLResponse(render_html(report), headers=REPORT_HEADERS)
    return JSONResponse(report)


def _analyse(transcript: Transcript, rephraser: Rephraser) -> dict[str, Any]:
    session = label_session(transcript, rephraser.coach, transcript.presenter, transcript.facilitator)
    return build_report(session, rephraser=rephraser)


async def _json_transcript(request: Request) -> Transcript:
    try:
        body = AnalyzeRequest.model_validate_json(await request.body())
    except ValidationError as error:
        raise RequestValidationError(error.errors(include_url=False, include_input=False)) from error
    turns = tuple(Turn(speaker=t.speaker, text=t.text, start=t.start, end=t.end, role=t.role) for t in body.turns)
    return Transcript(turns=turns, format="json", presenter=body.presenter, facilitator=body.facilitator)


async def _uploaded_transcript(request: Request, max_bytes: int) -> Transcript:
    # Parsed here rather than by request.form(), which would spool a file over 1 MB to a temporary file on disk: what
    # a person said stays in memory, up to the body limit.
    parser = MultiPartParser(request.headers, request.stream(), max_files=1, max_fields=10, max_part_size=max_bytes)
    parser.spool_max_size = max_bytes
    try:
        form = await parser.parse()
    except MultiPartException as error:  # a broken multipart body
        raise ApiError(422, "validation_error", f"The form cannot be read: {error.message}") from error
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            found = "a text field" if upload is not None else "no such field"
            raise ApiError(
                422,
                "validation_error",
                "The form needs a 'file' field holding the transcript as an uploaded file (.vtt, .srt, .txt or .json); "
                f"found {found}.",
            )
        raw = await upload.read()
        filename = upload.filename or None
        presenter, facilitator = form.get("presenter"), form.get("facilitator")
    finally:
        await form.close()
    parsed = parse_transcript(decode_transcript(raw, filename), filename)
    return Transcript(
        turns=parsed.turns,
        format=parsed.format,
        presenter=presenter if isinstance(presenter, str) and presenter.strip() else parsed.presenter,
        facilitator=facilitator if isinstance(facilitator, str) and facilitator.strip() else parsed.facilitator,
    )


def _check_size(transcript: Transcript, settings: Settings) -> None:
    """Bound the work a request can ask for: turns, characters per turn, and sentences, which the model labels."""
    if len(transcript.turns) > settings.max_turns:
        raise ApiError(
            413,
            "too_many_turns",
            f"The transcript has {len(transcript.turns)} turns; the limit is {settings.max_turns}.",
        )
    for number, turn in enumerate(transcript.turns):
        if len(turn.text) > settings.max_turn_chars:
            raise ApiError(
                413,
                "turn_too_long",
                f"Turn {number} ({turn.speaker}) has {len(turn.text)} characters; the limit is "
                f"{settings.max_turn_chars}. Split it into several turns.",
            )
    check_sentence_count([turn.text for turn in transcript.turns], settings.max_sentences)
