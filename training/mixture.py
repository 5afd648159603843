"""The training mixture: our train split (plus a caption-style copy of it) and weighted corpus rows."""

from __future__ import annotations

from collections.abc import Sequence

from datasets import DatasetDict

from training.data import strip_text


def training_rows(
    prepared: DatasetDict, sources: Sequence[str], corpus_weight: float, caption_copy: bool = True
) -> tuple[list[str], list[str], list[float]]:
    """Texts, labels and sample weights: ours at weight 1, a lower-cased unpunctuated copy of ours, and corpora."""
    ours = prepared["ours_train"]
    texts, labels = list(ours["text"]), list(ours["label"])
    weights = [1.0] * len(texts)
    if caption_copy:
        stripped = [strip_text(text) for text in ours["text"]]
        keep = [i for i, text in enumerate(stripped) if text and text != ours["text"][i]]
        texts += [stripped[i] for i in keep]
        labels += [ours["label"][i] for i in keep]
        weights += [0.5] * len(keep)
    for source in sources:
        part = prepared[f"{source}_train"]
        texts += list(part["text"])
        labels += list(part["label"])
        weights += [corpus_weight] * len(part)
    return texts, labels, weights
