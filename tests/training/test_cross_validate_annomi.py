"""The cross-validated session figure: folds by transcript, stratified by quality, and what each fold trains on."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from datasets import Dataset, DatasetDict, load_from_disk

from training.annomi import read_annomi
from training.cross_validate_annomi import FOLDS, FOLDS_FILE, fold_prepared, load_folds, make_folds, summarise

QUALITY = {str(t): "low" if t % 7 == 0 else "high" for t in range(79)}  # 12 low, 67 high


def test_every_transcript_is_held_out_exactly_once() -> None:
    folds = make_folds(QUALITY)
    assert len(folds) == FOLDS
    assert sorted((t for fold in folds for t in fold), key=int) == sorted(QUALITY, key=int)
    assert max(map(len, folds)) - min(map(len, folds)) <= 1


def test_the_few_low_quality_transcripts_are_shared_out_between_the_folds() -> None:
    lows = [sum(QUALITY[t] == "low" for t in fold) for fold in make_folds(QUALITY)]
    assert max(lows) - min(lows) <= 1
    assert min(lows) >= 2


def test_the_folds_are_the_same_every_time_and_move_with_the_seed() -> None:
    assert make_folds(QUALITY) == make_folds(dict(reversed(list(QUALITY.items()))))
    assert make_folds(QUALITY) != make_folds(QUALITY, seed=14)


def test_the_recorded_folds_cover_the_79_transcripts_with_every_fold_holding_low_quality_ones() -> None:
    transcripts = read_annomi()
    folds = load_folds(transcripts)
    assert json.loads(FOLDS_FILE.read_text(encoding="utf-8")) == folds
    quality = transcripts.groupby("conversation_id")["quality"].first()
    assert Counter(t for fold in folds for t in fold) == Counter(c.removeprefix("annomi/") for c in quality.index)
    assert all(sum(quality[f"annomi/{t}"] == "low" for t in fold) >= 2 for fold in folds)


def rows(conversation: str, n: int) -> list[dict[str, Any]]:
    return [{"text": f"turn {i}", "label": "story", "conversation_id": conversation} for i in range(n)]


def test_a_fold_trains_on_every_other_transcript_of_every_split_and_chooses_its_epoch_without_annomi(
    tmp_path: Path,
) -> None:
    prepared = DatasetDict(
        {
            "ours_train": Dataset.from_list(rows("ours-1", 2)),
            "annomi_train": Dataset.from_list(rows("annomi/1", 2) + rows("annomi/2", 3)),
            "annomi_dev": Dataset.from_list(rows("annomi/3", 4)),
            "annomi_test": Dataset.from_list(rows("annomi/4", 5)),
        }
    )
    prepared.save_to_disk(str(tmp_path / "prepared"))
    fold_prepared(tmp_path / "prepared", {"annomi/2", "annomi/4"}, tmp_path / "fold")
    fold = load_from_disk(str(tmp_path / "fold"))
    assert sorted(fold) == ["annomi_train", "ours_train"]
    assert Counter(fold["annomi_train"]["conversation_id"]) == {"annomi/1": 2, "annomi/3": 4}
    assert len(fold["ours_train"]) == 2


def test_the_summary_pools_every_folds_held_out_transcripts() -> None:
    def ratio(conversation: str, quality: str, predicted: float) -> dict[str, Any]:
        return {
            "conversation_id": conversation,
            "quality": quality,
            "predicted": predicted,
            "codes": 0.5,
            "guideline": 0.5,
        }

    results = [
        {"ratios": [ratio("a", "high", 0.9), ratio("b", "low", 0.2)], "gold": ["advice"], "predicted": ["advice"]},
        {"ratios": [ratio("c", "high", 0.1), ratio("d", "low", 0.3)], "gold": ["story"], "predicted": ["advice"]},
    ]
    summary = summarise(results)
    assert (summary["folds"], summary["transcripts"], summary["low_quality"]) == (2, 4, 2)
    assert summary["auc_model"] == 0.5  # a beats both lows, c neither
    assert summary["turns"]["per_label"]["advice"]["precision"] == 0.5
