"""The training mixture: our train split (plus a caption-style copy of it, and optionally our train meetings) and
weighted corpus rows, with contexts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from datasets import Dataset, DatasetDict, concatenate_datasets

from training.data import strip_text

#: AnnoMI is real one-to-one helping talk, coded by experts: nearer our task than the meeting corpora, so it is not
#: down-weighted like them (``corpus_weight`` applies to MRDA and AMI).
DEFAULT_ANNOMI_WEIGHT = 1.0


@dataclass
class TrainingRows:
    texts: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    #: The speaker's role where the source records one (ours, AnnoMI), else ``""``.
    roles: list[str] = field(default_factory=list)

    def add(
        self,
        texts: Sequence[str],
        contexts: Sequence[str],
        labels: Sequence[str],
        weight: float,
        roles: Sequence[str] | None = None,
    ) -> None:
        self.texts += texts
        self.contexts += contexts
        self.labels += labels
        self.weights += [weight] * len(texts)
        self.roles += list(roles) if roles is not None else [""] * len(texts)

    def add_caption_copy(
        self, texts: list[str], contexts: list[str], labels: list[str], weight: float, roles: list[str] | None = None
    ) -> None:
        """A lower-cased, unpunctuated copy of the rows (contexts stripped too) that stripping changes."""
        stripped = [strip_text(text) for text in texts]
        keep = [i for i, text in enumerate(stripped) if text and text != texts[i]]
        self.add(
            [stripped[i] for i in keep],
            [strip_text(contexts[i]) for i in keep],
            [labels[i] for i in keep],
            weight,
            None if roles is None else [roles[i] for i in keep],
        )


def training_rows(
    prepared: DatasetDict,
    sources: Sequence[str],
    corpus_weight: float,
    caption_copy: bool = True,
    annomi_weight: float = DEFAULT_ANNOMI_WEIGHT,
    meetings: bool = False,
    caption_sources: Sequence[str] = (),
) -> TrainingRows:
    """Ours (our train conversations and, with ``meetings``, our train meetings: an ablation the dev splits did not
    favour) at weight 1, a lower-cased unpunctuated copy of ours (context stripped too) at 0.5, and the corpora, each
    of ``caption_sources`` with a caption-style copy at half its weight."""
    ours = prepared["ours_train"]
    if meetings and "meetings_train" in prepared:
        meetings_train = prepared["meetings_train"]
        columns = ["text", "context", "label"]
        if "role" in ours.column_names and "role" in meetings_train.column_names:
            columns.append("role")
        ours = concatenate_datasets([ours.select_columns(columns), meetings_train.select_columns(columns)])
    rows = TrainingRows()
    roles = _roles(ours)
    rows.add(list(ours["text"]), list(ours["context"]), list(ours["label"]), 1.0, roles)
    if caption_copy:
        rows.add_caption_copy(list(ours["text"]), list(ours["context"]), list(ours["label"]), 0.5, roles)
    for source in sources:
        part = prepared[f"{source}_train"]
        weight = annomi_weight if source == "annomi" else corpus_weight
        part_roles = _roles(part)
        rows.add(list(part["text"]), list(part["context"]), list(part["label"]), weight, part_roles)
        if source in caption_sources:
            rows.add_caption_copy(
                list(part["text"]), list(part["context"]), list(part["label"]), weight / 2, part_roles
            )
    return rows


def _roles(part: Dataset) -> list[str] | None:
    """Each row's speaker role, where the source records them (ours, AnnoMI)."""
    return list(part["role"]) if "role" in part.column_names else None
