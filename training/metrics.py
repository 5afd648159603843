"""Classification metrics shared by training, evaluation and the model tests."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support


def classification_metrics(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Per-label precision/recall/F1/support, macro-F1 over ``labels``, accuracy and the confusion matrix."""
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=list(labels), zero_division=0
    )
    matrix = confusion_matrix(gold, predicted, labels=list(labels))
    return {
        "n": len(gold),
        "macro_f1": round(float(f1_score(gold, predicted, labels=list(labels), average="macro", zero_division=0)), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(len(gold), 1), 4),
        "per_label": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        },
        "labels": list(labels),
        "confusion_matrix": matrix.tolist(),
    }


def format_metrics(title: str, metrics: dict[str, Any]) -> str:
    """A plain-text table of :func:`classification_metrics`, for terminals and model cards."""
    labels = metrics["labels"]
    lines = [f"{title}: macro-F1 {metrics['macro_f1']:.3f}, accuracy {metrics['accuracy']:.3f}, n={metrics['n']}"]
    lines.append(f"  {'label':16} {'precision':>9} {'recall':>7} {'f1':>6} {'support':>8}")
    for label in labels:
        row = metrics["per_label"][label]
        lines.append(f"  {label:16} {row['precision']:9.3f} {row['recall']:7.3f} {row['f1']:6.3f} {row['support']:8d}")
    short = [label[:6] for label in labels]
    lines.append("  confusion (rows gold, columns predicted): " + " ".join(f"{s:>6}" for s in short))
    for label, row in zip(labels, metrics["confusion_matrix"], strict=True):
        lines.append(f"  {label:16}" + " " * 26 + " ".join(f"{v:6d}" for v in row))
    return "\n".join(lines)
