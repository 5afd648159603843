"""Live sessions in the database (SQLite and PostgreSQL): private resumes, what they hold, expiry and room."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select, update

from coach.classifier import Coach
from coach.sets.live_store import LiveSessionGone, LiveSessionRefused, LiveStore
from coach.sets.store import SetStore
from coach.sets.tables import LiveSessionRow, LiveUtteranceRow
from tests.fakes import KeywordClassifier


def live(store: SetStore, ttl: float = 3600, max_sessions: int = 10, per_owner: int = 5) -> LiveStore:
    return LiveStore(store, ttl, max_sessions, per_owner, nudge_interval=30)


def test_a_session_resumes_with_everything_it_held_for_its_owner_only(store: SetStore) -> None:
    sessions = live(store)
    state, token = sessions.create("name:ana")
    sessions.disconnected(state.id)
    coach = Coach(KeywordClassifier())
    state.set_roles("Sam", None)
    for speaker, text in [("Sam", "The rota keeps falling apart."), ("Ana", "Have you thought about an agency?")]:
        added, _, _ = state.add(coach.classify([text])[0], speaker, None, None, 1000.0)
        sessions.record(state, added)
    state.mark_part("planned")
    sessions.record(state, [])

    resumed = sessions.resume(state.id, "name:ana", token)
    assert resumed is not None
    assert [(u.speaker, u.role, u.label, u.text) for u in resumed.utterances] == [
        (u.speaker, u.role, u.label, u.text) for u in state.utterances
    ]
    assert resumed.utterances[1].scores == state.utterances[1].scores  # the final report relabels by role
    assert (resumed.presenter, resumed.turn, resumed.last_speaker) == ("Sam", 1, "Ana")
    assert resumed.parts == state.parts != []
    assert sessions.resume(state.id, "name:ben", token) is None
    assert sessions.resume(state.id, "name:ana", "not the token") is None
    assert sessions.resume("no-such-session", "name:ana", token) is None


def test_closing_forgets_everything_said(store: SetStore) -> None:
    sessions = live(store)
    state, token = sessions.create("o")
    added, _, _ = state.add(Coach(KeywordClassifier()).classify(["What would help?"])[0], "Ana", None, None, 0.0)
    sessions.record(state, added)
    sessions.close(state.id)
    assert sessions.resume(state.id, "o", token) is None
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(LiveUtteranceRow)) == 0
    with pytest.raises(LiveSessionGone):
        sessions.record(state, [])


def test_a_session_expires_after_its_last_activity(store: SetStore) -> None:
    sessions = live(store, ttl=60)
    state, token = sessions.create("o")
    with store.engine.begin() as connection:
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=61)
        connection.execute(update(LiveSessionRow).values(updated_at=long_ago))
    assert sessions.resume(state.id, "o", token) is None
    assert len(sessions) == 0


def test_when_full_a_dropped_session_makes_room_but_a_connected_one_never_does(store: SetStore) -> None:
    sessions = live(store, max_sessions=2, per_owner=2)
    sessions.create("o")  # a new session counts as connected
    second, _ = sessions.create("p")
    with pytest.raises(LiveSessionRefused, match="as many live sessions"):
        sessions.create("q")
    sessions.disconnected(second.id)
    sessions.create("q")
    assert len(sessions) == 2
    assert sessions.resume(second.id, "p", "any") is None


def test_one_owner_keeps_only_so_many(store: SetStore) -> None:
    sessions = live(store, per_owner=1)
    first, token = sessions.create("o")
    with pytest.raises(LiveSessionRefused, match="already has 1 live sessions"):
        sessions.create("o")
    sessions.create("p")  # another key is not held back
    sessions.disconnected(first.id)
    sessions.create("o")  # the owner's dropped session makes room
    assert sessions.resume(first.id, "o", token) is None
    assert len(sessions) == 2
