"""Splitting a turn into utterances (sentence-sized units).

Punctuated text splits at sentence ends. Caption text often has no sentence punctuation at all: a run of at least
:data:`MIN_WORDS_FOR_TAGGER` words with no ``.``, ``?`` or ``!`` is split by the boundary tagger
(``coach.classifier.boundaries``), trained on real and written conversations with their punctuation stripped, so that
"so the rota fell apart what would help" gives two utterances while "let us know what you need" stays one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from coach.classifier.boundaries import default_tagger

_SENTENCE_END = re.compile(r"(?<=[.?!…])[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9])")
_ABBREVIATION = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|etc|e\.g|i\.e|vs|approx)\.$", re.IGNORECASE)
_SENTENCE_PUNCTUATION = re.compile(r"[.?!…]")

#: Shorter unpunctuated runs are left whole: a short caption line is almost always one utterance.
MIN_WORDS_FOR_TAGGER = 8


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` by its punctuation alone, whitespace squeezed; an empty list for blank text."""
    text = " ".join(text.split())
    if not text:
        return []
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(text):
        if sentences and _ABBREVIATION.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return sentences


def split_utterances(text: str) -> list[str]:
    """The utterances of ``text``, in order; an empty list for blank text."""
    return split_all_utterances([text])[0]


def split_all_utterances(texts: Sequence[str]) -> list[list[str]]:
    """The utterances of each of ``texts``; their caption runs go to the tagger together, over its worker threads."""
    sentences = [split_sentences(text) for text in texts]
    runs = [sentence for text in sentences for sentence in text if _is_caption_run(sentence)]
    split_runs = iter(default_tagger().split_all(runs) if runs else [])
    return [
        [part for sentence in text for part in (next(split_runs) if _is_caption_run(sentence) else [sentence])]
        for text in sentences
    ]


def _is_caption_run(sentence: str) -> bool:
    """A sentence long enough to hold several utterances, with no sentence punctuation to split it by."""
    return len(sentence.split()) >= MIN_WORDS_FOR_TAGGER and not _SENTENCE_PUNCTUATION.search(sentence)
