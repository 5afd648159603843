"""What the dependency parse finds in closed questions and advice: shape, topics, the asker's solution."""

from __future__ import annotations

import pytest

from coach.feedback.question_analysis import analyse, suggested_solution

SHAPES = [
    ("did you", "Did you talk to your manager about the rota?", "closed_question", "done"),
    ("could you", "Could you move the meeting?", "closed_question", "possible"),
    ("feeling", "Are you worried about it?", "closed_question", "feeling"),
    ("there is", "Is there a budget for it?", "closed_question", "existential"),
    ("how many", "How many people report to you?", "closed_question", "count"),
    ("choice", "Is it the money or the people?", "closed_question", "choice"),
    ("fact", "When is the deadline?", "closed_question", "fact"),
    ("someone", "Does the board know about it?", "closed_question", "someone"),
    ("suggestion", "Have you thought about moving the meeting to Monday?", "advice", "suggestion"),
    ("imperative", "Honestly, just delegate the budget monitoring to Sipho.", "advice", "suggestion"),
    ("diagnosis", "Isn't the real problem that nobody owns the rota?", "advice", "diagnosis"),
    ("caption restart", "so did you did you speak to the head about the exclusions", "closed_question", "done"),
]


@pytest.mark.parametrize(("name", "text", "label", "kind"), SHAPES, ids=[s[0] for s in SHAPES])
def test_shape(name: str, text: str, label: str, kind: str) -> None:
    assert analyse(text, label).kind == kind


TRANSFORMS = [
    ("Did you talk to your manager about the rota?", "What happened when you talked to your manager about the rota?"),
    ("Did you talk to your manager about the rota?", "How did the conversation with your manager go?"),
    ("Is there anything you could do to shorten the queue?", "What could you do to shorten the queue?"),
    ("Is there anyone who could help with the rota?", "Who could help with the rota?"),
    ("Are you worried about it?", "How do you feel about it?"),
    ("Is there a budget for it?", "What resources can you draw on for it?"),
    ("How many people report to you?", "What can you tell us about the people who report to you?"),
    ("Could you ask for more time?", "What would it take to ask for more time?"),
]


@pytest.mark.parametrize(("text", "expected"), TRANSFORMS)
def test_open_forms_from_the_question_itself(text: str, expected: str) -> None:
    assert expected in analyse(text, "closed_question").transforms


def test_advice_keeps_the_situation_and_names_the_solution() -> None:
    analysis = analyse("Have you thought about moving the meeting to Monday?", "advice")
    assert [t.text for t in analysis.topics] == ["the meeting"]
    assert analysis.solution_lemmas == {"move", "monday"}


def test_people_brought_in_are_the_solution() -> None:
    analysis = analyse("Do you think you could ask your manager for more time?", "advice")
    assert {"ask", "time"} <= analysis.solution_lemmas
    analysis = analyse("Have you considered an agency for the night shifts?", "advice")
    assert analysis.solution_lemmas == {"agency"}
    assert [t.text for t in analysis.topics] == ["the night shifts"]


def test_a_purpose_clause_is_the_goal_not_the_solution() -> None:
    analysis = analyse("Have you thought about hiring a temp to clear the backlog?", "advice")
    assert analysis.goal == "clear the backlog"
    assert analysis.solution_lemmas == {"hire", "temp"}
    assert "What could help you clear the backlog?" in analysis.transforms


def test_a_lead_in_sentence_still_gives_topics() -> None:
    analysis = analyse("The night shift is a mess at the moment. Have you tried an agency?", "advice")
    assert analysis.solution_lemmas == {"agency"}
    assert "the night shift" in [t.text for t in analysis.topics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Have you thought about talking to HR?", "talking to HR"),
        ("Why don't you just ask her directly?", "asking her directly"),
        ("I think the real problem is your manager.", None),
        ("Mm, yeah.", None),
    ],
)
def test_suggested_solution(text: str, expected: str | None) -> None:
    assert suggested_solution(text) == expected
