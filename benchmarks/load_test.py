"""Load test of the real service: many concurrent clients against ``coach serve``, latency and throughput reported.

    .venv/bin/python -m benchmarks.load_test --clients 50 --seconds 30
    .venv/bin/python -m benchmarks.load_test --batch-size 32          # each request labels 32 utterances
    .venv/bin/python -m benchmarks.load_test --live --clients 20      # per-utterance label latency over /v1/live
    .venv/bin/python -m benchmarks.load_test --practice --clients 1   # /v1/practice on the rephrasing benchmark
    .venv/bin/python -m benchmarks.load_test --mixed                  # classify x64 alone, then beside an analyze

The service runs as it does in production: uvicorn in a subprocess on a free loopback port, loading the default model
(``Coach.load()``: the ONNX transformer if it is built, else the baseline; ``--model`` names another). Each client is
an asyncio task with its own connection that sends one request at a time, as fast as the answers come, for
``--seconds``. The utterances are the sentences of the sample sessions in ``examples/``; ``--practice`` posts the
closed questions and advice of ``benchmarks/rephrase/items.jsonl`` instead, each of which gets rephrased. Results
are printed as a table: requests, errors, requests/s, utterances/s and the p50, p99 and max latency in milliseconds.
The clients run on the same machine as the service, so on a small machine they take some of its CPU.

``--mixed`` measures fairness: one client sends 64-utterance classify requests for ``--seconds`` alone, then again
while a second client keeps posting a 20,000-sentence transcript to ``/v1/sessions/analyze`` (the server is started
with ``COACH_MAX_SENTENCES=20000`` to allow it); it prints both rows and the ratios of their p50 and p99 latencies.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from coach.classifier.segment import split_utterances
from coach.transcript import read_transcript

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
STARTUP_TIMEOUT_SECONDS = 180.0


@dataclass
class Tally:
    """What the clients measured: one latency per answered request, and the failures by kind."""

    latencies: list[float] = field(default_factory=list)
    utterances: int = 0
    errors: Counter[str] = field(default_factory=Counter)


def sample_utterances() -> list[str]:
    """Every sentence of the example sessions, in order."""
    texts: list[str] = []
    for path in sorted(EXAMPLES.glob("*")):
        if path.suffix in {".vtt", ".srt", ".txt", ".json"}:
            texts += [u for turn in read_transcript(path).turns for u in split_utterances(turn.text)]
    if not texts:
        raise SystemExit(f"no sample utterances found in {EXAMPLES}")
    return texts


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


#: Sentences in the large transcript of ``--mixed``.
MIXED_SENTENCES = 20_000


@contextmanager
def serve(model: str | None, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``coach serve`` in a subprocess on a free loopback port; yields its URL once ``/v1/health`` answers."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, **(extra_env or {})}
    if model:
        env["COACH_MODEL"] = model
    command = [sys.executable, "-m", "uvicorn", "coach.api.app:create_app", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--log-level", "warning"]
    with (
        tempfile.TemporaryFile() as log,
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT) as process,
    ):
        try:
            wait_until_ready(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode("utf-8", "replace")[-4000:]
            raise SystemExit(f"the service exited with status {process.returncode}:\n{output}")
        try:
            if httpx.get(f"{url}/v1/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the service did not answer within {STARTUP_TIMEOUT_SECONDS:.0f} s")


def practice_texts() -> list[str]:
    """The closed questions and pieces of advice of the rephrasing benchmark."""
    lines = (ROOT / "benchmarks" / "rephrase" / "items.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


async def classify_client(
    url: str, texts: Sequence[str], offset: int, batch_size: int, deadline: float, tally: Tally, practice: bool = False
) -> None:
    """Post ``batch_size`` utterances at a time to ``/v1/classify`` (or one to ``/v1/practice``) until ``deadline``."""
    position = offset
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        while time.perf_counter() < deadline:
            batch = [texts[(position + i) % len(texts)] for i in range(batch_size)]
            position += batch_size
            started = time.perf_counter()
            try:
                if practice:
                    response = await client.post("/v1/practice", json={"text": batch[0]})
                else:
                    response = await client.post("/v1/classify", json={"utterances": batch})
            except httpx.HTTPError as error:
                tally.errors[type(error).__name__] += 1
                continue
            if response.status_code != 200:
                tally.errors[f"HTTP {response.status_code}"] += 1
                continue
            tally.latencies.append(time.perf_counter() - started)
            tally.utterances += batch_size


async def analyze_client(url: str, texts: Sequence[str], deadline: float, tally: Tally) -> None:
    """Post one transcript of :data:`MIXED_SENTENCES` sentences to ``/v1/sessions/analyze`` until ``deadline``."""
    sentences = [texts[n % len(texts)] for n in range(MIXED_SENTENCES)]
    turns = [{"speaker": f"P{n % 6}", "text": " ".join(sentences[n : n + 2])} for n in range(0, len(sentences), 2)]
    async with httpx.AsyncClient(base_url=url, timeout=600) as client:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            response = await client.post("/v1/sessions/analyze", json={"turns": turns})
            if response.status_code != 200:
                tally.errors[f"HTTP {response.status_code}"] += 1
                continue
            tally.latencies.append(time.perf_counter() - started)
            tally.utterances += MIXED_SENTENCES


async def run_mixed(url: str, texts: Sequence[str], seconds: float) -> tuple[Tally, float, Tally, float, Tally]:
    """64-utterance classify alone, then beside a client analysing a large transcript."""
    alone = Tally()
    started = time.perf_counter()
    await classify_client(url, texts, 0, 64, started + seconds, alone)
    alone_elapsed = time.perf_counter() - started
    mixed, large = Tally(), Tally()
    started = time.perf_counter()
    await asyncio.sleep(0)
    big = asyncio.create_task(analyze_client(url, texts, started + seconds, large))
    await asyncio.sleep(1.0)  # let the large transcript's model runs queue up first
    await classify_client(url, texts, 0, 64, started + seconds, mixed)
    await big
    return alone, alone_elapsed, mixed, time.perf_counter() - started, large


async def live_client(url: str, texts: Sequence[str], offset: int, deadline: float, tally: Tally) -> None:
    """Stream utterances over ``/v1/live`` until ``deadline``; the latency is from sending one to its first label."""
    position = offset
    try:
        async with connect(url.replace("http://", "ws://") + "/v1/live", max_size=None) as live:
            json.loads(await live.recv())  # the session message
            while time.perf_counter() < deadline:
                text = texts[position % len(texts)]
                position += 1
                started = time.perf_counter()
                await live.send(json.dumps({"type": "utterance", "speaker": f"member-{offset}", "text": text}))
                labelled = False
                while True:  # labels, then the summary; a nudge, which follows a summary, is skipped next time round
                    message = json.loads(await live.recv())
                    if message["type"] == "label" and not labelled:
                        tally.latencies.append(time.perf_counter() - started)
                        labelled = True
                    elif message["type"] == "summary":
                        break
                    elif message["type"] == "error":
                        tally.errors["error message"] += 1
                        break
                if labelled:
                    tally.utterances += 1
    except (OSError, WebSocketException) as error:
        tally.errors[type(error).__name__] += 1


async def run_load(
    url: str, texts: Sequence[str], clients: int, seconds: float, batch_size: int, live: bool, practice: bool = False
) -> tuple[Tally, float]:
    tally = Tally()
    spacing = max(1, len(texts) // clients)
    started = time.perf_counter()
    deadline = started + seconds
    if live:
        tasks = [live_client(url, texts, n * spacing, deadline, tally) for n in range(clients)]
    else:
        tasks = [
            classify_client(url, texts, n * spacing, batch_size, deadline, tally, practice) for n in range(clients)
        ]
    await asyncio.gather(*tasks)
    return tally, time.perf_counter() - started


def percentile(values: Sequence[float], share: float) -> float:
    """The nearest-rank percentile of ``values`` (``share`` in 0..1); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = min(max(1, math.ceil(share * len(ordered))), len(ordered))
    return ordered[rank - 1]


