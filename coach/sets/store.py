"""The sets' store: sets, their saved sessions and label corrections, on SQLite or PostgreSQL through SQLAlchemy 2.

Every method is one transaction, and every read and write is scoped to an ``owner`` (the API key's name, or a digest of
the key; see ``coach.api.auth.owner_of``): a set of another owner is :class:`NotFound`, exactly like a set that does
not exist. Database failures become :class:`~coach.sets.database.DatabaseUnavailable`, never a half-saved session.
"""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from coach.sets import database
from coach.sets.database import DatabaseUnavailable
from coach.sets.tables import CorrectionRow, SessionRow, SetRow

#: The owner of what is made without an API key (the service without keys, and the command line).
ANONYMOUS = "anonymous"


class NotFound(LookupError):
    """No such set or session for this owner."""


class NoSuchUtterance(NotFound):
    """The session has no utterance of that index; the message says which exist."""


class NameTaken(ValueError):
    """The owner already has a set of this name."""


@dataclass(frozen=True)
class SetInfo:
    id: str
    name: str
    created_at: dt.datetime
    sessions: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "created_at": self.created_at.isoformat(), "sessions": self.sessions}


@dataclass(frozen=True)
class SavedSession:
    """A saved session; ``utterances`` is empty when it was read without them (a set's overview needs none)."""

    id: str
    set_id: str
    date: dt.date | None
    created_at: dt.datetime
    presenter: str | None
    facilitator: str | None
    model: dict[str, Any]
    figures: dict[str, Any]
    actions: list[dict[str, Any]]
    report_back: list[dict[str, Any]]
    utterances: list[dict[str, Any]]
    corrected: frozenset[int] = frozenset()

    @property
    def day(self) -> dt.date:
        """The session's date, or the day it was saved when none was given."""
        return self.date or self.created_at.date()

    @property
    def order(self) -> tuple[dt.date, dt.datetime]:
        return (self.day, self.created_at)


@dataclass(frozen=True)
class NewSession:
    """What a session is saved with."""

    date: dt.date | None
    presenter: str | None
    facilitator: str | None
    model: dict[str, Any]
    utterances: list[dict[str, Any]]
    figures: dict[str, Any]
    actions: list[dict[str, Any]]
    report_back: list[dict[str, Any]]


