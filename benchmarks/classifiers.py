"""Benchmark every backend on the same inputs: accuracy, latency, throughput, memory and load time.

    python -m benchmarks.classifiers [--threads 2]

Each backend runs in its own process, which reads the inputs from a JSON file (no pandas or datasets imported), so that
its peak memory is the backend's own. Inputs: the utterances of our test split, each with its context (the previous
turn of another speaker), as ``coach analyze`` reads them; the baseline ignores the context.
Backends: the shipped int8 ONNX model, the fp32 ONNX export (``artifacts/minilm-fp32``), the same fine-tuned model in
PyTorch (``artifacts/minilm``), and the scikit-learn baseline. Missing artifacts are reported, not faked.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from coach.labels import LABELS

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS_DIR = ROOT / "artifacts"

BACKENDS = ("onnx-int8", "onnx-fp32", "pytorch-fp32", "baseline")
SINGLE_RUNS = 300
BATCH_SIZE = 64


Predict = Callable[[Sequence[str], Sequence[str]], list[str]]


def load_backend(name: str, threads: int) -> Predict:
    """A function from texts and their contexts to labels for backend ``name``."""
    if name == "baseline":
        from coach.classifier.loading import load_classifier

        baseline = load_classifier("baseline")
        return lambda texts, contexts: [p.label for p in baseline.predict(texts, contexts)]
    if name.startswith("onnx"):
        from coach.classifier.loading import read_config
        from coach.classifier.onnx_backend import OnnxClassifier

        directory = ROOT / "models" / "minilm-int8"
        config = read_config(directory)
        if name == "onnx-fp32":
            # fp32 has no dynamic activation scales, so it may batch like PyTorch does.
            config["file"] = str(ARTIFACTS_DIR / "minilm-fp32" / "model.onnx")
            config["batch_size"] = BATCH_SIZE
        onnx = OnnxClassifier.from_dir(directory, config, threads=threads)
        return lambda texts, contexts: [p.label for p in onnx.predict(texts, contexts)]
    import torch
    from transformers import AutoModelForSequenceClassification

    from coach.classifier.encoding import encode, load_tokenizer, pad

    torch.set_num_threads(threads)
    model = AutoModelForSequenceClassification.from_pretrained(str(ARTIFACTS_DIR / "minilm")).eval()
    config = json.loads((ROOT / "models" / "minilm-int8" / "config.json").read_text(encoding="utf-8"))
    tokenizer = load_tokenizer(ARTIFACTS_DIR / "minilm" / "tokenizer.json", int(config["max_length"]))
    bias = torch.tensor([float(config.get("label_bias", {}).get(label, 0.0)) for label in LABELS])

    def predict(texts: Sequence[str], contexts: Sequence[str]) -> list[str]:
        labels: list[str] = []
        with torch.inference_mode():
            for start in range(0, len(texts), BATCH_SIZE):
                end = start + BATCH_SIZE
                arrays = pad(encode(tokenizer, texts[start:end], contexts[start:end]))
                logits = model(**{key: torch.from_numpy(value) for key, value in arrays.items()}).logits + bias
                labels += [LABELS[i] for i in logits.argmax(-1).tolist()]
        return labels

    return predict


def measure(name: str, threads: int, inputs: Path) -> dict[str, Any]:
    rows = json.loads(inputs.read_text(encoding="utf-8"))
    texts, contexts = [str(row["text"]) for row in rows], [str(row["context"]) for row in rows]
    started = time.perf_counter()
    predict = load_backend(name, threads)
    load_seconds = time.perf_counter() - started
    predict(texts[:8], contexts[:8])  # warm-up
    latencies = []
    for text, context in (list(zip(texts, contexts, strict=True)) * 2)[:SINGLE_RUNS]:
        tick = time.perf_counter()
        predict([text], [context])
        latencies.append((time.perf_counter() - tick) * 1000)
    latencies.sort()
    tick = time.perf_counter()
    predicted = predict(texts, contexts)
    batch_seconds = time.perf_counter() - tick
    return {
        "backend": name,
        "predicted": predicted,
        "p50_ms": round(statistics.median(latencies), 2),
        "p99_ms": round(latencies[int(0.99 * (len(latencies) - 1))], 2),
        "throughput_per_s": round(len(texts) / batch_seconds, 1),
        "load_s": round(load_seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "n": len(texts),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--one", choices=BACKENDS, help=argparse.SUPPRESS)
    parser.add_argument("--inputs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.threads, args.inputs)))
        return
    from training.data import annotated_split

    rows = [{"text": r["text"], "label": r["label"], "context": r["context"]} for r in annotated_split("test")]
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs.json"
        inputs.write_text(json.dumps(rows), encoding="utf-8")
        compare(rows, inputs, args.threads)


def compare(rows: list[dict[str, Any]], inputs: Path, threads: int) -> None:
    from training.metrics import classification_metrics

    gold = [row["label"] for row in rows]
    print(f"{len(rows)} test utterances, {threads} threads, batch {BATCH_SIZE} (int8 ONNX: one text per run)")
    print("| backend | macro-F1 | p50 ms (1 utt.) | p99 ms | utterances/s (batched) | peak RSS MB | load s |")
    print("|---|---|---|---|---|---|---|")
    for name in BACKENDS:
        command = [sys.executable, "-m", "benchmarks.classifiers", "--one", name, "--threads", str(threads)]
        done = subprocess.run([*command, "--inputs", str(inputs)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"| {name} | not available: {done.stderr.strip().splitlines()[-1][:80]} |")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        macro_f1 = classification_metrics(gold, r["predicted"], LABELS)["macro_f1"]
        print(
            f"| {name} | {macro_f1:.3f} | {r['p50_ms']} | {r['p99_ms']} | {r['throughput_per_s']} | "
            f"{r['peak_rss_mb']} | {r['load_s']} |"
        )


if __name__ == "__main__":
    main()
