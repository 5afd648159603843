"""Hand-made cues for the scikit-learn baseline: question form, modal verbs, second person, disguised advice.

Each cue is a 0/1 column; the baseline adds them to word and character n-grams. They are regular expressions over the
lower-cased text, so they cost microseconds and need no model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from coach.classifier.carried_on import ANECDOTE, SECOND_PERSON
from coach.classifier.question_form import looks_like_question

_LEAD = r"^(?:\W*(?:so|and|but|okay|um|uh|erm|well)\W+)*"


def _any(*phrases: str) -> str:
    return r"\b(?:" + "|".join(phrases) + r")\b"


_CUE_PATTERNS: dict[str, str] = {
    "question_mark": r"\?\s*$",
    "wh_open": _LEAD + _any("what", "how", "why"),
    "wh_fact": _LEAD + _any("who", "when", "where", "which", r"how (?:many|much|long|often|old|far)"),
    "aux_first": _LEAD
    + _any("is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "can", "could", "will", "would"),
    "elaborate": _any(
        r"tell (?:me|us) (?:more|about)",
        r"(?:talk|walk) (?:me|us) through",
        "say more",
        "describe",
        r"i'?m curious",
        "i wonder",
        "expand on",
    ),
    "disguised": _any(
        r"have you (?:thought about|considered|tried|looked at|spoken to|asked)",
        r"why (?:don'?t|not|wouldn'?t) you",
        "why not",
        "what if you",
        r"what about (?:just|trying|asking|getting|a|an|the)",
        r"wouldn'?t it be",
        r"couldn'?t you",
        "could you not",
        r"isn'?t the answer",
        "would it help to",
    ),
    "directive": _any(
        "you should",
        "you need to",
        "you must",
        "you ought",
        "you could",
        "you might want",
        "if i were you",
        r"i'?d (?:just|probably|definitely|go|talk|speak|get|say|suggest)",
        "i would",
        r"try (?:to|and|a|an|the|just)",
        r"maybe (?:just|try|you)",
        "make sure",
        r"don'?t forget",
        "my advice",
        "i suggest",
        "i recommend",
        "the answer is",
        r"the real (?:problem|issue)",
    ),
    "modal": _any("should", "could", "would", "might", "must", "ought"),
    "second_person": SECOND_PERSON,
    "first_person": _any("i", "me", "my", "we", "our", "us"),
    "past_first_person": ANECDOTE,
    "reflect": r"^(?:\W*(?:so|and|okay|um|uh|it)\W+)*"
    + _any(
        "it sounds",
        "sounds like",
        r"what i'?m hearing",
        r"i'?m hearing",
        "you seem",
        "you sound",
        r"you'?re (?:worried|feeling|saying|frustrated|torn|caught)",
        "that sounds",
        "it feels like you",
        "i get the sense",
        r"so you (?:feel|felt|think|are|'?re)",
    ),
    "feeling_word": _any(
        r"frustrat\w*",
        r"exhaust\w*",
        r"worr\w*",
        "stuck",
        "tired",
        "anxious",
        "torn",
        r"overwhelm\w*",
        "hard",
        "difficult",
        "tough",
        "lonely",
        "angry",
        "upset",
    ),
    "process": _any(
        "move on",
        r"next (?:person|one|bit)",
        "my turn",
        "your turn",
        "on mute",
        r"can (?:you|everyone) (?:hear|see)",
        r"share (?:my|your) screen",
        "time check",
        "minutes left",
        "break",
        "bid for time",
        r"actions?",
        "round",
        "frozen",
        "connection",
        "wrap up",
        r"let'?s (?:start|begin)",
    ),
    "backchannel": r"^\W*(?:"
    + "|".join(
        (
            "mm+",
            "mhm+",
            "mm-?hmm",
            "uh-?huh",
            "yeah",
            "yes",
            "yep",
            "ok",
            "okay",
            "right",
            "sure",
            "thanks?",
            "thank you",
            "cheers",
            "great",
            "lovely",
            "fine",
            "no",
            "hm+",
            "ah+",
            "oh",
        )
    )
    + r")\W*$",
    "tag_question": r",\s*"
    + _any(r"isn'?t", r"aren'?t", r"don'?t", r"didn'?t", r"haven'?t", r"wasn'?t", r"won'?t", "right", "yeah")
    + r"[^,]*\??\s*$",
    "choice": r"\bor\b.*\??$",
}
_CUES = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _CUE_PATTERNS.items())


def cue_names() -> list[str]:
    return [name for name, _ in _CUES] + ["looks_like_question", "short", "long"]


def cue_vector(text: str) -> list[float]:
    """The cue columns of one utterance."""
    words = len(text.split())
    flags = [1.0 if pattern.search(text) else 0.0 for _, pattern in _CUES]
    return [*flags, float(looks_like_question(text)), float(words <= 3), float(words >= 25)]


class CueFeatures(BaseEstimator, TransformerMixin):
    """A stateless transformer from texts to the sparse 0/1 cue matrix."""

    def fit(self, texts: Iterable[str], y: Any = None) -> CueFeatures:
        return self

    def transform(self, texts: Iterable[str]) -> sp.csr_matrix:
        return sp.csr_matrix(np.array([cue_vector(text) for text in texts], dtype=np.float32))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        return np.array(cue_names(), dtype=object)


class CompactTfidfVectorizer(TfidfVectorizer):
    """A ``TfidfVectorizer`` that saves its vocabulary as one array of terms instead of a dict.

    skops writes a dict entry by entry into its JSON schema, which made a 50,000-term baseline a 50 MB file that took
    seconds to parse; an array of terms is one ``.npy`` blob, and the dict is rebuilt on load.
    """

    def __getstate__(self) -> dict[str, Any]:
        state: dict[str, Any] = dict(super().__getstate__())
        vocabulary = state.pop("vocabulary_", None)
        if vocabulary is not None:
            terms = sorted(vocabulary, key=vocabulary.__getitem__)
            state["terms_"] = np.array(terms, dtype=str)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = dict(state)
        terms = state.pop("terms_", None)
        if terms is not None:
            state["vocabulary_"] = {str(term): index for index, term in enumerate(terms)}
        super().__setstate__(state)
