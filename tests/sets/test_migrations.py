"""The schema's migrations keep the data: a database made by the first revision, with sets in it, upgrades to the
newest revision with nothing lost."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import inspect, text

from coach.sets import database
from coach.sets.store import SetStore


def test_upgrading_from_the_first_schema_keeps_the_sets(database_url: str) -> None:
    engine = database.make_engine(database_url)
    database.upgrade(engine, "0001")
    assert database.current_revision(engine) == "0001"
    assert "live_sessions" not in inspect(engine).get_table_names()
    now = dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO sets (id, owner, name, created_at) VALUES ('s1', 'anonymous', 'Old set', :now)"),
            {"now": now},
        )
        connection.execute(
            text(
                "INSERT INTO set_sessions (id, set_id, date, created_at, presenter, facilitator, model, utterances, "
                "figures, actions, report_back) VALUES ('x1', 's1', :day, :now, 'Sam', NULL, :model, :utterances, "
                ":figures, '[]', '[]')"
            ),
            {
                "day": dt.date(2026, 11, 1),
                "now": now,
                "model": json.dumps({"name": "m", "version": "1"}),
                "utterances": json.dumps([{"index": 0, "text": "kept across the upgrade"}]),
                "figures": json.dumps({"summary": {}, "speakers": {}}),
            },
        )
    store = SetStore(engine)
    store.ensure_schema()  # what the service does on first use
    assert database.current_revision(engine) == database.head_revision() != "0001"
    assert "live_sessions" in inspect(engine).get_table_names()
    (kept,) = store.list_sets("anonymous")
    assert (kept.name, kept.sessions) == ("Old set", 1)
    assert store.get_session("anonymous", "s1", "x1").utterances == [{"index": 0, "text": "kept across the upgrade"}]
    engine.dispose()
