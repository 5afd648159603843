"""Train and measure the caption boundary tagger (``coach.classifier.boundaries``).

    python -m training.train_boundaries [--C 1.0]

Runs of words with known sentence boundaries come from two sources, with the punctuation stripped the way a
captioning tool leaves it (``training.data.strip_text``): our conversations (a turn's sentences) and AnnoMI (a turn's
sentences by its transcribers' punctuation). Each keeps its own train/dev/test split. MRDA was tried too: its
dialogue acts cut clauses finer than sentences ("because nobody owned it" on its own), and adding it lowered the
boundary F1 on both other sources' test runs (ours 0.39 -> 0.35, AnnoMI 0.57 -> 0.51). The threshold is chosen on
the dev runs for the best boundary F1; the test runs give the figures in ``models/boundaries/metrics.json``.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

from coach.classifier.boundaries import BOUNDARIES_DIR, N_FEATURES, feature_indices, gap_features
from coach.classifier.segment import split_sentences
from training.annomi import read_annomi
from training.data import annotated_split, strip_text

#: A run is the words of one turn and the gaps after which a new utterance starts.
Run = tuple[list[str], set[int]]
SOURCES = ("ours", "annomi")


def run_of(units: list[str]) -> Run:
    words: list[str] = []
    gaps: set[int] = set()
    for unit in units:
        unit_words = strip_text(unit).split()
        if not unit_words:
            continue
        if words:
            gaps.add(len(words) - 1)
        words += unit_words
    return words, gaps


def ours_runs(split: str) -> Iterator[Run]:
    rows = annotated_split(split)
    for _, turn in groupby(rows, key=lambda row: (row["conversation_id"], row["turn"])):
        # A written row can hold several sentences; the product splits those at their punctuation, so they count.
        yield run_of([sentence for row in turn for sentence in split_sentences(str(row["text"]))])


def annomi_runs(split: str) -> Iterator[Run]:
    annomi = read_annomi()
    for text in annomi[annomi["split"] == split]["text"]:
        yield run_of(split_sentences(text))


def runs(source: str, split: str) -> list[Run]:
    reader = {"ours": ours_runs, "annomi": annomi_runs}[source]
    return [run for run in reader(split) if len(run[0]) > 1]


def gaps_matrix(all_runs: list[Run]) -> tuple[csr_matrix, npt.NDArray[np.int8]]:
    """One row of hashed features per gap (a feature hashed twice counts twice, as in serving), and its label."""
    columns: list[int] = []
    row_starts = [0]
    labels: list[int] = []
    for words, gaps in all_runs:
        for gap in gap_features(words):
            columns += feature_indices(gap)
            row_starts.append(len(columns))
        labels += [int(i in gaps) for i in range(len(words) - 1)]
    data = np.ones(len(columns), dtype=np.float32)
    matrix = csr_matrix((data, columns, row_starts), shape=(len(labels), N_FEATURES))
    matrix.sum_duplicates()
    return matrix, np.array(labels, dtype=np.int8)


def boundary_f1(gold: npt.NDArray[np.int8], predicted: npt.NDArray[np.bool_]) -> dict[str, float | int]:
    hits = int((gold.astype(bool) & predicted).sum())
    precision = hits / max(int(predicted.sum()), 1)
    recall = hits / max(int(gold.sum()), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {
        "boundaries": int(gold.sum()),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--C", type=float, default=1.0, dest="c")
    parser.add_argument("--output", type=Path, default=BOUNDARIES_DIR)
    args = parser.parse_args()
    started = time.perf_counter()
    data = {(source, split): runs(source, split) for source in SOURCES for split in ("train", "dev", "test")}
    train_x, train_y = gaps_matrix([run for source in SOURCES for run in data[(source, "train")]])
    model = LogisticRegression(C=args.c, max_iter=2000, solver="liblinear")
    model.fit(train_x, train_y)
    weights, bias = model.coef_[0].astype(np.float32), float(model.intercept_[0])

    def probabilities(all_runs: list[Run]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float64]]:
        x, y = gaps_matrix(all_runs)
        return y, 1.0 / (1.0 + np.exp(-(x @ weights + bias)))

    dev_y, dev_p = probabilities([run for source in SOURCES for run in data[(source, "dev")]])
    threshold = max(np.arange(0.2, 0.81, 0.05), key=lambda t: boundary_f1(dev_y, dev_p >= t)["f1"])
    metrics: dict[str, Any] = {"threshold": round(float(threshold), 2)}
    for split in ("dev", "test"):
        for source in SOURCES:
            y, p = probabilities(data[(source, split)])
            metrics[f"{source}_{split}"] = boundary_f1(y, p >= threshold)
        y, p = probabilities([run for source in SOURCES for run in data[(source, split)]])
        metrics[f"all_{split}"] = boundary_f1(y, p >= threshold)
    args.output.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.output / "boundaries.npz", weights=weights, bias=np.float32(bias))
    config = {
        "name": "coach-boundaries",
        "version": "1",
        "threshold": round(float(threshold), 2),
        "n_features": N_FEATURES,
        "C": args.c,
        "train_gaps": int(train_y.shape[0]),
        "train_runs": {source: len(data[(source, "train")]) for source in SOURCES},
        "train_seconds": round(time.perf_counter() - started, 1),
    }
    (args.output / "boundaries.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    (args.output / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({**config, **metrics}, indent=1))


if __name__ == "__main__":
    main()
