"""Fixtures for the storage tests: each runs on SQLite and on PostgreSQL.

PostgreSQL comes from ``COACH_TEST_POSTGRES_URL``, which ``.ci/run`` sets after starting a throw-away cluster
(``source .ci/postgres.sh`` does the same for a developer). Without it the PostgreSQL cases are skipped, unless
``COACH_REQUIRE_POSTGRES=1`` (as in CI), where they fail instead.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from coach.sets.store import NewSession, SetStore

BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    url = os.environ.get("COACH_TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("COACH_REQUIRE_POSTGRES") == "1":
            pytest.fail("COACH_REQUIRE_POSTGRES=1 but COACH_TEST_POSTGRES_URL is not set; source .ci/postgres.sh")
        pytest.skip("no PostgreSQL: source .ci/postgres.sh to run these on a throw-away cluster")
    return url


def fresh_postgres() -> str:
    """The test database, emptied: every table and the migration history dropped."""
    url = postgres_url()
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a new SQLite file, or the emptied PostgreSQL test database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'coach.db'}"
    return fresh_postgres()


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
