"""WebSocket ``/v1/live``: labels, rolling figures and nudges as utterances arrive; the report on ``end``; resuming."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from starlette.testclient import WebSocketTestSession
from starlette.websockets import WebSocketDisconnect

from coach.sets.tables import LiveSessionRow
from tests.api.conftest import MakeClient

NOT_JSON = 'That message is not JSON. Send e.g. {"type": "utterance", "speaker": "Ana", "text": "..."}.'
EXPECTED = (
    "Expected type 'utterance' with speaker and text, 'roles', 'slot' with the next presenter, 'part' with open or "
    "planned, or 'end'."
)
ADVICE_NUDGE = {
    "type": "nudge",
    "message": "3 pieces of advice in a row. You might invite the set back to questions, or, if the presenter asked "
    "for ideas, mark planned time.",
    "reason": "advice_run",
}


def say(socket: WebSocketTestSession, speaker: str, text: str, **fields: Any) -> list[dict[str, Any]]:
    """Send one utterance; return every reply to it (labels, the summary, a nudge if one is due).

    The server answers messages in order, so a message it can only refuse (text that is not JSON) marks where the
    replies to the utterance end: they are everything before that refusal.
    """
    return replies_to(socket, {"type": "utterance", "speaker": speaker, "text": text, **fields})


def replies_to(socket: WebSocketTestSession, message: dict[str, Any]) -> list[dict[str, Any]]:
    """Send ``message``; return every reply to it (see :func:`say`)."""
    socket.send_json(message)
    socket.send_text("end of replies")
    replies = []
    while (reply := socket.receive_json()) != {"type": "error", "message": NOT_JSON}:
        replies.append(reply)
    return replies


def set_roles(socket: WebSocketTestSession, **names: str) -> dict[str, Any]:
    """Name the presenter and/or facilitator; the server answers with the figures (after the labels of earlier turns
    again, when the roles changed any of them)."""
    socket.send_json({"type": "roles", **names})
    reply: dict[str, Any] = socket.receive_json()
    while reply["type"] == "label":
        reply = socket.receive_json()
    assert reply["type"] == "summary"
    return reply


def kinds(replies: list[dict[str, Any]]) -> list[str]:
    return [reply["type"] for reply in replies]


def started(socket: WebSocketTestSession) -> dict[str, Any]:
    message: dict[str, Any] = socket.receive_json()
    assert message["type"] == "session"
    return message


def test_a_new_connection_starts_a_new_session(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        message = socket.receive_json()

    assert set(message) == {"type", "session_id", "resumed", "utterances", "resume_token", "presenter", "facilitator"}
    assert (message["type"], message["resumed"], message["utterances"]) == ("session", False, 0)
    assert len(message["session_id"]) == 32
    assert len(message["resume_token"]) >= 43  # 256 random bits, URL-safe base64
    assert message["session_id"] not in message["resume_token"]


def test_an_utterance_gets_its_label_then_the_rolling_figures(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        label, summary = say(socket, "Priya", "What would help?", start=12.5)

    assert label == {
        "type": "label",
        "index": 0,
        "speaker": "Priya",
        "role": "member",
        "text": "What would help?",
        "label": "open_question",
        "confidence": pytest.approx(0.9),
        "leading": False,
        "start": 12.5,
    }
    assert summary["type"] == "summary"
    assert summary["figures"]["utterances"] == 1
    assert summary["figures"]["questioning_ratio"] == 1.0
    assert summary["figures"]["counts"]["open_question"] == 1


def test_each_sentence_of_an_utterance_gets_its_own_label(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        replies = say(socket, "Priya", "That sounds hard. Have you thought about a locum?")

    assert kinds(replies) == ["label", "label", "summary"]
    assert [(r["index"], r["label"], r["leading"]) for r in replies[:2]] == [
        (0, "reflection", False),
        (1, "advice", True),
    ]
    assert replies[2]["figures"]["utterances"] == 2


def test_roles_set_by_name_give_the_presenter_and_facilitator_their_roles(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        set_roles(socket, presenter="Sam", facilitator="Julie")
        presenter = say(socket, "sam", "We lost two nurses in March.")[0]
        facilitator = say(socket, "Julie", "Shall we move on?")[0]
        member = say(socket, "Tom", "What would help?")[0]
        declared = say(socket, "Ana", "Okay.", role="facilitator")[0]

    assert [m["role"] for m in (presenter, facilitator, member, declared)] == [
        "presenter",
        "facilitator",
        "member",
        "facilitator",
    ]


ADVICE = ["You should call HR.", "Why don't you ask her?", "Have you thought about a locum?"]


def test_a_run_of_advice_from_members_gets_a_nudge(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        first, second = (say(socket, "Tom", text, start=t) for text, t in zip(ADVICE[:2], (0, 5), strict=True))
        third = say(socket, "Tom", ADVICE[2], start=10)

    assert (kinds(first), kinds(second)) == (["label", "summary"], ["label", "summary"])
    assert kinds(third) == ["label", "summary", "nudge"]
    assert third[-1] == {**ADVICE_NUDGE, "speaker": "Tom", "at": 10.0}


def test_advice_from_the_presenter_gets_no_nudge(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        replies = [say(socket, "Sam", text, role="presenter") for text in ADVICE]

    assert "nudge" not in [kind for reply in replies for kind in kinds(reply)]


def test_nudges_are_at_least_the_nudge_interval_apart_on_the_session_clock(make_client: MakeClient) -> None:
    client = make_client(nudge_interval_seconds=30)
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        for text, start in zip(ADVICE, (0, 5, 10), strict=True):
            say(socket, "Tom", text, start=start)  # the third is nudged, at 10 s
        too_soon = say(socket, "Tom", "You should call HR.", start=39.9)
        due_again = say(socket, "Tom", "You should call HR.", start=40)

    assert kinds(too_soon) == ["label", "summary"]
    assert kinds(due_again) == ["label", "summary", "nudge"]


@pytest.mark.parametrize(("interval", "nudged"), [(0, True), (30, False)], ids=["no interval", "30 s"])
def test_without_times_nudges_are_throttled_on_the_server_clock(
    make_client: MakeClient, interval: float, nudged: bool
) -> None:
    client = make_client(nudge_interval_seconds=interval)
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        assert kinds([say(socket, "Tom", text) for text in ADVICE][-1]) == ["label", "summary", "nudge"]
        fourth = say(socket, "Tom", "You should call HR.")

    assert ("nudge" in kinds(fourth)) is nudged


BAD_MESSAGES = [
    ("not JSON", "hello", NOT_JSON),
    (
        "unknown type",
        '{"type": "ping"}',
        "That message was not understood (message: Input tag 'ping' found using 'type' does not match any of the "
        f"expected tags: 'utterance', 'roles', 'slot', 'part', 'end'). {EXPECTED}",
    ),
    (
        "no type",
        '{"speaker": "Ana", "text": "hi"}',
        f"That message was not understood (message: Unable to extract tag using discriminator 'type'). {EXPECTED}",
    ),
    (
        "a list",
        "[]",
        "That message was not understood (message: Input should be a valid dictionary or object to extract fields "
        f"from). {EXPECTED}",
    ),
    (
        "no text",
        '{"type": "utterance", "speaker": "Ana"}',
        f"That message was not understood (utterance.text: Field required). {EXPECTED}",
    ),
    (
        "blank text",
        '{"type": "utterance", "speaker": "Ana", "text": "  "}',
        f"That message was not understood (utterance.text: must not be blank; send some words). {EXPECTED}",
    ),
    (
        "speaker not a string",
        '{"type": "utterance", "speaker": 5, "text": "hi"}',
        f"That message was not understood (utterance.speaker: Input should be a valid string). {EXPECTED}",
    ),
    (
        "unknown role",
        '{"type": "utterance", "speaker": "Ana", "text": "hi", "role": "chair"}',
        "That message was not understood (utterance.role: Input should be 'presenter', 'member' or 'facilitator'). "
        f"{EXPECTED}",
    ),
    (
        "infinite start",
        '{"type": "utterance", "speaker": "Ana", "text": "hi", "start": Infinity}',
        f"That message was not understood (utterance.start: Input should be a finite number). {EXPECTED}",
    ),
    (
        "extra field",
        '{"type": "end", "now": true}',
        f"That message was not understood (end.now: Extra inputs are not permitted). {EXPECTED}",
    ),
    (
        "blank presenter",
        '{"type": "roles", "presenter": ""}',
        f"That message was not understood (roles.presenter: String should have at least 1 character). {EXPECTED}",
    ),
    (
        "text over the limit",
        '{"type": "utterance", "speaker": "Ana", "text": "What would help you most?"}',
        "That text has 25 characters; the limit is 20. Send it in parts.",
    ),
]


@pytest.mark.parametrize(("raw", "message"), [c[1:] for c in BAD_MESSAGES], ids=[c[0] for c in BAD_MESSAGES])
def test_a_bad_message_gets_an_error_and_the_session_goes_on(make_client: MakeClient, raw: str, message: str) -> None:
    client = make_client(max_text_chars=20)
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        socket.send_text(raw)
        error = socket.receive_json()
        after = say(socket, "Priya", "What would help?")

    assert error == {"type": "error", "message": message}
    assert [(r["type"], r.get("index")) for r in after] == [("label", 0), ("summary", None)]


def test_a_binary_frame_gets_an_error_and_the_session_goes_on(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        socket.send_bytes(b'{"type": "end"}')
        error = socket.receive_json()
        after = say(socket, "Priya", "What would help?")

    assert error == {"type": "error", "message": "Send each message as a JSON text frame, not binary data."}
    assert kinds(after) == ["label", "summary"]


def test_end_sends_the_report_and_closes_the_socket(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        set_roles(socket, presenter="Sam")
        say(socket, "Sam", "We lost two nurses in March.", start=0)
        say(socket, "Priya", "What would help?", start=4)
        say(socket, "Tom", "You should call HR.", start=8)
        socket.send_json({"type": "end"})
        message = socket.receive_json()
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert closed.value.code == 1000
    assert message["type"] == "report"
    report = message["report"]
    assert report["roles"]["presenter"] == "Sam"
    assert [(u["speaker"], u["role"], u["label"]) for u in report["utterances"]] == [
        ("Sam", "presenter", "story"),
        ("Priya", "member", "open_question"),
        ("Tom", "member", "advice"),
    ]
    assert report["summary"]["questioning_ratio"] == 0.5


def test_end_of_an_empty_session_sends_an_empty_report(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        socket.send_json({"type": "end"})
        report = socket.receive_json()["report"]

    assert report["utterances"] == []
    assert report["summary"]["questioning_ratio"] is None


def test_a_dropped_session_resumes_with_its_id_and_keeps_its_utterances(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        first = started(socket)
        session_id, token = first["session_id"], first["resume_token"]
        set_roles(socket, presenter="Sam")
        say(socket, "Sam", "We lost two nurses in March.")
        say(socket, "Priya", "What would help?")
    # the connection dropped; the client comes back with its session id and resume token

    with client.websocket_connect(f"/v1/live?session={session_id}", headers={"X-Resume-Token": token}) as socket:
        resumed = started(socket)
        replayed = [socket.receive_json() for _ in range(3)]  # what was said so far, then the figures
        label = say(socket, "Tom", "Did you tell her?")[0]
        socket.send_json({"type": "end"})
        report = socket.receive_json()["report"]

    assert resumed == {
        "type": "session",
        "session_id": session_id,
        "resumed": True,
        "utterances": 2,
        "resume_token": token,
        "presenter": "Sam",
        "facilitator": None,
    }
    assert [(m["type"], m.get("text"), m.get("role")) for m in replayed] == [
        ("label", "We lost two nurses in March.", "presenter"),
        ("label", "What would help?", "member"),
        ("summary", None, None),
    ]
    assert replayed[2]["figures"]["utterances"] == 2
    assert label["index"] == 2
    assert [u["text"] for u in report["utterances"]] == [
        "We lost two nurses in March.",
        "What would help?",
        "Did you tell her?",
    ]
    assert report["roles"]["presenter"] == "Sam"


REFUSED = (
    "This live session cannot be resumed: it has ended or expired, or the resume token or API key does not match. "
    "Connect without ?session= to start a new session."
)


def refused(client: TestClient, path: str, headers: dict[str, str] | None = None) -> None:
    """Connecting to ``path`` gets the refusal, then the socket closes with code 4404."""
    with client.websocket_connect(path, headers=headers or {}) as socket:
        assert socket.receive_json() == {"type": "error", "message": REFUSED}
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()
    assert closed.value.code == 4404


@pytest.mark.parametrize("case", ["ended session", "unknown id", "no token", "wrong token", "token in the query"])
def test_a_session_resumes_only_with_its_token_and_is_refused_alike_otherwise(client: TestClient, case: str) -> None:
    with client.websocket_connect("/v1/live") as socket:
        first = started(socket)
        say(socket, "Ana", "Have you thought about HR?")
        if case == "ended session":
            socket.send_json({"type": "end"})
            socket.receive_json()
    session_id, token = first["session_id"], first["resume_token"]

    if case == "token in the query":  # how a browser resumes: it cannot set headers on a WebSocket
        with client.websocket_connect(f"/v1/live?session={session_id}&resume_token={token}") as socket:
            assert started(socket)["utterances"] == 1
        return
    path = f"/v1/live?session={'0' * 32 if case == 'unknown id' else session_id}"
    headers = {"ended session": {"X-Resume-Token": token}, "unknown id": {"X-Resume-Token": token}, "no token": {},
               "wrong token": {"X-Resume-Token": token[:-2] + "xx"}}[case]  # fmt: skip
    refused(client, path, headers)


def test_another_key_cannot_resume_a_session_even_with_its_token(make_client: MakeClient) -> None:
    client = make_client(api_keys=["key-of-ana", "key-of-tom"])
    with client.websocket_connect("/v1/live", headers={"X-API-Key": "key-of-ana"}) as owner:
        first = started(owner)
        say(owner, "Ana", "We lost two nurses in March.")
        # while the owner is still connected, another key tries the id and the token
        refused(
            client,
            f"/v1/live?session={first['session_id']}",
            {"X-API-Key": "key-of-tom", "X-Resume-Token": first["resume_token"]},
        )
        say(owner, "Ana", "And the agency costs doubled.")  # the owner's session goes on untouched

    with client.websocket_connect(
        f"/v1/live?session={first['session_id']}",
        headers={"X-API-Key": "key-of-ana", "X-Resume-Token": first["resume_token"]},
    ) as socket:
        assert started(socket)["utterances"] == 2


def test_connected_sessions_are_never_evicted(make_client: MakeClient) -> None:
    client = make_client(max_live_sessions=2)
    with client.websocket_connect("/v1/live") as one, client.websocket_connect("/v1/live") as two:
        started(one), started(two)
        with client.websocket_connect("/v1/live") as three:
            assert three.receive_json() == {
                "type": "error",
                "message": "The service is holding as many live sessions as it can; try again in a minute.",
            }
            with pytest.raises(WebSocketDisconnect) as closed:
                three.receive_json()
        assert closed.value.code == 1013
        assert say(one, "Ana", "What would help?")[0]["type"] == "label"  # both still work
        assert say(two, "Tom", "What would help?")[0]["type"] == "label"


def wait_until_dropped(client: TestClient, session_id: str) -> None:
    """Wait until the server has seen the client leave (it notices a moment after the client closes)."""
    engine = client.app.state.set_store.engine  # type: ignore[attr-defined]
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with engine.connect() as connection:
            query = select(LiveSessionRow.connections).where(LiveSessionRow.id == session_id)
            if connection.scalar(query) == 0:
                return
        time.sleep(0.02)
    raise AssertionError("the server never saw the client leave")


def test_a_dropped_session_makes_room_for_a_new_one_when_the_store_is_full(make_client: MakeClient) -> None:
    client = make_client(max_live_sessions=1)
    with client.websocket_connect("/v1/live") as socket:
        first = started(socket)
    wait_until_dropped(client, first["session_id"])
    with client.websocket_connect("/v1/live") as socket:
        assert started(socket)["session_id"] != first["session_id"]
    refused(client, f"/v1/live?session={first['session_id']}", {"X-Resume-Token": first["resume_token"]})


def test_one_key_may_keep_only_so_many_connected_sessions(make_client: MakeClient) -> None:
    client = make_client(api_keys=["k1", "k2"], max_live_sessions_per_key=1)
    with client.websocket_connect("/v1/live", headers={"X-API-Key": "k1"}) as socket:
        started(socket)
        with client.websocket_connect("/v1/live", headers={"X-API-Key": "k1"}) as second:
            message = second.receive_json()
        assert message["type"] == "error"
        assert message["message"].startswith("This API key already has 1 live sessions connected")
        with client.websocket_connect("/v1/live", headers={"X-API-Key": "k2"}) as other:
            assert started(other)["resumed"] is False


def test_a_session_keeps_at_most_max_live_utterances(make_client: MakeClient) -> None:
    client = make_client(max_live_utterances=2)
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        say(socket, "Ana", "What would help?")
        say(socket, "Tom", "What else?")
        replies = say(socket, "Ana", "And then?")
    assert replies == [
        {
            "type": "error",
            "message": "This session holds 2 utterances, the most one live session keeps. End it with "
            '{"type": "end"} for the report, then start a new one.',
        }
    ]


def test_a_deeply_nested_frame_gets_an_error_and_the_session_goes_on(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        socket.send_text("[" * 100_000)
        assert socket.receive_json() == {
            "type": "error",
            "message": 'That message is nested too deeply to read; send one flat JSON object like {"type": "end"}.',
        }
        assert say(socket, "Ana", "What would help?")[0]["type"] == "label"


def test_ending_with_a_set_id_saves_the_session_to_that_set(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "Live set"}).json()["id"]
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        set_roles(socket, presenter="Sam")
        say(socket, "Sam", "The rota keeps falling apart.")
        say(socket, "Ana", "What would help most?")
        socket.send_json({"type": "end", "set_id": "no-such-set"})
        refusal = socket.receive_json()
        assert refusal["type"] == "error"
        assert refusal["message"].startswith("No such set for this API key, so nothing was saved")
        socket.send_json({"type": "end", "set_id": set_id, "date": "2026-11-25"})
        report = socket.receive_json()["report"]
    assert report["set_id"] == set_id
    assert report["date"] == "2026-11-25"
    saved = client.get(f"/v1/sets/{set_id}/sessions/{report['session_id']}").json()
    assert [u["text"] for u in saved["utterances"]] == ["The rota keeps falling apart.", "What would help most?"]
    assert client.get(f"/v1/sets/{set_id}").json()["sessions"][0]["date"] == "2026-11-25"


OPENING = [
    ("Sam", "So I manage the ward, and the rota keeps falling apart."),
    ("Sam", "We lost two nurses in March."),
    ("Sam", "Every weekend I end up covering the shifts myself."),
    ("Sam", "My manager says it is a me problem."),
    ("Priya", "What would help most right now?"),
    ("Sam", "Honestly, someone else owning the rota for a month."),
    ("Tom", "How does the team see it?"),
    ("Sam", "They think I enjoy it, which I don't."),
    ("Ana", "You should call HR."),
]


def test_live_figures_equal_the_reports_and_the_presenters_account_is_no_members_story(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        replies = [say(socket, speaker, text) for speaker, text in OPENING]
        live_figures = replies[-1][-1]["figures"]
        socket.send_json({"type": "end"})
        report = socket.receive_json()["report"]

    assert not any(reply["type"] == "nudge" for batch in replies for reply in batch)  # the opening was Sam's account
    assert report["roles"]["presenter"] == "Sam"
    assert live_figures["questioning_ratio"] == report["summary"]["questioning_ratio"]
    assert live_figures["counts"] == report["summary"]["counts"]


def test_roles_named_partway_apply_to_earlier_turns(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        say(socket, "Julie", "You should all keep to time today.")  # the facilitator's process talk
        say(socket, "Priya", "What would help?")
        before = say(socket, "Tom", "How did that feel?")[-1]["figures"]
        socket.send_json({"type": "roles", "facilitator": "Julie"})
        relabelled = [socket.receive_json() for _ in range(3)]
        after = socket.receive_json()["figures"]
        socket.send_json({"type": "end"})
        report = socket.receive_json()["report"]

    assert before["questioning_ratio"] < 1.0
    assert [(m["type"], m["index"], m["role"]) for m in relabelled] == [
        ("label", 0, "facilitator"),
        ("label", 1, "member"),
        ("label", 2, "member"),
    ]
    assert after["questioning_ratio"] == report["summary"]["questioning_ratio"] == 1.0


def test_a_members_story_running_on_after_the_questions_began_gets_a_nudge(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        set_roles(socket, presenter="Sam")
        say(socket, "Sam", "The rota keeps falling apart.")
        say(socket, "Priya", "What would help?")
        replies = [say(socket, "Tom", text) for text in ("We lost two nurses.", "My boss left.", "I manage six.")]
        last = say(socket, "Tom", "The grant ends in June.")

    assert not any(reply["type"] == "nudge" for batch in replies for reply in batch)
    assert last[-1]["type"] == "nudge"
    assert (last[-1]["reason"], last[-1]["speaker"]) == ("story_run", "Tom")


AMIRAS_SLOT = [
    ("Amira", "So this is about my team and the rota, which has been falling apart since May."),
    ("Jo", "What happens when it goes wrong?"),
    ("Amira", "I end up covering the shifts myself and going home late again."),
]
TUNDES_SLOT = [
    ("Tunde", "Mine is about the budget, which was cut by a third this year."),
    ("Amira", "What matters most to you in it?"),
]


@dataclass
class MarkedThenResumed:
    """What a live session answered to a mark sent after Amira's slot, and after it was resumed: the start message,
    what it replayed, the replies to each thing said next, and the final report."""

    marked: list[dict[str, Any]]
    resumed: dict[str, Any]
    replayed: list[dict[str, Any]]
    replies: list[list[dict[str, Any]]]
    report: dict[str, Any]


def mark_then_resume(client: TestClient, mark: dict[str, Any], said: Sequence[tuple[str, str]]) -> MarkedThenResumed:
    """Amira's slot said, ``mark`` sent, the session resumed on a new connection, ``said`` said there, and the end."""
    with client.websocket_connect("/v1/live") as socket:
        first = started(socket)
        set_roles(socket, presenter="Amira", facilitator="Ruth")
        for speaker, text in AMIRAS_SLOT:
            say(socket, speaker, text)
        marked = replies_to(socket, mark)
    with client.websocket_connect(
        f"/v1/live?session={first['session_id']}", headers={"X-Resume-Token": first["resume_token"]}
    ) as socket:
        resumed = started(socket)
        replayed = [socket.receive_json() for _ in range(len(AMIRAS_SLOT) + 2)]  # labels, figures, slots
        replies = [say(socket, speaker, text) for speaker, text in said]
        socket.send_json({"type": "end"})
        report = socket.receive_json()["report"]
    return MarkedThenResumed(marked, resumed, replayed, replies, report)


