"""Calls for ideas recognised by meaning: the moment a facilitator or presenter opens the present part of a meeting to
ideas, advice or experience ("right, over to you lot, what would you do?"), which makes the rest of it planned time.

The structure rules (``coach.feedback.structure``) know such calls by their phrases, and every set words them
differently. This is a sentence head (``coach.feedback.sentence_heads``), trained by
``python -m training.train_ideas_calls`` on sentences written for it (``data/annotated/calls``: calls and the
non-calls that sound like them) and checked on the annotated meetings' own facilitators and presenters; its figures
are in ``models/ideas-calls/model.json``. It reads one sentence at a time, as it was trained, and only the sentences a
call can be: process talk or a question (``CALL_LABELS``) of at least :data:`MIN_WORDS` words.
"""

from __future__ import annotations

from coach.feedback.sentence_heads import ShippedHead
from coach.labels import CLOSED_QUESTION, OPEN_QUESTION, OTHER

#: The labels a call for ideas takes: process talk ("so for the last bit, anything goes") or a question ("what would
#: you do in my place?"). A presenter's account (``story``) is never read as a call.
CALL_LABELS = frozenset({OTHER, OPEN_QUESTION, CLOSED_QUESTION})
MIN_WORDS = 3

#: The shipped head: ``shipped_calls(sentences)`` says which are calls.
shipped_calls = ShippedHead("ideas-calls", "python -m training.train_ideas_calls")
