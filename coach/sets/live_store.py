"""Live sessions kept in the database, so that a dropped connection resumes on any server process, even after a
restart, and privately.

A session belongs to the owner of the API key that opened it (``coach.api.auth.owner_of``) and resumes only with its
resume token: 256 random bits, not derived from the id; only the token's sha256 is stored, and it is compared in
constant time. A wrong key, a wrong token, an unknown id and an expired session are refused alike, so a refusal says
nothing about whether a session exists.

What was said is stored only while the session is open: the rows go when the client ends the session, or
``ttl_seconds`` after its last activity (a message, a connection or a disconnection). When the store is full, the
least recently active session that no client is connected to makes room; a connected one never does.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from coach.feedback.live import LiveSession
from coach.feedback.session import LabelledUtterance
from coach.feedback.structure import GivenPart, GivenSlot, MeetingMode, Mode
from coach.sets.store import SetStore
from coach.sets.tables import LiveSessionRow, LiveUtteranceRow


class LiveSessionRefused(Exception):
    """No new session can be opened now; the message says why and what to do."""


class LiveSessionGone(Exception):
    """The session ended or expired while a client was still connected to it."""


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def stored(utterance: LabelledUtterance) -> dict[str, Any]:
    """An utterance as stored: its dictionary and its label scores."""
    return {**utterance.to_dict(), "scores": dict(utterance.scores)}


def restored(data: dict[str, Any]) -> LabelledUtterance:
    fields = {key: value for key, value in data.items() if key != "scores"}
    return LabelledUtterance(**fields, scores=data.get("scores", {}))


class LiveStore:
    """Live sessions in the sets' database (see the module docstring)."""

    def __init__(
        self, store: SetStore, ttl_seconds: float, max_sessions: int, max_per_owner: int, nudge_interval: float
    ) -> None:
        self._store = store
        self._ttl = dt.timedelta(seconds=ttl_seconds)
        self._max = max_sessions
        self._max_per_owner = max_per_owner
        self._nudge_interval = nudge_interval

    def create(self, owner: str) -> tuple[LiveSession, str]:
        """A new session for ``owner``, counted as connected, and its resume token; raises :class:`LiveSessionRefused`
        when full. Call :meth:`disconnected` when its connection ends."""
        session = LiveSession(nudge_interval=self._nudge_interval)
        token = secrets.token_urlsafe(32)
        with self._store.transaction() as db:
            self._expire(db)
            owned = db.scalar(select(func.count()).where(LiveSessionRow.owner == owner)) or 0
            if owned >= self._max_per_owner and not self._evict(db, owner):
                raise LiveSessionRefused(
                    f"This API key already has {self._max_per_owner} live sessions connected, the most one key may "
                    'keep. End one with {"type": "end"} before starting another.'
                )
            held = db.scalar(select(func.count()).select_from(LiveSessionRow)) or 0
            if held >= self._max and not self._evict(db, None):
                raise LiveSessionRefused(
                    "The service is holding as many live sessions as it can; try again in a minute."
                )
            db.add(
                LiveSessionRow(
                    id=session.id,
                    owner=owner,
                    token_sha256=_digest(token),
                    presenter=None,
                    facilitator=None,
                    turn=session.turn,
                    last_speaker=None,
                    last_nudge_at=None,
                    declared={},
                    slots=[],
                    mode=None,
                    parts=[],
                    connections=1,
                    updated_at=_now(),
                )
            )
        return session, token

    def resume(self, session_id: str, owner: str, token: str | None) -> LiveSession | None:
        """The session, counted as connected once more, if ``owner`` opened it, ``token`` is its resume token and it
        has not expired; else ``None``. Call :meth:`disconnected` when its connection ends."""
        with self._store.transaction() as db:
            self._expire(db)
            row = db.get(LiveSessionRow, session_id)
            expected = row.token_sha256 if row is not None else _digest(secrets.token_urlsafe(32))
            token_ok = secrets.compare_digest(_digest(token or ""), expected)
            if row is None or not token_ok or not secrets.compare_digest(row.owner.encode(), owner.encode()):
                return None
            row.updated_at = _now()
            row.connections += 1
            said = db.scalars(
                select(LiveUtteranceRow.utterance)
                .where(LiveUtteranceRow.session_id == session_id)
                .order_by(LiveUtteranceRow.position)
            ).all()
            session = LiveSession(
                nudge_interval=self._nudge_interval,
                id=row.id,
                presenter=row.presenter,
                facilitator=row.facilitator,
                utterances=[restored(dict(u)) for u in said],
                last_nudge_at=row.last_nudge_at,
                turn=row.turn,
                last_speaker=row.last_speaker,
                declared=dict(row.declared),
                slots=[GivenSlot(str(presenter), int(start)) for presenter, start in row.slots],
                mode=cast(MeetingMode | None, row.mode),
                parts=[GivenPart(cast(Mode, mode), int(start)) for mode, start in row.parts],
            )
        session.apply_roles()  # the meeting's structure, which is not stored
        return session

    def disconnected(self, session_id: str) -> None:
        """A connection to the session ended: when it was the last, the session may make room, and it expires
        ``ttl_seconds`` from now."""
        with self._store.transaction() as db:
            row = db.get(LiveSessionRow, session_id)
            if row is not None:
                row.connections = max(0, row.connections - 1)
                row.updated_at = _now()

    def record(self, state: LiveSession, added: Sequence[LabelledUtterance], *, rewrite: bool = False) -> None:
        """Keep what ``state`` has become: its roles, turn and nudge clock, and the utterances just ``added`` (or, with
        ``rewrite``, all its utterances again: their roles changed)."""
        with self._store.transaction() as db:
            changed = db.execute(
                update(LiveSessionRow)
                .where(LiveSessionRow.id == state.id)
                .values(
                    presenter=state.presenter,
                    facilitator=state.facilitator,
                    turn=state.turn,
                    last_speaker=state.last_speaker,
                    last_nudge_at=state.last_nudge_at,
                    declared=state.declared,
                    slots=[[slot.presenter, slot.start_index] for slot in state.slots],
                    mode=state.mode,
                    parts=[[part.mode, part.start_index] for part in state.parts],
                    updated_at=_now(),
                )
            )
            if not changed.rowcount:  # type: ignore[attr-defined]
                raise LiveSessionGone(state.id)
            if rewrite:
                db.execute(delete(LiveUtteranceRow).where(LiveUtteranceRow.session_id == state.id))
            kept = state.utterances if rewrite else added
            db.add_all(LiveUtteranceRow(session_id=state.id, position=u.index, utterance=stored(u)) for u in kept)

    def close(self, session_id: str) -> None:
        """Forget the session and everything said in it."""
        with self._store.transaction() as db:
            db.execute(delete(LiveSessionRow).where(LiveSessionRow.id == session_id))

    def __len__(self) -> int:
        with self._store.transaction() as db:
            return db.scalar(select(func.count()).select_from(LiveSessionRow)) or 0

    def _evict(self, db: Session, owner: str | None) -> bool:
        """Drop the least recently active session nobody is connected to (of ``owner``, if given); False if none."""
        query = select(LiveSessionRow.id).where(LiveSessionRow.connections == 0)
        if owner is not None:
            query = query.where(LiveSessionRow.owner == owner)
        oldest = db.scalar(query.order_by(LiveSessionRow.updated_at).limit(1))
        if oldest is None:
            return False
        db.execute(delete(LiveSessionRow).where(LiveSessionRow.id == oldest))
        return True

    def _expire(self, db: Session) -> None:
        db.execute(delete(LiveSessionRow).where(LiveSessionRow.updated_at < _now() - self._ttl))
