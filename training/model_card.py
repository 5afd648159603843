"""Step 5, write ``MODEL_CARD.md`` for a model directory from its config, metrics and parity files.

python -m training.model_card models/baseline
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from training.metrics import format_metrics

TEST_SETS = {
    "ours_test": "Our test split (held-out conversations)",
    "ours_test_stripped": "Our test split, lower-cased with punctuation removed (caption style)",
    "mrda_test": "MRDA test meetings (labels it annotates directly: open, closed, advice, other)",
    "ami_test": "AMI test meetings (labels it annotates directly: advice, other)",
}

DATA = """## Data
- **Our annotated conversations** (`data/annotated/`, written for Coach; see its README and GUIDELINES.md): fictional
  action learning set sessions and practice exchanges across sectors, about a quarter in caption style. Split by
  conversation (`data/annotated/splits.json`); the test split is never used for training or model selection.
- **ICSI Meeting Recorder Dialog Act corpus (MRDA)**: real meetings; rows mapped to our labels (see
  `shared/corpora/README.md`), used from its own train partition; reported as CC BY 4.0 by its distributors.
- **AMI Meeting Corpus**, manual dialogue acts 1.6.2 (CC BY 4.0): real design meetings; used where the training
  settings below list it.
Corpus rows are weak supervision (engineering and design meetings, approximate mappings) and are given a lower
weight than our own rows. No corpus text is copied into this repository.
"""

SERVING = """## Serving
The shipped file is the fine-tuned model exported with `torch.onnx.export(dynamo=True)` and quantised with
onnxruntime's dynamic int8 quantisation, per-channel weight scales (per-tensor scales kept only 97.9% of PyTorch's
labels on our test split; per-channel 99.4%, at fp32's macro-F1). Serving needs `onnxruntime` and `tokenizers` only.
Dynamic quantisation scales activations per tensor, so a padded batch would let one text's label depend on the texts
beside it; `config.json` therefore sets `batch_size` 1, and the backend spreads the runs of a call over worker
threads instead. Speed and memory: `python -m benchmarks.classifiers` (results in the README).
"""

LIMITS = """## Known limits
- Our own data is written for Coach, not recorded: real sessions will be messier. The corpus test sets are the
  closest thing to unseen real talk here, and only for the labels they annotate.
- Open vs closed depends on the answer a question invites; one-fact "what/how many" questions and requests for
  elaboration without a question mark are the commonest confusions.
- Advice dressed as a question is recognised from its wording; advice implied only by tone is missed.
- `leading` is derived: advice whose wording is a question.
- English only; trained on British workplace English.
- In real meetings (MRDA), process and task talk ("let's do the next one") is often labelled advice: MRDA's `other`
  rows are the commonest source of false advice. A presenter's own plans ("I'm going to talk to her") are sometimes
  labelled advice too; neither counts against the members' questioning ratio, but both show in per-speaker counts.
"""


def render(directory: Path) -> str:
    config: dict[str, Any] = json.loads((directory / "config.json").read_text())
    metrics: dict[str, Any] = json.loads((directory / "metrics.json").read_text())
    lines = [f"# Model card: {config['name']} (version {config['version']})", ""]
    lines.append(f"Backend: `{config['backend']}`. Labels: {', '.join(config['labels'])}.")
    if "base_model" in config:
        lines.append(f"Base model: {config['base_model']}.")
    lines += [
        "",
        "Produced by `python -m training.workflow` (see README); figures by `python -m training.evaluate`.",
        "",
    ]
    training = dict(config.get("training", {}))
    search = training.pop("search", None)
    lines += [DATA, "## Training settings", "", "```json", json.dumps(training, indent=1), "```", ""]
    if search:
        lines += _search_table(search)
    lines += ["## Results", ""]
    for key, title in TEST_SETS.items():
        if key in metrics:
            lines += ["```", format_metrics(title, metrics[key]), "```", ""]
    if "leading" in metrics:
        leading = metrics["leading"]
        lines += [
            f"Advice dressed as a question (`leading`) on our test split: precision {leading['precision']:.3f}, "
            f"recall {leading['recall']:.3f} (n={leading['support']}).",
            "",
        ]
    sessions_path = directory / "sessions.json"
    if sessions_path.is_file():
        sessions = json.loads(sessions_path.read_text())
        lines += [
            "## Session figure: questioning ratio from predicted vs gold labels (our test split)",
            "",
            f"Over {sessions['sessions']} test conversations (`python -m training.evaluate_sessions`): mean absolute "
            f"difference {sessions['mean_absolute_difference']}, largest {sessions['max_absolute_difference']}; "
            f"{sessions['within_tolerance']} of {sessions['sessions']} sessions within {sessions['tolerance']}.",
            "",
        ]
    parity_path = directory / "parity.json"
    if parity_path.is_file():
        parity = json.loads(parity_path.read_text())
        lines += ["## int8 vs fp32 vs PyTorch (our test split)", "", "| measure | value |", "|---|---|"]
        lines += [f"| {key} | {value} |" for key, value in parity.items()]
        lines.append("")
    if config["backend"] == "onnx":
        lines.append(SERVING)
    lines.append(LIMITS)
    return "\n".join(lines)


def _search_table(search: list[dict[str, Any]]) -> list[str]:
    """Which data mixture helped: every candidate the training search tried, scored on the dev splits."""
    lines = [
        "### Does each source help? (dev splits; chosen by the mean of the two)",
        "",
        "| corpora added to ours | corpus weight | our dev macro-F1 | MRDA dev macro-F1 | mean |",
        "|---|---|---|---|---|",
    ]
    for row in search:
        sources = " + ".join(row["sources"]) or "none (ours only)"
        lines.append(
            f"| {sources} | {row['corpus_weight']} | {row['ours_dev_macro_f1']:.3f} | "
            f"{row.get('mrda_dev_macro_f1', float('nan')):.3f} | {row['selection_score']:.3f} |"
        )
    return [*lines, ""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", type=Path)
    args = parser.parse_args()
    (args.model / "MODEL_CARD.md").write_text(render(args.model), encoding="utf-8")
    print(f"wrote {args.model / 'MODEL_CARD.md'}")


if __name__ == "__main__":
    main()
