"""Tokenizing an utterance with its context, the one way training and serving both use.

An utterance without context is a single sequence (``[CLS] text [SEP]``); with context it is a pair
(``[CLS] text [SEP] context [SEP]``, segment ids 0 then 1). Truncation is longest-first, so a long context gives way
before the utterance does.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
from tokenizers import Encoding, Tokenizer


def load_tokenizer(path: Path, max_length: int) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(max_length=max_length, strategy="longest_first")
    tokenizer.no_padding()
    return tokenizer


def encode(tokenizer: Tokenizer, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[Encoding]:
    """One encoding per text; a text whose context is empty or missing is encoded alone."""
    if contexts is None:
        return tokenizer.encode_batch(list(texts))
    if len(contexts) != len(texts):
        raise ValueError(f"{len(contexts)} contexts for {len(texts)} texts; give one context per text (or none).")
    inputs = [(text, context) if context.strip() else text for text, context in zip(texts, contexts, strict=True)]
    return tokenizer.encode_batch(inputs)


def pad(encodings: Sequence[Encoding]) -> dict[str, npt.NDArray[np.int64]]:
    """``input_ids``, ``attention_mask`` and ``token_type_ids``, right-padded to the longest encoding."""
    width = max(len(encoding.ids) for encoding in encodings)
    input_ids = np.zeros((len(encodings), width), dtype=np.int64)
    type_ids = np.zeros_like(input_ids)
    attention_mask = np.zeros_like(input_ids)
    for row, encoding in enumerate(encodings):
        size = len(encoding.ids)
        input_ids[row, :size] = encoding.ids
        type_ids[row, :size] = encoding.type_ids
        attention_mask[row, :size] = 1
    return {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": type_ids}
