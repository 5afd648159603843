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
    return lambda texts, contexts: [
        p.label for p in coach.classify_utterances(list(texts), None if contexts is None else list(contexts))
    ]


def advice_scores(coach: Coach, prepared: DatasetDict) -> dict[str, tuple[float, float, int]]:
    """Advice precision, recall and gold count on each dev set of :data:`ADVICE_SETS` the prepared data holds."""
    scores: dict[str, tuple[float, float, int]] = {}
    for name in ADVICE_SETS:
        if name not in prepared:
            continue
        corpus = name.removesuffix("_dev")
        part = direct_rows(prepared, name, CORPUS_LABELS[corpus]) if corpus in CORPUS_LABELS else prepared[name]
        texts, contexts = list(part["text"]), list(part["context"])
        read = coach.classify(texts, contexts) if name == "annomi_dev" else coach.classify_utterances(texts, contexts)
        gold = list(part["label"])
        precision, recall, _, support = precision_recall_fscore_support(
            gold, [p.label for p in read], labels=[ADVICE], zero_division=0
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
        scores = dev_scores(labeller(coach), prepared)
        sources = " + ".join(settings.get("sources", [])) or "none (ours only)"
        weight = settings.get("corpus_weight", "-") if settings.get("sources") else "-"
        figures = " | ".join(f"{scores[key]:.3f}" if key in scores else "-" for key in SELECTION_KEYS)
        mixtures.append(f"| {directory} | {sources} | {weight} | {figures} | {selection_score(scores):.3f} |")
        advice = advice_scores(coach, prepared)
        advice_rows.append(f"| {directory} | " + " | ".join(_cell(advice.get(name)) for name in ADVICE_SETS) + " |")
    print("\n".join([*mixtures, "", *advice_rows]))


def _cell(score: tuple[float, float, int] | None) -> str:
    """Advice precision / recall (gold count), or "-" for a dev set the prepared data does not hold."""
    return "-" if score is None else f"{score[0]:.2f} / {score[1]:.2f} ({score[2]})"


if __name__ == "__main__":
    main()
