"""A thread pool that serves its callers in turn, so that a small request is never stuck behind a large one.

``ThreadPoolExecutor`` runs tasks first in, first out: while a 2-hour transcript's 2,000 model runs are queued, a
64-utterance request submitted after them waits for all of them. :class:`FairPool` keeps one queue per call. Its
workers mostly take the next task of the call with the fewest tasks left, so short calls finish first; every
:data:`OLDEST_EVERY` picks they serve the call that has waited longest instead, so a large call still advances while
small ones keep arriving.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

#: One pick in this many goes to the call that has waited longest, whatever its size.
OLDEST_EVERY = 4


class _Call(Generic[In, Out]):
    """The tasks of one ``map`` call that no worker has taken yet."""

    def __init__(self, function: Callable[[In], Out], items: Iterable[In]) -> None:
        self.function = function
        self.pending: deque[tuple[In, Future[Out]]] = deque((item, Future()) for item in items)
        self.futures = [future for _, future in self.pending]


class FairPool:
    def __init__(self, threads: int, name: str) -> None:
        self._ready = threading.Condition()
        self._calls: deque[_Call[object, object]] = deque()
        self._threads = [threading.Thread(target=self._work, name=f"{name}-{n}", daemon=True) for n in range(threads)]
        self._started = False
        self._picks = 0

    def map(self, function: Callable[[In], Out], items: Iterable[In]) -> list[Out]:
        """``[function(item) for item in items]``, run on the pool's workers in turn with other calls' tasks."""
        call: _Call[In, Out] = _Call(function, items)
        if not call.futures:
            return []
        with self._ready:
            if not self._started:  # workers start on first use, as ThreadPoolExecutor's do
                self._started = True
                for thread in self._threads:
                    thread.start()
            self._calls.append(call)  # type: ignore[arg-type]
            self._ready.notify_all()
        return [future.result() for future in call.futures]

    def _work(self) -> None:
        while True:
            with self._ready:
                while not self._calls:
                    self._ready.wait()
                self._picks += 1
                if self._picks % OLDEST_EVERY == 0:
                    call = self._calls[0]
                else:
                    call = min(self._calls, key=lambda waiting: len(waiting.pending))
                self._calls.remove(call)
                item, future = call.pending.popleft()
                if call.pending:
                    self._calls.append(call)  # back of the line: the oldest is whoever waited longest since
            try:
                future.set_result(call.function(item))
            except BaseException as error:  # the caller re-raises it from future.result()
                future.set_exception(error)
