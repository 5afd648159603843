"""Reading the training sources: our annotated conversations and the real corpora in ``data/corpora``.

Every row carries its ``context``: the previous turn of another speaker (``coach.classifier.context``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from coach.classifier.base import form_rule_label
from coach.classifier.context import previous_turn_contexts
from coach.labels import LABELS, ROLES

ROOT = Path(__file__).resolve().parents[1]
ANNOTATED_DIR = ROOT / "data" / "annotated"
CONVERSATIONS_DIR = ANNOTATED_DIR / "conversations"
SPLITS_FILE = ANNOTATED_DIR / "splits.json"
CORPORA_DIR = ROOT / "data" / "corpora"
ARTIFACTS_DIR = ROOT / "artifacts"
PREPARED_DIR = ARTIFACTS_DIR / "prepared"

REQUIRED_FIELDS = ("text", "label", "conversation_id", "speaker", "role", "turn", "source")
SPLIT_NAMES = ("train", "dev", "test")

#: Which corpus rows are used, by ``mapping_confidence``, and at most how many per label (the corpora are large and
#: their story/other rows are meeting talk, so they are capped to keep our own data in charge).
CORPUS_FILES = {
    "mrda": "mrda/mrda_segments.csv.gz",
    "ami": "ami/ami_dialogue_acts.csv.gz",
}
CORPUS_CONFIDENCE = {
    "mrda": {"direct"},
    "ami": {"direct"},
}
CORPUS_CAP_PER_LABEL = 2500
#: The corpora's own partitions, by meeting, renamed to ours.
CORPUS_SPLITS = {"train": "train", "val": "dev", "dev": "dev", "test": "test", "eval": "test"}

_STRIP = re.compile(r"[^\w\s']")


def read_annotated(directory: Path = CONVERSATIONS_DIR) -> list[dict[str, Any]]:
    """Every row of every ``*.jsonl`` file under ``directory``, checked against the documented format."""
    rows: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                missing = [field for field in REQUIRED_FIELDS if field not in row]
                if missing:
                    raise ValueError(f"{path.name}:{number}: missing {', '.join(missing)}")
                if row["label"] not in LABELS or row["role"] not in ROLES:
                    raise ValueError(f"{path.name}:{number}: bad label {row['label']!r} or role {row['role']!r}")
                rows.append(row)
    add_contexts(rows)
    return rows


def add_contexts(rows: list[dict[str, Any]]) -> None:
    """Set each row's ``context`` to the previous turn of another speaker in its conversation."""
    by_conversation: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_conversation.setdefault(row["conversation_id"], []).append(row)
    for conversation in by_conversation.values():
        contexts = previous_turn_contexts([r["speaker"] for r in conversation], [r["text"] for r in conversation])
        for row, context in zip(conversation, contexts, strict=True):
            row["context"] = context


def hash_split(conversation_id: str) -> str:
    """A fixed split for a conversation: 70% train, 15% dev, 15% test, decided by a hash of its id."""
    bucket = int(hashlib.sha1(conversation_id.encode()).hexdigest(), 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def load_splits(conversation_ids: set[str], path: Path = SPLITS_FILE) -> dict[str, str]:
    """The recorded split of each conversation; conversations not yet recorded get :func:`hash_split`."""
    recorded: dict[str, str] = {}
    if path.is_file():
        for split, ids in json.loads(path.read_text(encoding="utf-8")).items():
            recorded.update(dict.fromkeys(ids, split))
    return {cid: recorded.get(cid, hash_split(cid)) for cid in sorted(conversation_ids)}


def write_splits(assignment: dict[str, str], path: Path = SPLITS_FILE) -> None:
    by_split = {split: sorted(cid for cid, s in assignment.items() if s == split) for split in SPLIT_NAMES}
    path.write_text(json.dumps(by_split, indent=1) + "\n", encoding="utf-8")


def strip_text(text: str) -> str:
    """Text as a captioning tool writes it: lower case, no punctuation but apostrophes."""
    return " ".join(_STRIP.sub(" ", text.lower()).split())


#: Punctuation inside a sentence; sentence ends (``.``, ``?``, ``!``, ``...``) and apostrophes stay, and the sentences.
_INNER_PUNCTUATION = re.compile(r"[,;:\"“”()\[\]–—]|(?<!\w)-+(?!\w)")
_SPACE_BEFORE_END = re.compile(r"\s+([.?!])")


def without_inner_punctuation(text: str) -> str:
    """``text`` with the punctuation inside its sentences removed ("Seun, you said - still up for it?" -> "Seun you said
    still up for it?")."""
    return _SPACE_BEFORE_END.sub(r"\1", " ".join(_INNER_PUNCTUATION.sub(" ", text).split()))


def read_corpus(name: str, corpora_dir: Path = CORPORA_DIR, seed: int = 13) -> pd.DataFrame:
    """The usable rows of one corpus, with columns text, label, split, conversation_id, speaker, source, confidence."""
    path = corpora_dir / CORPUS_FILES[name]
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        frame = pd.read_csv(handle, dtype=str, keep_default_na=False)
    # Contexts come from every act, labelled or not, so they are found before rows are chosen (files are in time order).
    frame = frame.assign(context="")
    for _, meeting in frame.groupby("dialogue_id", sort=False):
        frame.loc[meeting.index, "context"] = previous_turn_contexts(list(meeting["speaker"]), list(meeting["text"]))
    frame = frame[frame["label"].isin(LABELS) & frame["mapping_confidence"].isin(CORPUS_CONFIDENCE[name])]
    frame = frame[frame["text"].str.split().str.len() > 0]
    settled = [guideline_label(text, label) for text, label in zip(frame["text"], frame["label"], strict=True)]
    frame = frame.assign(
        split=frame["split"].map(CORPUS_SPLITS),
        conversation_id=name + "/" + frame["dialogue_id"],
        source=name,
        label=[label for label, _ in settled],
        confidence=[
            "guideline" if changed else tag
            for (_, changed), tag in zip(settled, frame["mapping_confidence"], strict=True)
        ],
    )
    capped = [
        group.sample(n=min(len(group), CORPUS_CAP_PER_LABEL), random_state=seed)
        for _, group in frame[frame["split"] == "train"].groupby("label")
    ]
    frame = pd.concat([*capped, frame[frame["split"] != "train"]])
    return frame[
        ["text", "label", "split", "conversation_id", "speaker", "source", "confidence", "context"]
    ].reset_index(drop=True)


def guideline_label(text: str, label: str) -> tuple[str, bool]:
    """A corpus row's label, the guideline's where the form of its text settles it (``FORM_RULES``: MRDA's ``qw``
    holds one-fact questions, "how many of you...?", that labels.md rule 3 calls closed, and its questions hold
    suggestions, "couldn't you have a third category?", that rule 1 calls advice), and whether it changed."""
    made = form_rule_label(text, label)
    return made, made != label


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def annotated_split(split: str) -> list[dict[str, Any]]:
    """The rows of our annotated data in ``split`` (train, dev or test), as recorded in ``splits.json``."""
    rows = read_annotated()
    assignment = load_splits({row["conversation_id"] for row in rows})
    return [row for row in rows if assignment[row["conversation_id"]] == split]
