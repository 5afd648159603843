"""Step 3b, the session figure a facilitator reads first: the questioning ratio from predicted vs gold labels.

    python -m training.evaluate_sessions [--model models/minilm-int8]

For each conversation of our test split, computes the members' questioning ratio (labels.md) twice with the roles
as annotated: once from the gold labels, once from the model's labels of the same utterances. Prints one row per
conversation and the mean absolute difference, and writes ``sessions.json`` beside the model (the model card quotes
it). Practice exchanges, whose members are trainees, count like any other conversation.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from coach.classifier import Coach
from coach.feedback.metrics import questioning_ratio
from coach.feedback.session import LabelledUtterance
from training.data import ROOT, annotated_split

#: A session counts as close when the predicted ratio is within this of the gold one.
TOLERANCE = 0.05


def utterances(rows: Sequence[dict[str, Any]], labels: Sequence[str]) -> list[LabelledUtterance]:
    return [
        LabelledUtterance(
            index=i,
            turn=int(row["turn"]),
            speaker=str(row["speaker"]),
            role=str(row["role"]),
            text=str(row["text"]),
            label=label,
            confidence=1.0,
            leading=False,
        )
        for i, (row, label) in enumerate(zip(rows, labels, strict=True))
    ]


def session_ratios(coach: Coach, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Gold and predicted questioning ratio of each conversation in ``rows`` that has member contributions."""
    results = []
    for conversation_id, group in groupby(rows, key=lambda row: row["conversation_id"]):
        conversation = list(group)
        predicted = [p.label for p in coach.classify_utterances([str(row["text"]) for row in conversation])]
        gold_ratio = questioning_ratio(utterances(conversation, [str(row["label"]) for row in conversation]))
        predicted_ratio = questioning_ratio(utterances(conversation, predicted))
        if gold_ratio is None or predicted_ratio is None:
            continue
        results.append(
            {
                "conversation_id": conversation_id,
                "utterances": len(conversation),
                "gold": round(gold_ratio, 4),
                "predicted": round(predicted_ratio, 4),
                "difference": round(abs(gold_ratio - predicted_ratio), 4),
            }
        )
    return results


def summarise(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    differences = [row["difference"] for row in results]
    return {
        "sessions": len(results),
        "mean_absolute_difference": round(statistics.fmean(differences), 4) if differences else None,
        "max_absolute_difference": max(differences, default=None),
        "within_tolerance": sum(difference <= TOLERANCE for difference in differences),
        "tolerance": TOLERANCE,
        "per_session": list(results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "minilm-int8")
    args = parser.parse_args()
    summary = summarise(session_ratios(Coach.load(args.model), annotated_split("test")))
    print(f"{'conversation':28} {'utts':>5} {'gold':>6} {'pred':>6} {'|diff|':>7}")
    for row in summary["per_session"]:
        print(
            f"{row['conversation_id']:28} {row['utterances']:5d} {row['gold']:6.3f} {row['predicted']:6.3f} "
            f"{row['difference']:7.3f}"
        )
    print(
        f"{summary['sessions']} sessions: mean |difference| {summary['mean_absolute_difference']}, "
        f"{summary['within_tolerance']} within {TOLERANCE}, max {summary['max_absolute_difference']}"
    )
    (args.model / "sessions.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.model / 'sessions.json'}")


if __name__ == "__main__":
    main()
