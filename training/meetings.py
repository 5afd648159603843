"""Whole annotated meetings (``data/annotated/meetings``): reading them, checking them against the guideline, and
their outline (slots, presenters, phases, modes).

    python -m training.meetings                      # every batch
    python -m training.meetings data/annotated/meetings/k.jsonl
    python -m training.meetings --record-splits        # then add new meetings to splits.json

Checks every rule of ``data/annotated/GUIDELINES.md`` ("Whole meetings") that can be checked, prints each meeting's
outline and the problems found, and exits with status 1 when there are any.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any

from coach.feedback.render_text import format_time
from coach.labels import ADVICE, LABELS, ROLES
from training.data import ANNOTATED_DIR, REQUIRED_FIELDS, SPLIT_NAMES, add_contexts

MEETINGS_DIR = ANNOTATED_DIR / "meetings"
SPLITS_FILE = MEETINGS_DIR / "splits.json"
#: A slot's phases, in the order they come.
SLOT_PHASES = ("presenting", "questioning", "actions", "process_review")
#: Phases outside any slot.
MEETING_PHASES = ("opening", "report_back", "discussion", "closing")
PHASES = MEETING_PHASES + SLOT_PHASES
MODES = ("open", "planned")
STYLES = ("written", "caption")
MEETING_FIELDS = (*REQUIRED_FIELDS, "sector", "style", "leading", "start", "slot", "phase", "mode")
MIN_TURNS, MAX_TURNS = 60, 150


@dataclass(frozen=True)
class Span:
    """Rows ``start``..``end`` (inclusive) of a meeting."""

    start: int
    end: int


def read_meetings(paths: Iterable[Path] | None = None) -> dict[str, list[dict[str, Any]]]:
    """The rows of every meeting in ``paths`` (every batch by default), by meeting id, in file order."""
    meetings: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(paths if paths is not None else MEETINGS_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path.name}:{number}: not JSON: {error}") from error
                missing = [name for name in MEETING_FIELDS if name not in row]
                if missing:
                    raise ValueError(f"{path.name}:{number}: missing {', '.join(missing)}")
                meetings.setdefault(str(row["conversation_id"]), []).append(row)
    return meetings


def meeting_split(split: str, path: Path = SPLITS_FILE) -> dict[str, list[dict[str, Any]]]:
    """The annotated meetings of ``split``, as recorded in ``splits.json``, each row with its ``context``."""
    chosen = set(json.loads(path.read_text(encoding="utf-8"))[split])
    meetings = {meeting: rows for meeting, rows in read_meetings().items() if meeting in chosen}
    add_contexts([row for rows in meetings.values() for row in rows])
    return meetings


def record_splits(meetings: Iterable[str], path: Path = SPLITS_FILE) -> dict[str, list[str]]:
    """Add each meeting not yet in ``path`` to a split by a hash of its id (half train, a quarter each dev and test:
    meetings are few, and each test meeting holds several slots); a recorded meeting never moves."""
    splits: dict[str, list[str]] = (
        json.loads(path.read_text(encoding="utf-8")) if path.exists() else {name: [] for name in SPLIT_NAMES}
    )
    recorded = {meeting for names in splits.values() for meeting in names}
    for meeting in meetings:
        if meeting not in recorded:
            bucket = int(hashlib.sha1(meeting.encode("utf-8")).hexdigest(), 16) % 100
            splits["train" if bucket < 50 else "dev" if bucket < 75 else "test"].append(meeting)
    splits = {name: sorted(splits[name]) for name in SPLIT_NAMES}
    path.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")
    return splits


def check_meeting(rows: Sequence[dict[str, Any]]) -> list[str]:
    """Every way ``rows`` (one meeting) breaks the guideline, as messages naming the row (0-based) and turn."""
    problems = [problem for number, row in enumerate(rows) for problem in _row_problems(number, row)]
    if problems:
        return problems  # the rules below read these values
    problems += _turn_problems(rows)
    problems += _order_problems(rows)
    problems += _role_problems(rows)
    return problems


def _row_problems(number: int, row: dict[str, Any]) -> list[str]:
    where = f"row {number} (turn {row.get('turn')})"
    problems = []
    for name, allowed in (("label", LABELS), ("role", ROLES), ("phase", PHASES), ("mode", MODES), ("style", STYLES)):
        if row[name] not in allowed:
            problems.append(f"{where}: {name} {row[name]!r} is not one of {', '.join(allowed)}")
    if not isinstance(row["start"], int | float) or row["start"] < 0:
        problems.append(f"{where}: start {row['start']!r} is not a number of seconds")
    if row["slot"] is not None and (not isinstance(row["slot"], int) or row["slot"] < 0):
        problems.append(f"{where}: slot {row['slot']!r} is not null or a whole number from 0")
    if row["leading"] is not (row["leading"] and row["label"] == ADVICE):
        problems.append(f"{where}: leading is true only on advice")
    in_slot = row["phase"] in SLOT_PHASES
    if in_slot != (row["slot"] is not None):
        problems.append(
            f"{where}: phase {row['phase']!r} is {'in' if in_slot else 'outside'} a slot, slot is {row['slot']}"
        )
    if row["phase"] == "discussion" and row["mode"] != "planned":
        problems.append(f"{where}: discussion is planned time")
    if not str(row["text"]).strip():
        problems.append(f"{where}: empty text")
    return problems


def _turn_problems(rows: Sequence[dict[str, Any]]) -> list[str]:
    problems = []
    if rows[0]["turn"] != 0:
        problems.append("row 0: the first turn is 0")
    for number, (before, row) in enumerate(pairwise(rows), 1):
        same = before["speaker"] == row["speaker"]
        if row["turn"] != before["turn"] + (0 if same else 1):
            problems.append(
                f"row {number}: turn {row['turn']} after {before['turn']} ({'same' if same else 'new'} speaker)"
            )
        if same and row["start"] != before["start"]:
            problems.append(f"row {number} (turn {row['turn']}): the rows of a turn share its start")
        if row["start"] < before["start"]:
            problems.append(
                f"row {number} (turn {row['turn']}): start goes back from {before['start']} to {row['start']}"
            )
    turns = rows[-1]["turn"] + 1
    if not MIN_TURNS <= turns <= MAX_TURNS:
        problems.append(f"the meeting has {turns} turns; a meeting has {MIN_TURNS}-{MAX_TURNS}")
    return problems


def _order_problems(rows: Sequence[dict[str, Any]]) -> list[str]:
    problems = []
    phases = [row["phase"] for row in rows]
    if phases[0] != "opening":
        problems.append("row 0: a meeting starts with its opening")
    if phases[-1] != "closing":
        problems.append(f"row {len(rows) - 1}: a meeting ends with its closing")
    runs = [phase for phase, _ in groupby(phases)]
    for phase in ("opening", "closing"):
        if runs.count(phase) > 1:
            problems.append(f"the {phase} is one stretch, found {runs.count(phase)}")
    slots = [slot for slot, _ in groupby(row["slot"] for row in rows) if slot is not None]
    if slots != list(range(len(slots))):
        problems.append(f"slots come once each, numbered 0, 1, 2... in order; found {slots}")
    if not slots and "discussion" not in phases:
        problems.append("a meeting has at least one slot or a planned discussion")
    for slot, group in groupby(rows, key=lambda row: row["slot"]):
        if slot is None:
            continue
        order = [SLOT_PHASES.index(row["phase"]) for row in group]
        if order != sorted(order):
            problems.append(
                f"slot {slot}: phases go back ({' > '.join(p for p, _ in groupby(SLOT_PHASES[i] for i in order))})"
            )
    return problems


def _role_problems(rows: Sequence[dict[str, Any]]) -> list[str]:
    problems = []
    facilitators = {row["speaker"] for row in rows if row["role"] == "facilitator"}
    if len(facilitators) > 1:
        problems.append(f"one facilitator per meeting; found {', '.join(sorted(facilitators))}")
    for row_number, row in enumerate(rows):
        if row["speaker"] in facilitators and row["role"] != "facilitator":
            problems.append(f"row {row_number} (turn {row['turn']}): the facilitator is the facilitator throughout")
        if row["slot"] is None and row["role"] == "presenter":
            problems.append(f"row {row_number} (turn {row['turn']}): nobody presents outside a slot")
    for slot, group in groupby(rows, key=lambda row: row["slot"]):
        if slot is None:
            continue
        presenters = {row["speaker"] for row in group if row["role"] == "presenter"}
        if len(presenters) != 1:
            problems.append(f"slot {slot}: one presenter, found {sorted(presenters) or 'none'}")
            continue
        for row in (row for row in rows if row["slot"] == slot and row["speaker"] in presenters):
            if row["role"] != "presenter":
                problems.append(
                    f"slot {slot}, turn {row['turn']}: the presenter is the presenter all through their slot"
                )
    return problems


def slot_spans(rows: Sequence[dict[str, Any]]) -> list[tuple[int, str, Span]]:
    """Each slot's number, presenter and rows."""
    spans = []
    for slot in sorted({row["slot"] for row in rows if row["slot"] is not None}):
        numbers = [number for number, row in enumerate(rows) if row["slot"] == slot]
        presenter = next(row["speaker"] for row in rows if row["slot"] == slot and row["role"] == "presenter")
        spans.append((slot, presenter, Span(numbers[0], numbers[-1])))
    return spans


