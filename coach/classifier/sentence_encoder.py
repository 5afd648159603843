"""Sentence embeddings for meaning similarity: the pretrained all-MiniLM-L6-v2 as int8 ONNX (``models/encoder``).

Built by ``python -m training.export_encoder``; its graph ends in mean pooling and L2 normalisation, so the dot
product of two embeddings is their cosine similarity.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from coach.classifier.encoding import encode, load_tokenizer, pad
from coach.classifier.loading import models_dir
from coach.classifier.onnx_backend import open_session
from coach.errors import ModelError


@cache
def shared_encoder() -> SentenceEncoder:
    """The shipped encoder, loaded once per process."""
    return SentenceEncoder.from_dir()


class SentenceEncoder:
    """Embeds sentences; ``similarity`` gives the cosine of each candidate to one reference sentence."""

    def __init__(self, directory: Path, max_length: int, file: str = "model.onnx") -> None:
        model_path = directory / file
        tokenizer_path = directory / "tokenizer.json"
        for path in (model_path, tokenizer_path):
            if not path.is_file():
                raise ModelError(f"{path} is missing; rebuild it with `python -m training.export_encoder`.")
        self._session = open_session(model_path)
        self._tokenizer = load_tokenizer(tokenizer_path, max_length)

    @classmethod
    def from_dir(cls, directory: Path | None = None) -> SentenceEncoder:
        directory = directory or models_dir() / "encoder"
        config_path = directory / "config.json"
        if not config_path.is_file():
            raise ModelError(f"{config_path} is missing; rebuild it with `python -m training.export_encoder`.")
        config = json.loads(config_path.read_text(encoding="utf-8"))
        return cls(directory, int(config["max_length"]), str(config.get("file", "model.onnx")))

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """One unit-length row per text (a batch of 0 texts gives a 0-row array)."""
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        inputs = pad(encode(self._tokenizer, texts))
        (embeddings,) = self._session.run(["embeddings"], inputs)
        return np.asarray(embeddings, dtype=np.float32)

    def similarity(self, reference: str, candidates: Sequence[str]) -> list[float]:
        """The cosine similarity of each candidate to ``reference``."""
        vectors = self.embed([reference, *candidates])
        return [float(value) for value in vectors[1:] @ vectors[0]]
