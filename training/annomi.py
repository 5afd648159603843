"""AnnoMI's expert codes mapped onto Coach's six labels, and AnnoMI's recorded split by transcript.

AnnoMI (``data/corpora/annomi``) is real motivational interviewing: a counsellor helps a client think about a change,
one to one. The counsellor is a set member's counterpart, the client a presenter's. Rows are whole turns, so the
mapped label is the turn-level label of ``docs/labels.md`` (advice > open > closed > reflection > story > other).

Counsellor turns (the codes say which behaviours a turn holds; the mapping is in ``data/corpora/README.md``):

- ``therapist_input`` ``advice`` or ``options`` -> ``advice`` (direct);
- a question -> ``open_question`` / ``closed_question`` by its subtype (direct), except where the guideline and
  AnnoMI disagree: an "open" request for permission or a yes/no form ("Is it okay if I...?", "Can I...?", "Do you
  mind...?") is ``closed_question`` under our rule 3 (confidence ``guideline``);
- a reflection (simple or complex) -> ``reflection`` (direct);
- ``therapist_input`` ``information`` -> ``story`` (informing is not advice: direct);
- ``negotiation`` (agenda and goal setting) -> ``other`` (process talk, rule 8: approx);
- main behaviour ``other`` -> ``other`` (direct).

Client turns carry no utterance codes, only change/sustain/neutral talk; they are the presenter's talk: ``other``
for a backchannel of at most three words, ``story`` otherwise (approx), and a client's question is left unmapped.
That mapping is by length alone ("Uh, yeah, that's fine." is ``story`` by it, "Two max." ``other``), so the client
turns of the dev and test transcripts were labelled under the guideline too (``annomi/guideline_annotations_clients
.jsonl``, twice), and there the annotators' label wins the same way.

Where the codes and our guideline still disagree, the guideline wins (``adjudicate``): counsellor turns were labelled
again under ``docs/labels.md`` by annotators who saw neither AnnoMI's codes nor any model's labels
(``annomi/guideline_annotations.jsonl``; every counsellor turn of the dev and test transcripts twice, and the train
turns that hold advice codes or advice-like words once). A turn takes the guideline label where its annotators agree
on it, and its codes' label otherwise; ``codes_label`` keeps the codes' label for comparison.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from coach.classifier.context import previous_turn_contexts
from coach.labels import ADVICE, CLOSED_QUESTION, OPEN_QUESTION, OTHER, REFLECTION, STORY
from training.data import CORPORA_DIR

ANNOMI_DIR = CORPORA_DIR / "annomi"
ANNOMI_FILE = ANNOMI_DIR / "annomi_train.csv.gz"
ANNOMI_SPLITS_FILE = ANNOMI_DIR / "splits.json"
ANNOMI_GUIDELINE_FILE = ANNOMI_DIR / "guideline_annotations.jsonl"
#: The client turns of the dev and test transcripts, labelled under the guideline by two annotators.
ANNOMI_GUIDELINE_CLIENTS_FILE = ANNOMI_DIR / "guideline_annotations_clients.jsonl"
#: The train transcripts' other counsellor turns, labelled once the same way (trained on since stop 35).
ANNOMI_GUIDELINE_TRAIN_REST_FILE = ANNOMI_DIR / "guideline_annotations_train_rest.jsonl"

#: Requests AnnoMI codes as open that our guideline's rule 3 calls closed: they invite a yes or a no.
_YES_NO_REQUEST = re.compile(
    r"^(?:\W*(?:and|so|okay|ok|well|um|uh|now|alright|all right)\W+)*"
    r"(?:is it (?:okay|ok|alright|all right)|would it be (?:okay|ok|alright|all right)|can i|could i|may i|"
    r"do you mind|would you mind|would you be (?:willing|interested|open)|are you (?:willing|okay|ok))\b",
    re.IGNORECASE,
)
_WH_WORD = re.compile(r"\b(?:what|how|why|where|when|which|who)\b", re.IGNORECASE)
_BACKCHANNEL_WORDS = 3
_FLAG_TRUE = {"true", "1", "yes"}


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in _FLAG_TRUE


def therapist_label(row: dict[str, Any]) -> tuple[str, str]:
    """The label of a counsellor turn from its codes, and how it maps: ``direct``, ``guideline`` or ``approx``."""
    given = str(row.get("therapist_input_subtype") or "") if _flag(row.get("therapist_input_exists")) else ""
    if given in ("advice", "options"):
        return ADVICE, "direct"
    if _flag(row.get("question_exists")):
        if row.get("question_subtype") == "closed":
            return CLOSED_QUESTION, "direct"
        last_question = _last_question(str(row["utterance_text"]))
        if _YES_NO_REQUEST.search(last_question) and not _WH_WORD.search(last_question):
            return CLOSED_QUESTION, "guideline"
        return OPEN_QUESTION, "direct"
    if _flag(row.get("reflection_exists")):
        return REFLECTION, "direct"
    if given == "information":
        return STORY, "direct"
    if given == "negotiation":
        return OTHER, "approx"
    return OTHER, "direct"


def client_label(text: str) -> tuple[str | None, str]:
    """The label of a client (presenter) turn: a short backchannel is ``other``, talk ``story``, a question none."""
    if text.rstrip().endswith("?"):
        return None, "unmapped"
    if len(text.split()) <= _BACKCHANNEL_WORDS:
        return OTHER, "approx"
    return STORY, "approx"


def adjudicate(codes: tuple[str, str], annotations: list[str]) -> tuple[str, str]:
    """A counsellor turn's label and confidence: the guideline annotators' label where they all agree and it differs
    from the codes' label (confidence ``guideline``), otherwise the codes' own."""
    if annotations and len(set(annotations)) == 1 and annotations[0] != codes[0]:
        return annotations[0], "guideline"
    return codes


def read_guideline_annotations(*paths: Path) -> dict[tuple[int, int], list[str]]:
    """The guideline labels given to each ``(transcript_id, utterance_id)`` in the files, one per annotator; a missing
    file gives none."""
    annotations: dict[tuple[int, int], list[str]] = {}
    for path in paths:
        if path.is_file():
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            annotations |= {(int(row["transcript_id"]), int(row["utterance_id"])): list(row["labels"]) for row in rows}
    return annotations


def _last_question(text: str) -> str:
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", text.strip()) if s]
    questions = [s for s in sentences if s.endswith("?")]
    return (questions or sentences or [text])[-1]


def read_raw(path: Path = ANNOMI_FILE) -> pd.DataFrame:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return pd.read_csv(handle, dtype=str, keep_default_na=False)


def _one_row_per_turn(raw: pd.DataFrame) -> pd.DataFrame:
    """One row per (transcript, turn): where several annotators coded a transcript, the majority label wins."""
    raw = raw.assign(utterance_id=raw["utterance_id"].astype(int), transcript_id=raw["transcript_id"].astype(int))
    kept = []
    for _, group in raw.groupby(["transcript_id", "utterance_id"], sort=True):
        first = group.iloc[0].to_dict()
        if len(group) > 1 and first["interlocutor"] == "therapist":
            votes = Counter(therapist_label(row) for row in group.to_dict("records"))
            (label, confidence), _ = votes.most_common(1)[0]
            first["_label"], first["_confidence"] = label, confidence
        kept.append(first)
    return pd.DataFrame(kept)


def read_annomi(
    path: Path = ANNOMI_FILE,
    splits_file: Path = ANNOMI_SPLITS_FILE,
    guideline_files: Sequence[Path] = (ANNOMI_GUIDELINE_FILE, ANNOMI_GUIDELINE_CLIENTS_FILE),
) -> pd.DataFrame:
    """Every AnnoMI turn with our label, in transcript order.

    Columns: text, label (``""`` where unmapped), confidence, codes_label (the label from AnnoMI's codes alone), split,
    conversation_id, speaker, role, context, quality.
    """
    turns = _one_row_per_turn(read_raw(path))
    annotations = read_guideline_annotations(*guideline_files)
    labels, confidences, codes_labels = [], [], []
    for row in turns.to_dict("records"):
        if row["interlocutor"] == "therapist":
            voted = row.get("_label")
            codes = (voted, row["_confidence"]) if isinstance(voted, str) else therapist_label(row)
        else:
            maybe, mapped = client_label(row["utterance_text"])
            codes = (maybe or "", mapped)
        label, confidence = adjudicate(codes, annotations.get((row["transcript_id"], row["utterance_id"]), []))
        codes_labels.append(codes[0])
        labels.append(label)
        confidences.append(confidence)
    turns = turns.assign(label=labels, confidence=confidences, codes_label=codes_labels)
    contexts: list[str] = []
    for _, transcript in turns.groupby("transcript_id", sort=True):
        contexts += previous_turn_contexts(list(transcript["interlocutor"]), list(transcript["utterance_text"]))
    splits = load_splits(splits_file)
    frame = pd.DataFrame(
        {
            "text": turns["utterance_text"].str.strip(),
            "label": turns["label"],
            "confidence": turns["confidence"],
            "codes_label": turns["codes_label"],
            "split": turns["transcript_id"].map(lambda t: splits[str(t)]),
            "conversation_id": "annomi/" + turns["transcript_id"].astype(str),
            "speaker": turns["interlocutor"],
            "role": turns["interlocutor"].map({"therapist": "member", "client": "presenter"}),
            "context": contexts,
            "quality": turns["mi_quality"],
        }
    )
    return frame[frame["text"].str.len() > 0].reset_index(drop=True)


def make_splits(quality_by_transcript: dict[str, str], seed: int = 13) -> dict[str, list[str]]:
    """A split by transcript, stratified by quality: 70/15/15, and at least 3 low-quality transcripts in dev+test."""
    rng = random.Random(seed)
    splits: dict[str, list[str]] = {"train": [], "dev": [], "test": []}
    for quality in sorted(set(quality_by_transcript.values())):
        ids = sorted((t for t, q in quality_by_transcript.items() if q == quality), key=int)
        rng.shuffle(ids)
        held_out = max(2, round(0.15 * len(ids)))
        splits["test"] += ids[:held_out]
        splits["dev"] += ids[held_out : 2 * held_out]
        splits["train"] += ids[2 * held_out :]
    return {name: sorted(ids, key=int) for name, ids in splits.items()}


def load_splits(path: Path = ANNOMI_SPLITS_FILE) -> dict[str, str]:
    """The recorded split of each transcript id."""
    recorded: dict[str, list[str]] = json.loads(path.read_text(encoding="utf-8"))
    return {transcript: split for split, ids in recorded.items() for transcript in ids}


def main() -> None:
    """Record the split (``python -m training.annomi``); an existing file is never rewritten."""
    if ANNOMI_SPLITS_FILE.is_file():
        print(f"{ANNOMI_SPLITS_FILE} exists; recorded splits never move")
        return
    raw = read_raw()
    quality = raw.groupby("transcript_id")["mi_quality"].first().to_dict()
    splits = make_splits({str(k): str(v) for k, v in quality.items()})
    ANNOMI_SPLITS_FILE.write_text(json.dumps(splits, indent=1) + "\n", encoding="utf-8")
    print({name: len(ids) for name, ids in splits.items()})


if __name__ == "__main__":
    main()
