"""Work per request is bounded whatever the body, bad input never gets a 500, and secrets never reach the log."""

from __future__ import annotations

import json
import logging
import socket
import tempfile
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from coach.api.app import create_app
from coach.api.settings import Settings
from coach.classifier import Coach
from coach.feedback import metrics
from coach.feedback.render_html import standalone_script_source
from tests.api.conftest import MakeClient
from tests.api.expect import assert_error, error_of
from tests.browser.conftest import serve
from tests.fakes import KeywordClassifier

BEYOND_24_HOURS = "the cue's time is more than 24 hours into the session; Coach reads sessions of up to 24 hours"


@pytest.mark.parametrize(
    "hours", ["100000", "9" * 400, "9" * 5_000, "25"], ids=["100000 h", "400 digits", "5000 digits", "25 h"]
)
def test_a_cue_beyond_24_hours_is_refused_at_once(client: TestClient, hours: str) -> None:
    late = f"{hours}:00:00.000 --> {hours}:00:01.000"
    vtt = f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana>Hello.\n\n{late}\n<v Tom>Hi.\n"
    started = time.perf_counter()
    response = client.post("/v1/sessions/analyze", files={"file": ("s.vtt", vtt.encode())})

    assert time.perf_counter() - started < 2
    message = error_of(response, 422, "input_error")["message"]
    assert message == f"s.vtt, line 6: {BEYOND_24_HOURS}"


def test_a_long_gap_in_the_times_gives_at_most_100_windows(client: TestClient) -> None:
    turns = [
        {"speaker": "Ana", "text": "What would help?", "start": 0},
        {"speaker": "Tom", "text": "Did you ask her?", "start": 86_000},
    ]
    timeline = client.post("/v1/sessions/analyze", json={"turns": turns}).json()["timeline"]

    assert 1 < len(timeline["windows"]) <= metrics.MAX_WINDOWS
    assert timeline["window"] % 60 == 0


def test_many_utterances_without_times_give_at_most_100_windows(client: TestClient) -> None:
    turns = [{"speaker": f"P{n % 5}", "text": "What would help?"} for n in range(5_900)]
    timeline = client.post("/v1/sessions/analyze", json={"turns": turns}).json()["timeline"]

    assert len(timeline["windows"]) <= metrics.MAX_WINDOWS


def test_a_turn_over_the_character_limit_is_refused(make_client: MakeClient) -> None:
    client = make_client(max_turn_chars=100)
    response = client.post("/v1/sessions/analyze", json={"turns": [{"speaker": "Ana", "text": "Why? " * 30}]})

    assert_error(
        response,
        413,
        "turn_too_long",
        "Turn 0 (Ana) has 150 characters; the limit is 100. Split it into several turns.",
    )


@pytest.mark.parametrize("path", ["/v1/sessions/analyze", "/v1/classify"])
def test_sentences_count_against_the_limit(make_client: MakeClient, path: str) -> None:
    client = make_client(max_sentences=50)
    texts = ["Why? " * 30, "And? " * 30]
    body = {"turns": [{"speaker": "Ana", "text": t} for t in texts]} if "analyze" in path else {"utterances": texts}
    response = client.post(path, json=body)

    assert_error(
        response,
        413,
        "too_many_sentences",
        "The request holds 60 sentences; the limit is 50. Send them in several requests.",
    )


def test_a_look_alike_content_type_is_not_taken_for_json(client: TestClient) -> None:
    response = client.post(
        "/v1/sessions/analyze",
        content=json.dumps({"turns": [{"speaker": "Ana", "text": "Hi"}]}),
        headers={"content-type": "application/jsonfoo"},
    )

    assert_error(
        response,
        415,
        "unsupported_media_type",
        "Send the transcript as application/json turns or as a multipart/form-data file upload.",
    )


def test_the_html_report_allows_only_its_own_script_and_forbids_sniffing(client: TestClient) -> None:
    response = client.post(
        "/v1/sessions/analyze?format=html", json={"turns": [{"speaker": "Ana", "text": "What would help?"}]}
    )

    assert response.status_code == 200
    assert response.headers["x-content-type-options"] == "nosniff"
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy
    # Only the report's own inline script, by its hash: a script a person's words smuggled in would not run.
    assert f"script-src {standalone_script_source()};" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors 'none'" in policy


def test_keys_tokens_and_session_ids_never_reach_the_server_log(caplog: pytest.LogCaptureFixture) -> None:
    """A real uvicorn server, whose own lines name each request's path: none may carry a secret."""
    caplog.set_level(logging.INFO)
    key = "k-very-secret-key-123"
    app = create_app(Settings(api_keys=[key]), coach=Coach(KeywordClassifier()))
    live = serve(app, log_config=None, log_level="info")
    try:
        ws_url = live.url.replace("http://", "ws://")
        with connect(f"{ws_url}/v1/live?api_key={key}") as socket:
            first = json.loads(socket.recv())
        session, token = first["session_id"], first["resume_token"]
        with connect(f"{ws_url}/v1/live?api_key={key}&session={session}&resume_token={token}") as socket:
            assert json.loads(socket.recv())["resumed"] is True
        with connect(f"{ws_url}/v1/live?api_key=wrong-{key}") as socket:  # a refused attempt is logged too
            assert json.loads(socket.recv())["type"] == "error"
            with pytest.raises(ConnectionClosed):
                socket.recv()
        httpx.get(f"{live.url}/v1/health?api_key={key}&session={session}", timeout=10)
    finally:
        live.stop()

    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(("uvicorn", "coach")))
    assert "/v1/live" in logged  # the lines are there...
    for secret in (key, session, token):
        assert secret not in logged  # ...without what was in the query string


def test_an_upload_is_read_in_memory_not_spooled_to_disk(
    make_client: MakeClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    def to_disk(self: tempfile.SpooledTemporaryFile[bytes]) -> None:
        raise AssertionError("the upload was spooled to a file on disk")

    monkeypatch.setattr(tempfile.SpooledTemporaryFile, "rollover", to_disk)
    client = make_client(max_body_bytes=3_000_000, max_sentences=100_000)
    content = "".join(f"{name}: " + "What would help here? " * 700 + "\n" for name in ["Ana", "Tom"] * 50)  # 1.5 MB

    response = client.post("/v1/sessions/analyze", files={"file": ("long.txt", content.encode())})

    assert len(content) > 1_500_000
    assert response.status_code == 200, response.text


def test_a_body_that_never_finishes_gets_a_408() -> None:
    app = create_app(Settings(body_timeout_seconds=1), coach=Coach(KeywordClassifier()))
    live = serve(app)
    try:
        with socket.create_connection(("127.0.0.1", live.port), timeout=10) as conn:
            conn.sendall(
                b"POST /v1/classify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                b"Content-Length: 100\r\n\r\n" + b'{"utterances": ['
            )
            started = time.perf_counter()
            answer = conn.recv(65536).decode()
            waited = time.perf_counter() - started
    finally:
        live.stop()

    assert answer.startswith("HTTP/1.1 408")
    assert '"type": "body_timeout"' in answer
    assert "did not arrive within 1 seconds (16 bytes came)" in answer
    assert 0.5 < waited < 5
