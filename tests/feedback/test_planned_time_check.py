"""The planned-time check: a meeting (or a slot) read as open throughout in which members mostly advised or told
stories gets a note on how to read it as planned time, and only where the modes were left to Coach."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.classifier import Coach
from coach.feedback.render_text import render_text
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import (
    API_MODE_FIX,
    API_OPEN_FIX,
    API_PART_FIX,
    API_SAVED_MODE_FIX,
    API_SAVED_OPEN_FIX,
    API_SAVED_PART_FIX,
    PLANNED_CHECK_SHARE,
    build_report,
)
from coach.feedback.report_model import Report
from coach.feedback.roles import CLI_MODE_FIX, CLI_OPEN_FIX
from coach.feedback.session import MeetingGiven, PartGiven, label_session
from coach.transcript.model import Transcript
from tests.feedback.builders import Row
from tests.feedback.meeting import ADVISED_MEETING, ADVISED_SLOT_MEETING, FACILITATOR, MEETING, meeting_turns

COMMON_JS = Path(__file__).parents[2] / "coach" / "api" / "static" / "common.js"


def report_of(
    coach: Coach,
    rephraser: Rephraser,
    rows: list[Row],
    meeting: MeetingGiven | None = None,
    mode_fix: str = API_MODE_FIX,
    open_fix: str = API_OPEN_FIX,
) -> Report:
    transcript = Transcript(turns=tuple(meeting_turns(rows)), format="json", facilitator=FACILITATOR)
    session = label_session(transcript, coach, meeting=meeting)
    return build_report(session, rephraser=rephraser, mode_fix=mode_fix, open_fix=open_fix)


def test_a_meeting_whose_members_mostly_advised_gets_the_note(fake_coach: Coach, rephraser: Rephraser) -> None:
    report = report_of(fake_coach, rephraser, ADVISED_MEETING)

    check = report.feedback.planned_time_check
    assert [slot.mode for slot in report.slots] == ["open", "open"]
    assert check is not None
    # Six of each slot's eight members' turns are advice; "what will you do?" is the facilitator's.
    assert check.share == 0.75
    assert check.contributions == 16
    assert check.note.startswith("Coach found no planned time, yet 75% of what members said in the slots")
    assert API_MODE_FIX in check.note
    assert report.to_dict()["feedback"]["planned_time_check"]["share"] == 0.75


def test_the_command_line_words_the_note_its_own_way(fake_coach: Coach, rephraser: Rephraser) -> None:
    check = report_of(fake_coach, rephraser, ADVISED_MEETING, mode_fix=CLI_MODE_FIX).feedback.planned_time_check

    assert check is not None
    assert "--mode planned" in check.note
    assert API_MODE_FIX not in check.note


@pytest.mark.parametrize(
    "given",
    [
        MeetingGiven(mode="open"),
        MeetingGiven(mode="planned"),
        MeetingGiven(parts=(PartGiven("open", turn=0),)),
    ],
    ids=["open given", "planned given", "parts given"],
)
def test_no_note_where_the_user_said_how_the_meeting_ran(
    fake_coach: Coach, rephraser: Rephraser, given: MeetingGiven
) -> None:
    assert report_of(fake_coach, rephraser, ADVISED_MEETING, given).feedback.planned_time_check is None


def test_combined_leaves_the_modes_to_coach_so_the_note_stays(fake_coach: Coach, rephraser: Rephraser) -> None:
    report = report_of(fake_coach, rephraser, ADVISED_MEETING, MeetingGiven(mode="combined"))

    assert report.feedback.planned_time_check is not None


def test_no_note_where_members_mostly_asked_or_planned_time_was_found(fake_coach: Coach, rephraser: Rephraser) -> None:
    report = report_of(fake_coach, rephraser, MEETING)  # Tunde's slot turns planned when ideas are asked for

    assert "planned" in {part.mode for part in report.parts}
    assert report.feedback.planned_time_check is None
    questions_only = [row for row in MEETING if "ideas are welcome" not in row[3]]
    assert report_of(fake_coach, rephraser, questions_only).feedback.planned_time_check is None


def test_the_share_must_reach_the_bar(fake_coach: Coach, rephraser: Rephraser) -> None:
    """Every other advice turn made a question: half advice, just at the bar; one more question, just under it."""
    rows = list(ADVISED_MEETING)
    advice = [n for n, row in enumerate(rows) if row[2] == "advice"]
    for n in advice[::3]:
        speaker, role, _, _ = rows[n]
        rows[n] = (speaker, role, "open_question", "What changes when the agency sends someone new?")
    check = report_of(fake_coach, rephraser, rows).feedback.planned_time_check
    assert check is not None
    assert check.share == pytest.approx(PLANNED_CHECK_SHARE)

    speaker, role, _, _ = rows[advice[1]]
    rows[advice[1]] = (speaker, role, "open_question", "What changes when the agency sends someone new?")
    assert report_of(fake_coach, rephraser, rows).feedback.planned_time_check is None


def test_a_slot_whose_members_mostly_advised_gets_its_own_note(fake_coach: Coach, rephraser: Rephraser) -> None:
    report = report_of(fake_coach, rephraser, ADVISED_SLOT_MEETING)

    amira, tunde = report.slots
    assert report.feedback.planned_time_check is None  # 6 of the meeting's 16 contributions were advice
    assert amira.planned_time_check is None
    assert tunde.planned_time_check is not None
    assert (tunde.planned_time_check.share, tunde.planned_time_check.contributions) == (0.75, 8)
    assert tunde.planned_time_check.note.startswith(
        "Coach found no planned time in Tunde's slot, yet 75% of what members said there was advice"
    )
    assert f"If Tunde asked for ideas and experience, {API_PART_FIX}," in tunde.planned_time_check.note
    assert tunde.planned_time_check.note in " ".join(render_text(report, width=10_000).split())


def test_the_slots_notes_give_way_to_the_meetings(fake_coach: Coach, rephraser: Rephraser) -> None:
    report = report_of(fake_coach, rephraser, ADVISED_MEETING)

    assert all(slot.planned_time_check is not None for slot in report.slots)  # there for the API's users
    text = render_text(report, width=10_000)
    assert report.feedback.planned_time_check is not None
    assert report.feedback.planned_time_check.note in text
    assert "Coach found no planned time in" not in text


def test_a_slot_with_planned_time_found_or_given_gets_no_note(fake_coach: Coach, rephraser: Rephraser) -> None:
    tunde = next(n for n, row in enumerate(meeting_turns(ADVISED_SLOT_MEETING)) if "Tunde, over to you" in row.text)
    given = MeetingGiven(parts=(PartGiven("open", turn=0), PartGiven("planned", turn=tunde)))

    report = report_of(fake_coach, rephraser, ADVISED_SLOT_MEETING, given)

    assert [slot.mode for slot in report.slots] == ["open", "planned"]
    assert [slot.planned_time_check for slot in report.slots] == [None, None]


def test_the_pages_know_the_apis_words_to_replace_them() -> None:
    common = COMMON_JS.read_text(encoding="utf-8")  # a JavaScript string quoted with ' escapes the ' inside it
    assert f"const API_MODE_FIX = '{API_MODE_FIX}';" in common
    assert f'const API_PART_FIX = "{API_PART_FIX}";' in common
    assert f"const API_SAVED_MODE_FIX = '{API_SAVED_MODE_FIX}';".replace("'s ", "\\'s ") in common
    assert f"const API_SAVED_PART_FIX = '{API_SAVED_PART_FIX}';".replace("'s ", "\\'s ") in common
    assert f"const API_OPEN_FIX = '{API_OPEN_FIX}';" in common
    assert f"const API_SAVED_OPEN_FIX = '{API_SAVED_OPEN_FIX}';".replace("'s ", "\\'s ") in common


#: The meeting of advice, announced in its opening as a planned meeting in words the rules know.
ANNOUNCED_MEETING: list[Row] = [
    (FACILITATOR, "member", "other", "Morning, everyone. Today's a planned meeting. Who would like time today?"),
    *ADVISED_MEETING[1:],
]


def test_a_meeting_coach_read_as_planned_throughout_asks_whether_it_was_open(
    fake_coach: Coach, rephraser: Rephraser
) -> None:
    report = report_of(fake_coach, rephraser, ANNOUNCED_MEETING)

    check = report.feedback.planned_time_check
    assert [slot.mode for slot in report.slots] == ["planned", "planned"]
    assert check is not None
    assert check.read_as == "planned"
    assert (check.share, check.contributions) == (0.75, 16)  # what members said in the slots, none of it counted
    assert check.note.startswith("Coach read every slot as planned time")
    assert f"If the meeting was open time, {API_OPEN_FIX}, and it will." in check.note
    assert report.to_dict()["feedback"]["planned_time_check"]["read_as"] == "planned"
    assert check.note in " ".join(render_text(report, width=10_000).split())
    assert report_of(fake_coach, rephraser, ADVISED_MEETING).feedback.planned_time_check.read_as == "open"  # type: ignore[union-attr]


def test_the_command_line_says_how_to_read_it_as_open_time(fake_coach: Coach, rephraser: Rephraser) -> None:
    check = report_of(fake_coach, rephraser, ANNOUNCED_MEETING, open_fix=CLI_OPEN_FIX).feedback.planned_time_check

    assert check is not None
    assert "run it again with --mode open" in check.note


@pytest.mark.parametrize(
    "given", [MeetingGiven(mode="planned"), MeetingGiven(parts=(PartGiven("planned", turn=0),))], ids=["mode", "parts"]
)
def test_planned_time_the_user_gave_is_not_questioned(
    fake_coach: Coach, rephraser: Rephraser, given: MeetingGiven
) -> None:
    assert report_of(fake_coach, rephraser, ADVISED_MEETING, given).feedback.planned_time_check is None


def test_a_meeting_with_open_slot_time_is_not_asked_whether_it_was_open(
    fake_coach: Coach, rephraser: Rephraser
) -> None:
    report = report_of(fake_coach, rephraser, MEETING)  # Tunde asks for ideas partway through his slot

    assert "planned" in {part.mode for part in report.parts}
    assert report.feedback.planned_time_check is None
