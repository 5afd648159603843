"""Fitting a sentence head on writers' files: each written row with its caption-style copy, a held-out AUC per
writer, and the head's reading of the texts it is checked on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from training import sentence_heads
from training.sentence_heads import fit_head, lowest_threshold, writer_rows


class _Encoder:
    """Embeds a text as (1, 0) when it mentions ideas, else (0, 1), plus a little of its length."""

    def embed(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        return np.array([[float("ideas" in t), float("ideas" not in t), len(t) / 100] for t in texts], dtype=np.float32)


def _write(path: Path, rows: list[tuple[str, bool, str]]) -> Path:
    lines = [json.dumps({"text": text, "yes": yes, "style": style}) for text, yes, style in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_written_row_comes_with_its_caption_style_copy_and_a_caption_row_alone(tmp_path: Path) -> None:
    path = _write(tmp_path / "w.jsonl", [("Ideas, please!", True, "written"), ("questions only", False, "caption")])

    texts, answers = writer_rows(path, "yes")

    assert texts == ["Ideas, please!", "ideas please", "questions only"]
    assert answers.tolist() == [1, 1, 0]


def test_a_head_is_fit_on_every_writer_and_each_writer_is_scored_by_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sentence_heads, "shared_encoder", _Encoder)
    rows = [("ideas now", True, "caption"), ("more ideas please", True, "caption"), ("questions", False, "caption")]
    paths = [_write(tmp_path / f"w-{name}.jsonl", [*rows, ("ask away", False, "caption")]) for name in "abc"]

    fitted = fit_head(paths, "yes", 3.0, ["any ideas", "any questions"])

    assert set(fitted.held_out_auc) == {"w-a", "w-b", "w-c"}
    assert all(auc == 1.0 for auc in fitted.held_out_auc.values())
    assert fitted.probabilities[0] > 0.5 > fitted.probabilities[1]
    record = fitted.record("h", 0.9, {"settings": {"c": 3.0}}, {"measured": 1})
    assert list(record) == [
        *("name", "encoder", "weights", "bias", "threshold"),
        *("settings", "held_out_writer_auc", "measured"),
    ]
    assert len(record["weights"]) == 3


def test_the_threshold_is_the_lowest_with_no_more_errors_than_allowed() -> None:
    errors_at = {0.5: 3, 0.6: 1, 0.7: 0, 0.8: 0}

    threshold, by_threshold = lowest_threshold(
        lambda t: {"errors": errors_at[round(t, 2)]}, np.arange(0.5, 0.85, 0.1), "errors", 0
    )

    assert threshold == 0.7
    assert by_threshold == {0.5: {"errors": 3}, 0.6: {"errors": 1}, 0.7: {"errors": 0}, 0.8: {"errors": 0}}
    assert (
        lowest_threshold(lambda t: {"errors": errors_at[round(t, 2)]}, np.arange(0.5, 0.85, 0.1), "errors", 1)[0] == 0.6
    )
