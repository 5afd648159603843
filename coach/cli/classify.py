"""``coach classify [FILE]``: one JSON object per input line, streamed so that long input is never read whole."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from itertools import islice
from pathlib import Path
from typing import Any

from coach.classifier import Coach
from coach.errors import InputError


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "classify",
        help="label utterances, one per line",
        description="Read plain lines, or JSONL objects with a 'text' field (and optionally a 'context': what another "
        "speaker said just before), and write one JSON prediction per line. A blank line is labelled 'other'.",
    )
    parser.add_argument("file", nargs="?", type=Path, help="input file (default: standard input)")
    parser.add_argument("--model", help="model name under models/ or a path (default: the best shipped model)")
    parser.add_argument("--batch-size", type=int, default=64, help="texts labelled per batch (default: 64)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    coach = Coach.load(args.model)
    if args.file is not None and not args.file.is_file():
        raise InputError(f"{args.file}: no such file; give a text or JSONL file, or pipe lines on standard input")
    with open(args.file, encoding="utf-8") if args.file else nullcontext(sys.stdin) as lines:
        records = read_records(lines)
        while batch := list(islice(records, args.batch_size)):
            contexts = [str(record.get("context") or "") for record in batch]
            predictions = coach.classify([record["text"] for record in batch], contexts)
            for record, prediction in zip(batch, predictions, strict=True):
                sys.stdout.write(json.dumps({**record, **prediction.to_dict()}, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    return 0


def read_records(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Each line as a record with a ``text``: a JSON object (its other fields kept) or the plain line itself."""
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r\n")
        if not line.lstrip().startswith("{"):
            yield {"text": line}
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(
                f"line {number}: looks like JSON but does not parse ({error.msg}); "
                "give one JSON object per line, or plain text"
            ) from error
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(
                f'line {number}: a JSON line needs a string field \'text\', e.g. {{"text": "What would help?"}}'
            )
        if not isinstance(record.get("context", ""), str):
            raise InputError(
                f"line {number}: 'context' must be a string (what another speaker said just before), "
                f'e.g. {{"text": "I\'ll ring her.", "context": "What will you do?"}}'
            )
        yield record