def table(rows: Sequence[Sequence[str]]) -> str:
    """``rows`` (the first is the header) as aligned columns: the first to the left, the figures to the right."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]

    def line(row: Sequence[str]) -> str:
        figures = (cell.rjust(width) for cell, width in zip(row[1:], widths[1:], strict=True))
        return "  ".join([row[0].ljust(widths[0]), *figures])

    return "\n".join([line(rows[0]), "  ".join("-" * width for width in widths), *map(line, rows[1:])])


def report(mode: str, tally: Tally, elapsed: float) -> str:
    milliseconds = [1000 * latency for latency in tally.latencies]
    requests = len(tally.latencies) + sum(tally.errors.values())
    header = ["mode", "requests", "errors", "req/s", "utt/s", "p50 ms", "p99 ms", "max ms"]
    row = [
        mode,
        str(requests),
        str(sum(tally.errors.values())),
        f"{len(tally.latencies) / elapsed:.1f}",
        f"{tally.utterances / elapsed:.1f}",
        f"{percentile(milliseconds, 0.50):.1f}",
        f"{percentile(milliseconds, 0.99):.1f}",
        f"{max(milliseconds, default=0.0):.1f}",
    ]
    text = table([header, row])
    if tally.errors:
        text += "\nerrors: " + ", ".join(f"{kind} x{count}" for kind, count in tally.errors.most_common())
    return text


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default: 50)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to send requests (default: 30)")
    parser.add_argument(
        "--batch-size", type=int, default=1, help="utterances per /v1/classify request (default: 1, single utterances)"
    )
    parser.add_argument("--live", action="store_true", help="stream over the /v1/live WebSocket instead")
    parser.add_argument("--practice", action="store_true", help="post closed questions and advice to /v1/practice")
    parser.add_argument("--mixed", action="store_true", help="classify x64 alone, then beside a large analyze")
    parser.add_argument("--model", help="model name under models/ or a path (default: the best shipped model)")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.batch_size < 1:
        parser.error("--clients and --batch-size must be at least 1, --seconds above 0")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    texts = practice_texts() if args.practice else sample_utterances()
    if args.mixed:
        with serve(args.model, {"COACH_MAX_SENTENCES": str(MIXED_SENTENCES)}) as url:
            alone, alone_s, mixed, mixed_s, large = asyncio.run(run_mixed(url, texts, args.seconds))
        print(report("classify x64, alone", alone, alone_s))
        print(report("classify x64, beside analyze", mixed, mixed_s))
        print(report(f"analyze, {MIXED_SENTENCES} sentences", large, mixed_s))
        for name, share in (("p50", 0.5), ("p99", 0.99)):
            ratio = percentile(mixed.latencies, share) / max(percentile(alone.latencies, share), 1e-9)
            print(f"{name} of classify x64 beside the analyze / alone: {ratio:.2f}")
        return 0 if alone.latencies and mixed.latencies else 1
    with serve(args.model) as url:
        info = httpx.get(f"{url}/v1/model", timeout=10).json()
        mode = "live" if args.live else ("classify" if args.batch_size == 1 else f"classify x{args.batch_size}")
        mode = "practice" if args.practice else mode
        print(
            f"Coach load test: {args.clients} clients for {args.seconds:g} s against {url}, "
            f"model {info['name']} ({info['backend']}), {len(texts)} sample utterances, {os.cpu_count()} CPUs"
        )
        tally, elapsed = asyncio.run(
            run_load(url, texts, args.clients, args.seconds, args.batch_size, args.live, args.practice)
        )
    print(report(mode, tally, elapsed))
    return 1 if not tally.latencies else 0


if __name__ == "__main__":
    raise SystemExit(main())
