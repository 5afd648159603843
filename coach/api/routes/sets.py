"""Sets: saved sessions over time, their report-back, label corrections, trend and patterns (opt-in storage).

Nothing is stored unless a session is saved to a set here; ``POST /v1/sessions/analyze`` stores nothing. Every set
belongs to the API key's owner (see ``coach.api.auth.owner_of``): another key gets 404 for it, as for a set that does
not exist.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.concurrency import run_in_threadpool

from coach.api.auth import owner_of
from coach.api.dependencies import RephraserDep, SettingsDep
from coach.api.errors import ApiError
from coach.api.routes.pages import REPORT_HEADERS
from coach.api.routes.sessions import (
    UPLOAD_ERRORS,
    UPLOAD_FIELDS,
    UPLOAD_SCHEMA,
    label_transcript,
    meeting_from,
    transcript_from_request,
)
from coach.api.schemas import (
    ErrorResponse,
    LabelCorrection,
    ModeAnswer,
    SaveSessionRequest,
    SetDetail,
    SetIn,
    SetList,
    SetOut,
)
from coach.feedback.render_html import render_html
from coach.feedback.report_model import SavedReport
from coach.sets.corrections import correction_rows
from coach.sets.history import overview
from coach.sets.saved_reports import refigure, save_to_set, saved_report, set_mode
from coach.sets.store import SetStore

router = APIRouter()

Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"model": ErrorResponse, "description": "no such set or session for this API key"}}
UNAVAILABLE: Responses = {503: {"model": ErrorResponse, "description": "the database cannot be reached"}}
SetId = Annotated[str, Path(max_length=64, description="the set's id")]
SessionId = Annotated[str, Path(max_length=64, description="the session's id")]
Format = Annotated[Literal["json", "html"], Query(description="'html' returns the self-contained HTML report")]


def get_store(request: Request) -> SetStore:
    store: SetStore = request.app.state.set_store
    return store


def get_owner(request: Request, settings: SettingsDep) -> str:
    return owner_of(settings, request.headers.get("x-api-key"))


StoreDep = Annotated[SetStore, Depends(get_store)]
OwnerDep = Annotated[str, Depends(get_owner)]


@router.post(
    "/sets",
    status_code=201,
    response_model=SetOut,
    summary="Create a set",
    responses={409: {"model": ErrorResponse}, **UNAVAILABLE},
)
async def create_set(body: SetIn, store: StoreDep, owner: OwnerDep) -> SetOut:
    info = await run_in_threadpool(store.create_set, owner, body.name.strip())
    return SetOut(id=info.id, name=info.name)


@router.get("/sets", response_model=SetList, summary="Your sets", responses=UNAVAILABLE)
async def list_sets(store: StoreDep, owner: OwnerDep) -> dict[str, Any]:
    sets = await run_in_threadpool(store.list_sets, owner)
    return {"sets": [s.to_dict() for s in sets]}


@router.get(
    "/sets/{set_id}",
    response_model=SetDetail,
    summary="A set over time: sessions, trend, members, patterns and open actions",
    responses={**NOT_FOUND, **UNAVAILABLE},
)
async def get_set(set_id: SetId, store: StoreDep, owner: OwnerDep) -> dict[str, Any]:
    def read() -> dict[str, Any]:
        info = store.get_set(owner, set_id)
        sessions = store.sessions(owner, set_id)
        return {"id": info.id, "name": info.name, "created_at": info.created_at.isoformat(), **overview(sessions)}

    return await run_in_threadpool(read)


@router.delete(
    "/sets/{set_id}",
    status_code=204,
    summary="Delete a set and everything saved in it",
    responses={**NOT_FOUND, **UNAVAILABLE},
)
async def delete_set(set_id: SetId, store: StoreDep, owner: OwnerDep) -> Response:
    await run_in_threadpool(store.delete_set, owner, set_id)
    return Response(status_code=204)


@router.post(
    "/sets/{set_id}/sessions",
    status_code=201,
    response_model=SavedReport,
    summary="Analyse a session and save it to the set",
    responses={
        201: {"content": {"text/html": {"schema": {"type": "string"}}}, "description": "the saved session's report"},
        **NOT_FOUND,
        **UPLOAD_ERRORS,
        **UNAVAILABLE,
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/SaveSessionRequest"}},
                "multipart/form-data": {
                    "schema": {
                        **UPLOAD_SCHEMA,
                        "properties": {**UPLOAD_FIELDS, "date": {"type": "string", "format": "date"}},
                    }
                },
            },
        }
    },
)
async def save_session(
    request: Request,
    set_id: SetId,
    store: StoreDep,
    owner: OwnerDep,
    rephraser: RephraserDep,
    settings: SettingsDep,
    format: Format = "json",
) -> Any:
    """The same input as ``POST /v1/sessions/analyze`` (JSON turns, or an uploaded file with ``presenter`` and
    ``facilitator`` fields), plus an optional ``date``. The report starts with the ``report_back`` on the set's open
    actions and holds the new session's ``session_id``."""
    transcript, extra = await transcript_from_request(request, settings, SaveSessionRequest)
    meeting = meeting_from(extra)
    date = _date(extra.get("date"))
    unknown = sorted(set(extra) - {"date"})
    if unknown:
        raise ApiError(
            422,
            "validation_error",
            f"Unknown form field(s): {', '.join(unknown)}; send file, presenter, facilitator, slots, mode and date.",
        )
    info = await run_in_threadpool(store.get_set, owner, set_id)  # a missing set is a 404 before any labelling

    def save() -> SavedReport:
        return save_to_set(store, owner, info, label_transcript(transcript, rephraser, meeting), date, rephraser)

    report = await run_in_threadpool(save)
    if format == "html":
        return HTMLResponse(render_html(report), status_code=201, headers=REPORT_HEADERS)
    return JSONResponse(report.to_dict(), status_code=201)  # the report-back first, as SavedReport.to_dict orders it


