"""Step 3, evaluate a saved model and write its ``metrics.json``.

    python -m training.evaluate [--model models/baseline]

Reports per-label precision/recall/F1, macro-F1 and the confusion matrix on (a) our test split, (b) the real corpora's
test meetings for the labels they annotate directly (MRDA: open, closed, advice, other; AMI: advice, other), and (c) a
lower-cased, punctuation-stripped copy of our test split; plus how well advice dressed as a question is flagged.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from datasets import DatasetDict, disable_progress_bars, load_from_disk

from coach.classifier import Coach
from coach.labels import LABELS
from training.data import PREPARED_DIR, ROOT, strip_text
from training.metrics import classification_metrics, format_metrics

#: The labels each corpus annotates directly (its other labels are approximate or weak).
CORPUS_LABELS = {
    "mrda": ["open_question", "closed_question", "advice", "other"],
    "ami": ["advice", "other"],
}


def evaluate(coach: Coach, prepared: DatasetDict) -> dict[str, Any]:
    results: dict[str, Any] = {}
    test = prepared["ours_test"]
    predictions = coach.classify_utterances(list(test["text"]))
    results["ours_test"] = classification_metrics(test["label"], [p.label for p in predictions], LABELS)
    stripped = coach.classify_utterances([strip_text(text) for text in test["text"]])
    results["ours_test_stripped"] = classification_metrics(test["label"], [p.label for p in stripped], LABELS)
    results["leading"] = leading_metrics(list(test["leading"]), [p.leading for p in predictions])
    for corpus, labels in CORPUS_LABELS.items():
        if f"{corpus}_test" not in prepared:
            continue
        part = prepared[f"{corpus}_test"].filter(
            lambda row, keep=labels: row["label"] in keep and row["confidence"] == "direct"
        )
        corpus_predictions = coach.classify_utterances(list(part["text"]))
        results[f"{corpus}_test"] = classification_metrics(part["label"], [p.label for p in corpus_predictions], labels)
    return results


def leading_metrics(gold: list[bool], predicted: list[bool]) -> dict[str, float | int]:
    true_positive = sum(g and p for g, p in zip(gold, predicted, strict=True))
    return {
        "support": sum(gold),
        "precision": round(true_positive / max(sum(predicted), 1), 4),
        "recall": round(true_positive / max(sum(gold), 1), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "baseline")
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    args = parser.parse_args()
    disable_progress_bars()
    coach = Coach.load(args.model)
    results = evaluate(coach, load_from_disk(str(args.prepared)))
    for name, metrics in results.items():
        if name == "leading":
            print(f"advice dressed as a question (leading): {json.dumps(metrics)}")
        else:
            print(format_metrics(name, metrics))
    (args.model / "metrics.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.model / 'metrics.json'}")


if __name__ == "__main__":
    main()
