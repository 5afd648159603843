"""Calls for ideas recognised by meaning: the head's arithmetic, and the shipped head on sentences written for this
test (in no training file)."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import mean

import numpy as np
import numpy.typing as npt
import pytest

from coach.feedback import ideas_calls
from coach.feedback.ideas_calls import IdeasCallDetector, shipped_detector

CALLS = [
    "Okay, from here on tell Ama what you would do in her place.",
    "so for the rest of ama's time suggestions please anything you have got",
    "I think I've said enough, I'd love to hear how the rest of you have handled this.",
    "This month is the one where we share what's worked, so bring it all.",
]
NOT_CALLS = [
    "Let's hold the suggestions and stay with questions a bit longer.",
    "After the tea break we'll hear your ideas.",
    "What ideas have you had yourself?",
    "My director's idea was to merge the two rotas.",
    "Ama, are you ready to start?",
    "Okay, ten minutes left.",
]


class _Encoder:
    """Embeds a text as (1, 0) if it mentions ideas, else (0, 1)."""

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.array([[1.0, 0.0] if "ideas" in text else [0.0, 1.0] for text in texts], dtype=np.float32)


def test_a_sentence_is_a_call_when_its_logistic_score_reaches_the_threshold() -> None:
    detector = IdeasCallDetector(_Encoder(), weights=[2.0, -2.0], bias=0.0, threshold=0.8)  # type: ignore[arg-type]

    probabilities = detector.probabilities(["ideas please", "questions please"])

    assert probabilities == pytest.approx([1 / (1 + np.exp(-2.0)), 1 / (1 + np.exp(2.0))])
    assert detector(["ideas please", "questions please"]) == [True, False]


@pytest.mark.slow
def test_the_shipped_head_tells_calls_written_for_this_test_from_the_talk_that_sounds_like_them() -> None:
    detector = shipped_detector()
    calls, others = detector.probabilities(CALLS), detector.probabilities(NOT_CALLS)

    assert min(calls) > max(others) - 0.1
    assert mean(calls) - mean(others) > 0.4
    assert sum(detector(CALLS)) >= 2
    assert not any(detector(NOT_CALLS))


def test_the_shipped_reading_of_a_sentence_is_made_once_and_remembered_by_digest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []

    def detector(sentences: Sequence[str]) -> list[bool]:
        read.extend(sentences)
        return ["ideas" in sentence for sentence in sentences]

    monkeypatch.setattr(ideas_calls, "shipped_detector", lambda: detector)
    monkeypatch.setattr(ideas_calls, "_SHIPPED_READINGS", ideas_calls._Readings(2))

    assert ideas_calls.shipped_calls(["ideas now, please", "questions first"]) == [True, False]
    assert ideas_calls.shipped_calls(["questions first", "any more ideas"]) == [False, True]
    assert read == ["ideas now, please", "questions first", "any more ideas"]
    assert ideas_calls.shipped_calls(["ideas now, please"]) == [True]  # forgotten: only the last two are kept
    assert read[-1] == "ideas now, please"
