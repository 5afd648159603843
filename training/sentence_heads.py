"""Fitting a sentence head (``coach.feedback.sentence_heads``) on writers' sentences, as both shipped heads are fit
(``training.train_ideas_calls``, ``training.train_planned_openings``).

Each writer's file holds rows with a ``text`` and a yes-or-no field; each written row is used with its caption-style
copy (``training.data.strip_text``). Each text is embedded alone by the shipped sentence encoder, and a logistic
regression with balanced classes is fit on the embeddings: on the other writers for each writer's held-out ROC AUC,
then on all of them. The caller checks the head on the annotated meetings and chooses its threshold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from coach.classifier.sentence_encoder import SentenceEncoder, shared_encoder
from training.data import iter_jsonl, strip_text

ENCODER = "models/encoder (all-MiniLM-L6-v2 int8)"
#: A writer's texts and whether each is what the head is for.
WriterRows = tuple[list[str], npt.NDArray[np.int_]]


def writer_rows(path: Path, key: str) -> WriterRows:
    """A writer's texts, each written one followed by its caption-style copy, and whether each is what the head is
    for (the row's ``key``)."""
    texts: list[str] = []
    answers: list[int] = []
    for row in iter_jsonl(path):
        copies = [row["text"]] if row.get("style") == "caption" else [row["text"], strip_text(row["text"])]
        texts += copies
        answers += [int(bool(row[key]))] * len(copies)
    return texts, np.array(answers)


def embed(encoder: SentenceEncoder, texts: Sequence[str]) -> npt.NDArray[np.float32]:
    """One embedding per text, each text embedded alone (as ``SentenceHead`` reads them)."""
    return np.vstack([encoder.embed([text]) for text in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def fit(features: npt.NDArray[np.float32], answers: npt.NDArray[np.int_], c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(features, answers)


@dataclass(frozen=True)
class FittedHead:
    """A head fit on every writer (``writers``: each one's rows), each writer's ROC AUC from a head fit on the
    others, and the head's probability for each text it was checked on."""

    writers: dict[str, WriterRows]
    model: LogisticRegression
    held_out_auc: dict[str, float]
    probabilities: list[float]

    def record(
        self, name: str, threshold: float, described: Mapping[str, Any], measured: Mapping[str, Any]
    ) -> dict[str, Any]:
        """The head as ``models/<name>/model.json`` keeps it: weights, bias and ``threshold``, what ``described`` it
        (settings, rows), the writers' held-out ROC AUC, and what was ``measured`` on the meetings."""
        return {
            "name": name,
            "encoder": ENCODER,
            "weights": [round(float(w), 6) for w in self.model.coef_[0]],
            "bias": round(float(self.model.intercept_[0]), 6),
            "threshold": threshold,
            **described,
            "held_out_writer_auc": self.held_out_auc,
            **measured,
        }


def fit_head(paths: Sequence[Path], key: str, c: float, checked: Sequence[str]) -> FittedHead:
    """Fit a head on the writers' files ``paths`` (answers in ``key``) and read the ``checked`` texts with it."""
    encoder = shared_encoder()
    writers = {path.stem: writer_rows(path, key) for path in paths}
    features = {name: embed(encoder, texts) for name, (texts, _) in writers.items()}
    held_out_auc = {}
    for name in writers:
        others = [other for other in writers if other != name]
        model = fit(np.vstack([features[o] for o in others]), np.concatenate([writers[o][1] for o in others]), c)
        held_out_auc[name] = round(float(roc_auc_score(writers[name][1], model.decision_function(features[name]))), 4)
    model = fit(np.vstack(list(features.values())), np.concatenate([rows for _, rows in writers.values()]), c)
    probabilities = [float(p) for p in model.predict_proba(embed(encoder, checked))[:, 1]]
    return FittedHead(writers, model, held_out_auc, probabilities)


def lowest_threshold(
    figures_at: Callable[[float], dict[str, int]], grid: npt.NDArray[np.float64], errors: str, most: int
) -> tuple[float, dict[float, dict[str, int]]]:
    """The lowest threshold of ``grid`` whose figures (``figures_at``) count at most ``most`` ``errors``, and the
    figures at every threshold of it."""
    by_threshold = {round(float(t), 2): figures_at(float(t)) for t in grid}
    return min(t for t, figures in by_threshold.items() if figures[errors] <= most), by_threshold


def write_head(head: dict[str, Any], output: Path) -> None:
    """Write ``head`` to ``output`` and print it, less its weights and its figures at every threshold."""
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(head, indent=1) + "\n", encoding="utf-8")
    shown = {key: value for key, value in head.items() if key not in ("weights", "meetings_train_dev_by_threshold")}
    print(json.dumps(shown, indent=1))
    print(f"wrote {output}")
