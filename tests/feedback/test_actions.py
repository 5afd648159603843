"""The presenter's committed actions, on the parse of what they said."""

from __future__ import annotations

import pytest

from coach.feedback.actions import action_phrases, find_actions
from coach.feedback.session import LabelledUtterance
from training.evaluate_actions import evaluate


@pytest.mark.parametrize(
    ("text", "answering", "expected"),
    [
        ("I'll ring the helpline tomorrow.", False, ["ring the helpline tomorrow"]),
        (
            "i'm going to ring her tomorrow and ask for half an hour",
            False,
            ["ring her tomorrow and ask for half an hour"],
        ),
        (
            "I'm emailing the DD today to ask for fifteen minutes.",
            False,
            ["emailing the DD today to ask for fifteen minutes"],
        ),
        ("I'll talk to Mei, so she isn't hearing it from the rumour mill.", False, ["talk to Mei"]),
        (
            "I'm going to ask Craig for an hour – not the usual one – and tell him.",
            False,
            ["ask Craig for an hour", "tell him"],
        ),
        ("Write up the calls. In writing.", True, ["write up the calls"]),
        ("Write up the calls. In writing.", False, []),
        ("I need to dig out the 2017 agreement.", True, ["dig out the 2017 agreement"]),
        ("I'm not going to ring her.", False, []),
        ("Whether I'll stick up for them.", False, []),
        ("I'll just shut the door, one sec.", False, []),
        ("I'll think about that.", True, []),
        ("If the bid comes in, I'll have frightened everyone.", False, []),
    ],
)
def test_action_phrases(text: str, answering: bool, expected: list[str]) -> None:
    assert action_phrases(text, answering) == expected


def _said(index: int, speaker: str, role: str, text: str) -> LabelledUtterance:
    return LabelledUtterance(index, index, speaker, role, text, "story", 0.9, False, start=float(index))


def test_only_the_presenter_commits_and_only_late_or_when_asked() -> None:
    early = [_said(0, "Sam", "presenter", "I'll ring the agency tomorrow.")]
    middle = [_said(i, "Priya", "member", "What else?") for i in range(1, 8)]
    late = [
        _said(8, "Tom", "member", "I'll send you the link after."),
        _said(9, "Gwen", "facilitator", "Sam, what will you do?"),
        _said(10, "Sam", "presenter", "Book an hour with Dean. Then I'll tell the team."),
    ]
    actions = find_actions([*early, *middle, *late])
    assert [(a.speaker, a.text, a.index, a.start) for a in actions] == [
        ("Sam", "book an hour with Dean", 10, 10.0),
        ("Sam", "tell the team", 10, 10.0),
    ]


def test_precision_and_recall_on_the_test_conversations_hold_their_floor() -> None:
    figures = evaluate("test")
    assert figures["gold"] >= 20
    assert figures["precision"] >= 0.85
    assert figures["recall"] >= 0.85
