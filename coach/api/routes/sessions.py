"""``POST /v1/sessions/analyze``: a whole transcript in, the session report out (JSON, or HTML when asked)."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from pydantic import TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from coach.api.dependencies import RephraserDep, SettingsDep
from coach.api.errors import ApiError
from coach.api.routes.classify import check_sentence_count
from coach.api.routes.pages import REPORT_HEADERS
from coach.api.schemas import AnalyzeRequest, ErrorResponse, PartIn, SlotIn
from coach.api.settings import Settings
from coach.feedback.render_html import render_html
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.report_model import Report
from coach.feedback.session import MeetingGiven, PartGiven, Session, SlotGiven, label_session
from coach.transcript import Transcript, Turn, parse_transcript
from coach.transcript.detect import decode_transcript

router = APIRouter()

#: How a meeting can be given as a whole.
MODES = ("open", "planned", "combined")
UPLOAD_FIELDS: dict[str, Any] = {
    "file": {"type": "string", "format": "binary", "description": "a .vtt, .srt, .txt or .json transcript"},
    "presenter": {"type": "string"},
    "facilitator": {"type": "string"},
    "mode": {"type": "string", "enum": list(MODES)},
    "slots": {
        "type": "string",
        "description": 'each presenter\'s slot, as JSON: [{"presenter": "Amira", "start": 35}, {"presenter": "Tunde", '
        '"turn": 40}]',
    },
}
#: What sending a transcript can be refused for: too large, not a transcript type, not readable.
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorResponse} for code in (413, 415, 422)}
UPLOAD_SCHEMA: dict[str, Any] = {"type": "object", "required": ["file"], "properties": UPLOAD_FIELDS}


@router.post(
    "/sessions/analyze",
    summary="Analyse a session transcript",
    response_model=Report,
    responses={
        200: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "the report"},
        **UPLOAD_ERRORS,
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
    transcript, extra = await transcript_from_request(request, settings)
    meeting = meeting_from(extra)
    # Labelling a long session takes seconds: off the event loop, so other requests and live sessions keep flowing.
    report = await run_in_threadpool(_analyse, transcript, rephraser, meeting)
    if format == "html":
        return HTMLResponse(render_html(report), headers=REPORT_HEADERS)
    return report


def meeting_from(extra: dict[str, Any]) -> MeetingGiven:
    """The slots, mode and parts of a JSON request (``slots``, ``mode``, ``parts``) or a form (a ``mode`` field, and
    ``slots`` and ``parts`` fields holding the same lists as JSON), taken out of ``extra``; what cannot be read is
    refused, saying why."""
    mode = extra.pop("mode", None) or None
    if mode is not None and mode not in MODES:
        raise ApiError(422, "validation_error", f"mode {mode!r} is not one of {', '.join(MODES)}.")
    slots = _form_list(extra.pop("slots", None) or [], _FORM_SLOTS, "slots", _SLOTS_EXAMPLE)
    parts = _form_list(extra.pop("parts", None) or [], _FORM_PARTS, "parts", _PARTS_EXAMPLE)
    return MeetingGiven(
        tuple(SlotGiven(presenter=s["presenter"], turn=s.get("turn"), start=s.get("start")) for s in slots),
        mode,
        tuple(PartGiven(mode=p["mode"], turn=p.get("turn"), start=p.get("start")) for p in parts),
    )


_FORM_SLOTS = TypeAdapter(list[SlotIn])
_FORM_PARTS = TypeAdapter(list[PartIn])
_SLOTS_EXAMPLE = '[{"presenter": "Amira", "start": 35}, {"presenter": "Tunde", "turn": 40}]'
_PARTS_EXAMPLE = '[{"mode": "open", "turn": 0}, {"mode": "planned", "start": 3600}]'


def _form_list(
    value: list[dict[str, Any]] | str, adapter: TypeAdapter[list[Any]], name: str, example: str
) -> list[dict[str, Any]]:
    """``value`` as a JSON request's validated list, or read from a form field's JSON text (refused, saying why)."""
    if not isinstance(value, str):
        return value
    try:
        return [item.model_dump() for item in adapter.validate_json(value)]
    except ValidationError as error:
        problems = "; ".join(problem["msg"] for problem in error.errors(include_url=False))
        message = f"The {name} field cannot be read ({problems}). Give a JSON list such as {example}."
        raise ApiError(422, "validation_error", message) from error


def _analyse(transcript: Transcript, rephraser: Rephraser, meeting: MeetingGiven) -> Report:
    return build_report(label_transcript(transcript, rephraser, meeting), rephraser=rephraser)


def label_transcript(transcript: Transcript, rephraser: Rephraser, meeting: MeetingGiven | None = None) -> Session:
    return label_session(transcript, rephraser.coach, transcript.presenter, transcript.facilitator, meeting)


async def transcript_from_request(
    request: Request, settings: Settings, body_model: type[AnalyzeRequest] = AnalyzeRequest
) -> tuple[Transcript, dict[str, Any]]:
    """The transcript sent as JSON turns (``body_model``) or as an uploaded file, checked against the limits, and the
    request's other fields (JSON fields beyond the transcript's, or the form's other text fields)."""
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if media_type == "application/json":
        transcript, extra = await _json_transcript(request, body_model)
    elif media_type == "multipart/form-data":
        transcript, extra = await _uploaded_transcript(request, settings.max_body_bytes)
    else:
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the transcript as application/json turns or as a multipart/form-data file upload.",
        )
    _check_size(transcript, settings)
    return transcript, extra


async def _json_transcript(request: Request, body_model: type[AnalyzeRequest]) -> tuple[Transcript, dict[str, Any]]:
    try:
        body = body_model.model_validate_json(await request.body())
    except ValidationError as error:
        raise RequestValidationError(error.errors(include_url=False, include_input=False)) from error
    turns = tuple(Turn(speaker=t.speaker, text=t.text, start=t.start, end=t.end, role=t.role) for t in body.turns)
    transcript = Transcript(turns=turns, format="json", presenter=body.presenter, facilitator=body.facilitator)
    return transcript, body.model_dump(exclude={"turns", "presenter", "facilitator"})


async def _uploaded_transcript(request: Request, max_bytes: int) -> tuple[Transcript, dict[str, Any]]:
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
        fields = {key: value for key, value in form.items() if key != "file" and isinstance(value, str)}
    finally:
        await form.close()
    parsed = parse_transcript(decode_transcript(raw, filename), filename)
    presenter, facilitator = fields.pop("presenter", "").strip(), fields.pop("facilitator", "").strip()
    transcript = Transcript(
        turns=parsed.turns,
        format=parsed.format,
        presenter=presenter or parsed.presenter,
        facilitator=facilitator or parsed.facilitator,
    )
    return transcript, fields


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
