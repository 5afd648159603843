"""Openings that announce a planned meeting, recognised by meaning: what the head reads of a turn, and the shipped head
on pieces written for this test (in no training file)."""

from __future__ import annotations

from statistics import mean

import pytest

from coach.feedback.planned_openings import opening_pieces, shipped_announcements

ANNOUNCEMENTS = [
    "So, like we decided at the away day, this is the month where you just tell Kofi and Ruth what you would do.",
    "um so today is the different one we agreed everybody can chip in with their own ideas and what worked for them",
    "Quick reminder: tonight the usual rule is off for everyone. Advice, stories, the lot.",
    "This is our swap meeting, so if something's worked for you, share it with whoever presents.",
]
NOT_ANNOUNCEMENTS = [
    "For our two new members: in here we only ask questions, and the presenter works out their own answer.",
    "After the slots, the last half hour is the themed bit, where ideas are welcome.",
    "As we agreed in March, we finish at half four so people can get the bus.",
    "Next month is the ideas meeting, so save them up till then.",
    "Morning, everyone. Coffee's on the side. Who'd like time today?",
    "Priti, you were going to talk to your manager about the rota. How did it go?",
]


def test_the_head_reads_each_sentence_of_a_turn_and_each_two_in_a_row() -> None:
    assert opening_pieces(["A.", "B.", "C."]) == ["A.", "B.", "C.", "A. B.", "B. C."]
    assert opening_pieces(["A."]) == ["A."]
    assert opening_pieces([]) == []


@pytest.mark.slow
def test_the_shipped_head_tells_announcements_written_for_this_test_from_openings_that_sound_like_them() -> None:
    head = shipped_announcements.head()
    announced, others = head.probabilities(ANNOUNCEMENTS), head.probabilities(NOT_ANNOUNCEMENTS)

    assert mean(announced) - mean(others) > 0.4
    assert sorted(announced)[1] > max(others)
    # The threshold is strict (a false announcement hides a set's advice), so it takes only the surest.
    assert any(head(ANNOUNCEMENTS))
    assert not any(head(NOT_ANNOUNCEMENTS))
