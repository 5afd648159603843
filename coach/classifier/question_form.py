"""Surface cues of question form, shared by the baseline's features and the ``leading`` flag.

Punctuation is a hint, never the rule (labels.md rule 6): captions have no question marks, so the cues also look at
how the utterance starts.
"""

from __future__ import annotations

import re

_FILLERS = r"(?:(?:so|and|but|okay|ok|right|well|um+|uh+|erm+|er|like|yeah|and so|i mean|just|i guess),?\s+)*"

_QUESTION_START = re.compile(
    r"^" + _FILLERS + r"(?:what|how|why|who|whom|whose|when|where|which|"
    r"is|are|was|were|am|do|does|did|have|has|had|can|could|would|will|should|shall|may|might|must|"
    r"isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|can'?t|couldn'?t|wouldn'?t|"
    r"won'?t|shouldn'?t|tell me|talk (?:me|us) through|describe|i'?m curious|i wonder)\b",
    re.IGNORECASE,
)
_TAG_QUESTION = re.compile(
    r",?\s+(?:isn'?t it|aren'?t they|don'?t you|didn'?t you|haven'?t you|wasn'?t it|right|yeah|no|is it|do you)\W*$",
    re.IGNORECASE,
)


def looks_like_question(text: str) -> bool:
    """True when ``text`` is phrased as a question: a question mark, an interrogative opening or a tag."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    return bool(_QUESTION_START.match(stripped)) or bool(_TAG_QUESTION.search(stripped))


#: An auxiliary before its subject ("have you", "is there", "does your manager"): the inversion that makes a question.
_INVERTED = re.compile(
    r"^" + _FILLERS + r"(?:is|are|was|were|am|do|does|did|have|has|had|can|could|would|will|should|shall|may|might|"
    r"must|isn'?t|aren'?t|wasn'?t|weren'?t|don'?t|doesn'?t|didn'?t|haven'?t|hasn'?t|can'?t|couldn'?t|wouldn'?t|"
    r"won'?t|shouldn'?t)(?:\s+not)?\s+(?:you|i|we|they|he|she|it|there|that|this|these|those|the|your|his|her|their|"
    r"our|my|anyone|anybody|someone|somebody|everyone|everybody|people|any|all|each|both|[a-z]+'s)\b",
    re.IGNORECASE,
)
_WH_START = re.compile(
    r"^" + _FILLERS + r"(?:what|how|why|who|whom|whose|when|where|which|tell me|talk (?:me|us) through|describe|"
    r"i'?m curious|i wonder)\b",
    re.IGNORECASE,
)


#: "What I'd do is...": a wh-opening that states.
_PSEUDO_CLEFT = re.compile(
    r"^" + _FILLERS + r"(?:what|where|how) (?:i|you|we)(?:'d| would| could| might| should| need| want| have)\b",
    re.IGNORECASE,
)


def asks_as_question(text: str) -> bool:
    """True when ``text`` is worded as a question, the test for ``leading`` advice: a question mark, a wh-opening, an
    auxiliary before its subject ("Have you tried...", "could you not...") or a tag. Stricter than
    :func:`looks_like_question` (a baseline feature): "Have a word with HR." and "Could be worth a try." are
    statements, however they start."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True
    if _PSEUDO_CLEFT.match(stripped):
        return False
    return bool(_WH_START.match(stripped) or _INVERTED.match(stripped) or _TAG_QUESTION.search(stripped))
