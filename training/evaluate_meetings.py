"""How well the meeting's structure is found (``coach.feedback.structure``) on the annotated whole meetings.

    python -m training.evaluate_meetings [--split test] [--model models/minilm-int8] [--show] [--answer-checks]

Each meeting of the split (``data/annotated/meetings/splits.json``) is labelled as ``coach analyze`` labels it, from
its turns alone (no names, no times given), and its structure inferred. Against the annotation:

- presenter right: each annotated slot, matched to the inferred slot that overlaps it most, has its presenter;
- boundaries: each annotated slot's first and last turn are within 2 turns of the matched slot's;
- phase and mode: the share of turns (by their first utterance) with the annotated phase and mode;
- the members' questioning ratio of the meeting, from the inferred structure and the model's labels, within 0.05 of
  the ratio from the annotated structure and labels; beside it, the ratio when the whole meeting is read as one
  presenter's session, as Coach read meetings before. Both count contributions as reports do
  (``coach.feedback.metrics.contributions``: a run of one member's utterances in one turn with the same label counts
  once). Coach splits a turn into sentences where the annotators sometimes kept several in one row, so the ratio is
  also given with each annotated row labelled by the model (read with its context, as a whole), counted where the
  inferred structure counts its turn, and with the annotated structure and each annotated member's row labelled by
  the model: what the labels alone cost, apart from the structure. Last, how many members' turns in annotated open
  slot time count differently in Coach's utterances than in their annotated rows, and which way
  (``members_turns_counted_differently``, :func:`counted_difference`).

Then where the report's planned-time checks spoke (:func:`planned_check_counts`). With ``--answer-checks``, a meeting
annotated as planned throughout on which the meeting's check speaks is read again as planned, as a set answering the
check would; the figures are printed, not written.

Writes ``meetings.json`` beside the model.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from coach.classifier import Coach
from coach.feedback import metrics
from coach.feedback.ideas_calls import shipped_calls
from coach.feedback.planned_openings import shipped_announcements
from coach.feedback.report import planned_time_check, slot_planned_time_checks
from coach.feedback.report_model import PlannedTimeCheck
from coach.feedback.roles import infer_facilitator, resolve_roles
from coach.feedback.session import LabelledUtterance, label_utterances, scored, with_slot_roles
from coach.feedback.structure import MeetingStructure, infer_structure
from coach.labels import OTHER, QUESTIONING_LABELS
from coach.transcript.model import Transcript, Turn
from training.data import ROOT, SPLIT_NAMES
from training.meetings import meeting_split, slot_spans

BOUNDARY_TURNS = 2
RATIO_TOLERANCE = 0.05
#: What a member said, as the ratio reads it: (turn, speaker, label, whether it counts).
Said = tuple[int, str, str, bool]


def questioning_ratio(said: Sequence[Said]) -> float | None:
    """The members' questioning ratio of what counts, as reports work it out (``session.scored`` keeps what counts,
    then ``metrics.questioning_ratio`` counts contributions)."""
    counted = [
        LabelledUtterance(index, turn, speaker, metrics.MEMBER, "", label, 1.0, False)
        for index, (turn, speaker, label, counts) in enumerate(said)
        if counts
    ]
    return metrics.questioning_ratio(counted)


def gold_ratio(rows: Sequence[dict[str, Any]]) -> float | None:
    said = [
        (
            row["turn"],
            row["speaker"],
            row["label"],
            _counts(row),
        )
        for row in rows
        if row["role"] == "member"
    ]
    return questioning_ratio(said)


def _counts(row: dict[str, Any]) -> bool:
    """Whether an annotated row is in open slot time, where members' figures count."""
    return (
        row["slot"] is not None and row["mode"] == "open" and row["phase"] in ("presenting", "questioning", "actions")
    )


def inferred_ratio(
    utterances: Sequence[LabelledUtterance], structure: MeetingStructure, facilitator: str | None
) -> float | None:
    said = [
        (u.turn, u.speaker, u.label, structure.counts_for_members(index))
        for index, u in enumerate(utterances)
        if u.speaker not in (facilitator, structure.presenter_at(index))
    ]
    return questioning_ratio(said)


