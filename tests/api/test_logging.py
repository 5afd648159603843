"""Nothing a person said reaches the logs: not from a request that succeeds, nor from one that is refused."""

from __future__ import annotations

import logging

import pytest
from fastapi.testclient import TestClient

from coach.classifier import Coach
from coach.errors import ModelError
from tests.api.conftest import MakeClient
from tests.api.test_errors_and_limits import BrokenClassifier

SECRET = "Marguerite keeps the spare keys to the pharmacy under the blue flowerpot"


def exercise_every_route(client: TestClient) -> None:
    """Send ``SECRET`` through every route that takes text, in requests that succeed and in ones that are refused."""
    text = f"{SECRET}. What would help?"
    client.post("/v1/classify", json={"utterances": [text, SECRET]})
    client.post("/v1/classify", json={"utterances": [SECRET * 10]})  # over max_text_chars
    client.post("/v1/classify", json={"utterances": [SECRET], "extra": SECRET})
    client.post("/v1/practice", json={"text": text})
    client.post("/v1/practice", json={"text": 5, "note": SECRET})
    turns = [{"speaker": "Ana", "text": text}, {"speaker": "Tom", "text": f"You should tell {SECRET}."}]
    client.post("/v1/sessions/analyze", json={"turns": turns})
    client.post("/v1/sessions/analyze?format=html", json={"turns": turns})
    client.post("/v1/sessions/analyze", json={"turns": [{"speaker": "Ana", "text": SECRET, "role": "chair"}]})
    client.post("/v1/sessions/analyze", files={"file": ("s.txt", f"Ana: {text}\nTom: {SECRET}?".encode())})
    client.post("/v1/sessions/analyze", files={"file": ("s.vtt", f"{SECRET}\n".encode())})  # not WebVTT
    client.post("/v1/sessions/analyze", content=f"{SECRET} {{".encode(), headers={"content-type": "application/json"})
    with client.websocket_connect("/v1/live") as socket:
        socket.receive_json()
        socket.send_json({"type": "utterance", "speaker": "Ana", "text": text})
        socket.send_text(SECRET)  # not JSON
        socket.send_json({"type": "utterance", "speaker": "Ana", "text": SECRET * 10})  # over max_text_chars
        socket.send_json({"type": "end"})
        while socket.receive_json()["type"] != "report":
            pass


def test_utterance_text_never_reaches_the_logs(make_client: MakeClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = make_client(max_text_chars=200)
    broken = make_client(coach=Coach(BrokenClassifier(ModelError("the model file is missing"))))

    exercise_every_route(client)
    broken.post("/v1/classify", json={"utterances": [SECRET]})

    assert "model error: the model file is missing" in caplog.messages  # the capture does see the app's logs
    logged = "\n".join([caplog.text, *(str(record.args) for record in caplog.records)])
    assert "Marguerite" not in logged
    assert "flowerpot" not in logged
