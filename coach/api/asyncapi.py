"""The live WebSocket protocol as an AsyncAPI 3.0 document, served at ``/v1/asyncapi.json``.

Every message's payload schema comes from its pydantic model in ``coach.api.schemas``, so the document cannot drift
from what the server sends and accepts; the example exchange is checked against the same models by the tests.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from coach import __version__
from coach.api.schemas import (
    LiveEnd,
    LiveError,
    LiveLabel,
    LiveNudge,
    LivePart,
    LiveReport,
    LiveRoles,
    LiveSessionStarted,
    LiveSlot,
    LiveSlots,
    LiveSummary,
    LiveUtterance,
)

CLIENT_MESSAGES: dict[str, type[BaseModel]] = {
    "utterance": LiveUtterance,
    "roles": LiveRoles,
    "slot": LiveSlot,
    "part": LivePart,
    "end": LiveEnd,
}
SERVER_MESSAGES: dict[str, type[BaseModel]] = {
    "session": LiveSessionStarted,
    "label": LiveLabel,
    "summary": LiveSummary,
    "nudge": LiveNudge,
    "slots": LiveSlots,
    "error": LiveError,
    "report": LiveReport,
}

#: A short session as it goes over the wire: ``(who sends it, message)``.
EXAMPLE_EXCHANGE: list[tuple[str, dict[str, Any]]] = [
    ("server", {"type": "session", "session_id": "5f0c8e1d2b6a4c7e9f1a3b5d7c9e0f12", "resumed": False,
                "utterances": 0, "resume_token": "u8Jp0sVq3m2QxLw9yZkT4nB6cR1aE5dF7gH0iJ2kL4m"}),
    ("client", {"type": "roles", "presenter": "Sam", "facilitator": "Ruth"}),
    ("client", {"type": "utterance", "speaker": "Sam", "text": "The rota keeps falling apart.", "start": 12.0}),
    ("server", {"type": "label", "index": 0, "speaker": "Sam", "role": "presenter",
                "text": "The rota keeps falling apart.", "label": "story", "confidence": 0.97, "leading": False,
                "start": 12.0}),
    ("server", {"type": "summary", "figures": {"utterances": 1, "questioning_ratio": None, "open_ratio": None}}),
    ("client", {"type": "utterance", "speaker": "Ana", "text": "Have you thought about an agency?"}),
    ("server", {"type": "label", "index": 1, "speaker": "Ana", "role": "member",
                "text": "Have you thought about an agency?", "label": "advice", "confidence": 0.73, "leading": True,
                "start": None}),
    ("server", {"type": "summary", "figures": {"utterances": 2, "questioning_ratio": 0.0, "open_ratio": None}}),
    ("client", {"type": "slot", "presenter": "Tunde"}),
    ("server", {"type": "slots", "slots": [{"presenter": "Sam", "start_index": 0, "end_index": 1},
                                           {"presenter": "Tunde", "start_index": 2, "end_index": 1}],
                "parts": [], "phase": "questioning", "mode": "open"}),
    ("client", {"type": "end"}),
    ("server", {"type": "report", "report": {"summary": {"questioning_ratio": 0.0}, "utterances": ["..."]}}),
]  # fmt: skip

DESCRIPTION = """Stream what is said in an action learning set; get each utterance's label, rolling figures, nudges,
and the session report at the end.

- Connect to `/v1/live`. With API keys configured, send the key in an `X-API-Key` header (browsers: an `api_key` query
  parameter); without a valid one the server sends an `error` and closes with code 1008.
- The first server message is `session`. Keep its `session_id` and `resume_token`: after a dropped connection,
  reconnect with `?session=<session_id>` and the token in an `X-Resume-Token` header (browsers: `resume_token`), with
  the same key. An unknown, ended or expired session, another key's, or a wrong token gets an `error` and close code
  4404; connect without `?session=` to start afresh. On a server restart the socket closes with 1012.
- Send JSON text frames: `utterance`, `roles` (set or change the presenter and facilitator), `slot` (the next
  presenter's slot starts with the next utterance; in a meeting of several presenters each is a member in the others'
  slots), `part` (open or planned time from the next utterance until the next `part`: in planned time no advice or
  story is held against anyone, and no nudges come), `end` (the report, then the server closes and forgets the
  session; with `set_id` it first saves the session to that set of yours, and the report then carries its
  `session_id` and the `report_back`). Each utterance gets one
  `label` per sentence, then a `summary`, and sometimes a `nudge`. In a meeting (slots marked, or found in what was
  said) nudges come only in open questioning time, and `slots` says where the meeting is whenever that changes. A
  frame the server cannot use gets an `error` and the session goes on.
- Limits: `COACH_MAX_TEXT_CHARS` per utterance, `COACH_MAX_LIVE_UTTERANCES` per session,
  `COACH_MAX_LIVE_SESSIONS_PER_KEY` connected sessions per key (an `error` and close code 1013 when full)."""


def asyncapi_document() -> dict[str, Any]:
    messages: dict[str, Any] = {}
    for name, model in {**CLIENT_MESSAGES, **SERVER_MESSAGES}.items():
        messages[name] = {
            "name": name,
            "title": model.__name__,
            "payload": model.model_json_schema(),
            "examples": [{"payload": m} for sender, m in EXAMPLE_EXCHANGE if m["type"] == name][:1],
        }
    refs = {name: {"$ref": f"#/channels/live/messages/{name}"} for name in messages}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Coach live sessions", "version": __version__, "description": DESCRIPTION},
        "channels": {"live": {"address": "/v1/live", "messages": messages}},
        "operations": {
            "sendToCoach": {
                "action": "send",
                "channel": {"$ref": "#/channels/live"},
                "messages": [refs[name] for name in CLIENT_MESSAGES],
            },
            "receiveFromCoach": {
                "action": "receive",
                "channel": {"$ref": "#/channels/live"},
                "messages": [refs[name] for name in SERVER_MESSAGES],
            },
        },
        "x-example-exchange": [{"from": sender, "message": message} for sender, message in EXAMPLE_EXCHANGE],
    }
