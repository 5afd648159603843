"""Test doubles shared by the test suite.

``KeywordClassifier`` stands in for a trained model wherever a test needs predictions but not a real model: its
labels follow a few readable keyword rules modelled on ``labels.md``, so a test's input says plainly what label it
gets ("Have you thought about X?" is advice, "What would help?" an open question, "Okay." other). It implements the
``Classifier`` protocol (``labels``, ``info``, ``predict``), so ``Coach(KeywordClassifier())`` behaves like a loaded
model, sentence splitting and turn labels included.

>>> from coach.classifier import Coach
>>> [p.label for p in Coach(KeywordClassifier()).classify(["That sounds hard. What would help?", "Mm-hmm."])]
['open_question', 'other']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from coach.classifier.base import UtterancePrediction, predictions_from_probabilities
from coach.labels import ADVICE, CLOSED_QUESTION, LABELS, OPEN_QUESTION, OTHER, REFLECTION, STORY

#: ``(regular expression, label)``; the first rule whose expression is found in the lower-cased text wins. The order
#: follows the decision rules of labels.md: process talk and backchannels, then advice (disguised advice included),
#: reflections, closed questions of fact, open questions, closed questions.
DEFAULT_RULES: tuple[tuple[str, str], ...] = (
    (r"^\W*(ok(ay)?|mm+(-hmm)?|yeah|yes|right|sure|thanks?( you)?|great|hi|hello|bye)\W*$", OTHER),
    (r"\b(shall we|move on|on mute|bid for time|let's start|time check|who wants to go|next round)\b", OTHER),
    (
        r"\b(should|have you (thought about|considered|tried)|why don'?t you|why not|what about|what if you|"
        r"if i were you|you could|you need to|maybe just|couldn'?t you|wouldn'?t it be|the real problem)\b",
        ADVICE,
    ),
    (r"^(so )?(it |that )?sounds|what i'?m hearing|^you seem|^you'?re worried|^so you", REFLECTION),
    (r"^(how (many|much|long|often)|when|where|which|who)\b.*\?$", CLOSED_QUESTION),
    (r"^(what|how|why|tell me|talk us through|describe|i'?m curious)\b", OPEN_QUESTION),
    (r"^(did|do|does|is|are|was|were|have|has|can|could|will|would)\b", CLOSED_QUESTION),
)


class KeywordClassifier:
    """A deterministic classifier: the first of ``rules`` that matches decides the label.

    Text no rule matches is ``story`` when it has at least ``min_story_words`` words, else ``other``. The winning label
    gets probability ``confidence`` and the rest share what is left, so ``scores`` sum to one; ``leading`` is set as a
    real backend sets it (advice phrased as a question). ``calls`` counts calls to ``predict`` and ``seen`` the texts
    it was given (``contexts`` their contexts, ``""`` for none), for tests of batching and context.
    """

    labels: tuple[str, ...] = LABELS

    def __init__(
        self,
        rules: Sequence[tuple[str, str]] = DEFAULT_RULES,
        *,
        confidence: float = 0.9,
        min_story_words: int = 3,
        name: str = "keyword-fake",
        version: str = "0",
    ) -> None:
        self.rules = [(re.compile(pattern), label) for pattern, label in rules]
        self.confidence = confidence
        self.min_story_words = min_story_words
        self._info: dict[str, Any] = {"name": name, "version": version, "backend": "fake", "labels": list(LABELS)}
        self.calls = 0
        self.seen: list[str] = []
        self.contexts: list[str] = []

    @property
    def info(self) -> dict[str, Any]:
        return dict(self._info)

    def label_of(self, text: str) -> str:
        """The label the rules give ``text``."""
        lowered = " ".join(text.lower().split())
        for pattern, label in self.rules:
            if pattern.search(lowered):
                return label
        return STORY if len(lowered.split()) >= self.min_story_words else OTHER

    def predict(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[UtterancePrediction]:
        self.calls += 1
        self.seen.extend(texts)
        self.contexts.extend(contexts if contexts is not None else [""] * len(texts))
        rest = (1.0 - self.confidence) / (len(LABELS) - 1)
        probabilities = np.full((len(texts), len(LABELS)), rest)
        for row, text in enumerate(texts):
            probabilities[row, LABELS.index(self.label_of(text))] = self.confidence
        return predictions_from_probabilities(texts, probabilities, LABELS)
