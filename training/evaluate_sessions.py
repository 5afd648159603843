"""Step 3b, the session figure a facilitator reads first: the questioning ratio from predicted vs gold labels.

    python -m training.evaluate_sessions [--model models/minilm-int8]

For each conversation of our test split, computes the members' questioning ratio (labels.md) twice with the roles
as annotated: once from the gold labels, once from the model's labels of the same utterances. Prints one row per
conversation and the mean absolute difference, and writes ``sessions.json`` beside the model (the model card quotes
it). Practice exchanges, whose members are trainees, count like any other conversation. Utterances are read with
their context, as ``coach analyze`` reads them.

Then the figure that says whether the ratio means anything: on the AnnoMI dev and test transcripts (real counselling,
the counsellor as the member), how well the members' questioning ratio separates sessions the experts rated high
quality from low (ROC AUC), from the model's labels and, beside it, from the experts' own codes.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.metrics import roc_auc_score

from coach.classifier import Coach
from coach.classifier.context import previous_turn_contexts
from coach.feedback.metrics import questioning_ratio
from coach.feedback.session import LabelledUtterance
from training.annomi import read_annomi
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
        texts = [str(row["text"]) for row in conversation]
        contexts = previous_turn_contexts([str(row["speaker"]) for row in conversation], texts)
        predicted = [p.label for p in coach.classify_utterances(texts, contexts)]
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


def annomi_quality_auc(coach: Coach, transcripts: pd.DataFrame) -> dict[str, Any]:
    """:func:`quality_auc` of the transcripts given, each labelled by ``coach``."""
    return quality_auc(quality_ratios(coach, transcripts))


def quality_ratios(coach: Coach, transcripts: pd.DataFrame) -> list[dict[str, Any]]:
    """Each transcript's quality rating and members' questioning ratio from the model's labels (each turn labelled
    as ``coach analyze`` labels it), from the experts' codes alone and from the labels with the guideline annotators'
    winning where they disagree (``training.annomi.adjudicate``)."""
    rows = []
    for conversation_id, turns in transcripts.groupby("conversation_id", sort=False):
        # Each row is a turn: numbered, so that a contribution never runs from one turn into the next.
        turns = turns.assign(turn=range(len(turns)))
        predictions = coach.classify(list(turns["text"]), list(turns["context"]))
        predicted = [
            LabelledUtterance.of(u, index=0, turn=turn, speaker=speaker, role=role)
            for prediction, turn, speaker, role in zip(
                predictions, turns["turn"], turns["speaker"], turns["role"], strict=True
            )
            for u in prediction.utterances
        ]
        rows.append(
            {
                "conversation_id": conversation_id,
                "quality": turns["quality"].iloc[0],
                "predicted": questioning_ratio(predicted) or 0.0,
                "codes": _gold_ratio(turns, "codes_label"),
                "guideline": _gold_ratio(turns, "label"),
            }
        )
    return rows


def quality_auc(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """ROC AUC of the members' questioning ratio for high against low quality (:func:`quality_ratios`' rows), from
    the model's labels, the experts' codes and the guideline labels."""
    high = [row["quality"] == "high" for row in rows]
    return {
        "transcripts": len(rows),
        "low_quality": high.count(False),
        "auc_model": round(float(roc_auc_score(high, [row["predicted"] for row in rows])), 4),
        "auc_codes": round(float(roc_auc_score(high, [row["codes"] for row in rows])), 4),
        "auc_guideline": round(float(roc_auc_score(high, [row["guideline"] for row in rows])), 4),
        "per_transcript": [
            {**row, **{key: round(row[key], 4) for key in ("predicted", "codes", "guideline")}} for row in rows
        ],
    }


def _gold_ratio(turns: pd.DataFrame, column: str) -> float:
    """The members' questioning ratio of a transcript's numbered turns from the labels in ``column``."""
    coded = turns[turns[column] != ""]
    return questioning_ratio(utterances(coded.to_dict("records"), list(coded[column]))) or 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "minilm-int8")
    args = parser.parse_args()
    coach = Coach.load(args.model)
    summary = summarise(session_ratios(coach, annotated_split("test")))
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
    annomi = read_annomi()
    summary["annomi_dev_test"] = annomi_quality_auc(coach, annomi[annomi["split"].isin(["dev", "test"])])
    auc = summary["annomi_dev_test"]
    print(
        f"AnnoMI dev+test, {auc['transcripts']} transcripts ({auc['low_quality']} low quality): AUC of the members' "
        f"questioning ratio, high vs low: model {auc['auc_model']}, experts' codes {auc['auc_codes']}, "
        f"guideline labels {auc['auc_guideline']}"
    )
    (args.model / "sessions.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.model / 'sessions.json'}")


if __name__ == "__main__":
    main()
