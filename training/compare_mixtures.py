"""Does each training source help the transformer? Dev-split scores of models trained on different mixtures.

    python -m training.compare_mixtures models/minilm-int8 artifacts/ablation/ours-only-int8 ...

Each argument is an exported model directory (``training.export_onnx --output DIR``) whose ``config.json`` records
the sources it was trained on. Prints, per model, macro-F1 on our dev split, the MRDA dev meetings and the AnnoMI dev
transcripts and their mean, the selection score of training. Test splits are never looked at here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from datasets import disable_progress_bars, load_from_disk

from coach.classifier import Coach
from training.data import PREPARED_DIR
from training.evaluate import SELECTION_KEYS, Labeller, dev_scores, selection_score


def labeller(coach: Coach) -> Labeller:
    return lambda texts, contexts: [
        p.label for p in coach.classify_utterances(list(texts), None if contexts is None else list(contexts))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    args = parser.parse_args()
    disable_progress_bars()
    prepared = load_from_disk(str(args.prepared), keep_in_memory=True)
    print("| model | corpora added to ours | corpus weight | our dev | MRDA dev | AnnoMI dev | mean |")
    print("|---|---|---|---|---|---|---|")
    for directory in args.models:
        coach = Coach.load(directory)
        settings = coach.info.get("training", {}).get("settings", {})
        scores = dev_scores(labeller(coach), prepared)
        sources = " + ".join(settings.get("sources", [])) or "none (ours only)"
        weight = settings.get("corpus_weight", "-") if settings.get("sources") else "-"
        figures = " | ".join(f"{scores[key]:.3f}" if key in scores else "-" for key in SELECTION_KEYS)
        print(f"| {directory} | {sources} | {weight} | {figures} | {selection_score(scores):.3f} |")


if __name__ == "__main__":
    main()
