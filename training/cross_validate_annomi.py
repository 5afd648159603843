"""Issue 14's session figure, cross-validated: the AUC of the members' questioning ratio, high against low quality,
over all 79 AnnoMI transcripts, each labelled by a model that never saw it.

    python -m training.cross_validate_annomi [--output artifacts/cv] [--folds 0 1 2 3 4]

The transcripts are cut into five folds by transcript, stratified by the experts' quality rating
(``data/corpora/annomi/folds.json``, recorded on the first run and never moved). For each fold the shipped recipe runs
as ``training.workflow transformer`` runs it, on a prepared dataset whose ``annomi_train`` is every other fold's
labelled turns (from all three splits) and which has no ``annomi_dev``:

- ``training.train_transformer``: the epoch is chosen on our dev split and MRDA's, never on the held-out fold;
- ``training.export_onnx``, with the shipped model's advice bias (``label_bias`` of ``models/minilm-int8``: chosen by
  ``training.calibrate`` on the recipe's dev splits, which hold 12 of the 79 transcripts);
- the held-out transcripts labelled as ``coach analyze`` labels them, roles given (the counsellor a member, the
  client the presenter), saved as ``fold-K/predictions.json``. A fold with its predictions saved is not run again, so
  a stopped run goes on where it stopped, and ``--folds`` runs some folds only.

With every fold's predictions saved it prints and writes ``annomi_cv.json`` beside the shipped model: the AUC from
the held-out labels, from AnnoMI's codes and from the guideline labels (every counsellor turn has one here: the dev
and test transcripts' double annotation and the train transcripts' single one, ``data/corpora/README.md``), and the
six-label macro-F1 of the held-out turns against the guideline labels. A fold takes about 25 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
from datasets import Dataset, concatenate_datasets, disable_progress_bars, load_from_disk

from coach.classifier import Coach
from coach.classifier.loading import read_config
from coach.labels import LABELS
from training.annomi import (
    ANNOMI_DIR,
    ANNOMI_GUIDELINE_CLIENTS_FILE,
    ANNOMI_GUIDELINE_FILE,
    ANNOMI_GUIDELINE_TRAIN_REST_FILE,
    read_annomi,
)
from training.data import ARTIFACTS_DIR, PREPARED_DIR, ROOT
from training.evaluate import analysed_turn_labels
from training.evaluate_sessions import quality_auc, quality_ratios
from training.metrics import classification_metrics, format_metrics

FOLDS_FILE = ANNOMI_DIR / "folds.json"
FOLDS = 5
SHIPPED_DIR = ROOT / "models" / "minilm-int8"


def make_folds(quality_by_transcript: dict[str, str], folds: int = FOLDS, seed: int = 13) -> list[list[str]]:
    """``folds`` lists of transcript ids: each quality's transcripts shuffled and dealt in turn, so that every fold has
    its share of the few low-quality ones."""
    rng = random.Random(seed)
    dealt: list[list[str]] = [[] for _ in range(folds)]
    position = 0
    for quality in sorted(set(quality_by_transcript.values())):
        ids = sorted((t for t, q in quality_by_transcript.items() if q == quality), key=int)
        rng.shuffle(ids)
        for transcript in ids:
            dealt[position % folds].append(transcript)
            position += 1
    return [sorted(fold, key=int) for fold in dealt]


def load_folds(transcripts: pd.DataFrame, path: Path = FOLDS_FILE) -> list[list[str]]:
    """The recorded folds; recorded from ``transcripts`` (``read_annomi``'s frame) if there are none yet."""
    if not path.is_file():
        quality = transcripts.groupby("conversation_id")["quality"].first()
        folds = make_folds({conversation.removeprefix("annomi/"): q for conversation, q in quality.items()})
        path.write_text(json.dumps(folds, indent=1) + "\n", encoding="utf-8")
    recorded: list[list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return recorded


def fold_prepared(prepared_dir: Path, held_out: set[str], output: Path) -> None:
    """The prepared dataset of one fold: AnnoMI's labelled turns outside ``held_out`` (conversation ids) to train on
    and none to choose the epoch on; every other part as prepared."""
    prepared = load_from_disk(str(prepared_dir))
    annomi = concatenate_datasets([prepared[f"annomi_{split}"] for split in ("train", "dev", "test")])
    parts: dict[str, Dataset] = {name: part for name, part in prepared.items() if not name.startswith("annomi_")}
    parts["annomi_train"] = annomi.filter(lambda row: row["conversation_id"] not in held_out)
    type(prepared)(parts).save_to_disk(str(output))


def run_fold(fold: int, held_out: set[str], transcripts: pd.DataFrame, prepared_dir: Path, output: Path) -> None:
    """Train, export and label one fold's held-out transcripts into ``output/fold-K/predictions.json``."""
    directory = output / f"fold-{fold}"
    directory.mkdir(parents=True, exist_ok=True)
    fold_prepared(prepared_dir, held_out, directory / "prepared")
    steps = [
        ["training.train_transformer", "--prepared", directory / "prepared", "--output", directory / "minilm"],
        [
            "training.export_onnx",
            *("--model", directory / "minilm", "--output", directory / "minilm-int8"),
            *("--fp32", directory / "minilm-fp32" / "model.onnx", "--prepared", directory / "prepared"),
        ],
    ]
    for step in steps:
        print(f"== fold {fold}: python -m {' '.join(map(str, step))}", flush=True)
        subprocess.run([sys.executable, "-m", *map(str, step)], check=True)
    config_file = directory / "minilm-int8" / "config.json"
    config = read_config(directory / "minilm-int8")
    config["label_bias"] = read_config(SHIPPED_DIR)["label_bias"]
    config_file.write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    coach = Coach.load(directory / "minilm-int8")
    mine = transcripts[transcripts["conversation_id"].isin(held_out)]
    gold, predicted = analysed_turn_labels(coach, mine, given_roles=True)
    result = {"fold": fold, "ratios": quality_ratios(coach, mine), "gold": gold, "predicted": predicted}
    (directory / "predictions.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The AUCs over every fold's held-out transcripts, and the macro-F1 of their turns."""
    gold = [label for result in results for label in result["gold"]]
    predicted = [label for result in results for label in result["predicted"]]
    auc = quality_auc([row for result in results for row in result["ratios"]])
    return {"folds": len(results), **auc, "turns": classification_metrics(gold, predicted, LABELS)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=ARTIFACTS_DIR / "cv")
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR, help="from `python -m training.prepare`")
    parser.add_argument("--folds", type=int, nargs="*", default=list(range(FOLDS)), help="which folds to run")
    args = parser.parse_args()
    disable_progress_bars()
    if not args.prepared.is_dir():
        parser.error(f"{args.prepared} is missing: run `python -m training.prepare` first")
    transcripts = read_annomi(
        guideline_files=[ANNOMI_GUIDELINE_FILE, ANNOMI_GUIDELINE_TRAIN_REST_FILE, ANNOMI_GUIDELINE_CLIENTS_FILE]
    )
    folds = load_folds(transcripts)
    for fold in args.folds:
        if not (args.output / f"fold-{fold}" / "predictions.json").is_file():
            held_out = {f"annomi/{transcript}" for transcript in folds[fold]}
            run_fold(fold, held_out, transcripts, args.prepared, args.output)
    saved = [args.output / f"fold-{fold}" / "predictions.json" for fold in range(len(folds))]
    if not all(path.is_file() for path in saved):
        print(f"folds done: {[fold for fold, path in enumerate(saved) if path.is_file()]} of {len(folds)}")
        return
    summary = summarise([json.loads(path.read_text(encoding="utf-8")) for path in saved])
    print(
        f"AnnoMI, {summary['transcripts']} transcripts ({summary['low_quality']} low quality), {FOLDS}-fold "
        f"cross-validated: AUC of the members' questioning ratio, high vs low: model {summary['auc_model']}, experts' "
        f"codes {summary['auc_codes']}, guideline labels {summary['auc_guideline']}"
    )
    print(format_metrics("held-out turns, as analysed, against the guideline labels", summary["turns"]))
    (SHIPPED_DIR / "annomi_cv.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SHIPPED_DIR / 'annomi_cv.json'}")


if __name__ == "__main__":
    main()
