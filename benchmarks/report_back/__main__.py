"""The report-back benchmark: did the person who committed to an action speak about it at the next session?

    python -m benchmarks.report_back [--split test] [--sweep]

Each item holds 1-3 actions and what their owner said at the next session, with the utterances that mention each
action (``benchmarks/report_back/items.jsonl``, see its README). The matcher (``coach.sets.report_back``) scores every
utterance against each action; an action is ``mentioned`` when its best score reaches ``MENTION_THRESHOLD``. Figures:

- ``precision`` / ``recall`` / ``accuracy`` of ``mentioned`` over the split's actions;
- ``quote_right``: of the actions rightly found mentioned, the share whose quoted utterance is one of the gold ones;
- ``all_mentioned_baseline``: accuracy of calling every action mentioned (the majority answer), for scale.

``--sweep`` prints precision, recall and accuracy at other thresholds, to choose one on dev.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coach.classifier.sentence_encoder import shared_encoder
from coach.sets.report_back import MENTION_THRESHOLD, mention_scores

ITEMS = Path(__file__).with_name("items.jsonl")


def scored(split: str) -> list[tuple[float, int, set[int]]]:
    """Per action of the split: its best score, the best utterance, and the gold mention indices."""
    encoder = shared_encoder()
    results = []
    for line in ITEMS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["split"] != split:
            continue
        for action, gold in zip(item["actions"], item["mentions"], strict=True):
            scores = mention_scores(action, item["utterances"], encoder)
            best = max(range(len(scores)), key=scores.__getitem__)
            results.append((scores[best], best, set(gold)))
    return results


def figures(results: Sequence[tuple[float, int, set[int]]], threshold: float) -> dict[str, Any]:
    predicted = [score >= threshold for score, _, _ in results]
    truth = [bool(gold) for _, _, gold in results]
    hits = sum(p and t for p, t in zip(predicted, truth, strict=True))
    quoted = sum(p and best in gold for p, (_, best, gold) in zip(predicted, results, strict=True))
    return {
        "threshold": threshold,
        "actions": len(results),
        "mentioned": sum(truth),
        "precision": round(hits / sum(predicted), 3) if any(predicted) else None,
        "recall": round(hits / sum(truth), 3) if any(truth) else None,
        "accuracy": round(sum(p == t for p, t in zip(predicted, truth, strict=True)) / len(results), 3),
        "quote_right": round(quoted / hits, 3) if hits else None,
        "all_mentioned_baseline": round(sum(truth) / len(results), 3),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--sweep", action="store_true", help="figures at thresholds from 0.30 to 0.80")
    args = parser.parse_args(argv)
    results = scored(args.split)
    if args.sweep:
        for step in range(30, 81, 5):
            print(json.dumps(figures(results, step / 100)))
        return
    print(json.dumps({"split": args.split, **figures(results, MENTION_THRESHOLD)}, indent=2))


if __name__ == "__main__":
    main()