@dataclass(frozen=True)
class Correction:
    """A corrected label, with the utterance it applies to (for training rows)."""

    session_id: str
    set_name: str
    utterance: dict[str, Any]
    previous_label: str
    label: str
    created_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(moment: dt.datetime) -> dt.datetime:
    """``moment`` in UTC: SQLite hands back the stored UTC times without their zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


class SetStore:
    """The store over ``engine``; :meth:`ensure_schema` (called on first use) brings an older schema up to date."""

    def __init__(self, engine: Engine, retention_days: int | None = None) -> None:
        self.engine = engine
        self.retention_days = retention_days
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._ready = False
        self._ready_lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str | None, retention_days: int | None = None) -> SetStore:
        return cls(database.make_engine(url), retention_days)

    def ensure_schema(self) -> None:
        """Migrate the database to this version's schema once per process (a no-op when it is current)."""
        if self._ready:
            return
        with self._ready_lock:
            if self._ready:
                return
            try:
                if database.current_revision(self.engine) != database.head_revision():
                    database.upgrade(self.engine)
            except DBAPIError as error:
                # Another process may have migrated it at the same moment: fine if the schema is now current.
                if self._revision_or_none() != database.head_revision():
                    raise DatabaseUnavailable(database.describe(error)) from error
            self._ready = True
        self.purge_expired()

    def _revision_or_none(self) -> str | None:
        try:
            return database.current_revision(self.engine)
        except DBAPIError:
            return None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One transaction on the current schema; database failures become :class:`DatabaseUnavailable`."""
        self.ensure_schema()
        try:
            with self._sessions.begin() as session:
                yield session
        except (NotFound, NameTaken, IntegrityError):
            raise
        except DBAPIError as error:
            raise DatabaseUnavailable(database.describe(error)) from error

    # Sets

    def create_set(self, owner: str, name: str) -> SetInfo:
        row = SetRow(id=uuid.uuid4().hex, owner=owner, name=name, created_at=_now())
        try:
            with self.transaction() as session:
                if session.scalar(select(SetRow.id).where(SetRow.owner == owner, SetRow.name == name)):
                    raise NameTaken(name)
                session.add(row)
        except IntegrityError as error:  # the same name created by another process a moment ago
            raise NameTaken(name) from error
        return SetInfo(row.id, row.name, _aware(row.created_at))

    def list_sets(self, owner: str) -> list[SetInfo]:
        count = func.count(SessionRow.id)
        query = (
            select(SetRow, count)
            .outerjoin(SessionRow, SessionRow.set_id == SetRow.id)
            .where(SetRow.owner == owner)
            .group_by(SetRow.id)
            .order_by(SetRow.created_at)
        )
        with self.transaction() as session:
            return [SetInfo(row.id, row.name, _aware(row.created_at), n) for row, n in session.execute(query)]

    def get_set(self, owner: str, set_id: str) -> SetInfo:
        with self.transaction() as session:
            row = self._set_row(session, owner, set_id)
            return SetInfo(row.id, row.name, _aware(row.created_at))

    def find_set(self, owner: str, name: str) -> SetInfo | None:
        with self.transaction() as session:
            row = session.scalar(select(SetRow).where(SetRow.owner == owner, SetRow.name == name))
            return SetInfo(row.id, row.name, _aware(row.created_at)) if row else None

    def delete_set(self, owner: str, set_id: str) -> None:
        """Delete the set with its sessions and corrections (the database cascades)."""
        with self.transaction() as session:
            self._set_row(session, owner, set_id)
            session.execute(delete(SetRow).where(SetRow.id == set_id))

    # Sessions

    def sessions(self, owner: str, set_id: str, *, with_utterances: bool = False) -> list[SavedSession]:
        """The set's sessions in date order (sessions without a date by when they were saved)."""
        query = select(SessionRow).where(SessionRow.set_id == set_id)
        if not with_utterances:
            query = query.options(defer(SessionRow.utterances))
        with self.transaction() as session:
            self._set_row(session, owner, set_id)
            return _in_order(_saved(row, with_utterances) for row in session.scalars(query).all())

    def add_session(
        self, owner: str, set_id: str, build: Callable[[Sequence[SavedSession]], NewSession]
    ) -> SavedSession:
        """Save the session that ``build`` makes from the set's earlier sessions (for the report-back), atomically."""
        with self.transaction() as session:
            self._set_row(session, owner, set_id)
            self._purge(session)  # a long-running service keeps to the retention period as it saves
            earlier_rows = session.scalars(
                select(SessionRow).where(SessionRow.set_id == set_id).options(defer(SessionRow.utterances))
            ).all()
            earlier = _in_order(_saved(row, False) for row in earlier_rows)
            new = build(earlier)
            row = SessionRow(
                id=uuid.uuid4().hex,
                set_id=set_id,
                date=new.date,
                created_at=_now(),
                presenter=new.presenter,
                facilitator=new.facilitator,
                model=new.model,
                utterances=new.utterances,
                figures=new.figures,
                actions=new.actions,
                report_back=new.report_back,
            )
            session.add(row)
            session.flush()
            return _saved(row, True)

    def get_session(self, owner: str, set_id: str, session_id: str) -> SavedSession:
        with self.transaction() as session:
            row = self._session_row(session, owner, set_id, session_id)
            return _saved(row, True, self._corrected(session, session_id))

    def correct_label(
        self,
        owner: str,
        set_id: str,
        session_id: str,
        index: int,
        label: str,
        refigure: Callable[[list[dict[str, Any]], dict[str, Any]], dict[str, Any]],
    ) -> SavedSession:
        """Set utterance ``index``'s label, record the correction, and store the figures ``refigure`` recomputes from
        the utterances and the previous figures."""
        with self.transaction() as session:
            row = self._session_row(session, owner, set_id, session_id)
            utterances = [dict(u) for u in row.utterances]
            position = next((n for n, u in enumerate(utterances) if u["index"] == index), None)
            if position is None:
                raise NoSuchUtterance(
                    f"This session has no utterance {index}; its utterances are 0 to {len(utterances) - 1}."
                )
            previous = utterances[position]["label"]
            utterances[position] = {**utterances[position], "label": label, "leading": False}
            row.utterances = utterances
            row.figures = refigure(utterances, dict(row.figures))
            session.add(
                CorrectionRow(
                    session_id=session_id,
                    utterance_index=index,
                    previous_label=previous,
                    label=label,
                    created_at=_now(),
                )
            )
            session.flush()
            return _saved(row, True, self._corrected(session, session_id))

    def rewrite_session(
        self,
        owner: str,
        set_id: str,
        session_id: str,
        rewrite: Callable[[list[dict[str, Any]], dict[str, Any]], tuple[list[dict[str, Any]], dict[str, Any]]],
    ) -> SavedSession:
        """Store the utterances and figures ``rewrite`` makes of the session's (the meeting's modes said by a user:
        ``coach.sets.saved_reports.set_mode``), in one transaction; what ``rewrite`` raises leaves the session as it
        was."""
        with self.transaction() as session:
            row = self._session_row(session, owner, set_id, session_id)
            row.utterances, row.figures = rewrite([dict(u) for u in row.utterances], dict(row.figures))
            session.flush()
            return _saved(row, True, self._corrected(session, session_id))

    def delete_session(self, owner: str, set_id: str, session_id: str) -> None:
        with self.transaction() as session:
            self._session_row(session, owner, set_id, session_id)
            session.execute(delete(SessionRow).where(SessionRow.id == session_id))

    # Corrections

    def corrections(self, owner: str) -> list[Correction]:
        """Every correction of the owner's sessions, oldest first; a label corrected twice gives its latest only."""
        query = (
            select(CorrectionRow, SessionRow, SetRow.name)
            .join(SessionRow, CorrectionRow.session_id == SessionRow.id)
            .join(SetRow, SessionRow.set_id == SetRow.id)
            .where(SetRow.owner == owner)
            .order_by(CorrectionRow.id)
        )
        latest: dict[tuple[str, int], Correction] = {}
        with self.transaction() as session:
            for correction, saved, set_name in session.execute(query):
                utterance = next((u for u in saved.utterances if u["index"] == correction.utterance_index), None)
                if utterance is None:
                    continue
                key = (saved.id, correction.utterance_index)
                first = latest.get(key)
                latest[key] = Correction(
                    session_id=saved.id,
                    set_name=set_name,
                    utterance=utterance,
                    previous_label=first.previous_label if first else correction.previous_label,
                    label=correction.label,
                    created_at=_aware(correction.created_at),
                )
        return [c for c in latest.values() if c.label != c.previous_label]

    # Retention

    def purge_expired(self) -> int:
        """Delete sessions saved more than ``retention_days`` ago (done on first use and at every save); how many
        went."""
        with self.transaction() as session:
            return self._purge(session)

    def _purge(self, session: Session) -> int:
        if self.retention_days is None:
            return 0
        cutoff = _now() - dt.timedelta(days=self.retention_days)
        result = session.execute(delete(SessionRow).where(SessionRow.created_at < cutoff))
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # Helpers

    @staticmethod
    def _corrected(session: Session, session_id: str) -> frozenset[int]:
        """The indexes of the session's utterances whose labels were corrected."""
        query = select(CorrectionRow.utterance_index).where(CorrectionRow.session_id == session_id)
        return frozenset(session.scalars(query).all())

    @staticmethod
    def _set_row(session: Session, owner: str, set_id: str) -> SetRow:
        row = session.get(SetRow, set_id)
        if row is None or row.owner != owner:
            raise NotFound(f"set {set_id}")
        return row

    def _session_row(self, session: Session, owner: str, set_id: str, session_id: str) -> SessionRow:
        self._set_row(session, owner, set_id)
        row = session.get(SessionRow, session_id)
        if row is None or row.set_id != set_id:
            raise NotFound(f"session {session_id}")
        return row


def _in_order(sessions: Iterable[SavedSession]) -> list[SavedSession]:
    """In date order; sessions without a date by when they were saved."""
    return sorted(sessions, key=lambda s: s.order)


def _saved(row: SessionRow, with_utterances: bool, corrected: frozenset[int] = frozenset()) -> SavedSession:
    return SavedSession(
        id=row.id,
        set_id=row.set_id,
        date=row.date,
        created_at=_aware(row.created_at),
        presenter=row.presenter,
        facilitator=row.facilitator,
        model=dict(row.model),
        figures=dict(row.figures),
        actions=list(row.actions),
        report_back=list(row.report_back),
        utterances=list(row.utterances) if with_utterances else [],
        corrected=corrected,
    )
