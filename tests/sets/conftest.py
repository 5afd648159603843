"""Fixtures for the storage tests: each runs on SQLite and on PostgreSQL (``database_url``, in tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from coach.sets.store import NewSession, SetStore


@pytest.fixture
def store(database_url: str) -> Iterator[SetStore]:
    store = SetStore.from_url(database_url)
    yield store
    store.engine.dispose()


def utterance(index: int, speaker: str, role: str, text: str, label: str, start: float | None = None) -> dict[str, Any]:
    return {
        "index": index,
        "turn": index,
        "speaker": speaker,
        "role": role,
        "text": text,
        "label": label,
        "confidence": 0.9,
        "leading": False,
        "start": start,
        "end": None,
    }


def new_session(
    marker: str = "the rota", date: dt.date | None = None, figures: dict[str, Any] | None = None
) -> NewSession:
    """A small session to save; ``marker`` is in what the presenter said."""
    utterances = [
        utterance(0, "Sam", "presenter", f"I keep covering {marker} myself.", "story", 0.0),
        utterance(1, "Priya", "member", "What have you tried so far?", "open_question", 30.0),
        utterance(2, "Tom", "member", "Have you thought about an agency?", "advice", 60.0),
    ]
    return NewSession(
        date=date,
        presenter="Sam",
        facilitator=None,
        model={"name": "test", "version": "0"},
        utterances=utterances,
        figures=figures or {"summary": {"questioning_ratio": 0.5}, "speakers": {}, "roles_assumed": []},
        actions=[{"id": "a1", "speaker": "Sam", "text": "ring the agency", "index": 0, "start": 0.0}],
        report_back=[],
    )
