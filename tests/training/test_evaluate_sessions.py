"""The session-level check: questioning ratio from predicted labels against the ratio from gold labels."""

from __future__ import annotations

from typing import Any

import pytest

from coach.classifier import Coach
from tests.fakes import KeywordClassifier
from training.evaluate_sessions import session_ratios, summarise


def row(conversation_id: str, role: str, text: str, label: str) -> dict[str, Any]:
    return {"conversation_id": conversation_id, "turn": 0, "speaker": role, "role": role, "text": text, "label": label}


ROWS = [
    # s1: the fake gets every member row right: gold 2/3, predicted 2/3.
    row("s1", "presenter", "We lost two nurses in March.", "story"),
    row("s1", "member", "What would help?", "open_question"),
    row("s1", "member", "Did you tell her?", "closed_question"),
    row("s1", "member", "You should call HR.", "advice"),
    # s2: gold says the member's question is advice in disguise the fake cannot see: gold 0/1, predicted 1/1.
    row("s2", "member", "Is it worth a pilot?", "advice"),
    row("s2", "facilitator", "Shall we move on?", "other"),
    # s3: members say only `other`, so there is no ratio to compare and the session is left out.
    row("s3", "member", "Okay.", "other"),
    row("s3", "presenter", "The grant ends in June.", "story"),
]


def test_session_ratios_compare_gold_and_predicted_per_conversation() -> None:
    results = session_ratios(Coach(KeywordClassifier()), ROWS)
    assert [(r["conversation_id"], r["gold"], r["predicted"], r["difference"]) for r in results] == [
        ("s1", 0.6667, 0.6667, 0.0),
        ("s2", 0.0, 1.0, 1.0),
    ]


def test_summary_counts_sessions_within_tolerance() -> None:
    summary = summarise(session_ratios(Coach(KeywordClassifier()), ROWS))
    assert summary["sessions"] == 2
    assert summary["mean_absolute_difference"] == pytest.approx(0.5)
    assert summary["within_tolerance"] == 1
    assert summary["max_absolute_difference"] == 1.0


def test_summary_of_no_sessions() -> None:
    assert summarise([])["mean_absolute_difference"] is None
