"""The rephraser: candidates from the question asked, ranked; checked with the keyword fake as the classifier, so each
test's outcome follows from the rephraser's own rules (``test_rephrase_with_model.py`` uses the shipped model)."""

from __future__ import annotations

import pytest

from coach.classifier import Coach
from coach.classifier.sentence_encoder import shared_encoder
from coach.feedback.rephrase import MAX_SUGGESTIONS, Rephraser
from tests.fakes import KeywordClassifier

#: Realistic closed questions and pieces of advice (disguised ones included), with a readable name each. Also used by
#: test_rephrase_with_model.py, which checks every suggestion against the shipped model.
CLOSED_AND_ADVICE: list[tuple[str, str, str]] = [
    ("thought about", "Have you thought about talking to HR about the rota?", "advice"),
    ("considered", "Have you considered an agency for the night shifts?", "advice"),
    ("tried", "have you tried setting up a rota for the weekend cover", "advice"),
    ("why don't you", "Why don't you just ask your deputy to chair the huddle?", "advice"),
    ("what about", "What about a pilot with the two wards?", "advice"),
    ("what if you", "What if you moved the deadline for the report?", "advice"),
    ("couldn't you", "Couldn't you just turn down the extra project?", "advice"),
    ("wouldn't it be better", "Wouldn't it be better to wait until April for the restructure?", "advice"),
    ("you should", "You should escalate the complaint to your director.", "advice"),
    ("if I were you", "If I were you, I'd have a word with the chair about the budget.", "advice"),
    ("worth", "It might be worth sharing the data with the volunteers.", "advice"),
    ("diagnosis", "I think the real problem is the rota.", "advice"),
    ("fillers", "so um have you thought about you know maybe delegating some of the reports", "advice"),
    ("did you", "Did you tell your manager about the complaint?", "closed_question"),
    ("have you done", "Have you spoken to HR about the grievance?", "closed_question"),
    ("could you", "Could you change the scope of the project?", "closed_question"),
    ("choice", "Is it the money or the people?", "closed_question"),
    ("how many", "How many people report to you?", "closed_question"),
    ("feeling", "Are you worried about the inspection?", "closed_question"),
    ("do you", "Do you trust your deputy?", "closed_question"),
    ("caption", "so did you did you speak to the head about the exclusions", "closed_question"),
]


@pytest.fixture(scope="module")
def rephraser() -> Rephraser:
    return Rephraser(Coach(KeywordClassifier()), shared_encoder())


@pytest.mark.parametrize(("name", "text", "label"), CLOSED_AND_ADVICE, ids=[c[0] for c in CLOSED_AND_ADVICE])
def test_suggestions_are_specific_open_questions(rephraser: Rephraser, name: str, text: str, label: str) -> None:
    suggestions = rephraser.rephrase(text, label)
    assert 1 <= len(suggestions) <= MAX_SUGGESTIONS
    for suggestion in suggestions:
        assert suggestion.text.startswith(("What", "How", "Who", "Where")), suggestion
        assert suggestion.text.endswith("?")
        assert not suggestion.generic, suggestion
        assert 0 < suggestion.open_confidence <= 1
    assert len({s.text for s in suggestions}) == len(suggestions)


def test_the_issue_examples(rephraser: Rephraser) -> None:
    texts = [s.text for s in rephraser.rephrase("Did you talk to your manager about the rota?", "closed_question")]
    assert "What happened when you talked to your manager about the rota?" in texts
    texts = [
        s.text for s in rephraser.rephrase("Is there anything you could do to shorten the queue?", "closed_question")
    ]
    assert "What could you do to shorten the queue?" in texts
    texts = [s.text for s in rephraser.rephrase("Have you thought about moving the meeting to Monday?", "advice")]
    assert any("the meeting" in text for text in texts)


@pytest.mark.parametrize(
    ("text", "banned"),
    [
        ("Have you thought about moving the meeting to Monday?", ("moving", "move", "monday")),
        ("Do you think you could ask your manager for more time?", ("ask", "time")),
        ("Have you considered an agency for the night shifts?", ("agency", "agencies")),
        ("Why don't you just tell her?", ("tell", "telling")),
    ],
)
def test_advice_never_plants_the_solution_back(rephraser: Rephraser, text: str, banned: tuple[str, ...]) -> None:
    for suggestion in rephraser.rephrase(text, "advice"):
        words = set(suggestion.text.lower().rstrip("?").split())
        assert not words & set(banned), suggestion


def test_a_generic_question_is_the_last_resort(rephraser: Rephraser) -> None:
    suggestions = rephraser.rephrase("Why don't you just tell her?", "advice")
    assert suggestions
    assert all(s.generic for s in suggestions)


def test_a_drills_topics_make_a_bare_question_specific(rephraser: Rephraser) -> None:
    suggestions = rephraser.rephrase("Why don't you just tell her?", "advice", topics=("rota", "nurse"))
    assert suggestions
    assert not suggestions[0].generic
    assert "rota" in suggestions[0].text or "nurse" in suggestions[0].text


def test_avoided_lines_are_not_repeated(rephraser: Rephraser) -> None:
    first = rephraser.rephrase("Did you tell your manager about the complaint?", "closed_question")
    again = rephraser.rephrase(
        "Did you tell your manager about the complaint?", "closed_question", avoid={s.text for s in first}
    )
    assert not {s.text for s in first} & {s.text for s in again}


@pytest.mark.parametrize("label", ["open_question", "story", "reflection", "other"])
def test_only_closed_questions_and_advice_are_rephrased(rephraser: Rephraser, label: str) -> None:
    assert rephraser.rephrase("What would help?", label) == []
