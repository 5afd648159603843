"""Sentence boundaries in text without punctuation (auto-captions): a linear tagger over a window of words.

For each gap between two words, the tagger scores "a new utterance starts here" from the words around the gap (two
either side, their pairs, whether they are function words, and how far the gap is from the start and the end of the
turn), hashed into a fixed-size feature space with the standard library's CRC-32, so serving needs NumPy only. It was
trained by ``training.train_boundaries`` on our conversations and AnnoMI with the punctuation stripped, where the
true boundaries are known; its scores are in ``models/boundaries/metrics.json``.

The weights are plain numbers in ``models/boundaries/boundaries.npz`` (no pickle), read with NumPy.
"""

from __future__ import annotations

import json
import re
import zlib
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from coach.errors import ModelError

#: Size of the hashed feature space.
N_FEATURES = 2**18
_NOT_WORD = re.compile(r"[^\w']")
BOUNDARIES_DIR = Path(__file__).resolve().parents[2] / "models" / "boundaries"


#: Words after which a wh-word usually opens an embedded clause ("let us know what you need", "figures on how much").
_EMBEDDERS = frozenset(
    [
        "know",
        "knew",
        "known",
        "knows",
        "tell",
        "told",
        "ask",
        "asked",
        "wonder",
        "wondering",
        "see",
        "saw",
        "decide",
        "decided",
        "understand",
        "explain",
        "show",
        "remember",
        "forget",
        "sure",
        "idea",
        "matter",
        "depends",
        "depend",
        "figure",
        "out",
        "about",
        "on",
        "of",
        "is",
        "was",
        "that's",
        "thats",
        "exactly",
        "just",
        "doing",
        "drop",
        "care",
        "think",
        "thinking",
        "guess",
        "find",
        "found",
        "learn",
        "realise",
        "realize",
        "work",
        "worked",
        "check",
    ]
)
#: Closed-class words: a gap after one is rarely a sentence end.
_FUNCTION_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "my",
        "your",
        "his",
        "her",
        "its",
        "our",
        "their",
        "some",
        "any",
        "no",
        "every",
        "each",
        "to",
        "for",
        "with",
        "at",
        "by",
        "from",
        "in",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "of",
        "on",
        "and",
        "or",
        "but",
        "so",
        "if",
        "because",
        "as",
        "than",
        "then",
        "when",
        "while",
        "where",
        "who",
        "which",
        "what",
        "how",
        "why",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "him",
        "us",
        "them",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "shall",
        "may",
        "might",
        "must",
        "not",
        "there",
        "here",
        "just",
        "very",
        "really",
        "quite",
    ]
)


def _word_class(word: str) -> str:
    return "embed" if word in _EMBEDDERS else "func" if word in _FUNCTION_WORDS else "content"


def _bucket(count: int) -> str:
    return str(count) if count < 6 else "6-9" if count < 10 else "10-19" if count < 20 else "20+"


def word_key(word: str) -> str:
    """A word as the tagger sees it: lower case, punctuation but apostrophes removed (as ``strip_text`` leaves it)."""
    return _NOT_WORD.sub("", word.lower()) or "<p>"


def gap_features(words: Sequence[str]) -> list[list[str]]:
    """The features of each gap of ``words`` (lower-case tokens): gap ``i`` lies between word ``i`` and ``i + 1``."""
    padded = ["<s>", "<s>", *words, "</s>", "</s>", "</s>"]
    features = []
    for i in range(len(words) - 1):
        w_2, w_1, w0, w1, w2, w3 = padded[i : i + 6]
        features.append(
            [
                f"w0={w0}",
                f"w1={w1}",
                f"w-1={w_1}",
                f"w2={w2}",
                f"w0w1={w0}|{w1}",
                f"w-1w0={w_1}|{w0}",
                f"w1w2={w1}|{w2}",
                f"w-1w0w1={w_1}|{w0}|{w1}",
                f"w-2={w_2}",
                f"w3={w3}",
                f"w1w2w3={w1}|{w2}|{w3}",
                f"w-2w-1w0={w_2}|{w_1}|{w0}",
                f"since={_bucket(i + 1)}",
                f"left={_bucket(len(words) - i - 1)}",
                f"w1 left={w1}|{_bucket(len(words) - i - 1)}",
                f"c0w1={_word_class(w0)}|{w1}",
                f"c0c1={_word_class(w0)}|{_word_class(w1)}",
                f"w-1c0w1={w_1}|{_word_class(w0)}|{w1}",
            ]
        )
    return features


def feature_indices(features: Sequence[str]) -> list[int]:
    """Where each feature lands in the weight vector (the same hashing in training and serving)."""
    return [zlib.crc32(feature.encode("utf-8")) % N_FEATURES for feature in features]


class BoundaryTagger:
    """Splits a run of unpunctuated words where the tagger's probability of a boundary reaches ``threshold``."""

    def __init__(self, weights: npt.NDArray[np.float32], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    @classmethod
    def load(cls, directory: Path = BOUNDARIES_DIR) -> BoundaryTagger:
        path, config_path = directory / "boundaries.npz", directory / "boundaries.json"
        if not path.is_file() or not config_path.is_file():
            raise ModelError(f"{path} is missing; rebuild it with `python -m training.train_boundaries`.")
        arrays = np.load(path)
        config = json.loads(config_path.read_text(encoding="utf-8"))
        return cls(arrays["weights"].astype(np.float32), float(arrays["bias"]), float(config["threshold"]))

    def probabilities(self, words: Sequence[str]) -> npt.NDArray[np.float64]:
        """The probability of a boundary at each gap of ``words``."""
        if len(words) < 2:
            return np.zeros(0)
        logits = np.array([self.weights[feature_indices(gap)].sum() for gap in gap_features(words)]) + self.bias
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64)

    def split(self, text: str) -> list[str]:
        """``text`` cut at the predicted boundaries; words keep their original case and spelling."""
        words = text.split()
        keys = [word_key(word) for word in words]
        pieces: list[str] = []
        start = 0
        for gap, probability in enumerate(self.probabilities(keys)):
            if probability >= self.threshold:
                pieces.append(" ".join(words[start : gap + 1]))
                start = gap + 1
        pieces.append(" ".join(words[start:]))
        return pieces


@cache
def default_tagger() -> BoundaryTagger:
    """The shipped tagger, loaded once."""
    return BoundaryTagger.load()
