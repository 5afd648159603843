"""The classifier interface every backend implements, and the prediction types it returns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np
import numpy.typing as npt

from coach.classifier.question_form import (
    asks_as_question,
    asks_for_one_fact,
    asks_permission,
    asks_yes_or_no,
    suggests_by_question,
)
from coach.labels import ADVICE, CLOSED_QUESTION, OPEN_QUESTION, OTHER


@dataclass(frozen=True)
class UtterancePrediction:
    """The label of one utterance (a sentence-sized unit).

    ``leading`` is true for advice phrased as a question ("Have you thought about...?"), so that feedback can show it
    as advice dressed as a question.
    """

    text: str
    label: str
    confidence: float
    scores: dict[str, float]
    leading: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "confidence": self.confidence,
            "scores": dict(self.scores),
            "leading": self.leading,
        }


@dataclass(frozen=True)
class Prediction:
    """The label of one text (a turn); ``utterances`` holds the label of each of its sentences.

    The text's ``label`` is the turn-level label of labels.md; ``confidence`` and ``scores`` are those of the utterance
    that decided it, and ``leading`` is true when any utterance is leading.
    """

    text: str
    label: str
    confidence: float
    scores: dict[str, float]
    leading: bool
    utterances: tuple[UtterancePrediction, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "confidence": self.confidence,
            "scores": dict(self.scores),
            "leading": self.leading,
            "utterances": [utterance.to_dict() for utterance in self.utterances],
        }


@runtime_checkable
class Classifier(Protocol):
    """A backend that labels utterances. ``predict`` is the one batch method; it must not mutate any state."""

    @property
    def labels(self) -> tuple[str, ...]: ...

    @property
    def info(self) -> dict[str, Any]:
        """What the model says about itself: name, version, backend, metrics."""
        ...

    def predict(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[UtterancePrediction]:
        """Label ``texts``; ``contexts`` (one per text, ``""`` for none) is what another speaker said just before.

        A backend that reads no context ignores it.
        """
        ...


#: Readings the guideline settles by form, where real corpora's codes taught the model otherwise (MRDA and AnnoMI call
#: one-fact questions open, asking leave a closed question and "Have you tried X?" a question, and the advice
#: calibration tips the model's reading of such questions away from advice): (the model's label, the guideline's, the
#: form).
FORM_RULES: tuple[tuple[str, str, Callable[[str], bool]], ...] = (
    (OPEN_QUESTION, CLOSED_QUESTION, asks_for_one_fact),  # labels.md rule 3: "How often do you drink?"
    (CLOSED_QUESTION, OTHER, asks_permission),  # rule 2: "Do you mind if we look at your diet?"
    (CLOSED_QUESTION, ADVICE, suggests_by_question),  # rule 1: "Do you think you could quit drinking?"
    (OPEN_QUESTION, ADVICE, suggests_by_question),  # rule 1: "Why don't you ring her?"
    (OPEN_QUESTION, CLOSED_QUESTION, asks_yes_or_no),  # rule 3: "Is there anything that worries you?"
)


def form_rule_label(text: str, label: str) -> str:
    """The guideline's label for ``text`` read as ``label``, where ``FORM_RULES`` settles it; else ``label``."""
    return next((made for read, made, form in FORM_RULES if label == read and form(text)), label)


def predictions_from_probabilities(
    texts: Sequence[str], probabilities: npt.NDArray[np.floating[Any]], labels: Sequence[str]
) -> list[UtterancePrediction]:
    """Turn a ``(len(texts), len(labels))`` probability matrix into predictions, with the ``leading`` flag set.

    Where the model's label is one that ``FORM_RULES`` settles for the text's form, the guideline's label is given and
    the model's probability for its own label moved to it.
    """
    predictions = []
    for text, row in zip(texts, probabilities, strict=True):
        scores = {name: float(p) for name, p in zip(labels, row, strict=True)}
        label = max(scores, key=scores.__getitem__)
        made = form_rule_label(text, label)
        if made != label and made in scores:
            scores[made] += scores[label]
            scores[label] = 0.0
            label = made
        predictions.append(
            UtterancePrediction(
                text=text,
                label=label,
                confidence=round(scores[label], 4),
                scores={name: round(p, 4) for name, p in scores.items()},
                leading=label == ADVICE and asks_as_question(text),
            )
        )
    return predictions
