"""Sentence boundaries in text without punctuation (auto-captions): a token head on the same MiniLM encoder.

For each word, the tagger gives the probability that an utterance ends after it. It was fine-tuned by
``training.train_boundaries`` on our conversations and AnnoMI with the punctuation stripped, where the true boundaries
are known, and ships as int8 ONNX like the classifier (``models/boundaries``); its scores are in
``models/boundaries/metrics.json``. Serving needs ``onnxruntime`` and ``tokenizers`` only, and the model is loaded the
first time a caption run needs splitting.

Long runs are read in windows of :data:`WINDOW_WORDS` words, each seeing :data:`OVERLAP_WORDS` words of the window
before, so that every decision has words on both sides.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

from coach.classifier.encoding import load_tokenizer, pad
from coach.classifier.fair_pool import FairPool
from coach.classifier.onnx_backend import default_threads, open_session
from coach.errors import ModelError

BOUNDARIES_DIR = Path(__file__).resolve().parents[2] / "models" / "boundaries"
#: Words per window, and how many of them repeat the end of the window before.
WINDOW_WORDS = 64
OVERLAP_WORDS = 16
_NOT_WORD = re.compile(r"[^\w']")


def word_key(word: str) -> str:
    """A word as the tagger reads it: lower case, punctuation but apostrophes removed (as ``strip_text`` leaves it)."""
    return _NOT_WORD.sub("", word.lower()) or "-"


def windows(count: int) -> list[tuple[int, int]]:
    """``(start, end)`` word ranges covering ``count`` words, each overlapping the one before by the overlap."""
    spans = [(0, min(count, WINDOW_WORDS))]
    while spans[-1][1] < count:
        start = spans[-1][1] - OVERLAP_WORDS
        spans.append((start, min(count, start + WINDOW_WORDS)))
    return spans


def last_token_of_each_word(word_ids: Sequence[int | None], words: int) -> list[int | None]:
    """The index of each word's last sub-token (``None`` for a word truncated away)."""
    last: list[int | None] = [None] * words
    for index, word in enumerate(word_ids):
        if word is not None:
            last[word] = index
    return last


class BoundaryTagger:
    """Splits a run of unpunctuated words where the probability of an utterance ending reaches ``threshold``."""

    def __init__(self, session: ort.InferenceSession, tokenizer: Tokenizer, threshold: float, threads: int = 1) -> None:
        self._session = session
        self._tokenizer = tokenizer
        self._input_names = {node.name for node in session.get_inputs()}
        self.threshold = threshold
        self._pool = FairPool(threads, "coach-boundaries") if threads > 1 else None

    @classmethod
    def load(cls, directory: Path = BOUNDARIES_DIR) -> BoundaryTagger:
        paths = [directory / name for name in ("model.onnx", "tokenizer.json", "boundaries.json")]
        for path in paths:
            if not path.is_file():
                raise ModelError(f"{path} is missing; rebuild the tagger with `python -m training.train_boundaries`.")
        config = json.loads(paths[2].read_text(encoding="utf-8"))
        tokenizer = load_tokenizer(paths[1], int(config["max_length"]))
        return cls(open_session(paths[0]), tokenizer, float(config["threshold"]), default_threads())

    def word_probabilities(self, words: Sequence[str]) -> npt.NDArray[np.float64]:
        """For each word (as :func:`word_key` gives it), the probability that an utterance ends after it."""
        result = np.zeros(len(words))
        for start, end in windows(len(words)):
            chunk = list(words[start:end])
            encoding = self._tokenizer.encode(chunk, is_pretokenized=True)
            feeds = pad([encoding])
            (logits,) = self._session.run(None, {name: feeds[name] for name in self._input_names})
            scores = np.asarray(logits, dtype=np.float64)[0]
            shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
            ends = shifted[:, 1] / shifted.sum(axis=-1)
            keep_from = 0 if start == 0 else OVERLAP_WORDS // 2
            for offset, token in enumerate(last_token_of_each_word(encoding.word_ids, len(chunk))):
                if offset >= keep_from and token is not None:
                    result[start + offset] = ends[token]
        return result

    def probabilities(self, words: Sequence[str]) -> npt.NDArray[np.float64]:
        """The probability of a boundary at each gap of ``words``: gap ``i`` lies between word ``i`` and ``i + 1``."""
        if len(words) < 2:
            return np.zeros(0)
        return self.word_probabilities(words)[:-1]

    def split_all(self, texts: Sequence[str]) -> list[list[str]]:
        """:meth:`split` of each text, the texts spread over the worker threads (a transcript's caption runs)."""
        if self._pool is None or len(texts) < 2:
            return [self.split(text) for text in texts]
        return self._pool.map(self.split, texts)

    def split(self, text: str) -> list[str]:
        """``text`` cut at the predicted boundaries; words keep their original case and spelling."""
        words = text.split()
        pieces: list[str] = []
        start = 0
        for gap, probability in enumerate(self.probabilities([word_key(word) for word in words])):
            if probability >= self.threshold:
                pieces.append(" ".join(words[start : gap + 1]))
                start = gap + 1
        pieces.append(" ".join(words[start:]))
        return pieces


@cache
def default_tagger() -> BoundaryTagger:
    """The shipped tagger, loaded once."""
    return BoundaryTagger.load()
