"""The session-level check: questioning ratio from predicted labels against the ratio from gold labels."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from coach.classifier import Coach
from tests.fakes import KeywordClassifier
from training.evaluate_sessions import annomi_quality_auc, session_ratios, summarise


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


def transcript(conversation_id: str, quality: str, text: str, codes: str, guideline: str) -> list[dict[str, Any]]:
    """A two-turn AnnoMI-like transcript: the client's account, then one counsellor (member) turn."""
    client = {"text": "I keep drinking at weekends.", "label": "story", "codes_label": "story", "role": "presenter"}
    member = {"text": text, "label": guideline, "codes_label": codes, "role": "member"}
    return [
        {**turn, "conversation_id": conversation_id, "quality": quality, "speaker": turn["role"], "context": ""}
        for turn in (client, member)
    ]


def test_quality_auc_from_the_codes_and_from_the_guideline_labels_apart() -> None:
    # The codes miss the advice in both low-quality sessions' counsellor turns; the guideline labels find it.
    frame = pd.DataFrame(
        transcript("t1", "high", "What would help?", "open_question", "open_question")
        + transcript("t2", "high", "Did you tell her?", "closed_question", "closed_question")
        + transcript("t3", "low", "You should call HR.", "other", "advice")
        + transcript("t4", "low", "Is it worth a pilot?", "closed_question", "advice")
    )
    result = annomi_quality_auc(Coach(KeywordClassifier()), frame)
    assert (result["transcripts"], result["low_quality"]) == (4, 2)
    assert result["auc_codes"] == 0.75  # t3 has no ratio by the codes (0.0); t4 ties the high sessions
    assert result["auc_guideline"] == 1.0
    assert [row["guideline"] for row in result["per_transcript"]] == [1.0, 1.0, 0.0, 0.0]
