"""Step 1, prepare: our annotated conversations and the corpora, split by conversation, saved as ``datasets``.

    python -m training.prepare [--record-splits]

Writes ``artifacts/prepared`` (a ``DatasetDict`` with ``ours_train``, ``ours_dev``, ``ours_test``, the same for our
whole meetings (``meetings_*``, split by meeting in ``data/annotated/meetings/splits.json``) and for each corpus:
``mrda_*``, ``ami_*`` and ``annomi_*``, whose rows are whole turns). Every row has its ``context``.
``--record-splits`` adds conversations not yet in ``data/annotated/splits.json`` to it; recorded
conversations never move. Every AnnoMI turn that was labelled under our guideline (``training.annomi``: the dev and
test transcripts' turns and every train counsellor turn) has its guideline label where the annotators' label wins.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import pandas as pd
from datasets import Dataset, DatasetDict, disable_progress_bars

from training.annomi import (
    ANNOMI_FILE,
    ANNOMI_GUIDELINE_CLIENTS_FILE,
    ANNOMI_GUIDELINE_FILE,
    ANNOMI_GUIDELINE_TRAIN_REST_FILE,
    ANNOMI_SPLITS_FILE,
    read_annomi,
)
from training.data import (
    CONVERSATIONS_DIR,
    CORPORA_DIR,
    CORPUS_FILES,
    PREPARED_DIR,
    SPLIT_NAMES,
    SPLITS_FILE,
    load_splits,
    read_annotated,
    read_corpus,
    write_splits,
)
from training.meetings import meeting_split

COLUMNS = ["text", "label", "conversation_id", "speaker", "source", "context"]


def prepare(
    corpora_dir: Path,
    output: Path,
    record_splits: bool = False,
    conversations_dir: Path = CONVERSATIONS_DIR,
    splits_file: Path = SPLITS_FILE,
) -> DatasetDict:
    ours = pd.DataFrame(read_annotated(conversations_dir))
    assignment = load_splits(set(ours["conversation_id"]), splits_file)
    if record_splits:
        write_splits(assignment, splits_file)
    ours["split"] = ours["conversation_id"].map(assignment)
    ours["leading"] = ours.get("leading", pd.Series(False, index=ours.index)).fillna(False).astype(bool)
    ours["style"] = ours.get("style", pd.Series("written", index=ours.index)).fillna("written")
    parts: dict[str, Dataset] = {}
    for split in SPLIT_NAMES:
        part = ours[ours["split"] == split][[*COLUMNS, "role", "turn", "leading", "style"]]
        parts[f"ours_{split}"] = Dataset.from_pandas(part.reset_index(drop=True))
    for split in SPLIT_NAMES:
        rows = [row for meeting in meeting_split(split).values() for row in meeting]
        meetings = pd.DataFrame(rows)[[*COLUMNS, "role", "turn", "leading", "style"]]
        parts[f"meetings_{split}"] = Dataset.from_pandas(meetings)
    for name in CORPUS_FILES:
        if not (corpora_dir / CORPUS_FILES[name]).is_file():
            print(f"prepare: {corpora_dir / CORPUS_FILES[name]} not found; training without {name}")
            continue
        corpus = read_corpus(name, corpora_dir)
        for split in SPLIT_NAMES:
            part = corpus[corpus["split"] == split][[*COLUMNS, "confidence"]]
            parts[f"{name}_{split}"] = Dataset.from_pandas(part.reset_index(drop=True))
    annomi_file = corpora_dir / ANNOMI_FILE.relative_to(CORPORA_DIR)
    if not annomi_file.is_file():
        print(f"prepare: {annomi_file} not found; training without annomi")
    else:
        annotations = [
            ANNOMI_GUIDELINE_FILE,
            ANNOMI_GUIDELINE_CLIENTS_FILE,
            ANNOMI_GUIDELINE_TRAIN_REST_FILE,
        ]
        folder = annomi_file.parent
        annomi = read_annomi(annomi_file, folder / ANNOMI_SPLITS_FILE.name, [folder / f.name for f in annotations])
        annomi = annomi[annomi["label"] != ""].assign(source="annomi")
        for split in SPLIT_NAMES:
            part = annomi[annomi["split"] == split][[*COLUMNS, "confidence", "role", "quality"]]
            parts[f"annomi_{split}"] = Dataset.from_pandas(part.reset_index(drop=True))
    prepared = DatasetDict(parts)
    prepared.save_to_disk(str(output))
    return prepared


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", type=Path, default=CORPORA_DIR, help="folder with ami/, annomi/ and mrda/")
    parser.add_argument("--output", type=Path, default=PREPARED_DIR)
    parser.add_argument("--record-splits", action="store_true", help="record new conversations in splits.json")
    args = parser.parse_args()
    disable_progress_bars()
    prepared = prepare(args.corpora, args.output, args.record_splits)
    for name, part in prepared.items():
        conversations = len(set(part["conversation_id"]))
        print(f"{name:12} {len(part):6} rows {conversations:4} conversations  {dict(Counter(part['label']))}")


if __name__ == "__main__":
    main()
