"""Calls for ideas recognised by meaning: the shipped head on sentences written for this test (in no training
file)."""

from __future__ import annotations

from statistics import mean

import pytest

from coach.feedback.ideas_calls import shipped_calls

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


@pytest.mark.slow
def test_the_shipped_head_tells_calls_written_for_this_test_from_the_talk_that_sounds_like_them() -> None:
    detector = shipped_calls.head()
    calls, others = detector.probabilities(CALLS), detector.probabilities(NOT_CALLS)

    assert min(calls) > max(others) - 0.1
    assert mean(calls) - mean(others) > 0.4
    assert sum(detector(CALLS)) >= 2
    assert not any(detector(NOT_CALLS))
