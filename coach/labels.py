"""The six utterance labels of ``docs/labels.md`` and the rules that combine them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

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


class Role(StrEnum):
    """Who someone is in a session. A role is its string ("presenter"), in JSON and in comparisons."""

    PRESENTER = "presenter"
    MEMBER = "member"
    FACILITATOR = "facilitator"


ROLES: tuple[Role, ...] = tuple(Role)


@dataclass(frozen=True)
class LabelStyle:
    """How a label reads and looks wherever it is shown: its ``name``, the nouns for counting it (``one``, ``many``:
    "1 piece of advice", "2 pieces of advice"), its ``colour`` (Okabe and Ito's palette, told apart with any colour
    vision) and the ``css`` custom property the pages colour it with."""

    name: str
    one: str
    many: str
    colour: str
    css: str


#: The one table of label names and colours, in the order reports show them (questioning labels first). The text and
#: HTML reports read it here; the pages get it as ``/labels.js`` (:func:`labels_script`).
LABEL_STYLES: dict[str, LabelStyle] = {
    OPEN_QUESTION: LabelStyle("open question", "open question", "open questions", "#0072B2", "open"),
    CLOSED_QUESTION: LabelStyle("closed question", "closed question", "closed questions", "#56B4E9", "closed"),
    REFLECTION: LabelStyle("reflection", "reflection", "reflections", "#009E73", "reflection"),
    ADVICE: LabelStyle("advice", "piece of advice", "pieces of advice", "#D55E00", "advice"),
    STORY: LabelStyle("story", "story", "stories", "#E69F00", "story"),
    OTHER: LabelStyle("other talk", "other remark", "other remarks", "#999999", "other"),
}
DISPLAY_ORDER: tuple[str, ...] = tuple(LABEL_STYLES)


@cache
def labels_script() -> str:
    """The label table for the pages' JavaScript: ``LABEL_ORDER``, ``LABEL_WORDS``, ``LABEL_NOUNS`` and
    ``LABEL_COLOURS``."""
    table = {
        "LABEL_ORDER": list(DISPLAY_ORDER),
        "LABEL_WORDS": {label: style.name for label, style in LABEL_STYLES.items()},
        "LABEL_NOUNS": {label: [style.one, style.many] for label, style in LABEL_STYLES.items()},
        "LABEL_COLOURS": {label: style.colour for label, style in LABEL_STYLES.items()},
    }
    lines = ["// The labels' names and colours, from coach/labels.py LABEL_STYLES: the one table.", '"use strict";']
    lines += [f"const {name} = {json.dumps(value)};" for name, value in table.items()]
    return "\n".join(lines) + "\n"


def label_css() -> str:
    """The labels' colours as CSS custom properties (``--open``...), for the one stylesheet."""
    properties = " ".join(f"--{style.css}: {style.colour};" for style in LABEL_STYLES.values())
    return f":root {{ {properties} }}\n"


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
