"""Two ``coach serve`` processes writing to one database at once lose nothing (SQLite file and PostgreSQL)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

import httpx
import pytest

from tests.sets.serving import serving

pytestmark = pytest.mark.slow

SESSIONS_PER_SERVER = 12


def session(number: int) -> dict[str, object]:
    turns = [
        {"speaker": "Sam", "text": f"The rota broke again in week {number}.", "start": 0},
        {"speaker": "Priya", "text": "What has that been like for you?", "start": 30},
        {"speaker": "Sam", "text": "I'm going to ring the agency tomorrow.", "start": 60},
    ]
    return {"turns": turns, "presenter": "Sam", "date": f"2026-10-{number % 28 + 1:02d}"}


def test_two_servers_saving_into_one_set_lose_nothing(database_url: str) -> None:
    with ExitStack() as stack:
        first, second = (f"http://127.0.0.1:{stack.enter_context(serving(database_url))}" for _ in range(2))
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
