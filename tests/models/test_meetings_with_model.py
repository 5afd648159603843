"""The shipped model and the structure rules on the held-out annotated meetings (``training.evaluate_meetings``).

Floors sit under the figures recorded in ``models/minilm-int8/meetings.json``: worse rules cannot land.
"""

from __future__ import annotations

import json
from itertools import groupby

import pytest

from coach import Coach
from coach.classifier.loading import MODELS_DIR
from coach.feedback.session import MeetingGiven, PartGiven, Session, label_session
from coach.transcript import read_transcript
from tests.models import recorded as tolerance
from training.data import ROOT
from training.evaluate_meetings import evaluate_meeting, summarise
from training.meetings import meeting_split

pytestmark = pytest.mark.slow

#: Recorded on the 26 test meetings: presenter 1.0, boundaries 0.93, phases 0.89, modes 0.82 (batches ae and af, with
#: two sets slipping into advice and two meetings planned throughout said so once, took modes from 0.85 to 0.80; the
#: planned-opening head, 0.79 to 0.84; batches ag and ah, of the same shapes, 0.84 to 0.82).
FLOORS = {"presenter_right": 0.9, "boundaries_within_2_turns": 0.85, "phase_right": 0.8, "mode_right": 0.8}


def test_the_meetings_structure_on_held_out_meetings() -> None:
    coach = Coach.load("minilm-int8")
    summary = summarise([evaluate_meeting(coach, rows) for rows in meeting_split("test").values()])

    recorded = json.loads((MODELS_DIR / "minilm-int8" / "meetings.json").read_text(encoding="utf-8"))["test"]
    for name, floor in FLOORS.items():
        assert summary[name] >= floor, name
        assert summary[name] == pytest.approx(recorded[name], abs=tolerance.TURN_SHARE), name
    # Read slot by slot, the members' ratio comes nearer the annotated one than read as one presenter's session.
    assert summary["ratio_within_0_05"] > summary["one_presenter_ratio_within_0_05"]
    for name in ("ratio_within_0_05", "ratio_per_row_within_0_05"):
        assert summary[name] == pytest.approx(recorded[name], abs=tolerance.MEETING_SHARE), name
    # The planned-time check asks about every meeting planned throughout that was read without planned time, and
    # about no meeting but those and the sets that slipped into advice; the slots' check, over fewer contributions,
    # may cross the bar in one other slot on another CPU (tests/models/recorded.py).
    checks = summary["planned_time_check"]
    assert checks["of_them_checked"] == checks["planned_throughout_read_without_planned_time"]
    assert checks["open_slots_checked"] == checks["open_slots_checked_set_slipped"]
    assert checks["other_checked"] == 0
    explained = checks["slots_checked_with_annotated_planned_time"] + checks["slots_checked_set_slipped"]
    assert checks["slots_checked"] - explained <= 1


def test_the_example_meeting_reads_as_its_readme_says_and_a_part_given_wins() -> None:
    coach = Coach.load("minilm-int8")
    transcript = read_transcript(ROOT / "examples" / "meeting.json")

    found = label_session(transcript, coach)
    all_open = label_session(transcript, coach, meeting=MeetingGiven(parts=(PartGiven("open", turn=0),)))

    def slot_modes(session: Session) -> list[tuple[str, set[str]]]:
        assert session.structure is not None
        modes = session.structure.mode_of
        return [(s.presenter, set(modes[s.start_index : s.end_index + 1])) for s in session.structure.slots]

    def members_advice(session: Session) -> int:
        return sum(u.role == "member" and u.label == "advice" for u in session.scored)

    assert found.structure is not None
    reporting = {u.speaker for u in found.utterances if found.structure.phase_of[u.index] == "report_back"}
    assert "Marcus Webb" in reporting
    assert slot_modes(found) == [("Priya Nair", {"open"}), ("Aisha Rahman", {"open", "planned"})]
    assert slot_modes(all_open) == [("Priya Nair", {"open"}), ("Aisha Rahman", {"open"})]
    # Aisha asked for ideas: read as planned, they are not held against anyone; marked open, they are advice.
    assert members_advice(found) < members_advice(all_open)


def test_sentences_that_carry_advice_on_are_advice_in_the_held_out_meetings() -> None:
    """labels.md rule 9 on the test meetings: a member's sentence labelled advice because it carries on the advice
    before it (its own reading, kept in its scores, was something else) is advice in the annotated rows. Recorded: 108
    of 119 (91%); the model had read every one of them as something else."""
    coach = Coach.load("minilm-int8")
    carried = []
    for rows in meeting_split("test").values():
        turns = [list(group) for _, group in groupby(rows, key=lambda row: row["turn"])]
        predictions = coach.classify_turns(
            [turn[0]["speaker"] for turn in turns], [" ".join(row["text"] for row in turn) for turn in turns]
        )
        for turn, prediction in zip(turns, predictions, strict=True):
            if turn[0]["role"] != "member":
                continue
            for u in prediction.utterances:
                if u.label == "advice" and max(u.scores, key=u.scores.__getitem__) != "advice":
                    rows_of = [row["label"] for row in turn if u.text[:25].lower() in row["text"].lower()]
                    carried += rows_of[:1]
    assert len(carried) >= 60
    assert carried.count("advice") / len(carried) >= 0.8
