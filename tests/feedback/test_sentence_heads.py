"""Sentence heads: the head's arithmetic, and the shipped head's readings remembered by digest."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from coach.errors import ModelError
from coach.feedback.sentence_heads import SentenceHead, ShippedHead


class _Encoder:
    """Embeds a text as (1, 0) if it mentions ideas, else (0, 1)."""

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.array([[1.0, 0.0] if "ideas" in text else [0.0, 1.0] for text in texts], dtype=np.float32)


def test_a_sentence_is_taken_when_its_logistic_score_reaches_the_threshold() -> None:
    head = SentenceHead(_Encoder(), weights=[2.0, -2.0], bias=0.0, threshold=0.8)  # type: ignore[arg-type]

    probabilities = head.probabilities(["ideas please", "questions please"])

    assert probabilities == pytest.approx([1 / (1 + np.exp(-2.0)), 1 / (1 + np.exp(2.0))])
    assert head(["ideas please", "questions please"]) == [True, False]


def test_a_missing_head_names_the_command_that_rebuilds_it(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=re.escape("`python -m training.train_something`")):
        SentenceHead.load(tmp_path / "model.json", "python -m training.train_something")


def test_the_shipped_reading_of_a_sentence_is_made_once_and_remembered_by_digest(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    read: list[str] = []

    def head(sentences: Sequence[str]) -> list[bool]:
        read.extend(sentences)
        return ["ideas" in sentence for sentence in sentences]

    shipped = ShippedHead("any", "rebuild", remembered=2)
    monkeypatch.setattr(shipped, "head", lambda: head)

    assert shipped(["ideas now, please", "questions first"]) == [True, False]
    assert shipped(["questions first", "any more ideas"]) == [False, True]
    assert read == ["ideas now, please", "questions first", "any more ideas"]
    assert shipped(["ideas now, please"]) == [True]  # forgotten: only the last two are kept
    assert read[-1] == "ideas now, please"
