"""The meetings' ratio counts contributions as reports do (``coach.feedback.metrics.contributions``)."""

from __future__ import annotations

from training.evaluate_meetings import questioning_ratio


def test_a_run_of_one_members_label_in_one_turn_counts_once() -> None:
    said = [
        (1, "Ana", "open_question", True),
        (2, "Tom", "story", True),
        (2, "Tom", "other", True),  # neither counts nor splits Tom's story
        (2, "Tom", "story", True),
        (3, "Ana", "reflection", True),
        (3, "Ana", "open_question", True),
        (4, "Tom", "advice", False),  # not counted: report-back, planned time or a review
    ]
    assert questioning_ratio(said) == 3 / 4


def test_the_same_label_in_another_turn_counts_again() -> None:
    assert questioning_ratio([(1, "Ana", "advice", True), (2, "Ana", "advice", True)]) == 0.0
    assert questioning_ratio([(1, "Ana", "other", True)]) is None
