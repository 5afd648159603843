"""A tiny deterministic classifier for testing the plumbing around a backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from coach.classifier.base import UtterancePrediction, predictions_from_probabilities
from coach.labels import LABELS

RULES = (
    ("should", "advice"),
    ("thought about", "advice"),
    ("what", "open_question"),
    ("did", "closed_question"),
    ("sounds", "reflection"),
    ("we", "story"),
)


class FirstWordClassifier:
    """Labels by the first matching keyword in ``RULES``; ``other`` otherwise. Counts calls to ``predict``."""

    labels = LABELS
    info: ClassVar[dict[str, Any]] = {"name": "fake", "version": "0"}

    def __init__(self) -> None:
        self.calls = 0

    def predict(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[UtterancePrediction]:
        self.calls += 1
        probabilities = np.full((len(texts), len(LABELS)), 0.02)
        for row, text in enumerate(texts):
            label = next((label for word, label in RULES if word in text.lower()), "other")
            probabilities[row, LABELS.index(label)] = 0.9
        return predictions_from_probabilities(texts, probabilities, LABELS)
