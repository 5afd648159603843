"""Step 3, evaluate a saved model and write its ``metrics.json``.

    python -m training.evaluate [--model models/baseline]

Reports per-label precision/recall/F1, macro-F1 and the confusion matrix on (a) our test split, (b) the real corpora's
test meetings for the labels they annotate directly (MRDA: open, closed, advice, other; AMI: advice, other), (c) the
AnnoMI test transcripts, all six labels, each turn labelled as the product labels it (split into sentences, turn label
by precedence), and (d) a lower-cased, punctuation-stripped copy of our test split; plus how well advice dressed as a
question is flagged. Every utterance is read with its context (the previous turn of another speaker); the
``*_no_context`` rows give the same test read alone, as a tool sending single utterances would.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from datasets import Dataset, DatasetDict, disable_progress_bars, load_from_disk
from sklearn.metrics import f1_score

from coach.classifier import Coach
from coach.feedback.session import label_session
from coach.labels import LABELS, turn_label
from coach.transcript.model import Transcript, Turn
from training.annomi import read_annomi
from training.data import PREPARED_DIR, ROOT, strip_text
from training.metrics import classification_metrics, format_metrics

#: The labels each corpus annotates directly (its other labels are approximate or weak).
CORPUS_LABELS = {
    "mrda": ["open_question", "closed_question", "advice", "other"],
    "ami": ["advice", "other"],
}


def evaluate(coach: Coach, prepared: DatasetDict) -> dict[str, Any]:
    results: dict[str, Any] = {}
    test = prepared["ours_test"]
    texts, contexts, gold = list(test["text"]), list(test["context"]), list(test["label"])
    predictions = coach.classify_utterances(texts, contexts)
    results["ours_test"] = classification_metrics(gold, [p.label for p in predictions], LABELS)
    alone = coach.classify_utterances(texts)
    results["ours_test_no_context"] = classification_metrics(gold, [p.label for p in alone], LABELS)
    stripped = coach.classify_utterances([strip_text(text) for text in texts], [strip_text(c) for c in contexts])
    results["ours_test_stripped"] = classification_metrics(gold, [p.label for p in stripped], LABELS)
    results["leading"] = leading_metrics(list(test["leading"]), [p.leading for p in predictions])
    results["stripped_turn_agreement"] = {"ours_test": stripped_turn_agreement(coach, *turns_of(test))}
    if "annomi_test" in prepared:
        annomi_part = prepared["annomi_test"]
        results["stripped_turn_agreement"]["annomi_test"] = stripped_turn_agreement(
            coach, list(annomi_part["text"]), list(annomi_part["context"])
        )
    for corpus, labels in CORPUS_LABELS.items():
        if f"{corpus}_test" not in prepared:
            continue
        part = direct_rows(prepared, f"{corpus}_test", labels)
        read = coach.classify_utterances(list(part["text"]), list(part["context"]))
        results[f"{corpus}_test"] = classification_metrics(part["label"], [p.label for p in read], labels)
        read_alone = coach.classify_utterances(list(part["text"]))
        results[f"{corpus}_test_no_context"] = classification_metrics(
            part["label"], [p.label for p in read_alone], labels
        )
    if "annomi_test" in prepared:
        results.update(annomi_metrics(coach, prepared["annomi_test"], "annomi_test"))
        annomi = read_annomi()
        test = annomi[annomi["split"] == "test"]
        results["annomi_test_sessions"] = session_metrics(coach, test, given_roles=False)
        results["annomi_test_sessions_roles_given"] = session_metrics(coach, test, given_roles=True)
        # The same against AnnoMI's codes alone, before the guideline annotators' labels win where they disagree.
        codes = test.assign(label=test["codes_label"])
        results["annomi_test_sessions_codes"] = session_metrics(coach, codes, given_roles=False)
    return results


def turns_of(part: Dataset) -> tuple[list[str], list[str]]:
    """The turns of a split of ours (consecutive rows of one speaker's turn joined) and each turn's context."""
    texts: list[str] = []
    contexts: list[str] = []
    last: tuple[str, int] | None = None
    for row in part:
        key = (row["conversation_id"], row["turn"])
        if key == last:
            texts[-1] = f"{texts[-1]} {row['text']}"
        else:
            texts.append(row["text"])
            contexts.append(row["context"])
        last = key
    return texts, contexts


def stripped_turn_agreement(coach: Coach, texts: list[str], contexts: list[str]) -> dict[str, float | int]:
    """How often a turn gets the same label from its caption-style copy (lower case, no punctuation, so split by the
    boundary tagger) as from its punctuated text."""
    punctuated = [p.label for p in coach.classify(texts, contexts)]
    stripped = [p.label for p in coach.classify([strip_text(t) for t in texts], [strip_text(c) for c in contexts])]
    same = sum(a == b for a, b in zip(punctuated, stripped, strict=True))
    return {"turns": len(texts), "same_label": same, "agreement": round(same / max(len(texts), 1), 4)}


def session_metrics(coach: Coach, turns: pd.DataFrame, given_roles: bool) -> dict[str, Any]:
    """Metrics of the turn labels :func:`analysed_turn_labels` gives, against the gold labels."""
    return classification_metrics(*analysed_turn_labels(coach, turns, given_roles), LABELS)


def analysed_turn_labels(coach: Coach, turns: pd.DataFrame, given_roles: bool) -> tuple[list[str], list[str]]:
    """Gold and predicted labels of every labelled turn, as ``coach analyze`` labels them: each transcript labelled
    with contexts, roles inferred (or given: the client is the presenter), and labels a role cannot say replaced
    (``LabelledUtterance.with_role``)."""
    gold: list[str] = []
    predicted: list[str] = []
    for _, transcript in turns.groupby("conversation_id", sort=False):
        rows = transcript.to_dict("records")
        session = label_session(
            Transcript(
                turns=tuple(
                    Turn(speaker=r["speaker"], text=r["text"], role=r["role"] if given_roles else None) for r in rows
                ),
                format="json",
            ),
            coach,
        )
        by_turn: dict[int, list[str]] = {}
        for u in session.utterances:
            by_turn.setdefault(u.turn, []).append(u.label)
        for number, row in enumerate(rows):
            if row["label"]:
                gold.append(row["label"])
                predicted.append(turn_label(by_turn.get(number, [])))
    return gold, predicted


def annomi_metrics(coach: Coach, part: Dataset, name: str) -> dict[str, Any]:
    """AnnoMI turns labelled as the product labels a transcript's turns, read alone, and as whole turns; and the
    counsellors' (members') turns on their own, where the experts' codes are direct."""
    texts, contexts, gold = list(part["text"]), list(part["context"]), list(part["label"])
    turns = [p.label for p in coach.classify(texts, contexts)]
    members = [i for i, role in enumerate(part["role"]) if role == "member"]
    return {
        name: classification_metrics(gold, turns, LABELS),
        f"{name}_members": classification_metrics([gold[i] for i in members], [turns[i] for i in members], LABELS),
        f"{name}_no_context": classification_metrics(gold, [p.label for p in coach.classify(texts)], LABELS),
        f"{name}_whole_turns": classification_metrics(
            gold, [p.label for p in coach.classify_utterances(texts, contexts)], LABELS
        ),
    }


