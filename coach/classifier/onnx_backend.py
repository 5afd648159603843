"""The transformer backend: a fine-tuned MiniLM exported to ONNX, run with onnxruntime and ``tokenizers`` only.

No torch or transformers at serving time. Texts are tokenized with the model's own ``tokenizer.json``, each with its
context when the model reads context (``"context": true`` in its config; see ``coach.classifier.encoding``), truncated
to ``max_length`` tokens, sorted by length and run in batches of the config's ``batch_size`` so that padding stays
small. A model's config may carry ``label_bias``, per-label log-odds added to the logits: the calibration chosen on
the dev splits (``training.calibrate``).
A dynamically quantised model ships with ``batch_size`` 1: its activation scales are per tensor, so batching would let
a text's label depend on the texts batched with it.

Each run uses one intra-op thread; the batches of one call are spread over ``threads`` worker threads (onnxruntime runs
concurrently and releases the GIL), which serve concurrent calls in turn (``FairPool``), so a small request is not
queued behind a large one. On two cores this labels more utterances per second than one run using two
threads, and a server handling two requests at once keeps both cores busy without oversubscribing them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Encoding, Tokenizer

from coach.classifier.base import UtterancePrediction, predictions_from_probabilities
from coach.classifier.encoding import encode, load_tokenizer, pad
from coach.classifier.fair_pool import FairPool
from coach.errors import ModelError

DEFAULT_BATCH_SIZE = 32


def default_threads() -> int:
    """Worker threads for one call's runs: ``COACH_THREADS`` if set, else the cores this process may use, at most 4."""
    configured = os.environ.get("COACH_THREADS")
    if configured:
        return max(1, int(configured))
    return max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


def open_session(path: Path) -> ort.InferenceSession:
    """A CPU session for ``path`` running one intra-op thread (callers spread their runs over worker threads)."""
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxClassifier:
    """Labels utterances with an ONNX sequence-classification model whose outputs are logits over ``labels``."""

    def __init__(
        self, session: ort.InferenceSession, tokenizer: Tokenizer, config: dict[str, Any], threads: int = 1
    ) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._config = config
        self._labels = tuple(config["labels"])
        self._input_names = {node.name for node in session.get_inputs()}
        self._batch_size = int(config.get("batch_size", DEFAULT_BATCH_SIZE))
        self._reads_context = bool(config.get("context", False))
        bias = config.get("label_bias", {})
        self._bias = np.array([float(bias.get(label, 0.0)) for label in self._labels], dtype=np.float32)
        self._pool = FairPool(threads, "coach-onnx") if threads > 1 else None

    @classmethod
    def from_dir(cls, directory: Path, config: dict[str, Any], threads: int | None = None) -> OnnxClassifier:
        model_path = directory / config.get("file", "model.onnx")
        tokenizer_path = directory / config.get("tokenizer", "tokenizer.json")
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise ModelError(f"{path} is missing; rebuild the model with `python -m training.export_onnx`.")
        tokenizer = load_tokenizer(tokenizer_path, int(config.get("max_length", 64)))
        session = open_session(model_path)
        return cls(session, tokenizer, config, threads or default_threads())

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def info(self) -> dict[str, Any]:
        return dict(self._config)

    def predict(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[UtterancePrediction]:
        if not texts:
            return []
        encodings = encode(self._tokenizer, texts, contexts if self._reads_context else None)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        batches = [order[start : start + self._batch_size] for start in range(0, len(order), self._batch_size)]
        inputs = [[encodings[i] for i in rows] for rows in batches]
        outputs = self._pool.map(self._run, inputs) if self._pool and len(batches) > 1 else map(self._run, inputs)
        probabilities = np.empty((len(texts), len(self._labels)), dtype=np.float32)
        for rows, output in zip(batches, outputs, strict=True):
            probabilities[rows] = output
        return predictions_from_probabilities(texts, probabilities, self._labels)

    def _run(self, encodings: list[Encoding]) -> npt.NDArray[np.float32]:
        feeds = pad(encodings)
        (logits,) = self._session.run(None, {name: feeds[name] for name in self._input_names})
        scores: npt.NDArray[np.float32] = np.asarray(logits, dtype=np.float32) + self._bias
        shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
        probabilities: npt.NDArray[np.float32] = shifted / shifted.sum(axis=1, keepdims=True)
        return probabilities
