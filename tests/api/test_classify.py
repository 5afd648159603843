"""``POST /v1/classify``: labels for each text and its sentences; refusals for what cannot be labelled."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.api.settings import Settings
from coach.classifier import Coach
from coach.classifier.loading import resolve_model_dir
from coach.errors import ModelError
from coach.labels import LABELS
from tests.api.conftest import MakeClient
from tests.api.expect import assert_error
from tests.fakes import KeywordClassifier


def test_each_text_gets_a_turn_label_and_its_sentences_their_own(client: TestClient) -> None:
    response = client.post(
        "/v1/classify", json={"utterances": ["Okay. So you feel stuck. What would help?", "Have you thought about HR?"]}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["model"] == "keyword-fake"
    turn, advice = body["predictions"]
    assert (turn["text"], turn["label"], turn["leading"]) == (
        "Okay. So you feel stuck. What would help?",
        "open_question",
        False,
    )
    assert [(u["text"], u["label"]) for u in turn["utterances"]] == [
        ("Okay.", "other"),
        ("So you feel stuck.", "reflection"),
        ("What would help?", "open_question"),
    ]
    assert (advice["label"], advice["leading"]) == ("advice", True)
    assert set(advice["scores"]) == set(LABELS)
    assert sum(advice["scores"].values()) == pytest.approx(1.0)
    assert advice["confidence"] == pytest.approx(0.9)


def test_a_batch_of_exactly_max_batch_is_accepted(make_client: MakeClient) -> None:
    client = make_client(max_batch=3)

    response = client.post("/v1/classify", json={"utterances": ["Okay."] * 3})

    assert response.status_code == 200
    assert len(response.json()["predictions"]) == 3


def test_a_batch_over_max_batch_is_refused_with_the_limit(make_client: MakeClient) -> None:
    client = make_client(max_batch=3)

    response = client.post("/v1/classify", json={"utterances": ["Okay."] * 4})

    assert_error(
        response,
        422,
        "batch_too_large",
        "4 utterances in one request; the limit is 3. Send them in several requests.",
    )


def test_a_text_of_exactly_max_text_chars_is_accepted(make_client: MakeClient) -> None:
    client = make_client(max_text_chars=10)

    assert client.post("/v1/classify", json={"utterances": ["x" * 10]}).status_code == 200


def test_a_text_over_max_text_chars_is_refused_naming_the_text_and_the_limit(make_client: MakeClient) -> None:
    client = make_client(max_text_chars=10)

    response = client.post("/v1/classify", json={"utterances": ["Okay.", "x" * 11]})

    assert_error(response, 422, "text_too_long", "Text 1 has 11 characters; the limit is 10. Split it into turns.")


INVALID: list[tuple[str, Any, str]] = [
    ("no utterances field", {}, "utterances: Field required"),
    ("empty list", {"utterances": []}, "utterances: List should have at least 1 item after validation, not 0"),
    ("empty text", {"utterances": ["Okay.", ""]}, "utterances.1: String should have at least 1 character"),
    ("blank text", {"utterances": [" \n\t"]}, "utterances.0: must not be blank; send some words"),
    ("a string, not a list", {"utterances": "What would help?"}, "utterances: Input should be a valid list"),
    ("a number in the list", {"utterances": [42]}, "utterances.0: Input should be a valid string"),
    ("null in the list", {"utterances": [None]}, "utterances.0: Input should be a valid string"),
    ("extra field", {"utterances": ["Okay."], "model": "big"}, "model: Extra inputs are not permitted"),
    (
        "a list, not an object",
        ["What would help?"],
        "body: Input should be a valid dictionary or object to extract fields from",
    ),
]


@pytest.mark.parametrize(("body", "problem"), [case[1:] for case in INVALID], ids=[case[0] for case in INVALID])
def test_invalid_bodies_are_refused_naming_the_field(client: TestClient, body: Any, problem: str) -> None:
    response = client.post("/v1/classify", json=body)

    assert_error(response, 422, "validation_error", f"The request is not valid: {problem}")


@pytest.mark.slow
def test_the_shipped_model_serves_classify() -> None:
    """The only API test on the real model: the app loads it at start-up, as ``coach serve`` does."""
    try:
        resolve_model_dir()
    except ModelError:
        pytest.skip("no model directory under models/ (it may be being retrained)")
    with TestClient(create_app(Settings())) as client:
        response = client.post("/v1/classify", json={"utterances": ["What would help?", "You should call HR."]})
        model = client.get("/v1/model").json()

    assert response.status_code == 200
    assert [p["label"] in LABELS for p in response.json()["predictions"]] == [True, True]
    assert sorted(model["labels"]) == sorted(LABELS)


def test_each_utterance_is_read_with_its_context(make_client: MakeClient) -> None:
    fake = KeywordClassifier()
    client = make_client(coach=Coach(fake))

    response = client.post(
        "/v1/classify",
        json={"utterances": ["I'll ring her tomorrow.", "Okay."], "context": ["What will you do?", ""]},
    )

    assert response.status_code == 200
    assert fake.contexts == ["What will you do?", ""]


def test_a_context_per_utterance_is_required(client: TestClient) -> None:
    response = client.post("/v1/classify", json={"utterances": ["Okay.", "What now?"], "context": ["Hello."]})

    assert_error(
        response,
        422,
        "context_mismatch",
        '1 contexts for 2 utterances; give one context per utterance ("" where there is none), or leave "context" out.',
    )


def test_an_overlong_context_is_refused(make_client: MakeClient) -> None:
    client = make_client(max_text_chars=20)

    response = client.post("/v1/classify", json={"utterances": ["Okay."], "context": ["x" * 21]})

    assert_error(
        response,
        422,
        "text_too_long",
        "Context 0 has 21 characters; the limit is 20. Send the end of the previous turn.",
    )
