"""The tables of the sets' store, as SQLAlchemy 2 mapped classes. The schema itself is made by the Alembic migrations
in ``coach/sets/migrations``; a change here needs a new migration there."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class SetRow(Base):
    """An action learning set, owned by the API key name (or key digest) that created it."""

    __tablename__ = "sets"
    __table_args__ = (UniqueConstraint("owner", "name", name="uq_sets_owner_name"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(128), index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SessionRow(Base):
    """A saved session: its labelled utterances (what was said, saved because the user asked), its figures (no text),
    the presenter's actions and the report-back on earlier actions."""

    __tablename__ = "set_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    set_id: Mapped[str] = mapped_column(ForeignKey("sets.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    presenter: Mapped[str | None] = mapped_column(String(200))
    facilitator: Mapped[str | None] = mapped_column(String(200))
    model: Mapped[dict[str, Any]]
    utterances: Mapped[list[Any]]
    figures: Mapped[dict[str, Any]]
    actions: Mapped[list[Any]]
    report_back: Mapped[list[Any]]


class CorrectionRow(Base):
    """A label a person corrected: which utterance of which saved session, from what, to what, when."""

    __tablename__ = "corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("set_sessions.id", ondelete="CASCADE"), index=True)
    utterance_index: Mapped[int] = mapped_column(Integer)
    previous_label: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class LiveSessionRow(Base):
    """A live session in progress, so that it resumes on any server process and after a restart. Deleted with its
    utterances when the session ends or expires; ``token_sha256`` is a digest of the resume token, never the token."""

    __tablename__ = "live_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    owner: Mapped[str] = mapped_column(String(128), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64))
    presenter: Mapped[str | None] = mapped_column(String(200))
    facilitator: Mapped[str | None] = mapped_column(String(200))
    turn: Mapped[int] = mapped_column(Integer)
    last_speaker: Mapped[str | None] = mapped_column(String(200))
    last_nudge_at: Mapped[float | None] = mapped_column(Float)
    declared: Mapped[dict[str, Any]]
    #: The presenters' slots marked so far, as ``[presenter, first utterance index]`` pairs.
    slots: Mapped[list[Any]]
    mode: Mapped[str | None] = mapped_column(String(16))
    #: The open and planned parts marked so far, as ``[mode, first utterance index]`` pairs.
    parts: Mapped[list[Any]]
    connections: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class LiveUtteranceRow(Base):
    """One labelled utterance of a live session, with its label scores (the final report relabels by role)."""

    __tablename__ = "live_utterances"

    session_id: Mapped[str] = mapped_column(ForeignKey("live_sessions.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    utterance: Mapped[dict[str, Any]]
