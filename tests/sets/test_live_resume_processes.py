"""Live sessions resume on any worker, on any server and after a restart: ``coach serve --workers 2`` on one database,
then two new servers on other ports sharing it; 20 of 20 resumes each time."""

from __future__ import annotations

import json

import pytest
from websockets.sync.client import connect

from tests.sets.serving import serving

pytestmark = pytest.mark.slow

RESUMES = 20


def say(socket: object, text: str) -> None:
    socket.send(json.dumps({"type": "utterance", "speaker": "Ana", "text": text}))  # type: ignore[attr-defined]
    while json.loads(socket.recv(timeout=30))["type"] != "summary":  # type: ignore[attr-defined]
        pass


def resume_each_time(urls: list[str], session: str, token: str, already: int) -> list[int]:
    """Resume the session ``RESUMES`` times, going round ``urls``; the utterance counts each resume found."""
    counts = []
    for number in range(RESUMES):
        url = f"{urls[number % len(urls)]}/v1/live?session={session}"
        with connect(url, additional_headers={"X-Resume-Token": token}) as socket:
            resumed = json.loads(socket.recv(timeout=30))
            assert resumed["type"] == "session", resumed
            counts.append(resumed["utterances"])
            replayed = [json.loads(socket.recv(timeout=30))["type"] for _ in range(resumed["utterances"] + 1)]
            assert replayed == ["label"] * resumed["utterances"] + ["summary"]  # what was said so far, then figures
            say(socket, f"And what else, {number}?")
    assert counts == list(range(already, already + RESUMES))
    return counts


def test_a_live_session_resumes_on_every_worker_on_every_server_and_after_a_restart(database_url: str) -> None:
    with serving(database_url, workers=2) as port:
        with connect(f"ws://127.0.0.1:{port}/v1/live") as socket:
            started = json.loads(socket.recv(timeout=30))
            say(socket, "What would help most right now?")
        session, token = started["session_id"], started["resume_token"]
        resume_each_time([f"ws://127.0.0.1:{port}"], session, token, already=1)  # either worker may answer

    # two servers on different ports sharing the database, and a restart for the session
    with serving(database_url, workers=1) as first, serving(database_url, workers=1) as second:
        urls = [f"ws://127.0.0.1:{first}", f"ws://127.0.0.1:{second}"]
        resume_each_time(urls, session, token, already=RESUMES + 1)
        with connect(f"{urls[1]}/v1/live?session={session}", additional_headers={"X-Resume-Token": token}) as socket:
            assert json.loads(socket.recv(timeout=30))["utterances"] == 2 * RESUMES + 1
            socket.send(json.dumps({"type": "end"}))
            while (report := json.loads(socket.recv(timeout=60)))["type"] != "report":
                assert report["type"] in ("label", "summary")  # the replay of what was said so far
        assert report["type"] == "report"
        assert len(report["report"]["utterances"]) == 2 * RESUMES + 1
