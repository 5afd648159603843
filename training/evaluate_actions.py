"""Precision and recall of the action extractor against the gold actions of ``data/annotated/actions.jsonl``.

    python -m training.evaluate_actions [--split test] [--show]

Each conversation of the split is read with its annotated roles and labels (the extractor's input in a report).
A found action and a gold action are the same when they are on the same utterance and at least half of the shorter
phrase's words are in the longer one. Precision: found actions that are a gold one; recall: gold actions that were
found. So an action cut into two by one side and kept whole by the other still counts, while a phrase about something
else does not. ``phrase_exact`` is the share of found actions whose words are a gold action's, word for word.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from coach.feedback.actions import find_actions
from coach.feedback.session import LabelledUtterance
from training.data import ANNOTATED_DIR, annotated_split, iter_jsonl

GOLD_FILE = ANNOTATED_DIR / "actions.jsonl"


def words(text: str) -> list[str]:
    return re.findall(r"[\w']+", text.lower())


def same_action(a: str, b: str) -> bool:
    """Whether at least half of the shorter phrase's words are in the longer one."""
    shorter, longer = sorted((words(a), words(b)), key=len)
    return bool(shorter) and sum(word in set(longer) for word in shorter) * 2 >= len(shorter)


def conversation_utterances(rows: Sequence[dict[str, Any]]) -> list[LabelledUtterance]:
    return [
        LabelledUtterance(
            index=index,
            turn=row["turn"],
            speaker=row["speaker"],
            role=row["role"],
            text=row["text"],
            label=row["label"],
            confidence=1.0,
            leading=bool(row.get("leading")),
        )
        for index, row in enumerate(rows)
    ]


def evaluate(split: str, show: bool = False) -> dict[str, Any]:
    rows = annotated_split(split)
    gold_by_conversation: dict[str, list[dict[str, Any]]] = {}
    for item in iter_jsonl(GOLD_FILE):
        gold_by_conversation.setdefault(item["conversation_id"], []).append(item)
    found_total = gold_total = right = recalled = exact = conversations = 0
    for conversation_id, group in groupby(rows, key=lambda row: row["conversation_id"]):
        conversations += 1
        found = find_actions(conversation_utterances(list(group)))
        gold = gold_by_conversation.get(conversation_id, [])
        found_total += len(found)
        gold_total += len(gold)
        for f in found:
            same = [g["action"] for g in gold if g["index"] == f.index]
            right += any(same_action(f.text, g) for g in same)
            exact += any(words(f.text) == words(g) for g in same)
            if show and not any(same_action(f.text, g) for g in same):
                print(f"  extra   {conversation_id} {f.index}: {f.text}")
        for g in gold:
            same_found = [f.text for f in found if f.index == g["index"]]
            recalled += any(same_action(g["action"], f) for f in same_found)
            if show and not any(same_action(g["action"], f) for f in same_found):
                print(f"  missed  {conversation_id} {g['index']}: {g['action']}")
    return {
        "split": split,
        "conversations": conversations,
        "gold": gold_total,
        "found": found_total,
        "precision": round(right / found_total, 3) if found_total else None,
        "recall": round(recalled / gold_total, 3) if gold_total else None,
        "phrase_exact": round(exact / found_total, 3) if found_total else None,
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train", "dev", "test"), default="test")
    parser.add_argument("--show", action="store_true", help="print each extra and missed action")
    args = parser.parse_args(argv)
    print(json.dumps(evaluate(args.split, args.show), indent=2))


if __name__ == "__main__":
    main()
