"""Train the planned-meeting opening head (``coach.feedback.planned_openings``) and measure it.

    python -m training.train_planned_openings [--c 3] [--max-false-meetings 0]

Pieces come from ``data/annotated/openings`` (one file per writer: a facilitator's opening pieces that announce a
planned meeting, and those of open meetings that sound like them), each written one with a caption-style copy. Each
is embedded alone by the shipped sentence encoder, and a logistic regression with balanced classes is fit on the
embeddings (as ``training.train_ideas_calls`` fits the call-for-ideas head).

Two measures, neither on data the head is fit on:

- leave-one-writer-out: fit on the other writers, ROC AUC on the held-out writer's pieces;
- the annotated train and dev meetings (``data/annotated/meetings``; the test meetings are left for
  ``training.evaluate_meetings``): the facilitator's pieces before the first slot (``opening_pieces`` of each of
  their turns). A meeting planned throughout (every slot's rows ``planned``) is found when one of its pieces is
  flagged; any other meeting with a piece flagged is a false announcement, and it would read every slot as planned.
  The threshold is the lowest (in steps of 0.01 from 0.5) that makes at most ``--max-false-meetings`` of them.

Writes ``models/planned-openings/model.json``: the head's weights, bias and threshold, its settings and these figures.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np

from coach.feedback.planned_openings import opening_pieces
from training.data import ANNOTATED_DIR, ROOT
from training.meetings import meeting_split
from training.sentence_heads import fit_head, lowest_threshold, write_head

OPENINGS_DIR = ANNOTATED_DIR / "openings"
OUTPUT = ROOT / "models" / "planned-openings" / "model.json"


@dataclass(frozen=True)
class OpeningCheck:
    """The train and dev meetings' opening pieces, the indexes of each meeting's, and which meetings are planned
    throughout."""

    pieces: list[str]
    meetings: list[list[int]]
    planned: list[bool]


def opening_check() -> OpeningCheck:
    """Each train and dev meeting's facilitator pieces before its first annotated slot."""
    check = OpeningCheck([], [], [])
    for split in ("train", "dev"):
        for rows in meeting_split(split).values():
            in_slots = [row for row in rows if row["slot"] is not None]
            first = next(number for number, row in enumerate(rows) if row["slot"] is not None)
            opening = [row for row in rows[:first] if row["role"] == "facilitator"]
            pieces = [
                piece
                for _, turn in groupby(opening, key=lambda row: row["turn"])
                for piece in opening_pieces([str(row["text"]) for row in turn])
            ]
            check.meetings.append(list(range(len(check.pieces), len(check.pieces) + len(pieces))))
            check.pieces.extend(pieces)
            check.planned.append(all(row["mode"] == "planned" for row in in_slots))
    return check


def meeting_figures(probabilities: list[float], check: OpeningCheck, threshold: float) -> dict[str, int]:
    """Meetings planned throughout with a piece of their opening flagged, and other meetings with one flagged."""
    flagged = [any(probabilities[k] >= threshold for k in meeting) for meeting in check.meetings]
    return {
        "meetings": len(check.meetings),
        "planned_throughout": sum(check.planned),
        "planned_found": sum(f and p for f, p in zip(flagged, check.planned, strict=True)),
        "false_announcements": sum(f and not p for f, p in zip(flagged, check.planned, strict=True)),
    }


def train(c: float, max_false_meetings: int) -> dict[str, Any]:
    check = opening_check()
    fitted = fit_head(sorted(OPENINGS_DIR.glob("openings-*.jsonl")), "announces", c, check.pieces)
    threshold, by_threshold = lowest_threshold(
        lambda t: meeting_figures(fitted.probabilities, check, t),
        np.arange(0.5, 0.996, 0.01),
        "false_announcements",
        max_false_meetings,
    )
    return fitted.record(
        "coach-planned-openings",
        threshold,
        {
            "settings": {"c": c, "max_false_meetings": max_false_meetings, "writers": list(fitted.writers)},
            "pieces": {
                name: {"rows": len(rows), "announcements": int(rows.sum())}
                for name, (_, rows) in fitted.writers.items()
            },
        },
        {"meetings_train_dev": by_threshold[threshold], "meetings_train_dev_by_threshold": by_threshold},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    parser.add_argument("--max-false-meetings", type=int, default=0)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    write_head(train(args.c, args.max_false_meetings), args.output)


if __name__ == "__main__":
    main()
