"""``POST /v1/practice``: a trainee's question, its label, why, and open ways to ask it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import MakeClient
from tests.api.expect import assert_error

CHECKED = [
    # name, text, label, leading, the start of the explanation, rephrasings expected
    ("closed question", "Did you tell her?", "closed_question", False, "This is a closed question", True),
    ("disguised advice", "Have you thought about HR?", "advice", True, "This is advice dressed as a question", True),
    ("plain advice", "You should talk to HR.", "advice", False, "This is advice", True),
    ("open question", "What would help?", "open_question", False, "This is an open question", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "label", "leading", "explanation", "rephrased"), [c[1:] for c in CHECKED], ids=[c[0] for c in CHECKED]
)
def test_practice_explains_the_label_and_rephrases_closed_questions_and_advice(
    client: TestClient, text: str, label: str, leading: bool, explanation: str, rephrased: bool
) -> None:
    response = client.post("/v1/practice", json={"text": text})

    assert response.status_code == 200
    body = response.json()
    assert (body["text"], body["label"], body["leading"]) == (text, label, leading)
    assert body["explanation"].startswith(explanation)
    assert body["explanation"].endswith(".")
    assert bool(body["rephrasings"]) is rephrased
    assert all(r.endswith("?") and r != text for r in body["rephrasings"])
    assert [(u["text"], u["label"]) for u in body["utterances"]] == [(text, label)]


def test_rephrasings_of_disguised_advice_keep_its_idea_as_a_question(client: TestClient) -> None:
    body = client.post("/v1/practice", json={"text": "Have you thought about talking to HR?"}).json()

    assert "What would talking to HR give you?" in body["rephrasings"]


INVALID: list[tuple[str, Any, str]] = [
    ("no text", {}, "text: Field required"),
    ("empty text", {"text": ""}, "text: String should have at least 1 character"),
    ("blank text", {"text": "  \n"}, "text: must not be blank; send some words"),
    ("a number", {"text": 5}, "text: Input should be a valid string"),
    ("a list", {"text": ["What would help?"]}, "text: Input should be a valid string"),
    ("extra field", {"text": "What would help?", "label": "advice"}, "label: Extra inputs are not permitted"),
]


@pytest.mark.parametrize(("body", "problem"), [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_invalid_bodies_are_refused_naming_the_field(client: TestClient, body: Any, problem: str) -> None:
    response = client.post("/v1/practice", json=body)

    assert_error(response, 422, "validation_error", f"The request is not valid: {problem}")


def test_a_text_over_max_text_chars_is_refused_with_the_limit(make_client: MakeClient) -> None:
    client = make_client(max_text_chars=20)

    response = client.post("/v1/practice", json={"text": "What would help you most?"})

    assert_error(response, 422, "text_too_long", "Text 0 has 25 characters; the limit is 20. Split it into turns.")