def one_presenter_ratio(utterances: Sequence[LabelledUtterance]) -> float | None:
    """The ratio as Coach read a meeting before it knew of slots: one presenter and one facilitator for it all."""
    roles = resolve_roles(utterances)
    return questioning_ratio(
        [(u.turn, u.speaker, u.label, True) for u in utterances if roles.role_of(u.speaker) == "member"]
    )


def counted_difference(annotated: Sequence[str], found: Sequence[str]) -> str | None:
    """How a member's turn counts towards the ratio in Coach's utterances (labels ``found``) against its annotated rows
    (``annotated``), in contributions (runs of one label, ``other`` left out): ``None`` the same; else
    ``more_not_questioning`` (Coach counts more contributions that break questioning mode), ``more_questioning`` or
    ``other``."""

    def runs(labels: Sequence[str]) -> list[str]:
        kept = [label for label in labels if label != OTHER]
        return [label for number, label in enumerate(kept) if not number or kept[number - 1] != label]

    gold, coach = runs(annotated), runs(found)
    if gold == coach:
        return None
    questioning = [sum(label in QUESTIONING_LABELS for label in side) for side in (gold, coach)]
    breaking = [len(side) - asked for side, asked in zip((gold, coach), questioning, strict=True)]
    if breaking[1] > breaking[0]:
        return "more_not_questioning"
    return "more_questioning" if questioning[1] > questioning[0] else "other"


def evaluate_meeting(coach: Coach, rows: Sequence[dict[str, Any]], answer_check: bool = False) -> dict[str, Any]:
    """The figures of one annotated meeting (see the module docstring). With ``answer_check``, a meeting annotated as
    planned in every slot on which the planned-time check speaks is read again as planned, as a set answering the
    check would (a set that slipped answers no, so nothing else changes)."""
    by_turn = [list(group) for _, group in groupby(rows, key=lambda row: row["turn"])]
    first_rows = [group[0] for group in by_turn]
    turns = [
        Turn(speaker=group[0]["speaker"], text=" ".join(row["text"] for row in group), start=group[0]["start"])
        for group in by_turn
    ]
    utterances = label_utterances(Transcript(turns=tuple(turns), format="json"), coach)
    speakers = list(dict.fromkeys(u.speaker for u in utterances))
    facilitator = infer_facilitator(utterances, speakers)
    structure = infer_structure(
        utterances, facilitator, calls_for_ideas=shipped_calls, announces_planned=shipped_announcements
    )
    check, slot_checks = _checks(utterances, structure, facilitator, [group[0]["mode"] for group in by_turn])
    slot_modes = {row["mode"] for row in rows if row["slot"] is not None}
    planned_found = "planned" in structure.mode_of
    answered = answer_check and check is not None and slot_modes == {"planned"}
    if answered:
        structure = infer_structure(utterances, facilitator, given_mode="planned", calls_for_ideas=shipped_calls)
    first_utterance: dict[int, int] = {}
    for index, u in enumerate(utterances):
        first_utterance.setdefault(u.turn, index)
    turn_of_utterance = [u.turn for u in utterances]
    predicted_slots = [
        (slot.presenter, turn_of_utterance[slot.start_index], turn_of_utterance[slot.end_index])
        for slot in structure.slots
    ]
    slots = []
    for _, presenter, span in slot_spans(rows):
        first, last = rows[span.start]["turn"], rows[span.end]["turn"]
        overlaps = [(min(last, b) - max(first, a) + 1, p, a, b) for p, a, b in predicted_slots]
        best = max(overlaps, default=(0, None, -99, -99))
        slots.append(
            {
                "presenter": presenter,
                "found": best[1] if best[0] > 0 else None,
                "first": first,
                "last": last,
                "found_first": best[2],
                "found_last": best[3],
            }
        )
    phases = [
        (
            first_rows[turn]["phase"],
            structure.phase_of[first_utterance[turn]],
            first_rows[turn]["mode"],
            structure.mode_of[first_utterance[turn]],
        )
        for turn in range(len(first_rows))
    ]
    gold, found, before = (
        gold_ratio(rows),
        inferred_ratio(utterances, structure, facilitator),
        one_presenter_ratio(utterances),
    )
    # Each annotated row labelled by the model once, read with its context as a whole.
    row_labels = [p.label for p in coach.classify([row["text"] for row in rows], [row["context"] for row in rows])]
    per_row = questioning_ratio(
        [
            (row["turn"], row["speaker"], label, structure.counts_for_members(first_utterance[row["turn"]]))
            for row, label in zip(rows, row_labels, strict=True)
            if row["turn"] in first_utterance
            and row["speaker"] not in (facilitator, structure.presenter_at(first_utterance[row["turn"]]))
        ]
    )
    labels_only = gold_ratio([{**row, "label": label} for row, label in zip(rows, row_labels, strict=True)])
    found_by_turn = {turn: [u.label for u in said] for turn, said in groupby(utterances, key=lambda u: u.turn)}
    differences = Counter(
        counted_difference([row["label"] for row in group], found_by_turn.get(number, []))
        for number, group in enumerate(by_turn)
        if group[0]["role"] == "member" and _counts(group[0])
    )
    return {
        "meeting": rows[0]["conversation_id"],
        "turns": len(first_rows),
        "slots": slots,
        "phase_right": sum(g == p for g, p, _, _ in phases),
        "mode_right": sum(g == p for _, _, g, p in phases),
        "gold_ratio": gold,
        "ratio": found,
        "one_presenter_ratio": before,
        "ratio_per_row": per_row,
        "ratio_annotated_structure": labels_only,
        "phases": phases,
        "turns_counted_differently": {kind: n for kind, n in differences.items() if kind is not None},
        "slots_annotated": "planned"
        if slot_modes == {"planned"}
        else "combined"
        if "planned" in slot_modes
        else "open",
        "planned_found": planned_found,
        "check_answered": answered,
        "planned_time_check": None if check is None else check.share,
        "slot_checks_annotated_planned_share": slot_checks,
    }


