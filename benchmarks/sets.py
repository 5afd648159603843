"""The sets' store under load: save 1,000 sessions, then read a set of 100 sessions over HTTP.

    python -m benchmarks.sets [--database URL] [--sessions 1000] [--set-size 100] [--reads 200]

Each saved session is one of our annotated conversations (``data/annotated``) with its gold labels and roles, padded
to about 200 utterances (a one-hour meeting): what a facilitator saves, figures and actions included. Sessions go into
sets of ``--set-size``; ``save`` times :meth:`SetStore.add_session` (the database work of ``POST .../sessions``;
labelling, which dominates that request, is timed by ``benchmarks.analyze_session``). ``read_set`` times
``GET /v1/sets/{id}`` of a full set through the app in this process: the sessions' figures, trend, members, patterns and
open actions, as JSON (the first request, which also checks the schema, is reported apart).
Without ``--database`` a new SQLite file in a temporary directory is used; pass
``postgresql+psycopg://...`` for PostgreSQL (its database should be empty).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import json
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.api.settings import Settings
from coach.feedback.actions import find_actions
from coach.feedback.session import LabelledUtterance
from coach.sets.saved_reports import figures, session_of
from coach.sets.store import ANONYMOUS, NewSession, SavedSession, SetStore
from training.data import read_annotated

UTTERANCES_PER_SESSION = 200


def sessions_to_save() -> list[list[LabelledUtterance]]:
    """Our annotated conversations as labelled sessions of about ``UTTERANCES_PER_SESSION`` utterances each."""
    rows = read_annotated()
    conversations: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        conversations.setdefault(row["conversation_id"], []).append(row)
    sessions = []
    for rows_of in conversations.values():
        padded = (rows_of * (UTTERANCES_PER_SESSION // len(rows_of) + 1))[:UTTERANCES_PER_SESSION]
        sessions.append(
            [
                LabelledUtterance(
                    index=n, turn=n, speaker=r["speaker"], role=r["role"], text=r["text"], label=r["label"],
                    confidence=0.9, leading=bool(r.get("leading")), start=n * 18.0, end=n * 18.0 + 15,
                )
                for n, r in enumerate(padded)
            ]
        )  # fmt: skip
    return sessions


def _as_saved(new: NewSession, earlier: Sequence[SavedSession]) -> NewSession:
    return new


def percentiles(times: Sequence[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "p50_ms": round(statistics.median(ordered) * 1000, 2),
        "p99_ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000, 2),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database", help="database URL (default: a new SQLite file in a temporary directory)")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--set-size", type=int, default=100)
    parser.add_argument("--reads", type=int, default=200)
    args = parser.parse_args(argv)
    url = args.database or f"sqlite:///{Path(tempfile.mkdtemp()) / 'coach.db'}"
    store = SetStore.from_url(url)
    sources = sessions_to_save()
    prepared = []
    for number in range(args.sessions):
        utterances = sources[number % len(sources)]
        prepared.append(
            NewSession(
                date=dt.date(2026, 1, 1) + dt.timedelta(days=7 * (number % args.set_size)),
                presenter=next((u.speaker for u in utterances if u.role == "presenter"), None),
                facilitator=next((u.speaker for u in utterances if u.role == "facilitator"), None),
                model={"name": "benchmark", "version": "0"},
                utterances=[u.to_dict() for u in utterances],
                figures=figures(session_of([u.to_dict() for u in utterances], None, None, (), {})),
                actions=[{"id": f"a{number}-{n}", **a.to_dict()} for n, a in enumerate(find_actions(utterances))],
                report_back=[],
            )
        )
    # As the service does after loading its models (coach/api/app.py): long-lived objects out of full GC passes.
    gc.collect()
    gc.freeze()
    set_ids: list[str] = []
    save_times = []
    for number, new in enumerate(prepared):
        if number % args.set_size == 0:
            set_ids.append(store.create_set(ANONYMOUS, f"set {len(set_ids) + 1}").id)
        started = time.perf_counter()
        store.add_session(ANONYMOUS, set_ids[-1], functools.partial(_as_saved, new))
        save_times.append(time.perf_counter() - started)

    app = create_app(Settings(database_url=url))  # loads the model as `coach serve` does
    read_times = []
    with TestClient(app) as client:
        started = time.perf_counter()
        client.get(f"/v1/sets/{set_ids[0]}")  # the first request also checks the schema's revision
        first_read = time.perf_counter() - started
        for number in range(args.reads):
            started = time.perf_counter()
            response = client.get(f"/v1/sets/{set_ids[number % len(set_ids)]}")
            read_times.append(time.perf_counter() - started)
            assert response.status_code == 200, response.text
        sessions_in_set = len(client.get(f"/v1/sets/{set_ids[0]}").json()["sessions"])
    backend = store.engine.dialect.name
    print(
        json.dumps(
            {
                "database": backend,
                "sessions_saved": len(prepared),
                "utterances_per_session": UTTERANCES_PER_SESSION,
                "save": percentiles(save_times),
                "sessions_per_set": sessions_in_set,
                "first_read_ms": round(first_read * 1000, 2),
                "read_set": percentiles(read_times),
            }
        )
    )
    store.engine.dispose()


if __name__ == "__main__":
    main()