@router.get(
    "/sets/{set_id}/sessions/{session_id}",
    response_model=SavedReport,
    summary="A saved session's report",
    responses={200: {"content": {"text/html": {"schema": {"type": "string"}}}}, **NOT_FOUND, **UNAVAILABLE},
)
async def get_session(
    set_id: SetId,
    session_id: SessionId,
    store: StoreDep,
    owner: OwnerDep,
    rephraser: RephraserDep,
    format: Format = "json",
) -> Any:
    def read() -> SavedReport:
        info = store.get_set(owner, set_id)
        return saved_report(store.get_session(owner, set_id, session_id), info.name, rephraser)

    report = await run_in_threadpool(read)
    if format == "html":
        return HTMLResponse(render_html(report), headers=REPORT_HEADERS)
    return JSONResponse(report.to_dict())


@router.patch(
    "/sets/{set_id}/sessions/{session_id}/utterances/{index}",
    response_model=SavedReport,
    summary="Correct one utterance's label; returns the recomputed report",
    responses={**NOT_FOUND, **UNAVAILABLE},
)
async def correct_label(
    set_id: SetId,
    session_id: SessionId,
    index: Annotated[int, Path(ge=0, le=1_000_000, description="the utterance's index in the report")],
    body: LabelCorrection,
    store: StoreDep,
    owner: OwnerDep,
    rephraser: RephraserDep,
) -> Any:
    def correct() -> SavedReport:
        info = store.get_set(owner, set_id)
        saved = store.correct_label(owner, set_id, session_id, index, body.label, refigure)
        return saved_report(saved, info.name, rephraser)

    return JSONResponse((await run_in_threadpool(correct)).to_dict())


@router.put(
    "/sets/{set_id}/sessions/{session_id}/modes",
    response_model=SavedReport,
    summary="Say whether a saved meeting, or one of its slots, was open or planned time; returns the recomputed report",
    responses={**NOT_FOUND, **UNAVAILABLE},
)
async def set_modes(
    set_id: SetId,
    session_id: SessionId,
    body: ModeAnswer,
    store: StoreDep,
    owner: OwnerDep,
    rephraser: RephraserDep,
) -> Any:
    """The answer to a saved report's ``planned_time_check`` (or a slot's): in planned time no advice or story counts
    against members. The slots, phases and labels stay as saved; the figures and the set's trend follow the new
    modes, and the checks no longer ask. A session read as one presenter's has no modes to set (422)."""

    def answer() -> SavedReport:
        info = store.get_set(owner, set_id)
        saved = store.rewrite_session(
            owner, set_id, session_id, lambda stored, previous: set_mode(stored, previous, body.mode, body.slot)
        )
        return saved_report(saved, info.name, rephraser)

    return JSONResponse((await run_in_threadpool(answer)).to_dict())


@router.delete(
    "/sets/{set_id}/sessions/{session_id}",
    status_code=204,
    summary="Delete a saved session and its corrections",
    responses={**NOT_FOUND, **UNAVAILABLE},
)
async def delete_session(set_id: SetId, session_id: SessionId, store: StoreDep, owner: OwnerDep) -> Response:
    await run_in_threadpool(store.delete_session, owner, set_id, session_id)
    return Response(status_code=204)


@router.get(
    "/corrections",
    summary="Your label corrections as JSON Lines, in the data/annotated row format",
    responses={200: {"content": {"application/x-ndjson": {"schema": {"type": "string"}}}}, **UNAVAILABLE},
)
async def corrections(store: StoreDep, owner: OwnerDep) -> Response:
    rows = await run_in_threadpool(correction_rows, store, owner)
    body = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    return Response(body, media_type="application/x-ndjson")


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise ApiError(422, "validation_error", f"date: {value!r} is not a date; send it as YYYY-MM-DD.") from error
