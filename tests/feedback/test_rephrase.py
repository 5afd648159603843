from __future__ import annotations

import re

import pytest

from coach.feedback.rephrase import advice_shape, closed_shape, gerund, open_rephrasings, suggested_solution

#: Realistic closed questions and pieces of advice (disguised ones included), with a readable name each. Also used by
#: test_rephrase_with_model.py, which checks every suggestion against the shipped model.
CLOSED_AND_ADVICE: list[tuple[str, str, str]] = [
    ("thought about", "Have you thought about talking to HR?", "advice"),
    ("considered", "Have you considered an agency?", "advice"),
    ("tried", "have you tried setting up a rota", "advice"),
    ("why don't you", "Why don't you just ask her directly?", "advice"),
    ("why not", "why not get the union involved", "advice"),
    ("what about", "What about a pilot?", "advice"),
    ("what if you", "What if you moved the deadline?", "advice"),
    ("couldn't you", "Couldn't you just say no?", "advice"),
    ("could you not", "could you not run a small test with a few practices before deciding", "advice"),
    ("wouldn't it be better", "Wouldn't it be better to wait until April?", "advice"),
    ("isn't the answer", "Isn't the answer to hire more staff?", "advice"),
    ("you should", "You should escalate it to your director.", "advice"),
    ("you need to", "you need to set some boundaries", "advice"),
    ("if I were you", "If I were you, I'd have a word with the chair.", "advice"),
    ("I'd suggest", "I'd suggest talking to finance.", "advice"),
    ("try", "Try a pilot first.", "advice"),
    ("maybe just", "maybe just take a week off", "advice"),
    ("worth", "It might be worth sharing the data with them.", "advice"),
    ("diagnosis", "I think the real problem is your manager.", "advice"),
    ("own story then advice", "When I had this, I just quit. Do what I did.", "advice"),
    ("fillers", "so um have you thought about you know maybe delegating some of it", "advice"),
    ("did you", "Did you tell your manager?", "closed_question"),
    ("have you done", "Have you spoken to HR?", "closed_question"),
    ("can you", "Can you change the scope?", "closed_question"),
    ("could you", "Could you move the meeting?", "closed_question"),
    ("are you going to", "Are you going to apply?", "closed_question"),
    ("do you want to", "Do you want to stay?", "closed_question"),
    ("choice", "Is it the money or the people?", "closed_question"),
    ("how many", "How many people report to you?", "closed_question"),
    ("when", "When is the deadline?", "closed_question"),
    ("feeling", "Are you worried about it?", "closed_question"),
    ("declarative check", "so the board doesn't know yet", "closed_question"),
    ("do you", "Do you trust her?", "closed_question"),
]

EXPECTED = [
    (
        "the brief's example",
        "Have you thought about talking to HR?",
        "advice",
        [
            "What options have you considered so far?",
            "What would talking to HR give you?",
            "What support could you draw on here?",
        ],
    ),
    (
        "base verb to -ing",
        "Why don't you just ask her directly?",
        "advice",
        [
            "What options have you considered so far?",
            "What would asking her directly give you?",
            "What support could you draw on here?",
        ],
    ),
    (
        "past tense to -ing",
        "What if you moved the deadline?",
        "advice",
        [
            "What options have you considered so far?",
            "What would moving the deadline give you?",
            "What support could you draw on here?",
        ],
    ),
    (
        "the asker's own solution is not repeated",
        "Do what I did and quit.",
        "advice",
        [
            "What options have you considered so far?",
            "What would a good outcome look like for you?",
            "What support could you draw on here?",
        ],
    ),
    (
        "diagnosis",
        "I think the real problem is your manager.",
        "advice",
        [
            "What do you think the real problem is?",
            "How would you describe what's going on?",
            "What options have you considered so far?",
        ],
    ),
    (
        "could you",
        "Can you change the scope?",
        "closed_question",
        [
            "What would it take to change the scope?",
            "What would changing the scope mean for you?",
            "What options do you see?",
        ],
    ),
    (
        "did you",
        "Did you tell your manager?",
        "closed_question",
        ["What have you tried so far?", "What would telling your manager mean for you?", "What options do you see?"],
    ),
    (
        "fact",
        "How many people report to you?",
        "closed_question",
        [
            "How does this affect you?",
            "What is most important for us to understand about this?",
            "What would help you most right now?",
        ],
    ),
    ("open questions need none", "What would help?", "open_question", []),
    ("stories need none", "We lost two nurses.", "story", []),
    ("reflections need none", "That sounds hard.", "reflection", []),
    ("other needs none", "Okay.", "other", []),
]


