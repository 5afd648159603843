"""WebSocket ``/v1/live``: utterances in as they are spoken; labels, rolling figures, nudges and the report out."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from coach.api.dependencies import key_is_valid, rephraser_for
from coach.api.live_store import LiveStore
from coach.api.schemas import (
    LiveEnd,
    LiveError,
    LiveLabel,
    LiveNudge,
    LiveReport,
    LiveRoles,
    LiveSessionStarted,
    LiveSummary,
    LiveUtterance,
)
from coach.api.settings import Settings
from coach.classifier import Coach
from coach.feedback.live import LiveSession
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.session import Session

router = APIRouter()

ClientMessage = Annotated[LiveUtterance | LiveRoles | LiveEnd, Field(discriminator="type")]
_client_message: TypeAdapter[LiveUtterance | LiveRoles | LiveEnd] = TypeAdapter(ClientMessage)
POLICY_VIOLATION = 1008


@router.websocket("/live")
async def live(
    websocket: WebSocket,
    session: Annotated[str | None, Query(description="id of a session to resume after a dropped connection")] = None,
    api_key: Annotated[str | None, Query(description="API key, when keys are configured")] = None,
) -> None:
    settings: Settings = websocket.app.state.settings
    if not key_is_valid(settings, api_key or websocket.headers.get("x-api-key")):
        await websocket.close(code=POLICY_VIOLATION, reason="A valid API key is required (api_key query parameter).")
        return
    await websocket.accept()
    store: LiveStore = websocket.app.state.live_sessions
    state, resumed = store.open(session)
    await _send(websocket, LiveSessionStarted(session_id=state.id, resumed=resumed, utterances=len(state.utterances)))
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
            if isinstance(message, LiveEnd):
                report = await run_in_threadpool(_report, state, rephraser_for(websocket.app))
                await _send(websocket, LiveReport(report=report))
                store.close(state.id)
                await websocket.close()
                return
            if isinstance(message, LiveRoles):
                state.set_roles(message.presenter, message.facilitator)
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
            await _label(websocket, state, coach, message)
    except WebSocketDisconnect:
        return  # the session stays in the store until it expires, so the client can resume it


async def _label(websocket: WebSocket, state: LiveSession, coach: Coach, message: LiveUtterance) -> None:
    context = state.context_for(message.speaker)
    (prediction,) = await run_in_threadpool(coach.classify, [message.text], [context])
    added, nudge = state.add(prediction, message.speaker, message.role, message.start, time.monotonic())
    for u in added:
        fields = {key: value for key, value in u.to_dict().items() if key in LiveLabel.model_fields}
        await _send(websocket, LiveLabel.model_validate(fields))
    await _send(websocket, LiveSummary(figures=state.figures()))
    if nudge:
        await _send(websocket, LiveNudge(message=nudge.message, reason=nudge.reason))


def _report(state: LiveSession, rephraser: Rephraser) -> dict[str, Any]:
    session = Session.from_live(state.utterances, state.presenter, state.facilitator, rephraser.coach.info)
    return build_report(session, rephraser=rephraser)


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
        "'roles', or 'end'."
    )
