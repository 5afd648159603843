"""The meeting's structure from what people said: slots, phases, report-back, planned time, closing."""

from __future__ import annotations

from collections.abc import Sequence

from coach.feedback.structure import GivenSlot, MeetingStructure, infer_structure
from tests.feedback.builders import Row, utterances
from tests.feedback.meeting import FACILITATOR, MEETING, questioning, slot


def structure(rows: Sequence[Row], **given: object) -> MeetingStructure:
    return infer_structure(utterances(rows), FACILITATOR, **given)  # type: ignore[arg-type]


def phases(found: MeetingStructure) -> list[str]:
    return [span.phase for span in found.phases]


def test_a_meeting_of_two_slots_with_report_back_ideas_and_a_close() -> None:
    found = structure(MEETING)

    assert found.is_meeting
    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    hand_over = [u.index for u in utterances(MEETING) if u.text == "Thanks. Tunde, over to you."]
    assert found.slots[1].start_index == hand_over[0]
    assert found.slots[0].end_index == hand_over[0] - 1
    assert phases(found)[:2] == ["opening", "report_back"]
    assert [span.phase for span in found.slots[0].phases] == ["presenting", "questioning", "actions"]
    assert phases(found)[-1] == "closing"
    # Tunde asked for ideas: the rest of his slot is planned, and members' advice there does not count.
    ideas = next(u.index for u in utterances(MEETING) if u.text.startswith("For the last part ideas"))
    assert found.mode_of[ideas - 1] == "open"
    assert found.mode_of[ideas] == "planned"
    assert not found.counts_for_members(ideas + 1)
    assert found.counts_for_members(hand_over[0] + 5)
    # Report-back, the opening and the close are never members' figures.
    assert not any(found.counts_for_members(index) for index in range(7))


def test_a_session_of_one_presenter_is_not_a_meeting() -> None:
    rows = slot("Amira", ["Tunde", "Jo"])
    found = structure(rows)

    assert not found.is_meeting
    assert [slot.presenter for slot in found.slots] == ["Amira"]


def test_two_people_never_make_a_meeting_of_slots() -> None:
    rows = questioning("client", ["counsellor"], 12) + questioning("counsellor", ["client"], 12)
    assert structure(rows).slots == ()


def test_given_slots_and_mode_win() -> None:
    spoken = utterances(MEETING)
    given = [GivenSlot("Tunde", 20), GivenSlot("Jo", 3)]

    found = infer_structure(spoken, FACILITATOR, given, "planned")

    assert [(slot.presenter, slot.start_index) for slot in found.slots] == [("Jo", 3), ("Tunde", 20)]
    assert set(found.mode_of) == {"planned"}
    assert not any(found.counts_for_members(index) for index in range(len(spoken)))


def test_time_talk_about_the_plan_is_no_call_for_ideas() -> None:
    """A bit less time "than we planned" keeps a slot open until ideas are asked for."""
    rows = [*slot("Amira", ["Tunde", "Jo", "Sam"]), *slot("Tunde", ["Amira", "Jo", "Sam"], ideas=True)]
    hand_over = next(k for k, row in enumerate(rows) if row[3] == "Thanks. Tunde, over to you.")
    said = "Thanks. A bit less time than we planned, Tunde, sorry. Over to you."
    rows[hand_over + 1] = ("Tunde", "member", "story", "No problem. " + rows[hand_over + 1][3])
    rows[hand_over] = (FACILITATOR, "member", "other", said)
    found = structure(rows)

    assert [slot.presenter for slot in found.slots] == ["Amira", "Tunde"]
    ideas = next(k for k, row in enumerate(rows) if str(row[3]).startswith("For the last part ideas"))
    assert set(found.mode_of[:ideas]) == {"open"}
    assert set(found.mode_of[ideas : found.slots[1].end_index + 1]) == {"planned"}


def test_a_planned_discussion_starts_in_the_turn_that_announced_a_break_before_it() -> None:
    """One facilitator's turn across a break: "then the planned session" is later, "this is the bit we agreed" now."""
    rows = [
        *slot("Amira", ["Tunde", "Jo", "Sam"]),
        *slot("Tunde", ["Amira", "Jo", "Sam"]),
        (FACILITATOR, "member", "other", "Okay, ten minutes' break, then the planned session."),
        (FACILITATOR, "member", "other", "Right, welcome back. So this is the bit we agreed last month: the tills."),
        ("Jo", "member", "story", "At mine it has got much worse since the summer."),
        ("Sam", "member", "advice", "Tell your team they never challenge anyone."),
        ("Amira", "member", "story", "Body cams have changed it for us."),
        (FACILITATOR, "member", "other", "Thank you, everyone. Next meeting is the ninth, same room."),
    ]
    found = structure(rows)

    start, end = len(rows) - 5, len(rows) - 1
    assert set(found.phase_of[start:end]) == {"discussion"}
    assert set(found.mode_of[start:end]) == {"planned"}
    assert not found.counts_for_members(end - 2)  # Sam's advice was asked for
