"""Does each training source help the transformer? Dev-split scores of models trained on different mixtures.

    python -m training.compare_mixtures models/minilm-int8 artifacts/ablation/ours-only-int8 ...

Each argument is an exported model directory (``training.export_onnx --output DIR``) whose ``config.json`` records
the sources it was trained on. Prints, per model, macro-F1 on our dev split and on the MRDA dev meetings and their
mean, the same selection score the baseline's mixture search uses. Test splits are never looked at here.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from datasets import disable_progress_bars, load_from_disk

from coach.classifier import Coach
from training.data import PREPARED_DIR
from training.evaluate import dev_scores


def labeller(coach: Coach) -> Callable[[Sequence[str]], list[str]]:
    return lambda texts: [prediction.label for prediction in coach.classify_utterances(list(texts))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    args = parser.parse_args()
    disable_progress_bars()
    prepared = load_from_disk(str(args.prepared), keep_in_memory=True)
    print("| model | corpora added to ours | corpus weight | our dev macro-F1 | MRDA dev macro-F1 | mean |")
    print("|---|---|---|---|---|---|")
    for directory in args.models:
        coach = Coach.load(directory)
        settings = coach.info.get("training", {}).get("settings", {})
        scores = dev_scores(labeller(coach), prepared)
        ours, mrda = scores["ours_dev_macro_f1"], scores.get("mrda_dev_macro_f1", scores["ours_dev_macro_f1"])
        sources = " + ".join(settings.get("sources", [])) or "none (ours only)"
        weight = settings.get("corpus_weight", "-") if settings.get("sources") else "-"
        print(f"| {directory} | {sources} | {weight} | {ours:.3f} | {mrda:.3f} | {(ours + mrda) / 2:.3f} |")


if __name__ == "__main__":
    main()
