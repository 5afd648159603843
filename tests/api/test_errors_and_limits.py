"""The body limit, and that whatever a client sends gets a JSON error with a 4xx status, never a server error."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient

from coach.classifier import Coach
from coach.classifier.base import UtterancePrediction
from coach.errors import ModelError
from tests.api.conftest import MakeClient
from tests.api.expect import assert_error, error_of
from tests.fakes import KeywordClassifier

LIMIT = 1_000
TOO_LARGE = (
    f"The request body is over the limit of {LIMIT} bytes; send fewer utterances per request or a shorter transcript."
)

BIG_TEXT = "We lost two nurses in March. " * 50  # about 1,450 characters: over LIMIT as a body

OVERSIZED: list[tuple[str, str, dict[str, Any]]] = [
    ("classify", "/v1/classify", {"json": {"utterances": [BIG_TEXT]}}),
    ("practice", "/v1/practice", {"json": {"text": BIG_TEXT}}),
    ("analyze json", "/v1/sessions/analyze", {"json": {"turns": [{"speaker": "Ana", "text": BIG_TEXT}]}}),
    ("analyze upload", "/v1/sessions/analyze", {"files": {"file": ("a.txt", f"Ana: {BIG_TEXT}".encode())}}),
]


@pytest.fixture
def limited(make_client: MakeClient) -> TestClient:
    return make_client(max_body_bytes=LIMIT)


@pytest.mark.parametrize(("path", "request_args"), [c[1:] for c in OVERSIZED], ids=[c[0] for c in OVERSIZED])
def test_a_body_over_the_limit_is_refused_with_the_limit(
    limited: TestClient, path: str, request_args: dict[str, Any]
) -> None:
    response = limited.post(path, **request_args)

    assert_error(response, 413, "body_too_large", TOO_LARGE)


def chunks(body: bytes, size: int = 100) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.mark.parametrize("path", ["/v1/classify", "/v1/sessions/analyze"], ids=["classify", "analyze"])
def test_a_streamed_body_without_a_length_over_the_limit_is_refused_the_same_way(
    limited: TestClient, path: str
) -> None:
    body = json.dumps({"utterances": [BIG_TEXT]}).encode()

    response = limited.post(path, content=chunks(body), headers={"content-type": "application/json"})

    assert "content-length" not in response.request.headers
    assert_error(response, 413, "body_too_large", TOO_LARGE)


def test_a_streamed_body_under_the_limit_is_read_whole(limited: TestClient) -> None:
    body = json.dumps({"utterances": ["What would help?"] * 20}).encode()
    assert len(body) < LIMIT

    response = limited.post("/v1/classify", content=chunks(body, size=7), headers={"content-type": "application/json"})

    assert response.status_code == 200
    assert len(response.json()["predictions"]) == 20


def test_a_body_of_exactly_the_limit_is_accepted(limited: TestClient) -> None:
    body = json.dumps({"utterances": ["What would help?"]}).encode()
    padded = body[:-1] + b" " * (LIMIT - len(body)) + b"}"
    assert len(padded) == LIMIT

    response = limited.post("/v1/classify", content=padded, headers={"content-type": "application/json"})

    assert response.status_code == 200


def test_a_body_that_is_not_utf8_is_refused_as_bad_input(client: TestClient) -> None:
    response = client.post(
        "/v1/classify",
        content='{"utterances": ["café"]}'.encode("latin-1"),
        headers={"content-type": "application/json"},
    )

    assert_error(
        response,
        422,
        "validation_error",
        "The request is not valid: body: cannot be read as JSON; send UTF-8 JSON with Content-Type: application/json",
    )


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/v1/classify", "Invalid JSON: Expecting property name enclosed in double quotes at character 1"),
        ("/v1/practice", "Invalid JSON: Expecting property name enclosed in double quotes at character 1"),
        ("/v1/sessions/analyze", "Invalid JSON: EOF while parsing an object at line 1 column 1"),
    ],
    ids=["classify", "practice", "analyze"],
)
def test_broken_json_is_refused_saying_where(client: TestClient, path: str, problem: str) -> None:
    response = client.post(path, content=b"{", headers={"content-type": "application/json"})

    assert_error(response, 422, "validation_error", f"The request is not valid: body: {problem}")


NESTED = "[" * 5_000 + "]" * 5_000
CLASSIFY, PRACTICE, ANALYZE = "/v1/classify", "/v1/practice", "/v1/sessions/analyze"
ODD_BODIES: list[tuple[str, str, bytes]] = [
    ("classify: deeply nested", CLASSIFY, f'{{"utterances": {NESTED}}}'.encode()),
    ("classify: a huge number", CLASSIFY, b'{"utterances": [1' + b"0" * 5_000 + b"]}"),
    ("classify: NUL and control characters", CLASSIFY, b'{"utterances": ["\\u0000\\u0007 ok\\u001b"]}'),
    ("classify: lone surrogate", CLASSIFY, b'{"utterances": ["\\ud800 what?"]}'),
    ("classify: only punctuation", CLASSIFY, b'{"utterances": ["?!...", "\\u200b"]}'),
    ("classify: null body", CLASSIFY, b"null"),
    ("practice: a string body", PRACTICE, b'"What would help?"'),
    ("practice: emoji only", PRACTICE, '{"text": "🤔🤔"}'.encode()),
    ("analyze: deeply nested", ANALYZE, f'{{"turns": {NESTED}}}'.encode()),
    ("analyze: duplicate keys", ANALYZE, b'{"turns": [], "turns": [{"speaker": "A", "text": "hi"}]}'),
    ("analyze: end before start", ANALYZE, b'{"turns": [{"speaker": "A", "text": "hi", "start": 9, "end": 1}]}'),
    ("analyze: huge times", ANALYZE, b'{"turns": [{"speaker": "A", "text": "hi", "start": 1e300, "end": 1e308}]}'),
]  # fmt: skip


@pytest.mark.parametrize(("path", "body"), [c[1:] for c in ODD_BODIES], ids=[c[0] for c in ODD_BODIES])
def test_odd_json_never_gets_a_server_error(client: TestClient, path: str, body: bytes) -> None:
    response = client.post(path, content=body, headers={"content-type": "application/json"})

    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error_of(response, 422, "validation_error")


ODD_FILES: list[tuple[str, str, bytes]] = [
    ("NUL bytes", "a.txt", b"Ana: hi\x00\x00\x00there"),
    ("UTF-8 cut mid-character", "a.txt", "Ana: café".encode()[:-1]),
    ("only a header", "a.vtt", b"WEBVTT\n\n"),
    ("JSON with no turns", "a.json", b'{"turns": []}'),
    ("JSON that is a list", "a.json", b"[1, 2, 3]"),
    ("no extension, not a transcript", "noname", b"just some words"),
    ("a long line", "a.txt", b"Ana: " + b"word " * 3_000),
    ("path in the file name", "../../etc/passwd.txt", b"Ana: hi there"),
]


@pytest.mark.parametrize(("filename", "content"), [c[1:] for c in ODD_FILES], ids=[c[0] for c in ODD_FILES])
def test_odd_uploads_never_get_a_server_error(client: TestClient, filename: str, content: bytes) -> None:
    response = client.post("/v1/sessions/analyze", files={"file": (filename, content)})

    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error_of(response, 422, "input_error")


class BrokenClassifier(KeywordClassifier):
    """A classifier that fails with ``error`` on every call."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def predict(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[UtterancePrediction]:
        raise self.error


def test_a_model_that_fails_its_checks_is_a_503_with_its_message(make_client: MakeClient) -> None:
    client = make_client(coach=Coach(BrokenClassifier(ModelError("models/x/model.onnx is missing"))))

    response = client.post("/v1/classify", json={"utterances": ["What would help?"]})

    assert_error(response, 503, "model_unavailable", "models/x/model.onnx is missing")


def test_a_bug_is_a_json_500_that_tells_nothing_of_the_internals(make_client: MakeClient) -> None:
    client = make_client(coach=Coach(BrokenClassifier(RuntimeError("secret internals"))))

    response = client.post("/v1/practice", json={"text": "What would help?"})

    assert_error(response, 500, "internal_error", "Something went wrong on our side; the error has been logged.")
