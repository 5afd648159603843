"""The fair pool: results in order, errors passed back, and a small call served while a large one is running."""

from __future__ import annotations

import threading
import time

import pytest

from coach.classifier.fair_pool import FairPool


def test_map_returns_results_in_order() -> None:
    pool = FairPool(2, "test")
    assert pool.map(lambda x: x * x, range(10)) == [x * x for x in range(10)]
    assert pool.map(str, []) == []


def test_an_error_in_a_task_reaches_the_caller() -> None:
    def fail(x: int) -> int:
        if x == 3:
            raise ValueError("three")
        return x

    with pytest.raises(ValueError, match="three"):
        FairPool(2, "test").map(fail, range(5))


def test_a_small_call_is_served_between_the_tasks_of_a_large_one() -> None:
    pool = FairPool(1, "test")
    done: list[str] = []

    def slow(name: str) -> str:
        time.sleep(0.01)
        done.append(name)
        return name

    large = threading.Thread(target=pool.map, args=(slow, [f"large-{n}" for n in range(100)]))
    large.start()
    time.sleep(0.05)  # the large call is under way
    started = time.perf_counter()
    assert pool.map(slow, ["small-0", "small-1"]) == ["small-0", "small-1"]
    waited = time.perf_counter() - started
    large.join()

    assert waited < 0.2  # first in, first out would wait for the rest of the large call (about a second)
    assert done.index("small-1") < done.index("large-99")
    assert len(done) == 102
