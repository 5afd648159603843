"""The whole training workflow in one command: prepare -> train -> export -> evaluate -> model card.

Evaluation is per utterance (``training.evaluate``), then per session (``training.evaluate_sessions``).

    python -m training.workflow baseline       # about two minutes
    python -m training.workflow transformer    # fine-tunes MiniLM on the CPU; see the model card for the time it took
    python -m training.workflow boundaries     # the caption boundary tagger, about nine minutes
    python -m training.workflow ideas-calls    # the call-for-ideas head, then the meetings' figures with it
    python -m training.workflow planned-openings  # the planned-meeting opening head, then the meetings' figures

Each step is also its own module (``training.prepare``, ``training.train_baseline``, ``training.train_transformer``,
``training.export_onnx``, ``training.calibrate``, ``training.evaluate``, ``training.evaluate_sessions``,
``training.evaluate_roles``, ``training.evaluate_meetings``, ``training.model_card``,
``training.train_boundaries``, ``training.train_ideas_calls``, ``training.train_planned_openings``) with its own
``--help``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

STEPS = {
    "baseline": [
        ["training.prepare"],
        ["training.train_baseline", "--search"],
        ["training.evaluate", "--model", "models/baseline"],
        ["training.evaluate_sessions", "--model", "models/baseline"],
        ["training.model_card", "models/baseline"],
    ],
    "transformer": [
        ["training.prepare"],
        ["training.train_transformer"],
        ["training.export_onnx"],
        ["training.calibrate", "--model", "models/minilm-int8"],
        ["training.evaluate", "--model", "models/minilm-int8"],
        ["training.evaluate_sessions", "--model", "models/minilm-int8"],
        ["training.evaluate_roles", "--model", "models/minilm-int8"],
        ["training.evaluate_meetings", "--model", "models/minilm-int8"],
        ["training.model_card", "models/minilm-int8"],
    ],
    "boundaries": [
        ["training.train_boundaries"],
    ],
    "ideas-calls": [
        ["training.train_ideas_calls"],
        ["training.evaluate_meetings", "--model", "models/minilm-int8"],
        ["training.model_card", "models/minilm-int8"],
    ],
    "planned-openings": [
        ["training.train_planned_openings"],
        ["training.evaluate_meetings", "--model", "models/minilm-int8"],
        ["training.model_card", "models/minilm-int8"],
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=sorted(STEPS))
    args = parser.parse_args()
    for step in STEPS[args.model]:
        print(f"== python -m {' '.join(step)}", flush=True)
        subprocess.run([sys.executable, "-m", *step], check=True)


if __name__ == "__main__":
    main()
