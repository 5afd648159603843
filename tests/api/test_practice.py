"""``POST /v1/practice``: a trainee's question, its label, why, and open ways to ask it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from coach.classifier import Coach
from tests.api.conftest import MakeClient
from tests.api.expect import assert_error
from tests.fakes import KeywordClassifier

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


def test_rephrasings_keep_the_situation_and_drop_the_solution(client: TestClient) -> None:
    body = client.post("/v1/practice", json={"text": "Have you thought about moving the meeting to Monday?"}).json()

    assert body["rephrasings"]
    assert all("the meeting" in r and "Monday" not in r and "moving" not in r for r in body["rephrasings"])
    assert [d["text"] for d in body["rephrasing_details"]] == body["rephrasings"]
    assert not any(d["generic"] for d in body["rephrasing_details"])
    assert all(0 < d["open_confidence"] <= 1 for d in body["rephrasing_details"])


def test_confidence_and_uncertainty_are_shown(make_client: MakeClient) -> None:
    sure = make_client().post("/v1/practice", json={"text": "What would help?"}).json()
    unsure = make_client(coach=Coach(KeywordClassifier(confidence=0.4))).post(
        "/v1/practice", json={"text": "What would help?"}
    )

    assert (sure["confidence"], sure["uncertain"]) == (0.9, False)
    body = unsure.json()
    assert (body["confidence"], body["uncertain"]) == (0.4, True)
    assert "not sure" in body["explanation"]


def test_drills_list_the_situations(client: TestClient) -> None:
    drills = client.get("/v1/practice/drills").json()["drills"]

    assert len(drills) >= 20
    assert len({d["sector"] for d in drills}) >= 15
    for drill in drills:
        assert set(drill) == {"id", "title", "sector", "presenter", "situation", "topics", "example_question"}
        assert 80 <= len(drill["situation"].split()) <= 200
        assert drill["topics"]


def test_a_drill_makes_a_bare_question_specific(client: TestClient) -> None:
    drill = client.get("/v1/practice/drills").json()["drills"][0]
    text = "Why don't you just tell her?"

    plain = client.post("/v1/practice", json={"text": text}).json()
    drilled = client.post("/v1/practice", json={"text": text, "drill_id": drill["id"]}).json()

    assert all(d["generic"] for d in plain["rephrasing_details"])
    assert not drilled["rephrasing_details"][0]["generic"]
    assert any(topic in drilled["rephrasings"][0] for topic in drill["topics"])


def test_an_unknown_drill_is_refused_with_where_to_find_them(client: TestClient) -> None:
    response = client.post("/v1/practice", json={"text": "What would help?", "drill_id": "no-such-drill"})

    assert_error(
        response, 404, "unknown_drill", "There is no drill 'no-such-drill'; GET /v1/practice/drills lists the drills."
    )


def test_a_round_is_summarised_counting_reflections_as_good_moves(client: TestClient) -> None:
    questions = [
        "What would help?",
        "So you feel stuck.",
        "Have you thought about an agency?",
        "Did you tell her?",
        "What matters most to you about the rota?",
    ]
    response = client.post("/v1/practice/round", json={"questions": questions})

    assert response.status_code == 200
    body = response.json()
    assert (body["questions"], body["open_questions"], body["reflections"]) == (5, 2, 1)
    assert (body["closed_questions"], body["carried_solution"]) == (1, 1)
    assert body["best_question"] in {"What would help?", "What matters most to you about the rota?"}
    assert body["message"].startswith("3 of your 5 questions were open or reflective; 1 carried a solution")


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({"questions": []}, "questions: List should have at least 1 item after validation, not 0"),
        ({"questions": ["What?"] * 21}, "questions: List should have at most 20 items after validation, not 21"),
        ({"questions": ["  "]}, "questions.0: must not be blank; send some words"),
    ],
)
def test_a_bad_round_is_refused_naming_the_field(client: TestClient, body: Any, problem: str) -> None:
    response = client.post("/v1/practice/round", json=body)

    assert_error(response, 422, "validation_error", f"The request is not valid: {problem}")


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