def direct_rows(prepared: DatasetDict, part: str, labels: Sequence[str]) -> Dataset:
    """The rows of a corpus part whose label is one of ``labels`` and was mapped directly from the corpus's own tag (or
    settled by the guideline where the tag's label breaks it: ``training.data.guideline_label``)."""
    return prepared[part].filter(lambda row: row["label"] in labels and row["confidence"] in ("direct", "guideline"))


#: Labels texts, given each text's context (``None``: no context); a model that reads no context ignores it.
Labeller = Callable[[Sequence[str], Sequence[str] | None], Sequence[str]]

#: The dev scores model selection averages: ours, the real MRDA meetings, the real AnnoMI counselling turns.
SELECTION_KEYS = ("ours_dev_macro_f1", "mrda_dev_macro_f1", "annomi_dev_macro_f1")


def dev_scores(predict: Labeller, prepared: DatasetDict) -> dict[str, float]:
    """Macro-F1 on our dev split, the MRDA dev meetings (its direct labels) and the AnnoMI dev transcripts (all six
    labels, whole turns), each utterance read with its context: what model selection looks at."""
    ours = prepared["ours_dev"]
    scores = {"ours_dev_macro_f1": f1_score(ours["label"], predict(ours["text"], ours["context"]), average="macro")}
    if "mrda_dev" in prepared:
        labels = CORPUS_LABELS["mrda"]
        mrda = direct_rows(prepared, "mrda_dev", labels)
        predicted = predict(mrda["text"], mrda["context"])
        scores["mrda_dev_macro_f1"] = f1_score(mrda["label"], predicted, labels=labels, average="macro")
    if "annomi_dev" in prepared:
        annomi = prepared["annomi_dev"]
        predicted = predict(annomi["text"], annomi["context"])  # whole turns: the labelling the model learns
        scores["annomi_dev_macro_f1"] = f1_score(annomi["label"], predicted, labels=LABELS, average="macro")
    return {name: round(float(value), 4) for name, value in scores.items()}


def selection_score(row: dict[str, Any]) -> float:
    """How models are compared: the mean of the dev macro-F1s in :data:`SELECTION_KEYS` that were measured.

    Our dev split alone rewards fitting the way our writers write; MRDA and AnnoMI are real talk nobody here wrote.
    """
    values = [float(row[key]) for key in SELECTION_KEYS if key in row]
    return sum(values) / len(values)


def leading_metrics(gold: list[bool], predicted: list[bool]) -> dict[str, float | int]:
    true_positive = sum(g and p for g, p in zip(gold, predicted, strict=True))
    return {
        "support": sum(gold),
        "precision": round(true_positive / max(sum(predicted), 1), 4),
        "recall": round(true_positive / max(sum(gold), 1), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "baseline")
    parser.add_argument("--prepared", type=Path, default=PREPARED_DIR)
    args = parser.parse_args()
    disable_progress_bars()
    coach = Coach.load(args.model)
    results = evaluate(coach, load_from_disk(str(args.prepared)))
    for name, metrics in results.items():
        if name in ("leading", "stripped_turn_agreement"):
            print(f"{name}: {json.dumps(metrics)}")
        else:
            print(format_metrics(name, metrics))
    (args.model / "metrics.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.model / 'metrics.json'}")


if __name__ == "__main__":
    main()
