"""Step 3, evaluate a saved model and write its ``metrics.json``.

    python -m training.evaluate [--model models/baseline]

Reports per-label precision/recall/F1, macro-F1 and the confusion matrix on (a) our test split, (b) the real corpora's
test meetings for the labels they annotate directly (MRDA: open, closed, advice, other; AMI: advice, other), and (c) a
lower-cased, punctuation-stripped copy of our test split; plus how well advice dressed as a question is flagged.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict, disable_progress_bars, load_from_disk
from sklearn.metrics import f1_score

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
        part = direct_rows(prepared, f"{corpus}_test", labels)
        corpus_predictions = coach.classify_utterances(list(part["text"]))
        results[f"{corpus}_test"] = classification_metrics(part["label"], [p.label for p in corpus_predictions], labels)
    return results


def direct_rows(prepared: DatasetDict, part: str, labels: Sequence[str]) -> Dataset:
    """The rows of a corpus part whose label is one of ``labels`` and was mapped directly from the corpus's own tag."""
    return prepared[part].filter(lambda row: row["label"] in labels and row["confidence"] == "direct")


def dev_scores(predict: Callable[[Sequence[str]], Sequence[str]], prepared: DatasetDict) -> dict[str, float]:
    """Macro-F1 on our dev split and on the MRDA dev meetings (its direct labels): what model selection looks at."""
    ours = prepared["ours_dev"]
    scores = {"ours_dev_macro_f1": f1_score(ours["label"], predict(ours["text"]), average="macro")}
    if "mrda_dev" in prepared:
        labels = CORPUS_LABELS["mrda"]
        mrda = direct_rows(prepared, "mrda_dev", labels)
        scores["mrda_dev_macro_f1"] = f1_score(mrda["label"], predict(mrda["text"]), labels=labels, average="macro")
    return {name: round(float(value), 4) for name, value in scores.items()}


def selection_score(row: dict[str, Any]) -> float:
    """How mixtures are compared: the mean of our dev macro-F1 and the real MRDA dev meetings' macro-F1.

    Our dev split alone rewards fitting the way our writers write; the MRDA meetings are real talk nobody here wrote.
    """
    ours = float(row["ours_dev_macro_f1"])
    return (ours + float(row.get("mrda_dev_macro_f1", ours))) / 2


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
