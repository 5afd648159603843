"""Does each training source help the transformer? Dev-split scores of models trained on different mixtures.

    python -m training.compare_mixtures models/minilm-int8 artifacts/ablation/ours-only-int8 ...

Each argument is an exported model directory (``training.export_onnx --output DIR``) whose ``config.json`` records
the sources it was trained on. Prints, per model, macro-F1 on our dev split, the MRDA dev meetings and the AnnoMI dev
transcripts and their mean, the selection score of training; then advice precision and recall on every dev set that
annotates advice (ours, MRDA, AMI, our dev meetings, and AnnoMI's turns as ``coach analyze`` labels them), where the
issue of advice read into statements shows. Test splits are never looked at here.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from datasets import DatasetDict, disable_progress_bars, load_from_disk
from sklearn.metrics import precision_recall_fscore_support

from coach.classifier import Coach
from coach.labels import ADVICE
from training.data import PREPARED_DIR
from training.evaluate import CORPUS_LABELS, SELECTION_KEYS, Labeller, dev_scores, direct_rows, selection_score

#: The dev sets whose advice is annotated, in the order printed.
ADVICE_SETS = ("ours_dev", "mrda_dev", "ami_dev", "meetings_dev", "annomi_dev")


def labeller(coach: Coach) -> Labeller:
    """The model's labels of utterances read with their contexts, each set of texts read once: the mixture table and
    the advice table ask for the same dev sets."""
    read: dict[tuple[tuple[str, ...], tuple[str, ...] | None], list[str]] = {}

    def predict(texts: Sequence[str], contexts: Sequence[str] | None) -> list[str]:
        key = (tuple(texts), None if contexts is None else tuple(contexts))
        if key not in read:
            read[key] = [
                p.label for p in coach.classify_utterances(list(texts), None if contexts is None else list(contexts))
            ]
        return read[key]

    return predict


def advice_scores(coach: Coach, predict: Labeller, prepared: DatasetDict) -> dict[str, tuple[float, float, int]]:
    """Advice precision, recall and gold count on each dev set of :data:`ADVICE_SETS` the prepared data holds, with
    ``predict`` (:func:`labeller`) for utterances and AnnoMI's turns as ``coach analyze`` labels them."""
    scores: dict[str, tuple[float, float, int]] = {}
    for name in ADVICE_SETS:
        if name not in prepared:
            continue
        corpus = name.removesuffix("_dev")
        part = direct_rows(prepared, name, CORPUS_LABELS[corpus]) if corpus in CORPUS_LABELS else prepared[name]
        texts, contexts = list(part["text"]), list(part["context"])
        if name == "annomi_dev":
            predicted = [p.label for p in coach.classify(texts, contexts)]
        else:
            predicted = list(predict(texts, contexts))
        precision, recall, _, support = precision_recall_fscore_support(
            list(part["label"]), predicted, labels=[ADVICE], zero_division=0
        )
        scores[name] = (round(float(precision[0]), 2), round(float(recall[0]), 2), int(support[0]))
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    args = parser.parse_args()
    disable_progress_bars()
    prepared = load_from_disk(str(args.prepared), keep_in_memory=True)
    mixtures = ["| model | corpora added to ours | corpus weight | our dev | MRDA dev | AnnoMI dev | mean |"]
    mixtures.append("|---" * 7 + "|")
    advice_rows = ["| model | " + " | ".join(f"{name}: advice P / R (n)" for name in ADVICE_SETS) + " |"]
    advice_rows.append("|---|" + "---|" * len(ADVICE_SETS))
    for directory in args.models:
        coach = Coach.load(directory)
        settings = coach.info.get("training", {}).get("settings", {})
        predict = labeller(coach)
        scores = dev_scores(predict, prepared)
        sources = " + ".join(settings.get("sources", [])) or "none (ours only)"
        weight = settings.get("corpus_weight", "-") if settings.get("sources") else "-"
        figures = " | ".join(f"{scores[key]:.3f}" if key in scores else "-" for key in SELECTION_KEYS)
        mixtures.append(f"| {directory} | {sources} | {weight} | {figures} | {selection_score(scores):.3f} |")
        advice = advice_scores(coach, predict, prepared)
        advice_rows.append(f"| {directory} | " + " | ".join(_cell(advice.get(name)) for name in ADVICE_SETS) + " |")
    print("\n".join([*mixtures, "", *advice_rows]))


def _cell(score: tuple[float, float, int] | None) -> str:
    """Advice precision / recall (gold count), or "-" for a dev set the prepared data does not hold."""
    return "-" if score is None else f"{score[0]:.2f} / {score[1]:.2f} ({score[2]})"


if __name__ == "__main__":
    main()
