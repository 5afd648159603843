"""The meetings' ratio counts contributions as reports do (``coach.feedback.metrics.contributions``); where the
planned-time checks spoke is counted by what the annotation says the time was."""

from __future__ import annotations

from typing import Any

from training.evaluate_meetings import counted_difference, planned_check_counts, questioning_ratio


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


def test_the_planned_time_checks_are_counted_by_what_the_annotation_says_the_time_was() -> None:
    def meeting(
        slots: str, found: bool, check: float | None, gold: float | None, slot_checks: list[float]
    ) -> dict[str, Any]:
        return {
            "slots_annotated": slots,
            "planned_found": found,
            "planned_time_check": check,
            "gold_ratio": gold,
            "slot_checks_annotated_planned_share": slot_checks,
        }

    results = [
        meeting("planned", False, 0.7, None, [1.0, 1.0]),  # planned throughout, read open, asked: right
        meeting("planned", False, None, None, []),  # planned throughout, read open, not asked: a miss
        meeting("planned", True, None, None, []),  # planned time found: nothing to ask
        meeting("open", False, 0.6, 0.3, [0.0, 0.0]),  # a set that slipped, asked
        meeting("open", False, None, 0.8, []),  # a set that questioned
        meeting("combined", True, None, 0.7, [0.5]),  # a presenter who asked for ideas partway, asked in the slot
    ]

    assert planned_check_counts(results) == {
        "planned_throughout_read_without_planned_time": 2,
        "of_them_checked": 1,
        "open_slots": 2,
        "open_slots_checked": 1,
        "open_slots_checked_set_slipped": 1,
        "other_checked": 0,
        "slots_checked": 5,
        "slots_checked_with_annotated_planned_time": 3,
        "slots_checked_set_slipped": 2,
    }