def test_a_slot_message_starts_the_next_presenters_slot_and_resumes_with_the_session(client: TestClient) -> None:
    run = mark_then_resume(client, {"type": "slot", "presenter": "Tunde"}, TUNDES_SLOT)
    labels = [replies[0] for replies in run.replies]

    assert kinds(run.marked) == ["summary", "slots"]
    assert run.marked[-1]["slots"] == [
        {"presenter": "Amira", "start_index": 0, "end_index": 2},
        {"presenter": "Tunde", "start_index": 3, "end_index": 2},
    ]
    assert run.resumed["presenter"] == "Tunde"
    assert run.replayed[-1]["type"] == "slots"
    assert run.replayed[-1]["slots"][1] == {"presenter": "Tunde", "start_index": 3, "end_index": 2}
    assert [(label["speaker"], label["role"]) for label in labels] == [("Tunde", "presenter"), ("Amira", "member")]
    assert [(slot["presenter"], slot["start_index"], slot["end_index"]) for slot in run.report["slots"]] == [
        ("Amira", 0, 2),
        ("Tunde", 3, 4),
    ]


def test_a_part_message_marks_planned_time_that_resumes_with_the_session_and_reaches_the_report(
    client: TestClient,
) -> None:
    run = mark_then_resume(
        client, {"type": "part", "mode": "planned"}, [("Jo", "You should ask the matron for two more nurses.")]
    )
    marked, replayed, (advice,), report = run.marked, run.replayed, run.replies, run.report

    assert kinds(marked) == ["summary", "slots"]
    assert marked[-1]["parts"] == [{"mode": "planned", "start_index": 3}]
    assert replayed[-1]["parts"] == [{"mode": "planned", "start_index": 3}]
    assert kinds(advice)[-1] == "slots"  # what was said after the mark is planned time
    assert advice[-1]["mode"] == "planned"
    assert [(part["mode"], part["start_index"]) for part in report["parts"]] == [("open", 0), ("planned", 3)]
    assert report["summary"]["member_counts"]["advice"] == 0


def test_a_part_is_open_or_planned(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        (error,) = replies_to(socket, {"type": "part", "mode": "combined"})

    assert error["type"] == "error"
    assert "part.mode: Input should be 'open' or 'planned'" in error["message"]


def test_a_slot_needs_a_presenter(client: TestClient) -> None:
    with client.websocket_connect("/v1/live") as socket:
        started(socket)
        (error,) = replies_to(socket, {"type": "slot"})
        after = say(socket, "Priya", "What would help?")

    assert error["type"] == "error"
    assert "slot.presenter: Field required" in error["message"]
    assert kinds(after) == ["label", "summary"]
