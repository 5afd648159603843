"""Openings that announce a planned meeting, recognised by meaning: the facilitator saying, before the first presenter,
that this meeting is the one where members give ideas, advice and their own experience ("as we agreed in March,
nobody sits on their hands today"), which makes every slot planned time.

The structure rules (``coach.feedback.structure``) know a few such announcements by their phrases ("today's a planned
meeting"); sets word them every way. This is a sentence head (``coach.feedback.sentence_heads``), trained by
``python -m training.train_planned_openings`` on facilitators' opening pieces written for it
(``data/annotated/openings``: announcements and the openings of open meetings that sound like them: the rule
restated, planned time only later) and checked on the openings of the annotated train and dev meetings; its figures
are in ``models/planned-openings/model.json``. It reads each of the facilitator's opening sentences, and each two in a
row of one turn (:func:`opening_pieces`), since an announcement often takes two ("This one's different. If it's
happened to you, tell them.").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from coach.feedback.sentence_heads import ShippedHead


def opening_pieces(sentences: Sequence[str]) -> list[str]:
    """What the head reads of one turn's ``sentences``: each sentence, and each two in a row."""
    return [*sentences, *(f"{first} {second}" for first, second in pairwise(sentences))]


#: The shipped head: ``shipped_announcements(pieces)`` says which announce a planned meeting.
shipped_announcements = ShippedHead("planned-openings", "python -m training.train_planned_openings")
