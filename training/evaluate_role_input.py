"""The role-reading ablation on the dev splits: a model trained with ``--role-drop`` read with and without the
speaker's role before each utterance, beside a model that never saw roles.

    python -m training.evaluate_role_input models/minilm-int8 artifacts/minilm-roles-int8

For each exported model (``training.export_onnx``, calibrated by ``training.calibrate``), prints macro-F1 and advice
precision / recall on our dev split, the AnnoMI dev transcripts (whole turns), our dev meetings (their annotated
roles, per slot) and the MRDA dev meetings (no roles): each read plain, with the role given to the model (``role``),
and with the role rules applied after (``+rules``, ``coach.labels.label_for_role``, as reports apply them). Test
splits are never looked at here.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from datasets import disable_progress_bars, load_from_disk
from sklearn.metrics import f1_score, precision_recall_fscore_support

from coach.classifier.loading import read_config
from coach.classifier.onnx_backend import OnnxClassifier
from coach.labels import ADVICE, LABELS, label_for_role
from training.data import PREPARED_DIR
from training.evaluate import CORPUS_LABELS, direct_rows
from training.train_transformer import with_role

#: The dev sets scored; those that record each speaker's role (ours, AnnoMI, our meetings) are read with it too.
DEV_SETS = ("ours_dev", "annomi_dev", "meetings_dev", "mrda_dev")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("models", nargs="+", type=Path)
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    args = parser.parse_args()
    disable_progress_bars()
    prepared = load_from_disk(str(args.prepared), keep_in_memory=True)
    for directory in args.models:
        classifier = OnnxClassifier.from_dir(directory, read_config(directory))
        scores: dict[str, str] = {}
        for name in (name for name in DEV_SETS if name in prepared):
            part = direct_rows(prepared, name, CORPUS_LABELS["mrda"]) if name == "mrda_dev" else prepared[name]
            labels = CORPUS_LABELS["mrda"] if name == "mrda_dev" else list(LABELS)
            texts, contexts = list(part["text"]), list(part["context"])
            readings = {"plain": texts}
            roles = list(part["role"]) if "role" in part.column_names else None
            if roles is not None:
                readings["role"] = [with_role(text, role) for text, role in zip(texts, roles, strict=True)]
            for reading, inputs in readings.items():
                predictions = classifier.predict(inputs, contexts)
                ways = {reading: [p.label for p in predictions]}
                if roles is not None:
                    ways[f"{reading}+rules"] = [
                        label_for_role(p.label, p.scores, role) for p, role in zip(predictions, roles, strict=True)
                    ]
                for way, found in ways.items():
                    f1 = f1_score(part["label"], found, labels=labels, average="macro")
                    p, r, _, _ = precision_recall_fscore_support(part["label"], found, labels=[ADVICE], zero_division=0)
                    scores[f"{name} {way}"] = f"F1 {f1:.3f}, advice P {p[0]:.2f} R {r[0]:.2f}"
        print(directory, json.dumps(scores, indent=1))


if __name__ == "__main__":
    main()
