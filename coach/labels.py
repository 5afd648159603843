"""The six utterance labels of ``docs/labels.md`` and the rules that combine them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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

#: The labels each role's utterances can take (labels.md rules 7 and 8): the presenter tells and answers (their own
#: plans are ``story``, never advice to themselves); the facilitator's instructions and process questions are
#: ``other``. Members can say anything. In our annotated data no presenter utterance is a question, advice or
#: reflection, and no facilitator utterance is advice or a closed question.
ROLE_LABELS: dict[str, frozenset[str]] = {
    "presenter": frozenset({STORY, OTHER}),
    "facilitator": frozenset({OPEN_QUESTION, STORY, REFLECTION, OTHER}),
    "member": frozenset(LABELS),
}


def label_for_role(label: str, scores: Mapping[str, float], role: str) -> str:
    """``label`` if ``role`` can say it, else the most probable label in ``scores`` that the role can say."""
    allowed = ROLE_LABELS.get(role, frozenset(LABELS))
    if label in allowed or not scores:
        return label
    return max(allowed, key=lambda name: (scores.get(name, 0.0), name))


def turn_label(labels: Iterable[str]) -> str:
    """The label of a turn made of utterances with ``labels``; ``other`` for a turn with none."""
    present = set(labels)
    for label in PRECEDENCE:
        if label in present:
            return label
    return OTHER