@pytest.mark.parametrize(("name", "text", "label", "expected"), EXPECTED, ids=[c[0] for c in EXPECTED])
def test_open_rephrasings(name: str, text: str, label: str, expected: list[str]) -> None:
    assert open_rephrasings(text, label) == expected


@pytest.mark.parametrize(("name", "text", "label"), CLOSED_AND_ADVICE, ids=[c[0] for c in CLOSED_AND_ADVICE])
def test_every_suggestion_is_a_plain_open_question(name: str, text: str, label: str) -> None:
    suggestions = open_rephrasings(text, label)
    assert 2 <= len(suggestions) <= 3
    assert len(set(suggestions)) == len(suggestions)
    for suggestion in suggestions:
        assert re.match(r"^(What|How) ", suggestion), suggestion
        assert suggestion.endswith("?")
        assert suggestion.count("?") == 1
        assert not re.search(r"\bwhat (about|if)\b|\bhave you (thought|tried|considered) about\b", suggestion, re.I)
        assert len(suggestion.split()) <= 14, suggestion


SOLUTION_CASES = [
    ("gerund topic", "Have you thought about talking to HR?", "talking to HR"),
    ("noun topic", "What about an agency?", "an agency"),
    ("trailing words dropped", "Why don't you ask her first, before the board meets?", "asking her"),
    ("try then -ing", "You could try talking to her.", "talking to her"),
    ("could you not", "could you not run a small test first", "running a small test"),
    ("to-infinitive", "Have you tried to talk to him?", "talking to him"),
    ("not a verb phrase", "Maybe it's the money.", None),
    (
        "too long to repeat",
        "You should get everyone in a room together and go through the whole rota line by line",
        None,
    ),
    ("no solution", "That won't work.", None),
]


@pytest.mark.parametrize(("name", "text", "expected"), SOLUTION_CASES, ids=[c[0] for c in SOLUTION_CASES])
def test_suggested_solution(name: str, text: str, expected: str | None) -> None:
    assert suggested_solution(text) == expected


GERUND_CASES = [
    ("plain", "talk", False, "talking"),
    ("silent e", "make", False, "making"),
    ("double e", "see", False, "seeing"),
    ("ie", "lie", False, "lying"),
    ("doubling", "plan", False, "planning"),
    ("already -ing", "asking", False, "asking"),
    ("regular past", "asked", True, "asking"),
    ("regular past, silent e", "moved", True, "moving"),
    ("past -ied", "tried", True, "trying"),
    ("past doubled", "stopped", True, "stopping"),
    ("irregular past", "told", True, "telling"),
    ("irregular participle", "spoken", True, "speaking"),
    ("base form in a past slot", "talk", True, "talking"),
]


@pytest.mark.parametrize(("name", "verb", "past", "expected"), GERUND_CASES, ids=[c[0] for c in GERUND_CASES])
def test_gerund(name: str, verb: str, past: bool, expected: str) -> None:
    assert gerund(verb, past=past) == expected


SHAPE_CASES = [
    ("advice suggestion", advice_shape, "Have you tried a rota?", "suggestion"),
    ("advice diagnosis", advice_shape, "The real problem is the budget.", "diagnosis"),
    ("advice general", advice_shape, "Sack them all.", "general"),
    ("closed possible", closed_shape, "Could you ask for more time?", "possible"),
    ("closed done", closed_shape, "Did you ask for more time?", "done"),
    ("closed choice", closed_shape, "Is it the money or the people?", "choice"),
    ("closed fact", closed_shape, "When is the panel?", "fact"),
    ("closed feeling", closed_shape, "Are you angry?", "feeling"),
    ("closed check", closed_shape, "So the board knows?", "check"),
]


@pytest.mark.parametrize(("name", "function", "text", "kind"), SHAPE_CASES, ids=[c[0] for c in SHAPE_CASES])
def test_shapes(name: str, function: object, text: str, kind: str) -> None:
    assert callable(function)
    assert function(text).kind == kind
