"""A live session's roles: inferred from everything said unless given, and given ones not re-read every time."""

from __future__ import annotations

from typing import Any

import pytest

from coach.classifier import Coach
from coach.feedback import live
from coach.feedback.live import LiveSession
from coach.feedback.roles import Roles, resolve_roles
from coach.feedback.structure import MeetingMode
from tests.fakes import KeywordClassifier
from tests.feedback.builders import Row
from tests.feedback.meeting import FACILITATOR, MEETING

COACH = Coach(KeywordClassifier())


def say(state: LiveSession, speaker: str, text: str) -> None:
    state.add(COACH.classify([text])[0], speaker, None, None, 0.0)


def test_named_roles_are_resolved_again_only_when_names_or_speakers_change(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Roles:
        calls.append(1)
        return resolve_roles(*args, **kwargs)

    monkeypatch.setattr(live, "resolve_roles", counted)
    state = LiveSession(nudge_interval=30)
    state.set_roles("Sam", "Julie")
    say(state, "Sam", "The rota keeps falling apart.")
    say(state, "Julie", "Shall we move on?")
    say(state, "Priya", "What would help?")
    after_speakers = len(calls)
    say(state, "Priya", "And what else?")
    say(state, "Sam", "Honestly, more staff.")
    assert len(calls) == after_speakers  # same names, same speakers: nothing to re-read
    state.set_roles("Sam", "Priya")
    assert len(calls) == after_speakers + 1
    assert [u.role for u in state.utterances] == ["presenter", "member", "facilitator", "facilitator", "presenter"]


def test_without_names_the_roles_are_inferred_from_everything_said() -> None:
    state = LiveSession(nudge_interval=30)
    for speaker, text in [
        ("Sam", "The rota keeps falling apart."),
        ("Priya", "What would help?"),
        ("Sam", "Honestly, more staff."),
        ("Tom", "How does the team see it?"),
        ("Sam", "They think I enjoy it."),
    ]:
        say(state, speaker, text)
    assert {u.speaker: u.role for u in state.utterances}["Sam"] == "presenter"


def stream(state: LiveSession, rows: list[Row], marks: dict[int, str] | None = None) -> list[live.Nudge]:
    """Say each row in turn (marking ``marks[n]``'s slot before row ``n``); the nudges that went out."""
    nudges = []
    for number, (speaker, _, _, text) in enumerate(rows):
        if marks and number in marks:
            state.next_presenter(marks[number])
        _, nudge, _ = state.add(COACH.classify([text])[0], speaker, None, None, float(number))
        nudges += [nudge] if nudge else []
    return nudges


def roles_of(state: LiveSession, speaker: str) -> list[str]:
    return [u.role for u in state.utterances if u.speaker == speaker]


def test_a_meetings_slots_are_found_as_it_runs_and_each_presenter_is_a_member_in_the_others_slot() -> None:
    state = LiveSession(nudge_interval=0)
    state.set_roles(None, FACILITATOR)
    stream(state, MEETING)

    assert [presenter for presenter, _, _ in state.meeting_slots] == ["Amira", "Tunde"]
    (_, amira_first, amira_last), (_, tunde_first, _) = state.meeting_slots
    by_index = {u.index: u for u in state.utterances}
    assert {by_index[i].role for i in range(amira_first, amira_last + 1) if by_index[i].speaker == "Amira"} == {
        "presenter"
    }
    assert {u.role for u in state.utterances[tunde_first:] if u.speaker == "Amira"} == {"member"}
    assert {u.role for u in state.utterances[tunde_first:] if u.speaker == "Tunde"} == {"presenter"}


def test_marked_slots_win_and_a_presenter_named_before_keeps_their_slot_from_their_first_word() -> None:
    state = LiveSession(nudge_interval=0)
    state.set_roles("Amira", FACILITATOR)
    tunde_starts = next(n for n, row in enumerate(MEETING) if row[3] == "Thanks. Tunde, over to you.")
    stream(state, MEETING, marks={tunde_starts: "Tunde"})

    amira_first = next(u.index for u in state.utterances if u.speaker == "Amira")
    marked = next(u.index for u in state.utterances if u.text == "Tunde, over to you.") - 1  # "Thanks." before it
    assert [(presenter, first) for presenter, first, _ in state.meeting_slots] == [
        ("Amira", amira_first),
        ("Tunde", marked),
    ]
    assert state.presenter == "Tunde"
    assert set(roles_of(state, "Amira")[-3:]) == {"member"}


def test_a_presenters_name_marked_in_another_case_is_their_speaker() -> None:
    state = LiveSession(nudge_interval=0)
    state.next_presenter("sam")
    stream(state, ADVICE_RUN[:3])

    assert roles_of(state, "Sam") == ["presenter", "presenter"]
    assert [presenter for presenter, _, _ in state.meeting_slots] == ["Sam"]


def test_a_slot_marked_twice_before_anyone_speaks_is_the_later_mark() -> None:
    state = LiveSession(nudge_interval=0)
    state.next_presenter("Amira")
    state.next_presenter("Tunde")

    assert state.meeting_slots == [("Tunde", 0, -1)]


ADVICE_RUN = [
    ("Sam", "member", "story", "So the rota has been falling apart since May and I keep covering."),
    ("Jo", "member", "open_question", "What happens on the ward then?"),
    ("Sam", "member", "story", "Agency staff, overtime, begging people, all of it really."),
    ("Jo", "member", "advice", "You should ask the matron."),
    ("Ana", "member", "advice", "You could try a rota app."),
    ("Ben", "member", "advice", "You need to say no more often."),
]


@pytest.mark.parametrize(("mode", "nudged"), [("open", True), ("planned", False)])
def test_nudges_come_only_in_open_questioning_time(mode: MeetingMode, nudged: bool) -> None:
    state = LiveSession(nudge_interval=0)
    state.set_roles(None, FACILITATOR)
    state.next_presenter("Sam", mode)
    nudges = stream(state, ADVICE_RUN)

    assert [nudge.reason for nudge in nudges] == (["advice_run"] if nudged else [])
    counts = state.figures()["counts"]
    assert isinstance(counts, dict)
    assert (counts["advice"], counts["open_question"]) == ((3, 1) if nudged else (0, 0))  # planned time: not counted


def test_a_low_share_of_questions_without_a_run_of_advice_gets_its_own_nudge() -> None:
    state = LiveSession(nudge_interval=0)
    state.set_roles(None, FACILITATOR)
    state.next_presenter("Sam")
    members = ["Jo", "Ana", "Ben"]
    said = [
        (members[n % 3], "member", "", "What happens on the ward then?" if n % 3 == 2 else "You should ask the matron.")
        for n in range(10)
    ]  # advice, advice, a question, ...: never three pieces of advice in a row, three questions in ten

    nudges = stream(state, ADVICE_RUN[:3] + said)

    assert [nudge.reason for nudge in nudges] == ["low_questioning"]
    assert nudges[0].message == (
        "Only 3 of the last 10 contributions were questions or reflections. If the presenter asked for ideas, mark "
        "planned time."
    )


def test_planned_time_marked_stops_the_nudges_and_the_count_until_open_time_is_marked() -> None:
    state = LiveSession(nudge_interval=0)
    state.set_roles(None, FACILITATOR)
    state.next_presenter("Sam")
    stream(state, ADVICE_RUN[:3])
    state.mark_part("planned")
    state.mark_part("planned")  # marked twice before anyone speaks: one part
    planned = stream(state, ADVICE_RUN[3:])

    assert planned == []
    assert [(part.mode, part.start_index) for part in state.parts] == [("planned", 3)]
    assert state.structure is not None
    assert state.structure.mode_of[3:] == ("planned",) * 3
    counts = state.figures()["counts"]
    assert isinstance(counts, dict)
    assert counts["advice"] == 0

    state.mark_part("open")
    assert [nudge.reason for nudge in stream(state, ADVICE_RUN[3:])] == ["advice_run"]
    assert [(part.mode, part.start_index) for part in state.parts] == [("planned", 3), ("open", 6)]
