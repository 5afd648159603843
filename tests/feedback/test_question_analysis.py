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


#: Where the advice puts, gets or times something, that part is the asker's: (advice, topic kept, solution lemma).
WHAT_THE_ASKER_ADDS = [
    ("placed somewhere", "Put the overtime figures on the board agenda.", "the overtime figures", "agenda"),
    ("something new got", "It's worth getting the governors' backing before you talk to the parents.", "the parents",
     "backing"),
    ("a source to check", "You could check the handbook before you reply to the supplier.", "the supplier",
     "handbook"),
    ("a length of time", "One option would be to pause the referrals for three weeks.", "the referrals", "week"),
    ("timed by an outside event", "Why not hold the surgery after the school run finishes?", "the surgery", "run"),
    ("made into a role", "Have you thought about training a few of the parents as reading volunteers?", None,
     "volunteer"),
    ("moved into something", "You could get the late reports into the team's objectives.", "the late reports",
     "objective"),
    ("said after a concession", "I know it's hard, but if I were in your shoes I'd hand the budget back to finance.",
     "the budget", "finance"),
    ("someone else doing it", "Shouldn't the deputy head be running the exclusions panel?", "the exclusions panel",
     "deputy"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "topic", "solution"), WHAT_THE_ASKER_ADDS, ids=[case[0] for case in WHAT_THE_ASKER_ADDS]
)
def test_what_the_asker_adds_is_the_solution(name: str, text: str, topic: str | None, solution: str) -> None:
    analysis = analyse(text, "advice")
    assert analysis.kind == "suggestion"
    assert solution in analysis.solution_lemmas
    assert solution not in {t.lemma for t in analysis.topics}
    if topic is not None:
        assert topic in [t.text for t in analysis.topics]


def test_what_a_new_thing_is_put_on_stays_the_situation() -> None:
    analysis = analyse("Get a second opinion from legal on the data breach.", "advice")
    assert "the data breach" in [t.text for t in analysis.topics]
    assert "opinion" in analysis.solution_lemmas
