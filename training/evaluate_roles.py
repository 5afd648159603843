"""How often role inference finds the presenter and the facilitator, with the model's labels and no names given.

    python -m training.evaluate_roles [--model models/minilm-int8]

On the conversations of our test split, the roles recorded by the annotators are the truth; on every AnnoMI transcript
the client is the presenter, the counsellor a member, and nobody is the facilitator. Each conversation is labelled as
``coach analyze`` labels it (:func:`coach.feedback.session.label_session`: contexts, then roles inferred).
Writes ``roles.json`` beside the model, with every miss listed.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any

from coach.classifier import Coach
from coach.feedback.roles import FACILITATOR, PRESENTER
from coach.feedback.session import label_session
from coach.transcript.model import Transcript, Turn
from training.annomi import read_annomi
from training.data import ROOT, annotated_split


def inferred_roles(coach: Coach, speakers: Sequence[str], texts: Sequence[str]) -> tuple[str | None, str | None]:
    """The presenter and facilitator inferred for a conversation of turns ``texts`` by ``speakers``."""
    turns: list[tuple[str, str]] = []
    for speaker, text in zip(speakers, texts, strict=True):
        if turns and turns[-1][0] == speaker:
            turns[-1] = (speaker, f"{turns[-1][1]} {text}")
        else:
            turns.append((speaker, text))
    transcript = Transcript(turns=tuple(Turn(speaker=speaker, text=text) for speaker, text in turns), format="json")
    roles = label_session(transcript, coach).roles
    return roles.presenter, roles.facilitator


def score(cases: list[dict[str, Any]]) -> dict[str, Any]:
    right = [case for case in cases if case["presenter"] == case["gold_presenter"]]
    both = [case for case in right if case["facilitator"] == case["gold_facilitator"]]
    return {
        "conversations": len(cases),
        "presenter_right": len(right),
        "facilitator_right": sum(case["facilitator"] == case["gold_facilitator"] for case in cases),
        "both_right": len(both),
        "both_right_share": round(len(both) / max(len(cases), 1), 4),
        "misses": [case for case in cases if case not in both],
    }


def ours_cases(coach: Coach, split: str = "test") -> list[dict[str, Any]]:
    cases = []
    for conversation_id, group in groupby(annotated_split(split), key=lambda row: row["conversation_id"]):
        rows = list(group)
        gold = {str(row["role"]): str(row["speaker"]) for row in rows if row["role"] != "member"}
        presenter, facilitator = inferred_roles(coach, [r["speaker"] for r in rows], [r["text"] for r in rows])
        cases.append(
            {
                "conversation_id": conversation_id,
                "presenter": presenter,
                "facilitator": facilitator,
                "gold_presenter": gold.get(PRESENTER),
                "gold_facilitator": gold.get(FACILITATOR),
            }
        )
    return cases


def annomi_cases(coach: Coach) -> list[dict[str, Any]]:
    cases = []
    for conversation_id, turns in read_annomi().groupby("conversation_id", sort=False):
        presenter, facilitator = inferred_roles(coach, list(turns["speaker"]), list(turns["text"]))
        cases.append(
            {
                "conversation_id": conversation_id,
                "presenter": presenter,
                "facilitator": facilitator,
                "gold_presenter": "client",
                "gold_facilitator": None,
            }
        )
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "minilm-int8")
    parser.add_argument("--split", default="test", help="which of our splits (train and dev are for tuning the rules)")
    args = parser.parse_args()
    coach = Coach.load(args.model)
    results = {f"ours_{args.split}": score(ours_cases(coach, args.split)), "annomi_all": score(annomi_cases(coach))}
    for name, result in results.items():
        print(
            f"{name}: {result['conversations']} conversations; presenter right {result['presenter_right']}, "
            f"facilitator right {result['facilitator_right']}, both {result['both_right']} "
            f"({result['both_right_share']:.1%})"
        )
        for miss in result["misses"]:
            print(f"  miss: {json.dumps(miss)}")
    (args.model / "roles.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.model / 'roles.json'}")


if __name__ == "__main__":
    main()
