"""prepare -> train -> evaluate on a tiny dataset, with the real scripts' functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach import Coach
from tests.conftest import TINY_ROWS
from training.evaluate import evaluate
from training.prepare import prepare
from training.train_baseline import build_pipeline, save

pytestmark = pytest.mark.slow


def write_conversations(directory: Path) -> None:
    directory.mkdir(parents=True)
    rows = []
    for number in range(24):
        for label, texts in TINY_ROWS.items():
            for turn, text in enumerate(texts):
                rows.append(
                    {
                        "text": text,
                        "label": label,
                        "conversation_id": f"t-{number:02d}",
                        "speaker": "Ana",
                        "role": "member",
                        "turn": turn,
                        "source": "test",
                        "leading": False,
                    }
                )
    (directory / "tiny.jsonl").write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")


def test_prepare_train_evaluate(tmp_path: Path) -> None:
    write_conversations(tmp_path / "conversations")
    splits = tmp_path / "splits.json"
    prepared = prepare(tmp_path / "no-corpora", tmp_path / "prepared", True, tmp_path / "conversations", splits)
    recorded = json.loads(splits.read_text())
    assert sum(len(ids) for ids in recorded.values()) == 24
    assert not set(recorded["train"]) & set(recorded["test"])
    assert len(prepared["ours_train"]) + len(prepared["ours_dev"]) + len(prepared["ours_test"]) == 24 * 24

    pipeline = build_pipeline().set_params(features__words__min_df=1, features__chars__min_df=1)
    pipeline.fit(prepared["ours_train"]["text"], prepared["ours_train"]["label"])
    save(pipeline, tmp_path / "model", {"sources": []}, 0.0)
    results = evaluate(Coach.load(tmp_path / "model"), prepared)
    assert results["ours_test"]["macro_f1"] > 0.9
    assert set(results) >= {"ours_test", "ours_test_stripped", "leading"}
