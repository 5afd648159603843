"""Advice carried on in the same turn (labels.md rule 9): the sentences after a piece of advice that only give its
reason, what it would bring, a detail or a hedge are part of it.

"Could you not ask HR to line-manage her? Then you're out of the middle." is one piece of advice, not advice and a
reflection; "Do a night shift. Not a visit, a whole shift." one, not advice and a story. The model reads each sentence
alone, and reads such a sentence as a reflection, a statement or process talk. In the train rows of our conversations
and meetings, a sentence the shipped model read that way straight after advice in the same member's turn was part of
that advice in 33 of 34 reflections, 36 of 39 `other` and 60 of 75 statements; the speaker's own experience told
after advice ("We did that after the pandemic.") stays a story (rule 4), and a question is read on its own.

The model's scores are kept as it read the sentence alone, so that a role that cannot advise (a presenter, a
facilitator) falls back to what the model read (``coach.labels.label_for_role``); the confidence is that of the
advice carried on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from coach.classifier.base import UtterancePrediction
from coach.labels import ADVICE, OTHER, REFLECTION, STORY

#: What a sentence after advice may be read as and still carry it on.
CARRIED = frozenset({REFLECTION, STORY, OTHER})
#: A statement in the first person tells the speaker's own experience: a story of its own (labels.md rule 4).
_OWN = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|we've|we'd|we'll|us|our|ours)\b", re.IGNORECASE)


def carry_advice(utterances: Sequence[UtterancePrediction]) -> list[UtterancePrediction]:
    """The utterances of one turn, each sentence that carries on the advice before it labelled ``advice``."""
    carried: list[UtterancePrediction] = []
    for utterance in utterances:
        before = carried[-1] if carried else None
        if before is not None and before.label == ADVICE and _carries_on(utterance):
            utterance = replace(utterance, label=ADVICE, confidence=before.confidence, leading=False)
        carried.append(utterance)
    return carried


def _carries_on(utterance: UtterancePrediction) -> bool:
    return utterance.label in CARRIED and not (utterance.label == STORY and _OWN.search(utterance.text))
