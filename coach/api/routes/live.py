"""WebSocket ``/v1/live``: utterances in as they are spoken; labels, rolling figures, nudges and the report out."""

from __future__ import annotations

import json
import time
from functools import partial
from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from coach.api.auth import key_is_valid, owner_of
from coach.api.dependencies import rephraser_for
from coach.api.schemas import (
    LiveEnd,
    LiveError,
    LiveLabel,
    LiveNudge,
    LivePart,
    LivePartMark,
    LiveReport,
    LiveRoles,
    LiveSessionStarted,
    LiveSlot,
    LiveSlots,
    LiveSlotSpan,
    LiveSummary,
    LiveUtterance,
)
from coach.api.settings import Settings
from coach.classifier import Coach
from coach.feedback.live import LiveSession
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.session import LabelledUtterance, Session
from coach.sets.database import DatabaseUnavailable
from coach.sets.live_store import LiveSessionGone, LiveSessionRefused, LiveStore
from coach.sets.saved_reports import save_to_set
from coach.sets.store import NotFound, SetStore

router = APIRouter()

ClientMessage = Annotated[LiveUtterance | LiveRoles | LiveSlot | LivePart | LiveEnd, Field(discriminator="type")]
_client_message: TypeAdapter[LiveUtterance | LiveRoles | LiveSlot | LivePart | LiveEnd] = TypeAdapter(ClientMessage)
POLICY_VIOLATION = 1008
INTERNAL_ERROR = 1011
TRY_AGAIN_LATER = 1013
#: Close code when a session cannot be resumed (unknown, expired, ended, another key's, or a wrong token).
RESUME_REFUSED = 4404
UNAUTHORIZED_REASON = "A valid API key is required (X-API-Key header, or the api_key query parameter)."
RESUME_REFUSED_MESSAGE = (
    "This live session cannot be resumed: it has ended or expired, or the resume token or API key does not match. "
    "Connect without ?session= to start a new session."
)
NO_SUCH_SET_MESSAGE = (
    "No such set for this API key, so nothing was saved and the session goes on. End it with another set_id from "
    "GET /v1/sets, or without one."
)
TOO_DEEP_MESSAGE = 'That message is nested too deeply to read; send one flat JSON object like {"type": "end"}.'


@router.websocket("/live")
async def live(
    websocket: WebSocket,
    session: Annotated[str | None, Query(description="id of a session to resume after a dropped connection")] = None,
    resume_token: Annotated[
        str | None, Query(description="the session's resume token, for browsers (others: X-Resume-Token header)")
    ] = None,
    api_key: Annotated[
        str | None, Query(description="API key, when keys are configured, for browsers (others: X-API-Key header)")
    ] = None,
) -> None:
    settings: Settings = websocket.app.state.settings
    key = websocket.headers.get("x-api-key") or api_key
    await websocket.accept()  # before refusing, so that a browser sees the reason (a refused handshake shows none)
    if not key_is_valid(settings, key):
        await _send(websocket, LiveError(message=UNAUTHORIZED_REASON))
        await websocket.close(code=POLICY_VIOLATION, reason=UNAUTHORIZED_REASON)
        return
    store: LiveStore = websocket.app.state.live_sessions
    owner = owner_of(settings, key)
    try:
        if session is not None:
            token = websocket.headers.get("x-resume-token") or resume_token or ""
            resumed = await run_in_threadpool(store.resume, session, owner, token)
            if resumed is None:
                await _send(websocket, LiveError(message=RESUME_REFUSED_MESSAGE))
                await websocket.close(code=RESUME_REFUSED, reason="This session cannot be resumed.")
                return
            state = resumed
        else:
            try:
                state, token = await run_in_threadpool(store.create, owner)
            except LiveSessionRefused as refused:
                await _send(websocket, LiveError(message=str(refused)))
                await websocket.close(code=TRY_AGAIN_LATER, reason="No room for another live session.")
                return
        started = LiveSessionStarted(
            session_id=state.id,
            resumed=session is not None,
            utterances=len(state.utterances),
            resume_token=token,
            presenter=state.presenter,
            facilitator=state.facilitator,
        )
        try:  # the session is counted as connected from create() or resume() on
            await _send(websocket, started)
            if state.utterances:  # a resumed session: what was said so far, so the page can show it again
                for u in state.utterances:
                    await _send(websocket, _label_message(u))
                await _send(websocket, LiveSummary(figures=state.figures()))
                if state.meeting_slots:
                    await _send(websocket, _slots_message(state))
            await _converse(websocket, state, store, settings, owner)
        finally:
            with anyio.CancelScope(shield=True):  # counted even when the connection's task is being cancelled
                await run_in_threadpool(store.disconnected, state.id)
    except DatabaseUnavailable as error:
        await _send(websocket, LiveError(message=f"Live sessions cannot be kept now. {error}"))
        await websocket.close(code=TRY_AGAIN_LATER, reason="The database is unavailable.")
    except LiveSessionGone:
        await _send(websocket, LiveError(message=RESUME_REFUSED_MESSAGE))
        await websocket.close(code=RESUME_REFUSED, reason="This session has ended or expired.")


