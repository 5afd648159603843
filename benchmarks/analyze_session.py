"""Time ``coach analyze`` end to end on a synthetic two-hour session (about 2,000 utterances).

    python -m benchmarks.analyze_session [--utterances 2000] [--hours 2] [--presenters 1] [--format json] [--model NAME]

The session is stitched from our annotated conversations (``data/annotated/conversations/*.jsonl``), or from the
transcripts in ``examples/`` when there are none: each conversation's presenter becomes "Sam", its facilitator
"Ruth" and its members "Member 1".."Member 5", so that the whole reads as one set (with ``--presenters 3``, a meeting
of three slots: the presenter is "Sam", then "Amira", then "Tunde", a third of the session each); turns get times by
their length,
scaled to a session of ``--hours``. The transcript is written as a JSON file without roles (so role inference runs
too), then ``coach analyze`` runs on it in this process, model loading included. Prints the wall time (cold, then
warm), the time loading the model takes, and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coach.classifier import Coach
from coach.classifier.segment import split_utterances
from coach.cli.main import main as coach_main

ROOT = Path(__file__).resolve().parents[1]
CONVERSATIONS_DIR = ROOT / "data" / "annotated" / "conversations"
EXAMPLES_DIR = ROOT / "examples"
WORDS_PER_SECOND = 2.5
PAUSE_SECONDS = 0.6


def source_conversations() -> list[list[dict[str, Any]]]:
    """Conversations as lists of turns (``speaker``, ``text``, ``role``), from annotated data or the examples."""
    conversations: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(CONVERSATIONS_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    row = json.loads(line)
                    conversations.setdefault(row["conversation_id"], []).append(row)
    if conversations:
        return [_turns_of(rows) for rows in conversations.values()]
    from coach.transcript import SUPPORTED_EXTENSIONS, read_transcript

    examples = []
    for path in sorted(EXAMPLES_DIR.iterdir()) if EXAMPLES_DIR.is_dir() else []:
        if path.suffix in SUPPORTED_EXTENSIONS:
            transcript = read_transcript(path)
            examples.append([{"speaker": t.speaker, "text": t.text, "role": t.role or ""} for t in transcript.turns])
    return examples


def _turns_of(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    turns: list[dict[str, Any]] = []
    for row in rows:
        if turns and turns[-1]["turn"] == row["turn"]:
            turns[-1]["text"] += " " + row["text"]
            turns[-1]["utterances"] += 1
        else:
            turns.append({"turn": row["turn"], "speaker": row["speaker"], "role": row["role"], "text": row["text"],
                          "utterances": 1})  # fmt: skip
    return turns


PRESENTERS = ("Sam", "Amira", "Tunde", "Jo", "Priya")


def synthetic_turns(
    conversations: list[list[dict[str, Any]]], utterances: int, presenters: int = 1
) -> Iterator[dict[str, Any]]:
    """Turns with times, one set's cast, until ``utterances`` utterances (as Coach splits them) have been said; the
    presenter's name changes ``presenters`` times over the session."""
    said = 0
    clock = 0.0
    round_number = 0
    while said < utterances:
        for conversation in conversations:
            cast: dict[str, str] = {}
            for turn in conversation:
                if turn["speaker"] not in cast:
                    members = sum(name.startswith("Member") for name in cast.values())
                    presenter = PRESENTERS[min(said * presenters // utterances, len(PRESENTERS) - 1)]
                    fixed = {"presenter": presenter, "facilitator": "Ruth"}
                    cast[turn["speaker"]] = fixed.get(turn["role"], f"Member {members % 5 + 1}")
                seconds = len(turn["text"].split()) / WORDS_PER_SECOND
                yield {"speaker": cast[turn["speaker"]], "text": turn["text"], "start": round(clock, 2),
                       "end": round(clock + seconds, 2)}  # fmt: skip
                clock += seconds + PAUSE_SECONDS
                said += len(split_utterances(turn["text"]))
                if said >= utterances:
                    return
        round_number += 1
        if round_number > 10_000:
            raise RuntimeError("the source conversations hold no speech")


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--utterances", type=int, default=2000, help="session size (default: 2000)")
    parser.add_argument("--hours", type=float, default=2.0, help="session length (default: 2)")
    parser.add_argument("--presenters", type=int, default=1, help="presenters' slots, one after another (default: 1)")
    parser.add_argument("--format", choices=("json", "text", "html"), default="json")
    parser.add_argument("--model", help="model name or path (default: the best shipped model, as Coach.load())")
    args = parser.parse_args()

    conversations = source_conversations()
    if not conversations:
        raise SystemExit(f"no source data: neither {CONVERSATIONS_DIR} nor {EXAMPLES_DIR} holds any conversation")
    turns = list(synthetic_turns(conversations, args.utterances, args.presenters))
    scale = args.hours * 3600 / turns[-1]["end"]  # stretch or squeeze the clock to the session length asked for
    turns = [{**turn, "start": round(turn["start"] * scale, 2), "end": round(turn["end"] * scale, 2)} for turn in turns]
    with tempfile.TemporaryDirectory() as directory:
        transcript = Path(directory) / "session.json"
        transcript.write_text(json.dumps({"turns": turns}), encoding="utf-8")
        output = Path(directory) / f"report.{args.format}"
        command = ["analyze", str(transcript), "--format", args.format, "-o", str(output)]
        if args.model:
            command += ["--model", args.model]

        started = time.perf_counter()
        code = coach_main(command)
        total = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"coach analyze failed with exit code {code}")
        started = time.perf_counter()
        coach_main(command)  # the model is loaded again, but its files are now in the page cache
        warm = time.perf_counter() - started
        load_started = time.perf_counter()
        coach = Coach.load(args.model)
        load = time.perf_counter() - load_started
        utterances = sum(len(split_utterances(turn["text"])) for turn in turns)
        size_kib = output.stat().st_size / 1024
        slots = json.loads(output.read_text(encoding="utf-8"))["slots"] if args.format == "json" else []

    print(f"model:                {coach.info.get('name')} {coach.info.get('version')}")
    print(f"session:              {len(turns)} turns, {utterances} utterances, {turns[-1]['end'] / 3600:.1f} h")
    print(f"coach analyze (cold): {total:.2f} s")
    print(f"coach analyze (warm): {warm:.2f} s, of which loading the model about {load:.2f} s")
    print(f"report:               {args.format}, {size_kib:.0f} KiB")
    if slots:
        print(f"slots found:          {', '.join(slot['presenter'] for slot in slots)}")
    print(f"peak RSS:             {peak_rss_mib():.0f} MiB")


if __name__ == "__main__":
    main()
