"""Time ``coach classify`` on a file of utterances, start-up and model loading included, and its peak memory.

    python -m benchmarks.classify_cli [--utterances 2000] [--model NAME]

The input is the first ``--utterances`` utterances of our annotated conversations (cycled if there are fewer), one per
line. ``coach classify`` runs as a fresh process, exactly as a user runs it; the output is checked to have one JSON
object per input line. Prints wall time, utterances per second overall and the child process's peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from training.data import read_annotated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--utterances", type=int, default=2000)
    parser.add_argument("--model", help="model name under models/ (default: the shipped default)")
    args = parser.parse_args()
    texts = [str(row["text"]) for row in islice(cycle(read_annotated()), args.utterances)]
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "utterances.txt"
        source.write_text("\n".join(texts) + "\n", encoding="utf-8")
        command = [sys.executable, "-m", "coach.cli.main", "classify", str(source)]
        if args.model:
            command += ["--model", args.model]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - started
    lines = done.stdout.splitlines()
    if len(lines) != len(texts):
        raise SystemExit(f"expected {len(texts)} output lines, got {len(lines)}")
    model = args.model or "default"
    labels = {json.loads(line)["label"] for line in lines}
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"coach classify, {len(texts)} utterances, model {model}: {seconds:.2f} s wall (start-up included), "
        f"{len(texts) / seconds:.0f} utterances/s overall, peak RSS {peak_mb:.0f} MB, {len(labels)} labels seen"
    )


if __name__ == "__main__":
    main()
