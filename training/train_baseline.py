"""Step 2a, train the scikit-learn baseline and save it to ``models/baseline`` with skops.

    python -m training.train_baseline [--sources mrda ami] [--corpus-weight 0.1] [--search]

``--search`` first compares mixtures (our data alone, with each corpus, with both) on our dev split and the MRDA dev
meetings, prints the table, records it in the model's ``config.json`` (the model card shows it), and trains the
best one.
"""

from __future__ import annotations

import argparse
import json
import time
import zipfile
from collections.abc import Sequence
from itertools import product
from pathlib import Path
from typing import Any

import skops.io as sio
from datasets import DatasetDict, disable_progress_bars, load_from_disk
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from coach.classifier.features import CompactTfidfVectorizer, CueFeatures
from coach.labels import LABELS
from training.data import PREPARED_DIR, ROOT
from training.evaluate import Labeller, dev_scores, selection_score
from training.mixture import training_rows

OUTPUT_DIR = ROOT / "models" / "baseline"


def build_pipeline(c: float = 4.0) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "words",
                CompactTfidfVectorizer(
                    ngram_range=(1, 2), min_df=2, sublinear_tf=True, token_pattern=r"(?u)\b\w[\w']*\b"
                ),
            ),
            (
                "chars",
                CompactTfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), min_df=3, sublinear_tf=True, max_features=150_000
                ),
            ),
            ("cues", CueFeatures()),
        ]
    )
    classifier = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    return Pipeline([("features", features), ("classifier", classifier)])


def fit(prepared: DatasetDict, sources: Sequence[str], corpus_weight: float, c: float) -> Pipeline:
    rows = training_rows(prepared, sources, corpus_weight)
    pipeline = build_pipeline(c)
    pipeline.fit(rows.texts, rows.labels, classifier__sample_weight=rows.weights)
    return pipeline


def labeller(pipeline: Pipeline) -> Labeller:
    """The pipeline as a dev-score labeller; the baseline reads each utterance alone, so contexts are ignored."""
    return lambda texts, contexts: list(pipeline.predict(list(texts)))


def search(prepared: DatasetDict, c: float) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Train every mixture (ours alone, with each corpus, with both) at a few corpus weights; the best and all."""
    available = [name for name in ("mrda", "ami") if f"{name}_train" in prepared]
    mixtures: list[tuple[str, ...]] = [(name,) for name in available]
    if len(available) > 1:
        mixtures.append(tuple(available))
    candidates = [((), 0.0), *product(mixtures, (0.1, 0.2, 0.4))]
    results = []
    for sources, weight in candidates:
        pipeline = fit(prepared, sources, weight, c)
        row = {"sources": list(sources), "corpus_weight": weight, "C": c, **dev_scores(labeller(pipeline), prepared)}
        row["selection_score"] = round(selection_score(row), 4)
        print(json.dumps(row), flush=True)
        results.append(row)
    best = max(results, key=selection_score)
    return best, results


def save(pipeline: Pipeline, output: Path, settings: dict[str, Any], seconds: float) -> None:
    output.mkdir(parents=True, exist_ok=True)
    sio.dump(pipeline, output / "model.skops", compression=zipfile.ZIP_DEFLATED)
    config = {
        "name": "coach-baseline",
        "version": "1",
        "backend": "sklearn",
        "file": "model.skops",
        "labels": list(pipeline.classes_),
        "training": {**settings, "train_seconds": round(seconds, 1)},
    }
    (output / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--sources", nargs="*", default=["mrda"], help="corpora to add to our data")
    parser.add_argument("--corpus-weight", type=float, default=0.1)
    parser.add_argument("--C", type=float, default=4.0, dest="c")
    parser.add_argument("--search", action="store_true", help="choose sources, weight and C on the dev splits")
    args = parser.parse_args()
    disable_progress_bars()
    prepared = load_from_disk(str(args.prepared), keep_in_memory=True)
    settings: dict[str, Any] = {"sources": args.sources, "corpus_weight": args.corpus_weight, "C": args.c}
    if args.search:
        best, results = search(prepared, args.c)
        settings = {key: best[key] for key in ("sources", "corpus_weight", "C")}
        settings["search"] = results
        print("best:", json.dumps(best))
    started = time.perf_counter()
    pipeline = fit(prepared, settings["sources"], settings["corpus_weight"], settings["C"])
    seconds = time.perf_counter() - started
    assert set(pipeline.classes_) == set(LABELS), pipeline.classes_
    save(pipeline, args.output, settings, seconds)
    dev = json.dumps(dev_scores(labeller(pipeline), prepared))
    print(f"trained in {seconds:.1f} s; dev: {dev}; saved to {args.output}")


if __name__ == "__main__":
    main()
