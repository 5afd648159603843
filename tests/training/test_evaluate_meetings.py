"""The meetings' ratio counts contributions as reports do (``coach.feedback.metrics.contributions``)."""

from __future__ import annotations

from training.evaluate_meetings import counted_difference, questioning_ratio


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


def test_a_turn_counts_differently_when_coach_cuts_or_labels_it_into_other_contributions() -> None:
    # The writers kept a reflection and a question in one row; Coach cuts them: one more questioning contribution.
    assert counted_difference(["open_question"], ["reflection", "open_question"]) == "more_questioning"
    # An aside the writers call other, read as story: one more that breaks questioning mode.
    assert counted_difference(["other"], ["story"]) == "more_not_questioning"
    assert counted_difference(["reflection"], ["reflection", "story"]) == "more_not_questioning"
    # The same contributions, however many utterances and asides: no difference.
    assert counted_difference(["story", "story"], ["story", "other", "story"]) is None
    assert counted_difference(["advice"], ["open_question"]) == "more_questioning"
    assert counted_difference(["open_question"], ["advice"]) == "more_not_questioning"
    assert counted_difference(["open_question"], ["closed_question"]) == "other"
