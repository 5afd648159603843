"""The six utterance labels of ``docs/labels.md`` and the rules that combine them."""

from __future__ import annotations

from collections.abc import Iterable

OPEN_QUESTION = "open_question"
CLOSED_QUESTION = "closed_question"
ADVICE = "advice"
STORY = "story"
REFLECTION = "reflection"
OTHER = "other"

#: Every label, in the fixed order used by models, scores and reports.
LABELS: tuple[str, ...] = (OPEN_QUESTION, CLOSED_QUESTION, ADVICE, STORY, REFLECTION, OTHER)

#: Turn-level precedence: the most consequential utterance decides a turn's label.
PRECEDENCE: tuple[str, ...] = (ADVICE, OPEN_QUESTION, CLOSED_QUESTION, REFLECTION, STORY, OTHER)

#: Labels that keep a member in questioning mode, and labels that break it (``other`` counts neither way).
QUESTIONING_LABELS = frozenset({OPEN_QUESTION, CLOSED_QUESTION, REFLECTION})
BREAKING_LABELS = frozenset({ADVICE, STORY})
QUESTION_LABELS = frozenset({OPEN_QUESTION, CLOSED_QUESTION})

ROLES: tuple[str, ...] = ("presenter", "member", "facilitator")


def turn_label(labels: Iterable[str]) -> str:
    """The label of a turn made of utterances with ``labels``; ``other`` for a turn with none."""
    present = set(labels)
    for label in PRECEDENCE:
        if label in present:
            return label
    return OTHER
