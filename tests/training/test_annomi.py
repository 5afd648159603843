"""AnnoMI's codes mapped onto our labels (guideline wins where they disagree), and its recorded split."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from training.annomi import (
    ANNOMI_FILE,
    ANNOMI_GUIDELINE_CLIENTS_FILE,
    ANNOMI_GUIDELINE_FILE,
    adjudicate,
    client_label,
    load_splits,
    make_splits,
    read_annomi,
    read_guideline_annotations,
    read_raw,
    therapist_label,
)


def codes(text: str = "Okay.", **flags: Any) -> dict[str, Any]:
    row = {
        "utterance_text": text,
        "therapist_input_exists": "False",
        "therapist_input_subtype": "",
        "reflection_exists": "False",
        "reflection_subtype": "",
        "question_exists": "False",
        "question_subtype": "",
    }
    row.update(flags)
    return row


THERAPIST_CASES = [
    ("advice", codes(therapist_input_exists="True", therapist_input_subtype="advice"), ("advice", "direct")),
    (
        "options are advice",
        codes(therapist_input_exists="True", therapist_input_subtype="options"),
        ("advice", "direct"),
    ),
    (
        "advice beats a question in the same turn",
        codes(
            therapist_input_exists="True",
            therapist_input_subtype="advice",
            question_exists="True",
            question_subtype="open",
        ),
        ("advice", "direct"),
    ),
    (
        "a question beats a reflection before it",
        codes(reflection_exists="True", question_exists="True", question_subtype="closed"),
        ("closed_question", "direct"),
    ),
    (
        "open question",
        codes("What brings you in?", question_exists="True", question_subtype="open"),
        ("open_question", "direct"),
    ),
    (
        "a request for permission coded open is closed under our rule 3",
        codes("Thanks. Is it okay if I take a look?", question_exists="True", question_subtype="open"),
        ("closed_question", "guideline"),
    ),
    (
        "a permission preface before an open question stays open",
        codes("Can I ask you, uh, what do you like about drinking?", question_exists="True", question_subtype="open"),
        ("open_question", "direct"),
    ),
    ("reflection", codes(reflection_exists="True", reflection_subtype="complex"), ("reflection", "direct")),
    (
        "information is not advice",
        codes(therapist_input_exists="True", therapist_input_subtype="information"),
        ("story", "direct"),
    ),
    (
        "negotiation is process talk",
        codes(therapist_input_exists="True", therapist_input_subtype="negotiation"),
        ("other", "approx"),
    ),
    ("nothing coded", codes("Mm-hmm."), ("other", "direct")),
]


@pytest.mark.parametrize(("name", "row", "expected"), THERAPIST_CASES, ids=[case[0] for case in THERAPIST_CASES])
def test_therapist_codes_map_to_our_labels(name: str, row: dict[str, Any], expected: tuple[str, str]) -> None:
    assert therapist_label(row) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mm-hmm.", ("other", "approx")),
        ("Yeah, sure.", ("other", "approx")),
        ("I'll try cutting down to weekends, I think.", ("story", "approx")),
        ("How's that going to help?", (None, "unmapped")),
    ],
)
def test_client_talk_is_the_presenters(text: str, expected: tuple[str | None, str]) -> None:
    assert client_label(text) == expected


def test_make_splits_is_by_transcript_stratified_and_holds_low_quality_out() -> None:
    quality = {str(i): "low" if i % 7 == 0 else "high" for i in range(80)}
    splits = make_splits(quality)
    ids = [t for part in splits.values() for t in part]
    assert sorted(ids, key=int) == sorted(quality, key=int)  # every transcript once
    held_out_low = [t for t in splits["dev"] + splits["test"] if quality[t] == "low"]
    assert len(held_out_low) >= 3
    assert make_splits(quality) == splits  # fixed by the seed


@pytest.mark.skipif(not ANNOMI_FILE.is_file(), reason="the AnnoMI file is not in data/corpora")
def test_recorded_split_covers_every_transcript_with_low_quality_in_dev_and_test() -> None:
    raw = read_raw()
    quality = raw.groupby("transcript_id")["mi_quality"].first().to_dict()
    recorded = load_splits()
    assert set(recorded) == {str(t) for t in quality}
    assert sum(quality[t] == "low" for t, split in recorded.items() if split in ("dev", "test")) >= 3


@pytest.mark.parametrize(
    ("codes", "annotations", "expected"),
    [
        (("advice", "direct"), ["open_question", "open_question"], ("open_question", "guideline")),
        (("story", "direct"), ["advice"], ("advice", "guideline")),
        (("advice", "direct"), ["advice", "advice"], ("advice", "direct")),
        (("advice", "direct"), ["open_question", "advice"], ("advice", "direct")),
        (("other", "approx"), [], ("other", "approx")),
    ],
    ids=["agreeing-annotators-win", "one-annotator-wins", "same-label-keeps-codes", "split-keeps-codes", "none"],
)
def test_guideline_annotators_win_only_where_they_agree(
    codes: tuple[str, str], annotations: list[str], expected: tuple[str, str]
) -> None:
    assert adjudicate(codes, annotations) == expected


def test_guideline_annotations_are_read_by_turn(tmp_path: Path) -> None:
    path = tmp_path / "annotations.jsonl"
    path.write_text(
        '{"transcript_id": 3, "utterance_id": 7, "labels": ["advice", "story"]}\n\n'
        '{"transcript_id": 3, "utterance_id": 9, "labels": ["other"]}\n',
        encoding="utf-8",
    )
    assert read_guideline_annotations(path) == {(3, 7): ["advice", "story"], (3, 9): ["other"]}
    assert read_guideline_annotations(tmp_path / "missing.jsonl") == {}
    more = tmp_path / "more.jsonl"
    more.write_text('{"transcript_id": 4, "utterance_id": 1, "labels": ["reflection"]}\n', encoding="utf-8")
    assert read_guideline_annotations(path, more)[(4, 1)] == ["reflection"]
    assert len(read_guideline_annotations(path, more)) == 3


@pytest.mark.skipif(not ANNOMI_FILE.is_file(), reason="the AnnoMI file is not in data/corpora")
def test_guideline_labels_replace_codes_only_on_annotated_turns() -> None:
    annomi = read_annomi()
    changed = annomi[annomi["label"] != annomi["codes_label"]]
    assert set(changed["confidence"]) == {"guideline"}
    assert set(changed["role"]) == {"member", "presenter"}
    assert set(changed[changed["role"] == "presenter"]["split"]) == {"dev", "test"}  # client turns: dev and test only
    for role, path in (("member", ANNOMI_GUIDELINE_FILE), ("presenter", ANNOMI_GUIDELINE_CLIENTS_FILE)):
        annotations = read_guideline_annotations(path)
        held_out = annomi[(annomi["role"] == role) & annomi["split"].isin(["dev", "test"])]
        twice = sum(len(labels) == 2 for labels in annotations.values())
        assert twice == len(held_out)  # every dev and test turn of the role was labelled by two annotators
