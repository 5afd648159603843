"""Live sessions kept in memory so that a dropped connection can resume, privately.

A session belongs to the API key that opened it (``owner``; everyone is the same anonymous owner when no keys are
configured) and resumes only with its secret resume token: 256 random bits, not derived from the id, compared in
constant time. A wrong key, a wrong token, an unknown id and an expired session are refused alike, so a refusal says
nothing about whether a session exists. Sessions expire ``ttl_seconds`` after their last activity; a connected session
never expires and is never evicted to make room.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

from coach.feedback.live import LiveSession


class LiveSessionRefused(Exception):
    """No new session can be opened now; the message says why and what to do."""


@dataclass
class _Entry:
    session: LiveSession
    owner: str
    token: str
    connections: int = 0


class LiveStore:
    def __init__(self, ttl_seconds: float, max_sessions: int, max_per_owner: int, nudge_interval: float) -> None:
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._ttl = ttl_seconds
        self._max = max_sessions
        self._max_per_owner = max_per_owner
        self._nudge_interval = nudge_interval

    def create(self, owner: str) -> tuple[LiveSession, str]:
        """A new session for ``owner`` and its resume token; raises :class:`LiveSessionRefused` when full."""
        self._expire()
        if sum(e.owner == owner for e in self._entries.values()) >= self._max_per_owner and not self._evict(owner):
            raise LiveSessionRefused(
                f"This API key already has {self._max_per_owner} live sessions connected, the most one key may "
                'keep. End one with {"type": "end"} before starting another.'
            )
        if len(self._entries) >= self._max and not self._evict(None):
            raise LiveSessionRefused("The service is holding as many live sessions as it can; try again in a minute.")
        session = LiveSession(nudge_interval=self._nudge_interval)
        token = secrets.token_urlsafe(32)
        self._entries[session.id] = _Entry(session, owner, token)
        return session, token

    def resume(self, session_id: str, owner: str, token: str | None) -> LiveSession | None:
        """The session, if ``owner`` opened it, ``token`` is its resume token and it has not expired; else ``None``."""
        self._expire()
        entry = self._entries.get(session_id)
        given = (token or "").encode("utf-8", "surrogateescape")
        expected = entry.token.encode() if entry is not None else secrets.token_bytes(43)  # same work when unknown
        token_ok = secrets.compare_digest(given, expected)
        if entry is None or not token_ok or not secrets.compare_digest(entry.owner.encode(), owner.encode()):
            return None
        self._entries.move_to_end(session_id)
        return entry.session

    def connected(self, session_id: str) -> None:
        entry = self._entries.get(session_id)
        if entry is not None:
            entry.connections += 1

    def disconnected(self, session_id: str) -> None:
        """The connection dropped: the session may now expire, counted from now."""
        entry = self._entries.get(session_id)
        if entry is not None:
            entry.connections = max(0, entry.connections - 1)
            entry.session.last_seen = time.monotonic()

    def close(self, session_id: str) -> None:
        """Forget the session and everything said in it."""
        self._entries.pop(session_id, None)

    def __len__(self) -> int:
        return len(self._entries)

    def _evict(self, owner: str | None) -> bool:
        """Drop the least recently used session nobody is connected to (of ``owner``, if given); False if none."""
        for session_id, entry in self._entries.items():
            if entry.connections == 0 and (owner is None or entry.owner == owner):
                del self._entries[session_id]
                return True
        return False

    def _expire(self) -> None:
        cutoff = time.monotonic() - self._ttl
        expired = [sid for sid, e in self._entries.items() if e.connections == 0 and e.session.last_seen < cutoff]
        for session_id in expired:
            del self._entries[session_id]
