"""Live sessions kept in memory so that a dropped connection can resume; old ones expire, the store is bounded."""

from __future__ import annotations

import time
from collections import OrderedDict

from coach.feedback.live import LiveSession


class LiveStore:
    def __init__(self, ttl_seconds: float, max_sessions: int, nudge_interval: float) -> None:
        self._sessions: OrderedDict[str, LiveSession] = OrderedDict()
        self._ttl = ttl_seconds
        self._max = max_sessions
        self._nudge_interval = nudge_interval

    def open(self, session_id: str | None) -> tuple[LiveSession, bool]:
        """The session ``session_id`` if it is still kept (resumed), else a new one."""
        self._expire()
        if session_id and session_id in self._sessions:
            self._sessions.move_to_end(session_id)
            return self._sessions[session_id], True
        session = LiveSession(nudge_interval=self._nudge_interval)
        self._sessions[session.id] = session
        while len(self._sessions) > self._max:
            self._sessions.popitem(last=False)
        return session, False

    def close(self, session_id: str) -> None:
        self._sessions.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._sessions)

    def _expire(self) -> None:
        cutoff = time.monotonic() - self._ttl
        for session_id in [sid for sid, s in self._sessions.items() if s.last_seen < cutoff]:
            del self._sessions[session_id]
