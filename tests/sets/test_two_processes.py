"""Two ``coach serve`` processes writing to one database at once lose nothing (SQLite file and PostgreSQL)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager

import httpx
import pytest

from benchmarks.load_test import free_port

pytestmark = pytest.mark.slow

SESSIONS_PER_SERVER = 12


@contextmanager
def serving(database_url: str) -> Iterator[str]:
    """A ``coach serve`` process with the shipped model on ``database_url``; its base URL."""
    port = free_port()
    env = {**os.environ, "COACH_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "coach.cli.main", "serve", "--port", str(port)]
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"{base}/v1/health", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.3)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)


def session(number: int) -> dict[str, object]:
    turns = [
        {"speaker": "Sam", "text": f"The rota broke again in week {number}.", "start": 0},
        {"speaker": "Priya", "text": "What has that been like for you?", "start": 30},
        {"speaker": "Sam", "text": "I'm going to ring the agency tomorrow.", "start": 60},
    ]
    return {"turns": turns, "presenter": "Sam", "date": f"2026-10-{number % 28 + 1:02d}"}


def test_two_servers_saving_into_one_set_lose_nothing(database_url: str) -> None:
    with ExitStack() as stack:
        first, second = (stack.enter_context(serving(database_url)) for _ in range(2))
        set_id = httpx.post(f"{first}/v1/sets", json={"name": "shared"}, timeout=30).json()["id"]

        def save(job: tuple[str, int]) -> int:
            base, number = job
            response = httpx.post(f"{base}/v1/sets/{set_id}/sessions", json=session(number), timeout=120)
            return response.status_code

        jobs = [(base, n) for n in range(SESSIONS_PER_SERVER) for base in (first, second)]
        with ThreadPoolExecutor(max_workers=8) as pool:
            statuses = list(pool.map(save, jobs))
        assert statuses == [201] * len(jobs)
        for base in (first, second):
            overview = httpx.get(f"{base}/v1/sets/{set_id}", timeout=30).json()
            assert len(overview["sessions"]) == len(jobs)
            assert len({s["id"] for s in overview["sessions"]}) == len(jobs)
