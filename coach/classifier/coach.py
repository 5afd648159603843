"""``Coach``: the Python API. Splits texts into utterances, labels them in one batch, and combines them per turn."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from coach.classifier.base import Classifier, Prediction, UtterancePrediction
from coach.classifier.loading import load_classifier
from coach.classifier.segment import split_utterances
from coach.labels import OTHER, turn_label


class Coach:
    """Labels texts with a classifier backend.

    >>> coach = Coach.load()
    >>> coach.classify(["Okay. So you feel stuck. What would help?"])[0].label
    'open_question'
    """

    def __init__(self, classifier: Classifier) -> None:
        self.classifier = classifier

    @classmethod
    def load(cls, model: str | Path | None = None) -> Coach:
        """Load a shipped model by name (``"baseline"``, ``"minilm-int8"``) or path; the best available by default."""
        return cls(load_classifier(model))

    @property
    def labels(self) -> tuple[str, ...]:
        return self.classifier.labels

    @property
    def info(self) -> dict[str, Any]:
        return self.classifier.info

    def classify_utterances(self, utterances: Sequence[str]) -> list[UtterancePrediction]:
        """Label texts that are already single utterances, without splitting them."""
        return self.classifier.predict(utterances)

    def classify(self, texts: Sequence[str]) -> list[Prediction]:
        """Label each text as a turn: each sentence gets a label, the text the turn-level label of labels.md.

        A blank text is labelled ``other`` with no utterances.
        """
        pieces = [split_utterances(text) for text in texts]
        flat = [utterance for utterance_list in pieces for utterance in utterance_list]
        labelled = iter(self.classifier.predict(flat))
        return [
            self._combine(text, list(islice(labelled, len(parts)))) for text, parts in zip(texts, pieces, strict=True)
        ]

    def classify_stream(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Prediction]:
        """Label a long or endless stream of texts in batches, yielding predictions in order."""
        iterator = iter(texts)
        while batch := list(islice(iterator, batch_size)):
            yield from self.classify(batch)

    def _combine(self, text: str, utterances: list[UtterancePrediction]) -> Prediction:
        if not utterances:
            scores = {label: 1.0 if label == OTHER else 0.0 for label in self.labels}
            return Prediction(text=text, label=OTHER, confidence=1.0, scores=scores, leading=False)
        label = turn_label(u.label for u in utterances)
        decisive = max((u for u in utterances if u.label == label), key=lambda u: u.confidence)
        return Prediction(
            text=text,
            label=label,
            confidence=decisive.confidence,
            scores=decisive.scores,
            leading=any(u.leading for u in utterances),
            utterances=tuple(utterances),
        )
