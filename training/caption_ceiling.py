"""How far better sentence ends could take caption-style turns: the ceiling of the caption boundary tagger.

    python -m training.caption_ceiling [--model models/minilm-int8] [--split dev]

Each turn of our split and of AnnoMI's is labelled from its punctuated text and from three caption-style copies
(lower case, no punctuation but apostrophes, as ``training.data.strip_text`` writes them), and the share of turns
whose label agrees with the punctuated one is printed for each:

- ``stripped``: the copy as captions come, its sentences found by the boundary tagger (what
  ``training.evaluate`` reports as ``stripped_turn_agreement``);
- ``true ends and marks``: the copy with each of the original sentences ended by ``?`` where it asked and ``.``
  elsewhere, as a perfect punctuation restorer would give it;
- ``true question marks``: only the question marks put back, so sentences are split only after questions.

The gap between the first and the second is all a better tagger (one that also restores question marks) could win;
what is left after the second comes from case and commas, which the classifier reads too.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path

from datasets import disable_progress_bars, load_from_disk

from coach.classifier import Coach
from coach.classifier.segment import split_sentences
from training.data import PREPARED_DIR, ROOT, strip_text
from training.evaluate import turns_of


def with_true_ends(text: str) -> str:
    """``text`` caption-style, each of its sentences (as the product splits punctuated text) ended with ``?`` if it
    asked, else ``.``."""
    sentences = [strip_text(s) + ("?" if s.rstrip().endswith("?") else ".") for s in split_sentences(text)]
    return " ".join(sentence for sentence in sentences if sentence.strip(".?"))


def with_true_question_marks(text: str) -> str:
    """``text`` caption-style with only its question marks put back."""
    sentences = [strip_text(s) + ("?" if s.rstrip().endswith("?") else "") for s in split_sentences(text)]
    return " ".join(sentence for sentence in sentences if sentence.strip("?"))


COPIES: dict[str, Callable[[str], str]] = {
    "stripped": strip_text,
    "true ends and marks": with_true_ends,
    "true question marks": with_true_question_marks,
}


def agreement(coach: Coach, texts: Sequence[str], contexts: Sequence[str]) -> dict[str, float]:
    """For each copy, the share of turns labelled as their punctuated text is (contexts are always caption-style)."""
    punctuated = [p.label for p in coach.classify(texts, contexts)]
    plain_contexts = [strip_text(context) for context in contexts]
    shares = {}
    for name, copy in COPIES.items():
        labels = [p.label for p in coach.classify([copy(text) for text in texts], plain_contexts)]
        shares[name] = round(sum(a == b for a, b in zip(punctuated, labels, strict=True)) / max(len(texts), 1), 4)
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "minilm-int8")
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    args = parser.parse_args()
    disable_progress_bars()
    coach = Coach.load(args.model)
    prepared = load_from_disk(str(args.prepared))
    ours = turns_of(prepared[f"ours_{args.split}"])
    annomi = prepared[f"annomi_{args.split}"]
    for name, (texts, contexts) in {"ours": ours, "annomi": (list(annomi["text"]), list(annomi["context"]))}.items():
        shares = agreement(coach, texts, contexts)
        print(f"{name} {args.split} ({len(texts)} turns): " + ", ".join(f"{k} {v:.1%}" for k, v in shares.items()))


if __name__ == "__main__":
    main()
