"""The rephrasing benchmark: 200 closed questions and pieces of advice, each with its topic and solution words.

    python -m benchmarks.rephrase [--split test] [--show]

For every item the shipped rephraser (``coach.feedback.rephrase``, with the shipped classifier and sentence encoder)
suggests up to three open questions. The figures, per split:

- ``open``: share of rephrasings the classifier labels ``open_question``;
- ``keeps_topic``: share of items with at least one rephrasing holding a topic word (any inflection);
- ``generic``: share of rephrasings that share no content word with the item (a stock line);
- ``carries_solution``: rephrasings holding a solution word of an advice item (any inflection);
- ``ungrammatical``: rephrasings breaking a rule of ``benchmarks/rephrase/checker.py``;
- ``none``: items that got no rephrasing; ``p50_ms``: time per item, in process.

Targets on test: open 100%, keeps_topic >= 85%, generic <= 10%, carries_solution 0, ungrammatical 0.
``--show`` prints each failing rephrasing and item.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from lemminflect import getAllInflections, getAllLemmas

from benchmarks.rephrase.checker import problems
from coach.classifier.coach import Coach
from coach.feedback.language import content_lemmas, pipeline
from coach.feedback.rephrase import Rephraser
from coach.labels import OPEN_QUESTION

ITEMS = Path(__file__).with_name("items.jsonl")


def forms(words: list[str]) -> set[str]:
    """Every inflection of ``words`` and of their lemmas ("closure" -> closure, closures; "move" -> moving...)."""
    found: set[str] = set()
    for word in words:
        lemmas = {word} | {lemma for group in getAllLemmas(word).values() for lemma in group}
        found |= lemmas
        for lemma in lemmas:
            for group in getAllInflections(lemma).values():
                found.update(group)
    return {form.lower() for form in found}


def run(split: str | None, show: bool) -> dict[str, Any]:
    items = [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines() if line.strip()]
    if split is not None:
        items = [item for item in items if item["split"] == split]
    coach = Coach.load()
    rephraser = Rephraser.load(coach)
    nlp = pipeline()
    rephraser.rephrase("Did you talk to her?", "closed_question")  # load and warm everything before timing
    totals = {"items": len(items), "rephrasings": 0, "open": 0, "keeps_topic": 0, "generic": 0,
              "carries_solution": 0, "ungrammatical": 0, "none": 0}  # fmt: skip
    times = []
    for item in items:
        started = time.perf_counter()
        suggestions = rephraser.rephrase(item["text"], item["kind"])
        times.append(time.perf_counter() - started)
        texts = [s.text for s in suggestions]
        labels = [p.label for p in coach.classify_utterances(texts)] if texts else []
        topic, solution = forms(item["topic"]), forms(item["solution"])
        input_lemmas = content_lemmas(nlp(item["text"]))
        totals["rephrasings"] += len(texts)
        totals["none"] += not texts
        kept = False
        for text, label in zip(texts, labels, strict=True):
            words = {w.lower() for w in text.replace("?", " ").split()}
            failures = []
            totals["open"] += label == OPEN_QUESTION
            if label != OPEN_QUESTION:
                failures.append(f"labelled {label}")
            kept = kept or bool(words & topic)
            if not content_lemmas(nlp(text)) & input_lemmas:
                totals["generic"] += 1
                failures.append("generic")
            if words & solution:
                totals["carries_solution"] += 1
                failures.append("carries the solution")
            broken = problems(text, nlp)
            if broken:
                totals["ungrammatical"] += 1
                failures.append("; ".join(broken))
            if show and failures:
                print(f"  {item['id']} {text!r}: {', '.join(failures)}  <- {item['text']!r}")
        totals["keeps_topic"] += kept
        if show and not kept:
            print(f"  {item['id']} keeps no topic {item['topic']}: {texts} <- {item['text']!r}")
    rephrasings = max(totals["rephrasings"], 1)
    return {
        "split": split or "all",
        **totals,
        "open_share": round(totals["open"] / rephrasings, 3),
        "keeps_topic_share": round(totals["keeps_topic"] / max(len(items), 1), 3),
        "generic_share": round(totals["generic"] / rephrasings, 3),
        "p50_ms": round(1000 * statistics.median(times), 1) if times else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "test"], default=None, help="one split (default: both, separately)")
    parser.add_argument("--show", action="store_true", help="print every failing rephrasing")
    args = parser.parse_args()
    splits = [args.split] if args.split else ["dev", "test"]
    print(json.dumps([run(split, args.show) for split in splits], indent=1))


if __name__ == "__main__":
    main()
