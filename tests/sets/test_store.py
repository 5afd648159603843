"""The sets' store on SQLite and PostgreSQL: ownership, transactions, corrections, deletion and retention."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import func, select, update

from coach.sets.database import DatabaseUnavailable
from coach.sets.store import NameTaken, NoSuchUtterance, NotFound, SetStore
from coach.sets.tables import CorrectionRow, SessionRow
from tests.sets.conftest import new_session


def keep_figures(utterances: list[dict[str, Any]], previous: dict[str, Any]) -> dict[str, Any]:
    return {**previous, "labels": [u["label"] for u in utterances]}


def test_a_set_belongs_to_its_owner(store: SetStore) -> None:
    mine = store.create_set("name:ana", "Wednesday set")
    store.create_set("name:ben", "Wednesday set")  # the same name under another owner is fine
    assert [s.name for s in store.list_sets("name:ana")] == ["Wednesday set"]
    assert store.find_set("name:ana", "Wednesday set") == store.get_set("name:ana", mine.id)
    with pytest.raises(NotFound):
        store.get_set("name:ben", mine.id)
    with pytest.raises(NotFound):
        store.sessions("name:ben", mine.id)
    with pytest.raises(NotFound):
        store.delete_set("name:ben", mine.id)
    with pytest.raises(NameTaken):
        store.create_set("name:ana", "Wednesday set")


def test_sessions_come_back_in_date_order_with_their_counts(store: SetStore) -> None:
    group = store.create_set("o", "s")
    later = store.add_session("o", group.id, lambda earlier: new_session(date=dt.date(2026, 11, 20)))
    sooner = store.add_session("o", group.id, lambda earlier: new_session(date=dt.date(2026, 11, 6)))
    assert [s.id for s in store.sessions("o", group.id)] == [sooner.id, later.id]
    assert store.sessions("o", group.id)[0].utterances == []  # an overview reads no text
    assert store.get_session("o", group.id, sooner.id).utterances[0]["text"] == "I keep covering the rota myself."
    assert store.list_sets("o")[0].sessions == 2


def test_a_session_is_built_from_the_earlier_ones_in_the_same_transaction(store: SetStore) -> None:
    group = store.create_set("o", "s")
    first = store.add_session("o", group.id, lambda earlier: new_session())
    seen: list[list[str]] = []

    def build(earlier: Any) -> Any:
        seen.append([s.id for s in earlier])
        return new_session()

    store.add_session("o", group.id, build)
    assert seen == [[first.id]]


def test_a_failed_save_leaves_nothing_behind(store: SetStore) -> None:
    group = store.create_set("o", "s")

    def broken(earlier: Any) -> Any:
        raise RuntimeError("labelling failed half way")

    with pytest.raises(RuntimeError):
        store.add_session("o", group.id, broken)
    assert store.sessions("o", group.id) == []


def test_a_correction_changes_the_label_and_is_recorded(store: SetStore) -> None:
    group = store.create_set("o", "Thursday")
    saved = store.add_session("o", group.id, lambda earlier: new_session())
    corrected = store.correct_label("o", group.id, saved.id, 2, "closed_question", keep_figures)
    assert corrected.utterances[2]["label"] == "closed_question"
    assert corrected.figures["labels"] == ["story", "open_question", "closed_question"]
    assert corrected.corrected == frozenset({2})
    store.correct_label("o", group.id, saved.id, 2, "reflection", keep_figures)
    (correction,) = store.corrections("o")
    assert (correction.previous_label, correction.label) == ("advice", "reflection")
    assert correction.utterance["text"] == "Have you thought about an agency?"
    assert store.corrections("someone else") == []
    with pytest.raises(NoSuchUtterance, match="0 to 2"):
        store.correct_label("o", group.id, saved.id, 7, "advice", keep_figures)
    with pytest.raises(NotFound):
        store.correct_label("someone else", group.id, saved.id, 2, "advice", keep_figures)


def test_a_label_corrected_back_is_no_correction(store: SetStore) -> None:
    group = store.create_set("o", "s")
    saved = store.add_session("o", group.id, lambda earlier: new_session())
    store.correct_label("o", group.id, saved.id, 1, "closed_question", keep_figures)
    store.correct_label("o", group.id, saved.id, 1, "open_question", keep_figures)
    assert store.corrections("o") == []


def test_deleting_takes_sessions_and_corrections_with_it(store: SetStore) -> None:
    group = store.create_set("o", "s")
    first = store.add_session("o", group.id, lambda earlier: new_session())
    second = store.add_session("o", group.id, lambda earlier: new_session())
    store.correct_label("o", group.id, first.id, 1, "advice", keep_figures)
    store.delete_session("o", group.id, first.id)
    with pytest.raises(NotFound):
        store.get_session("o", group.id, first.id)
    assert store.corrections("o") == []
    store.delete_set("o", group.id)
    with pytest.raises(NotFound):
        store.get_session("o", group.id, second.id)
    with store.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(SessionRow)) == 0
        assert connection.scalar(select(func.count()).select_from(CorrectionRow)) == 0


def test_retention_purges_old_sessions(database_url: str) -> None:
    store = SetStore.from_url(database_url, retention_days=30)
    group = store.create_set("o", "s")
    old = store.add_session("o", group.id, lambda earlier: new_session())
    recent = store.add_session("o", group.id, lambda earlier: new_session())
    with store.engine.begin() as connection:
        long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
        connection.execute(update(SessionRow).where(SessionRow.id == old.id).values(created_at=long_ago))
    assert store.purge_expired() == 1
    assert [s.id for s in store.sessions("o", group.id)] == [recent.id]
    with store.engine.begin() as connection:  # a saving service keeps to the period without a restart
        connection.execute(update(SessionRow).where(SessionRow.id == recent.id).values(created_at=long_ago))
    newest = store.add_session("o", group.id, lambda earlier: new_session())
    assert [s.id for s in store.sessions("o", group.id)] == [newest.id]
    store.engine.dispose()


def test_a_database_that_cannot_be_reached_is_unavailable(tmp_path: Any) -> None:
    for url in (
        f"sqlite:///{tmp_path / 'no such folder' / 'coach.db'}",
        "postgresql+psycopg://coach@127.0.0.1:9/coach?connect_timeout=2",
    ):
        store = SetStore.from_url(url)
        with pytest.raises(DatabaseUnavailable, match="COACH_DATABASE_URL"):
            store.list_sets("o")