def _checks(
    utterances: Sequence[LabelledUtterance],
    structure: MeetingStructure,
    facilitator: str | None,
    annotated_modes: Sequence[str],
) -> tuple[PlannedTimeCheck | None, list[float]]:
    """The report's planned-time check of the meeting, and for each slot whose own check speaks, the share of its
    turns annotated as planned (``annotated_modes``: each turn's annotated mode)."""
    counted = scored(with_slot_roles(utterances, structure, facilitator), structure)
    check = planned_time_check(counted, structure if structure.is_meeting else None)
    slot_checks = []
    for slot, slot_check in zip(structure.slots, slot_planned_time_checks(counted, structure), strict=True):
        if slot_check is not None and structure.is_meeting:
            annotated = [annotated_modes[u.turn] for u in utterances[slot.start_index : slot.end_index + 1]]
            slot_checks.append(round(annotated.count("planned") / len(annotated), 2))
    return check, slot_checks


def _within(a: float | None, b: float | None) -> bool:
    """Whether two ratios agree within the tolerance; two meetings' "no open time for members to score" agree too."""
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= RATIO_TOLERANCE


def summarise(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    slots = [slot for result in results for slot in result["slots"]]
    turns = sum(result["turns"] for result in results)
    boundaries = [abs(s["first"] - s["found_first"]) <= BOUNDARY_TURNS for s in slots] + [
        abs(s["last"] - s["found_last"]) <= BOUNDARY_TURNS for s in slots
    ]
    return {
        "meetings": len(results),
        "slots": len(slots),
        "presenter_right": round(sum(s["found"] == s["presenter"] for s in slots) / max(len(slots), 1), 4),
        "boundaries_within_2_turns": round(sum(boundaries) / max(len(boundaries), 1), 4),
        "phase_right": round(sum(r["phase_right"] for r in results) / max(turns, 1), 4),
        "mode_right": round(sum(r["mode_right"] for r in results) / max(turns, 1), 4),
        "ratio_within_0_05": round(
            sum(_within(r["ratio"], r["gold_ratio"]) for r in results) / max(len(results), 1), 4
        ),
        "ratio_per_row_within_0_05": round(
            sum(_within(r["ratio_per_row"], r["gold_ratio"]) for r in results) / max(len(results), 1), 4
        ),
        "annotated_structure_ratio_within_0_05": round(
            sum(_within(r["ratio_annotated_structure"], r["gold_ratio"]) for r in results) / max(len(results), 1), 4
        ),
        "members_turns_counted_differently": dict(
            sorted(sum((Counter(r["turns_counted_differently"]) for r in results), Counter()).items())
        ),
        "one_presenter_ratio_within_0_05": round(
            sum(_within(r["one_presenter_ratio"], r["gold_ratio"]) for r in results) / max(len(results), 1), 4
        ),
        "planned_time_check": planned_check_counts(results),
    }


def planned_check_counts(results: Sequence[dict[str, Any]]) -> dict[str, int]:
    """Where the report's planned-time check (``coach.feedback.report.planned_time_check``) spoke: on the meetings
    annotated as planned in every slot that Coach read with no planned time (it should), and on the meetings annotated
    as open in every slot (where it is right to ask only when the set slipped: its annotated ratio under 0.5). Then
    the slots' own checks (``slot_planned_time_checks``): how many, how many over annotated planned time, and how many
    in the meetings whose set slipped."""
    missed = [r for r in results if r["slots_annotated"] == "planned" and not r["planned_found"]]
    open_slots = [r for r in results if r["slots_annotated"] == "open"]
    flagged_open = [r for r in open_slots if r["planned_time_check"] is not None]
    return {
        "planned_throughout_read_without_planned_time": len(missed),
        "of_them_checked": sum(r["planned_time_check"] is not None for r in missed),
        "open_slots": len(open_slots),
        "open_slots_checked": len(flagged_open),
        "open_slots_checked_set_slipped": sum(
            r["gold_ratio"] is not None and r["gold_ratio"] < 0.5 for r in flagged_open
        ),
        "other_checked": sum(
            r["planned_time_check"] is not None for r in results if r not in missed and r not in open_slots
        ),
        "slots_checked": sum(len(r["slot_checks_annotated_planned_share"]) for r in results),
        "slots_checked_with_annotated_planned_time": sum(
            share > 0 for r in results for share in r["slot_checks_annotated_planned_share"]
        ),
        "slots_checked_set_slipped": sum(
            len(r["slot_checks_annotated_planned_share"])
            for r in results
            if r["slots_annotated"] == "open" and r["gold_ratio"] is not None and r["gold_ratio"] < 0.5
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "minilm-int8")
    parser.add_argument("--split", default="test", choices=SPLIT_NAMES, help="train and dev are for tuning the rules")
    parser.add_argument("--show", action="store_true", help="print each meeting's slots and phases found")
    parser.add_argument(
        "--answer-checks",
        action="store_true",
        help="read a meeting annotated as planned throughout again as planned where the planned-time check speaks, as "
        "a set answering it would (prints the figures; meetings.json keeps those without answers)",
    )
    args = parser.parse_args()
    coach = Coach.load(args.model)
    results = [evaluate_meeting(coach, rows, args.answer_checks) for rows in meeting_split(args.split).values()]
    for result in results:
        slots = ", ".join(
            f"{s['presenter']} {s['first']}-{s['last']} -> {s['found']} {s['found_first']}-{s['found_last']}"
            for s in result["slots"]
        )
        print(
            f"{result['meeting']}: {result['turns']} turns; slots {slots}; phases {result['phase_right']}, modes "
            f"{result['mode_right']}; ratio {result['ratio']} (gold {result['gold_ratio']}, per row "
            f"{result['ratio_per_row']}, annotated structure {result['ratio_annotated_structure']}, one presenter "
            f"{result['one_presenter_ratio']}); planned-time check {result['planned_time_check']}"
        )
        if args.show:
            for turn, (gold, found, gold_mode, found_mode) in enumerate(result["phases"]):
                mark = "" if gold == found and gold_mode == found_mode else "  <--"
                print(f"    {turn:3d} {gold:14} {found:14} {gold_mode:7} {found_mode:7}{mark}")
    summary = summarise(results)
    print(json.dumps(summary, indent=1))
    if args.answer_checks:
        return
    path = args.model / "meetings.json"
    path.write_text(json.dumps({args.split: summary}, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
