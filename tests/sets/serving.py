"""``coach serve`` as a real process on a given database, for the tests of several processes sharing one."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from benchmarks.load_test import free_port


@contextmanager
def serving(database_url: str, workers: int = 1) -> Iterator[int]:
    """``coach serve`` with the shipped model and ``workers`` processes on ``database_url``; its port."""
    port = free_port()
    env = {**os.environ, "COACH_DATABASE_URL": database_url}
    command = [sys.executable, "-m", "coach.cli.main", "serve", "--port", str(port), "--workers", str(workers)]
    with subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as server:
        try:
            deadline = time.monotonic() + 180
            ready = 0
            while ready < 5:  # several answers in a row: every worker has started
                try:
                    ready = ready + 1 if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).is_success else 0
                except httpx.TransportError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise
                    time.sleep(0.5)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)
