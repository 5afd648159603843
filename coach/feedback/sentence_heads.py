"""Small heads that say yes or no to a sentence by its meaning: a logistic regression over the shipped sentence
encoder's embeddings (``models/encoder``), each trained on sentences written for it and shipped as
``models/<name>/model.json`` (weights, bias, threshold and the figures it was chosen by).

Two ship: calls for ideas (``coach.feedback.ideas_calls``) and openings that announce a planned meeting
(``coach.feedback.planned_openings``). A live meeting is read again from its start at every utterance, so each head's
readings are remembered by a digest of the sentence (the words themselves are not kept).
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from coach.classifier.loading import models_dir
from coach.classifier.sentence_encoder import SentenceEncoder, shared_encoder
from coach.errors import ModelError


class SentenceHead:
    """Says which sentences it is for: the encoder's embedding scored by a linear head, at ``threshold``."""

    def __init__(self, encoder: SentenceEncoder, weights: Sequence[float], bias: float, threshold: float) -> None:
        self._encoder = encoder
        self._weights = np.asarray(weights, dtype=np.float32)
        self._bias = float(bias)
        self.threshold = float(threshold)

    @classmethod
    def load(cls, path: Path, rebuild: str, encoder: SentenceEncoder | None = None) -> SentenceHead:
        """The head in ``path``; ``rebuild`` is the command that writes it, named when it is missing."""
        if not path.is_file():
            raise ModelError(f"{path} is missing; rebuild it with `{rebuild}`.")
        head = json.loads(path.read_text(encoding="utf-8"))
        return cls(encoder or shared_encoder(), head["weights"], head["bias"], head["threshold"])

    def probabilities(self, sentences: Sequence[str]) -> list[float]:
        """The probability of each sentence (each embedded alone, as in training)."""
        scores = [float(self._encoder.embed([sentence])[0] @ self._weights) + self._bias for sentence in sentences]
        return [float(1.0 / (1.0 + np.exp(-score))) for score in scores]

    def __call__(self, sentences: Sequence[str]) -> list[bool]:
        return [p >= self.threshold for p in self.probabilities(sentences)]


class Readings:
    """The last ``size`` readings, each under a digest of its sentence (the words themselves are not kept)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._readings: OrderedDict[bytes, bool] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, digest: bytes) -> bool | None:
        with self._lock:
            reading = self._readings.get(digest)
            if reading is not None:
                self._readings.move_to_end(digest)
            return reading

    def put(self, digest: bytes, reading: bool) -> None:
        with self._lock:
            self._readings[digest] = reading
            self._readings.move_to_end(digest)
            while len(self._readings) > self._size:
                self._readings.popitem(last=False)


class ShippedHead:
    """The shipped head ``models/<name>/model.json``, loaded the first time it is asked about; each sentence is read
    once per process while it is among the last ``remembered`` read."""

    def __init__(self, name: str, rebuild: str, remembered: int = 4096) -> None:
        self.name = name
        self._rebuild = rebuild
        self._head: SentenceHead | None = None
        self._lock = threading.Lock()
        self.readings = Readings(remembered)

    def head(self) -> SentenceHead:
        with self._lock:
            if self._head is None:
                self._head = SentenceHead.load(models_dir() / self.name / "model.json", self._rebuild)
            return self._head

    def __call__(self, sentences: Sequence[str]) -> list[bool]:
        digests = [hashlib.sha256(sentence.encode("utf-8")).digest() for sentence in sentences]
        known = [self.readings.get(digest) for digest in digests]
        unread = [sentence for sentence, reading in zip(sentences, known, strict=True) if reading is None]
        fresh = iter(self.head()(unread) if unread else [])
        readings = []
        for digest, reading in zip(digests, known, strict=True):
            if reading is None:
                reading = next(fresh)
                self.readings.put(digest, reading)
            readings.append(reading)
        return readings
