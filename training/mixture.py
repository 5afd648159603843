"""The training mixture: our train split (plus a caption-style copy of it, and optionally our train meetings) and
weighted corpus rows, with contexts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from datasets import DatasetDict, concatenate_datasets

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

    def add(self, texts: Sequence[str], contexts: Sequence[str], labels: Sequence[str], weight: float) -> None:
        self.texts += texts
        self.contexts += contexts
        self.labels += labels
        self.weights += [weight] * len(texts)

    def add_caption_copy(self, texts: list[str], contexts: list[str], labels: list[str], weight: float) -> None:
        """A lower-cased, unpunctuated copy of the rows (contexts stripped too) that stripping changes."""
        stripped = [strip_text(text) for text in texts]
        keep = [i for i, text in enumerate(stripped) if text and text != texts[i]]
        self.add(
            [stripped[i] for i in keep], [strip_text(contexts[i]) for i in keep], [labels[i] for i in keep], weight
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
        columns = ["text", "context", "label"]
        ours = concatenate_datasets([ours.select_columns(columns), prepared["meetings_train"].select_columns(columns)])
    rows = TrainingRows()
    rows.add(list(ours["text"]), list(ours["context"]), list(ours["label"]), 1.0)
    if caption_copy:
        rows.add_caption_copy(list(ours["text"]), list(ours["context"]), list(ours["label"]), 0.5)
    for source in sources:
        part = prepared[f"{source}_train"]
        weight = annomi_weight if source == "annomi" else corpus_weight
        rows.add(list(part["text"]), list(part["context"]), list(part["label"]), weight)
        if source in caption_sources:
            rows.add_caption_copy(list(part["text"]), list(part["context"]), list(part["label"]), weight / 2)
    return rows