async def _converse(websocket: WebSocket, state: LiveSession, store: LiveStore, settings: Settings, owner: str) -> None:
    """Answer the client's messages until it ends the session or leaves."""
    coach: Coach = websocket.app.state.coach
    try:
        while True:
            raw = await _receive_text(websocket)
            if raw is None:
                await _send(websocket, LiveError(message="Send each message as a JSON text frame, not binary data."))
                continue
            try:
                message = _client_message.validate_python(json.loads(raw))
            except (json.JSONDecodeError, ValidationError) as error:
                await _send(websocket, LiveError(message=_explain(error)))
                continue
            except RecursionError:
                await _send(websocket, LiveError(message=TOO_DEEP_MESSAGE))
                continue
            if isinstance(message, LiveEnd):
                try:
                    sets: SetStore = websocket.app.state.set_store
                    report = await run_in_threadpool(_report, state, rephraser_for(websocket.app), message, sets, owner)
                except NotFound:
                    await _send(websocket, LiveError(message=NO_SUCH_SET_MESSAGE))
                    continue  # nothing is lost: the session goes on, and can end with another set or none
                await _send(websocket, LiveReport(report=report))
                await run_in_threadpool(store.close, state.id)
                await websocket.close()
                return
            if isinstance(message, LiveRoles | LiveSlot | LivePart):
                where = _slots_message(state)
                if isinstance(message, LiveRoles):
                    changed = await run_in_threadpool(state.set_roles, message.presenter, message.facilitator)
                elif isinstance(message, LivePart):
                    changed = await run_in_threadpool(state.mark_part, message.mode)
                else:
                    changed = await run_in_threadpool(state.next_presenter, message.presenter, message.mode)
                await run_in_threadpool(partial(store.record, state, [], rewrite=changed))
                if changed:  # earlier turns follow the roles: their labels again, then the figures
                    for u in state.utterances:
                        await _send(websocket, _label_message(u))
                await _send(websocket, LiveSummary(figures=state.figures()))
                now = _slots_message(state)
                if isinstance(message, LiveSlot | LivePart) or now != where:
                    await _send(websocket, now)
                continue
            if len(message.text) > settings.max_text_chars:
                await _send(
                    websocket,
                    LiveError(
                        message=f"That text has {len(message.text)} characters; the limit is "
                        f"{settings.max_text_chars}. Send it in parts."
                    ),
                )
                continue
            if len(state.utterances) >= settings.max_live_utterances:
                await _send(
                    websocket,
                    LiveError(
                        message=f"This session holds {len(state.utterances)} utterances, the most one live session "
                        'keeps. End it with {"type": "end"} for the report, then start a new one.'
                    ),
                )
                continue
            await _label(websocket, state, store, coach, message)
    except WebSocketDisconnect:
        return  # the session stays in the store until it expires, so the client can resume it


async def _label(
    websocket: WebSocket, state: LiveSession, store: LiveStore, coach: Coach, message: LiveUtterance
) -> None:
    where = _slots_message(state)
    context = state.context_for(message.speaker)
    (prediction,) = await run_in_threadpool(coach.classify, [message.text], [context])
    # Wall-clock time, not monotonic: the nudge clock is kept with the session and read by whichever process resumes it.
    # Off the event loop: placing the utterance re-reads the roles of everything said so far.
    added, nudge, changed = await run_in_threadpool(
        state.add, prediction, message.speaker, message.role, message.start, time.time()
    )
    await run_in_threadpool(partial(store.record, state, added, rewrite=changed))
    # When what was said changed who is who, earlier turns' labels go again (same index) before the new ones.
    for u in state.utterances if changed else added:
        await _send(websocket, _label_message(u))
    await _send(websocket, LiveSummary(figures=state.figures()))
    now = _slots_message(state)
    if now != where:
        await _send(websocket, now)
    if nudge:
        await _send(
            websocket, LiveNudge(message=nudge.message, reason=nudge.reason, speaker=nudge.speaker, at=nudge.at)
        )


def _slots_message(state: LiveSession) -> LiveSlots:
    """Where the meeting is: sent after a ``slot`` or ``part`` message, and whenever what it says changes."""
    structure, latest = state.structure, len(state.utterances) - 1
    return LiveSlots(
        slots=[LiveSlotSpan(presenter=p, start_index=first, end_index=last) for p, first, last in state.meeting_slots],
        parts=[LivePartMark(mode=part.mode, start_index=part.start_index) for part in state.parts],
        phase=structure.phase_of[latest] if structure is not None else None,
        mode=structure.mode_of[latest] if structure is not None else None,
    )


def _label_message(u: LabelledUtterance) -> LiveLabel:
    return LiveLabel.model_validate({key: value for key, value in u.to_dict().items() if key in LiveLabel.model_fields})


def _report(state: LiveSession, rephraser: Rephraser, end: LiveEnd, store: SetStore, owner: str) -> dict[str, Any]:
    """The final report; with ``end.set_id``, after saving the session to that set (which must be ``owner``'s)."""
    session = Session.from_live(
        state.utterances,
        state.presenter,
        state.facilitator,
        state.declared,
        rephraser.coach.info,
        state.slots,
        state.mode,
        state.parts,
    )
    if end.set_id is None:
        return build_report(session, rephraser=rephraser).to_dict()
    return save_to_set(store, owner, store.get_set(owner, end.set_id), session, end.date, rephraser).to_dict()


async def _receive_text(websocket: WebSocket) -> str | None:
    """The next text frame; ``None`` for a binary one. Raises ``WebSocketDisconnect`` when the client leaves."""
    message = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000), message.get("reason"))
    text: str | None = message.get("text")
    return text


async def _send(websocket: WebSocket, message: BaseModel) -> None:
    await websocket.send_text(message.model_dump_json())


def _explain(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return 'That message is not JSON. Send e.g. {"type": "utterance", "speaker": "Ana", "text": "..."}.'
    assert isinstance(error, ValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in item['loc']) or 'message'}: {item['msg']}" for item in error.errors()[:3]
    )
    return (
        f"That message was not understood ({problems}). Expected type 'utterance' with speaker and text, "
        "'roles', 'slot' with the next presenter, 'part' with open or planned, or 'end'."
    )
