"""Splitting a turn into utterances (sentence-sized units).

Punctuated text splits at sentence ends. Caption text often has no punctuation at all; a long unpunctuated run is split
before a phrase that typically opens a new question or suggestion, so that "so the rota fell apart what would help"
gives two utterances. Short texts are never split on words alone.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.?!…])[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|etc|e\.g|i\.e|vs|approx)\.$", re.IGNORECASE)

#: Openings that start a new utterance inside an unpunctuated caption run.
_CAPTION_BREAK = re.compile(
    r"\s(?=(?:so )?(?:what|how|why|have you|has anyone|did you|do you|can you|could you|would you|is there|are you|"
    r"tell me|i wonder|i'm curious|i think you|you should|you could|if i were you|maybe you)\b)",
    re.IGNORECASE,
)
_MIN_WORDS_FOR_CAPTION_SPLIT = 24
_MIN_WORDS_PER_PIECE = 6


def split_utterances(text: str) -> list[str]:
    """The utterances of ``text``, in order; an empty list for blank text."""
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return [part for sentence in sentences for part in _split_caption_run(sentence)]


def _split_caption_run(sentence: str) -> list[str]:
    if len(sentence.split()) < _MIN_WORDS_FOR_CAPTION_SPLIT or re.search(r"[.?!,;]", sentence):
        return [sentence]
    pieces: list[str] = []
    start = 0
    for match in _CAPTION_BREAK.finditer(sentence):
        head = sentence[start : match.start()]
        tail = sentence[match.end() :]
        if len(head.split()) >= _MIN_WORDS_PER_PIECE and len(tail.split()) >= 3:
            pieces.append(head.strip())
            start = match.end()
    pieces.append(sentence[start:].strip())
    return pieces