def outline(rows: Sequence[dict[str, Any]]) -> str:
    """A meeting in a few lines: id, style, size, then each stretch of phase (with its slot, presenter and mode)."""
    presenters = {slot: presenter for slot, presenter, _ in slot_spans(rows)}
    head = (
        f"{rows[0]['conversation_id']} ({rows[0]['style']}, {rows[-1]['turn'] + 1} turns, {len(rows)} rows, "
        f"{format_time(rows[-1]['start'])})"
    )
    lines = [head]
    number = 0
    for (slot, phase, mode), group in groupby(rows, key=lambda row: (row["slot"], row["phase"], row["mode"])):
        size = len(list(group))
        who = "" if slot is None else f"slot {slot} {presenters[slot]}: "
        lines.append(f"  rows {number}-{number + size - 1}: {who}{phase} [{mode}]")
        number += size
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "files", nargs="*", type=Path, help="batch files (default: every one in data/annotated/meetings)"
    )
    parser.add_argument("--record-splits", action="store_true", help="add new meetings to splits.json")
    args = parser.parse_args()
    meetings = read_meetings(args.files or None)
    failed = 0
    kinds: Counter[str] = Counter()
    for rows in meetings.values():
        print(outline(rows))
        problems = check_meeting(rows)
        for problem in problems:
            print(f"  PROBLEM: {problem}")
        failed += bool(problems)
        modes = {row["mode"] for row in rows}
        kinds["planned time"] += "planned" in modes
        kinds["caption"] += rows[0]["style"] == "caption"
        kinds["slots"] += len(slot_spans(rows))
    counted = ", ".join(f"{count} {kind}" for kind, count in kinds.items())
    print(f"{len(meetings)} meetings ({counted}); {failed} with problems")
    if args.record_splits and not failed:
        splits = record_splits(meetings)
        print(f"recorded in {SPLITS_FILE}: " + ", ".join(f"{name} {len(names)}" for name, names in splits.items()))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
