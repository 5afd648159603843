"""Train the call-for-ideas head (``coach.feedback.ideas_calls``) and measure it.

    python -m training.train_ideas_calls [--c 3]

Sentences come from ``data/annotated/calls`` (one file per writer: calls for ideas and the non-calls that sound like
them), each written one with a caption-style copy (``training.data.strip_text``). Each is embedded alone by the
shipped sentence encoder, and a logistic regression with balanced classes is fit on the embeddings.

Two measures, neither on data the head is fit on:

- leave-one-writer-out: fit on the other writers, ROC AUC on the held-out writer's sentences;
- the annotated train and dev meetings (``data/annotated/meetings``; the test meetings are left for
  ``training.evaluate_meetings``): the facilitators' and presenters' sentences a call can be (their annotated label
  in ``CALL_LABELS``, at least ``MIN_WORDS`` words). A switch from open to planned time inside the meeting (not into
  its close) is found when a sentence of the turns around it (three before to one after) is flagged; a sentence of
  open time elsewhere that is flagged is a false call, and a false call turns the rest of a slot planned. The
  threshold is the lowest (in steps of 0.05 from 0.5) that makes at most ``--max-false-calls`` false calls there.

Writes ``models/ideas-calls/model.json``: the head's weights, bias and threshold, its settings and these figures.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from coach.classifier.segment import split_sentences
from coach.feedback.ideas_calls import CALL_LABELS, MIN_WORDS
from training.data import ANNOTATED_DIR, ROOT
from training.meetings import meeting_split
from training.sentence_heads import fit_head, lowest_threshold, write_head

CALLS_DIR = ANNOTATED_DIR / "calls"
OUTPUT = ROOT / "models" / "ideas-calls" / "model.json"
#: Turns before a switch to planned time, and after it, in which its call is looked for.
BEFORE_SWITCH, AFTER_SWITCH = 3, 1


@dataclass(frozen=True)
class MeetingCheck:
    """The train and dev meetings' facilitator and presenter sentences that a call can be (their annotated label in
    ``CALL_LABELS``, at least ``MIN_WORDS`` words), the indexes of those around each switch to planned time, and of
    those in open time elsewhere."""

    sentences: list[str]
    around_switches: list[list[int]]
    open_time: list[int]


def meeting_check() -> MeetingCheck:
    """The meetings read once, each row split into sentences as the product splits a turn (``split_sentences``)."""
    check = MeetingCheck([], [], [])
    for split in ("train", "dev"):
        for rows in meeting_split(split).values():
            windows = [
                set(range(max(0, number - BEFORE_SWITCH), number + AFTER_SWITCH + 1))
                for number in range(1, len(rows))
                if rows[number]["mode"] == "planned"
                and rows[number - 1]["mode"] != "planned"
                and rows[number]["phase"] != "closing"
            ]
            near = set().union(*windows)
            row_of: dict[int, int] = {}
            for number, row in enumerate(rows):
                if row["role"] not in ("facilitator", "presenter") or row["label"] not in CALL_LABELS:
                    continue
                for sentence in split_sentences(str(row["text"])):
                    if len(sentence.split()) >= MIN_WORDS:
                        row_of[len(check.sentences)] = number
                        if row["mode"] == "open" and number not in near:
                            check.open_time.append(len(check.sentences))
                        check.sentences.append(sentence)
            check.around_switches.extend([k for k, number in row_of.items() if number in window] for window in windows)
    return check


def meeting_figures(probabilities: list[float], check: MeetingCheck, threshold: float) -> dict[str, int]:
    """Switches to planned time with a call flagged around them, and open-time sentences flagged elsewhere."""
    flagged = [p >= threshold for p in probabilities]
    return {
        "switches": len(check.around_switches),
        "switches_found": sum(any(flagged[k] for k in around) for around in check.around_switches),
        "open_time_sentences": len(check.open_time),
        "false_calls": sum(flagged[k] for k in check.open_time),
    }


def train(c: float, max_false_calls: int) -> dict[str, Any]:
    check = meeting_check()
    fitted = fit_head(sorted(CALLS_DIR.glob("calls-*.jsonl")), "call", c, check.sentences)
    threshold, by_threshold = lowest_threshold(
        lambda t: meeting_figures(fitted.probabilities, check, t),
        np.arange(0.5, 0.96, 0.05),
        "false_calls",
        max_false_calls,
    )
    return fitted.record(
        "coach-ideas-calls",
        threshold,
        {
            "settings": {"c": c, "max_false_calls": max_false_calls, "writers": list(fitted.writers)},
            "sentences": {
                name: {"rows": len(calls), "calls": int(calls.sum())} for name, (_, calls) in fitted.writers.items()
            },
        },
        {"meetings_train_dev": by_threshold[threshold], "meetings_train_dev_by_threshold": by_threshold},
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--c", type=float, default=3.0, help="inverse regularisation strength")
    parser.add_argument("--max-false-calls", type=int, default=2)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    write_head(train(args.c, args.max_false_calls), args.output)


if __name__ == "__main__":
    main()
