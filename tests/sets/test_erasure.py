"""After a DELETE, what was said is gone from the SQLite file's bytes (``secure_delete``), not left in free pages."""

from __future__ import annotations

from pathlib import Path

from coach.sets.store import SetStore
from tests.sets.conftest import new_session

MARKER = "zebra-marker-7c1f"


def _file_holds(path: Path, marker: str) -> bool:
    raw = path.read_bytes()
    return marker.encode() in raw or marker.encode("utf-16-le") in raw


def test_a_deleted_session_leaves_no_trace_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    store = SetStore.from_url(f"sqlite:///{path}")
    group = store.create_set("o", "s")
    kept = store.add_session("o", group.id, lambda earlier: new_session("the kept rota"))
    doomed = store.add_session("o", group.id, lambda earlier: new_session(MARKER * 40))  # long enough for overflow
    store.engine.dispose()
    assert _file_holds(path, MARKER)  # the check below can fail
    store.delete_session("o", group.id, doomed.id)
    store.engine.dispose()
    assert not _file_holds(path, MARKER)
    assert _file_holds(path, "the kept rota")
    assert store.get_session("o", group.id, kept.id)


def test_a_deleted_set_leaves_no_trace_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "coach.db"
    store = SetStore.from_url(f"sqlite:///{path}")
    group = store.create_set("o", "s")
    store.add_session("o", group.id, lambda earlier: new_session(MARKER))
    store.engine.dispose()
    assert _file_holds(path, MARKER)
    store.delete_set("o", group.id)
    store.engine.dispose()
    assert not _file_holds(path, MARKER)
