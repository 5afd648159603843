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
