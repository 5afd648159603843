"""What a speaker carries on in the same turn (labels.md rule 9): a sentence that only continues the advice or the
anecdote before it is part of that advice or anecdote.

The model reads each sentence alone, and a sentence that continues another reads like something else:

- after advice, its reason, what it would bring, a detail or a hedge reads as a reflection, a statement or process
  talk. "Could you not ask HR to line-manage her? Then you're out of the middle." is one piece of advice, not advice
  and a reflection; "Do a night shift. Not a visit, a whole shift." one, not advice and a story. In the train rows of
  our conversations and meetings, a sentence the shipped model read that way straight after advice in the same
  member's turn was part of that advice in 33 of 34 reflections, 36 of 39 ``other`` and 60 of 75 statements. The
  speaker's own experience told after the advice ("We did that after the pandemic.") stays a story (rule 4);
- after the speaker's own anecdote ("We had a similar thing at Harfield two years ago..."), how it ended reads as a
  reflection ("It calmed things down a lot."), which is about the other person's situation (rule 5): it is the story.
  In the same train rows 13 of 15 such sentences were story and 2 advice, none a reflection. A sentence that speaks
  to the listener ("So you're stuck between them.") is still a reflection.

A question is always read on its own. The model's scores are kept as it read the sentence alone, so that a role that
cannot advise (a presenter, a facilitator) falls back to what the model read (``coach.labels.label_for_role``); the
confidence is that of the advice or story carried on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from coach.classifier.base import UtterancePrediction
from coach.labels import ADVICE, OTHER, REFLECTION, STORY

#: A past anecdote of the speaker's own ("when I...", "we had...", "in my last job...").
ANECDOTE = (
    r"\b(?:when i|i (?:had|was|did|used to|remember|once)|we (?:had|did|used to|once)|in my (?:last|old|previous))\b"
)
#: Words that speak to the listener.
SECOND_PERSON = r"\b(?:you|your|yours|yourself)\b"
#: What a sentence after advice may be read as and still carry it on.
CARRY_ADVICE = frozenset({REFLECTION, STORY, OTHER})
#: A statement in the first person tells the speaker's own experience: a story of its own (labels.md rule 4).
_OWN = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|mine|we|we're|we've|we'd|we'll|us|our|ours)\b", re.IGNORECASE)
_ANECDOTE = re.compile(ANECDOTE, re.IGNORECASE)
_TO_LISTENER = re.compile(SECOND_PERSON, re.IGNORECASE)


def carry_on(utterances: Sequence[UtterancePrediction]) -> list[UtterancePrediction]:
    """The utterances of one turn, each sentence that carries on the advice or anecdote before it labelled so."""
    carried: list[UtterancePrediction] = []
    for utterance in utterances:
        before = carried[-1] if carried else None
        if before is not None and _carries_on(before.label, utterance, carried):
            utterance = replace(utterance, label=before.label, confidence=before.confidence, leading=False)
        carried.append(utterance)
    return carried


def _carries_on(label: str, utterance: UtterancePrediction, before: Sequence[UtterancePrediction]) -> bool:
    if label == ADVICE:
        return utterance.label in CARRY_ADVICE and not (utterance.label == STORY and _OWN.search(utterance.text))
    return (
        label == STORY
        and utterance.label == REFLECTION
        and not _TO_LISTENER.search(utterance.text)
        and any(_ANECDOTE.search(u.text) for u in _last_run(before))
    )


def _last_run(utterances: Sequence[UtterancePrediction]) -> Sequence[UtterancePrediction]:
    """The run of utterances with the last one's label at the end of ``utterances``."""
    start = len(utterances)
    while start and utterances[start - 1].label == utterances[-1].label:
        start -= 1
    return utterances[start:]
