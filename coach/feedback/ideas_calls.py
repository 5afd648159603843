"""Calls for ideas recognised by meaning: the moment a facilitator or presenter opens the present part of a meeting to
ideas, advice or experience ("right, over to you lot, what would you do?"), which makes the rest of it planned time.

The structure rules (``coach.feedback.structure``) know such calls by their phrases, and every set words them
differently. This is a logistic regression over the shipped sentence encoder's embeddings (``models/encoder``),
trained by ``python -m training.train_ideas_calls`` on sentences written for it (``data/annotated/calls``: calls and
the non-calls that sound like them) and checked on the annotated meetings' own facilitators and presenters; its
figures are in ``models/ideas-calls/model.json``. It reads one sentence at a time, as it was trained, and only the
sentences a call can be: process talk or a question (``CALL_LABELS``) of at least :data:`MIN_WORDS` words.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from coach.classifier.loading import models_dir
from coach.classifier.sentence_encoder import SentenceEncoder, shared_encoder
from coach.errors import ModelError
from coach.labels import CLOSED_QUESTION, OPEN_QUESTION, OTHER

#: The labels a call for ideas takes: process talk ("so for the last bit, anything goes") or a question ("what would
#: you do in my place?"). A presenter's account (``story``) is never read as a call.
CALL_LABELS = frozenset({OTHER, OPEN_QUESTION, CLOSED_QUESTION})
MIN_WORDS = 3


class IdeasCallDetector:
    """Says which sentences are calls for ideas: the encoder's embedding scored by a linear head, at ``threshold``."""

    def __init__(self, encoder: SentenceEncoder, weights: Sequence[float], bias: float, threshold: float) -> None:
        self._encoder = encoder
        self._weights = np.asarray(weights, dtype=np.float32)
        self._bias = float(bias)
        self.threshold = float(threshold)

    @classmethod
    def load(cls, path: Path | None = None, encoder: SentenceEncoder | None = None) -> IdeasCallDetector:
        path = path or models_dir() / "ideas-calls" / "model.json"
        if not path.is_file():
            raise ModelError(f"{path} is missing; rebuild it with `python -m training.train_ideas_calls`.")
        head = json.loads(path.read_text(encoding="utf-8"))
        return cls(encoder or shared_encoder(), head["weights"], head["bias"], head["threshold"])

    def probabilities(self, sentences: Sequence[str]) -> list[float]:
        """The probability that each sentence is a call for ideas (each embedded alone, as in training)."""
        scores = [float(self._encoder.embed([sentence])[0] @ self._weights) + self._bias for sentence in sentences]
        return [float(1.0 / (1.0 + np.exp(-score))) for score in scores]

    def __call__(self, sentences: Sequence[str]) -> list[bool]:
        return [p >= self.threshold for p in self.probabilities(sentences)]


@cache
def shipped_detector() -> IdeasCallDetector:
    """The shipped detector, loaded once per process."""
    return IdeasCallDetector.load()


class _Readings:
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


#: A live meeting is read again from its start at every utterance: each sentence's reading is remembered.
_SHIPPED_READINGS = _Readings(4096)


def shipped_calls(sentences: Sequence[str]) -> list[bool]:
    """The shipped detector's reading of ``sentences``, each sentence read once per process (remembered by digest);
    the model is loaded the first time any is asked about."""
    digests = [hashlib.sha256(sentence.encode("utf-8")).digest() for sentence in sentences]
    known = [_SHIPPED_READINGS.get(digest) for digest in digests]
    unread = [sentence for sentence, reading in zip(sentences, known, strict=True) if reading is None]
    fresh = iter(shipped_detector()(unread) if unread else [])
    readings = []
    for digest, reading in zip(digests, known, strict=True):
        if reading is None:
            reading = next(fresh)
            _SHIPPED_READINGS.put(digest, reading)
        readings.append(reading)
    return readings
