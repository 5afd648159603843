"""``Coach``: the Python API. Splits texts into utterances, labels them in one batch, and combines them per turn."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from coach.classifier.base import Classifier, Prediction, UtterancePrediction
from coach.classifier.carried_on import carry_on
from coach.classifier.context import previous_turn_contexts, trim_context
from coach.classifier.loading import load_classifier
from coach.classifier.segment import split_all_utterances
from coach.errors import InputError
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

    def classify_utterances(
        self, utterances: Sequence[str], contexts: Sequence[str] | None = None
    ) -> list[UtterancePrediction]:
        """Label texts that are already single utterances, without splitting them (``contexts`` as in ``classify``)."""
        return self.classifier.predict(utterances, _trimmed(contexts, len(utterances)))

    def classify(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[Prediction]:
        """Label each text as a turn: each sentence gets a label, the text the turn-level label of labels.md.
        A sentence that carries on the advice or the speaker's anecdote before it in the same text takes its label
        (labels.md rule 9, ``coach.classifier.carried_on``).

        ``contexts``, one per text, is what another speaker said just before it (the previous turn; ``""`` for none).
        Every sentence of a text is read with the text's context. Without contexts each text is read alone, as a tool
        sending single utterances would. A blank text is labelled ``other`` with no utterances.
        """
        given = _trimmed(contexts, len(texts))
        pieces = split_all_utterances(texts)
        flat = [utterance for utterance_list in pieces for utterance in utterance_list]
        flat_contexts = None if given is None else [c for c, parts in zip(given, pieces, strict=True) for _ in parts]
        labelled = iter(self.classifier.predict(flat, flat_contexts))
        return [
            self._combine(text, list(islice(labelled, len(parts)))) for text, parts in zip(texts, pieces, strict=True)
        ]

    def classify_turns(self, speakers: Sequence[str], texts: Sequence[str]) -> list[Prediction]:
        """Label the turns of a conversation in order, each read with the previous turn of another speaker."""
        return self.classify(texts, previous_turn_contexts(speakers, texts))

    def classify_stream(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[Prediction]:
        """Label a long or endless stream of texts in batches, yielding predictions in order."""
        iterator = iter(texts)
        while batch := list(islice(iterator, batch_size)):
            yield from self.classify(batch)

    def _combine(self, text: str, utterances: list[UtterancePrediction]) -> Prediction:
        if not utterances:
            scores = {label: 1.0 if label == OTHER else 0.0 for label in self.labels}
            return Prediction(text=text, label=OTHER, confidence=1.0, scores=scores, leading=False)
        utterances = carry_on(utterances)
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


def _trimmed(contexts: Sequence[str] | None, count: int) -> list[str] | None:
    if contexts is None:
        return None
    if len(contexts) != count:
        raise InputError(f"{len(contexts)} contexts for {count} texts; give one context per text (or none).")
    return [trim_context(context) for context in contexts]
