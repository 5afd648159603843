"""``coach sets``, ``coach corrections`` and ``coach db``: the local sets' database from the command line.

The database is ``COACH_DATABASE_URL`` (or ``--database``), by default the same SQLite file ``coach serve`` uses, and
the sets are those made without an API key (as ``coach analyze FILE --set NAME`` makes them).

    coach sets list
    coach sets show "Wednesday set" [--format json]
    coach sets delete "Wednesday set" [--yes]
    coach sets mode "Wednesday set" 2026-11-04 planned [--slot Amira]
    coach corrections export [-o corrections.jsonl]
    coach db upgrade
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from sqlalchemy.exc import DBAPIError

from coach.errors import InputError
from coach.feedback.render_text import format_time, percent
from coach.feedback.roles import CLI_ROLE_FIXES, CLI_SLOT_FIX, match_speaker
from coach.feedback.structure import OPEN, PLANNED, Mode
from coach.sets import database
from coach.sets.corrections import correction_rows
from coach.sets.database import DatabaseUnavailable
from coach.sets.history import overview
from coach.sets.saved_reports import SavedWording, set_mode, structure_of
from coach.sets.store import ANONYMOUS, SavedSession, SetInfo, SetStore


def add_parser(subparsers: Any) -> None:
    sets = subparsers.add_parser("sets", help="list, show or delete the sets in the local database")
    _database_option(sets)
    actions = sets.add_subparsers(dest="sets_command", required=True)
    actions.add_parser("list", help="every set, with how many sessions it holds")
    show = actions.add_parser("show", help="a set over time: sessions, trend, patterns, open actions")
    show.add_argument("name", help="the set's name")
    show.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    delete = actions.add_parser("delete", help="delete a set and everything saved in it")
    delete.add_argument("name", help="the set's name")
    delete.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    mode = actions.add_parser(
        "mode",
        help="say whether a saved meeting (or one presenter's slot) was open or planned time; its figures follow",
    )
    mode.add_argument("name", help="the set's name")
    mode.add_argument("session", help="the session: the day it was saved for (YYYY-MM-DD), or its id")
    mode.add_argument("mode", choices=(OPEN, PLANNED), help="open: the set questioned; planned: ideas were asked for")
    mode.add_argument("--slot", metavar="PRESENTER", help="only this presenter's slot (default: the whole meeting)")
    sets.set_defaults(run=run_sets)

    corrections = subparsers.add_parser("corrections", help="export label corrections for training")
    _database_option(corrections)
    corrections_actions = corrections.add_subparsers(dest="corrections_command", required=True)
    export = corrections_actions.add_parser("export", help="corrections as JSON Lines in the data/annotated format")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    corrections.set_defaults(run=run_corrections)

    db = subparsers.add_parser("db", help="the sets' database schema")
    _database_option(db)
    db_actions = db.add_subparsers(dest="db_command", required=True)
    db_actions.add_parser("upgrade", help="migrate the database to this version's schema, keeping the data")
    db.set_defaults(run=run_db)


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL (default: COACH_DATABASE_URL, else the SQLite file in the user's data directory)",
    )


def open_store(url: str | None) -> SetStore:
    """The store at ``url``, ``COACH_DATABASE_URL`` or the default SQLite file."""
    return SetStore.from_url(url or os.environ.get("COACH_DATABASE_URL"))


def find_set(store: SetStore, name: str) -> SetInfo:
    found = store.find_set(ANONYMOUS, name)
    if found is None:
        names = ", ".join(repr(s.name) for s in store.list_sets(ANONYMOUS)) or "none yet"
        raise InputError(f"no set named {name!r}; the sets are: {names}")
    return found


def run_sets(args: argparse.Namespace) -> int:
    store = open_store(args.database)
    if args.sets_command == "list":
        sets = store.list_sets(ANONYMOUS)
        if not sets:
            print("No sets yet. Save a session with: coach analyze FILE --set NAME")
        for info in sets:
            print(f"{info.name}\t{info.sessions} session{'s' if info.sessions != 1 else ''}")
        return 0
    info = find_set(store, args.name)
    sessions = store.sessions(ANONYMOUS, info.id)
    if args.sets_command == "mode":
        saved = store.get_session(ANONYMOUS, info.id, find_session(sessions, args.session).id)
        print(answer_mode(store, info, saved, args.mode, args.slot))
        return 0
    if args.sets_command == "show":
        view = {"id": info.id, "name": info.name, "created_at": info.created_at.isoformat(), **overview(sessions)}
        print(json.dumps(view, indent=2, ensure_ascii=False) if args.format == "json" else render_set(view))
        return 0
    if not args.yes:
        if not sys.stdin.isatty():
            raise InputError(f"deleting {info.name!r} needs --yes when not run in a terminal")
        answer = input(f"Delete {info.name!r} and its {len(sessions)} saved sessions? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            print("Nothing deleted.")
            return 1
    store.delete_set(ANONYMOUS, info.id)
    print(f"Deleted {info.name!r} and its {len(sessions)} saved sessions.")
    return 0


def cli_saved_wording(saved: SavedSession, set_name: str) -> SavedWording:
    """How a saved session's report says to change what Coach guessed, in the command line's words: ``coach
    analyze``'s flags for roles and slots, and ``coach sets mode`` for the meeting's modes."""
    answer = f'run coach sets mode "{set_name}" {saved.id} planned'
    opened = f'run coach sets mode "{set_name}" {saved.id} open'
    return SavedWording(CLI_ROLE_FIXES, CLI_SLOT_FIX, answer, answer + ' --slot "{presenter}"', opened)


def find_session(sessions: Sequence[SavedSession], wanted: str) -> SavedSession:
    """The session of ``sessions`` whose id is ``wanted``, or the one saved for that day (YYYY-MM-DD)."""
    by_id = [s for s in sessions if s.id == wanted.strip()]
    on_day = [s for s in sessions if s.day.isoformat() == wanted.strip()]
    found = by_id or on_day
    if len(found) == 1:
        return found[0]
    if found:
        ids = "; ".join(f"{s.id} (presenter {s.presenter or 'not named'})" for s in found)
        raise InputError(f"the set has {len(found)} sessions on {wanted}; give one by its id: {ids}")
    days = ", ".join(sorted({s.day.isoformat() for s in sessions})) or "none yet"
    raise InputError(f"no session on {wanted!r} (or with that id); the set's sessions are on: {days}")


def answer_mode(store: SetStore, info: SetInfo, saved: SavedSession, mode: Mode, slot_presenter: str | None) -> str:
    """Set a saved meeting's mode, throughout or in ``slot_presenter``'s slot; what changed, in a sentence."""
    before = saved.figures["summary"]["questioning_ratio"]
    slot = None
    if slot_presenter is not None:
        structure = structure_of(saved.utterances)
        if structure is None or not structure.slots:
            raise InputError("this session was read as one presenter's session, so it has no slots; leave out --slot")
        names = sorted({s.presenter for s in structure.slots})
        named = match_speaker(slot_presenter, names, "presenter", strict=False)
        if named is None:
            raise InputError(
                f"no presenter called {slot_presenter!r} in this session; its presenters: {', '.join(names)}"
            )
        numbers = [number for number, s in enumerate(structure.slots) if s.presenter == named]
        if len(numbers) > 1:
            raise InputError(f"{named} presented in {len(numbers)} slots; say the mode of the whole meeting instead")
        slot = numbers[0]
    changed = store.rewrite_session(
        ANONYMOUS, info.id, saved.id, lambda stored, previous: set_mode(stored, previous, mode, slot)
    )
    after = changed.figures["summary"]["questioning_ratio"]
    where = "throughout" if slot_presenter is None else f"in {named}'s slot"
    figure = (
        "nothing members said counts in it now" if after is None else f"members' questioning ratio {percent(after)}"
    )
    return (
        f"The session of {saved.day.isoformat()} in {info.name!r} is now read as {mode} time {where}; {figure} "
        f"(was {percent(before)})."
    )


def render_set(view: dict[str, Any]) -> str:
    """A set's overview as text."""
    lines = [view["name"], "=" * len(view["name"]), "", "Sessions (questioning ratio):"]
    for s in view["sessions"]:
        presenter = f", presenter {s['presenter']}" if s["presenter"] else ""
        length = f", {format_time(s['duration'])}" if s["duration"] is not None else ""
        answer = f'coach sets mode "{view["name"]}" {s["id"]} planned (or open)'
        asks = "" if s["planned_time_check"] is None else f"\n      was it planned time? {answer}"
        lines.append(f"  {s['date']}  {percent(s['questioning_ratio']):>4}{presenter}{length}{asks}")
    if view["patterns"]:
        lines += ["", "Patterns:"]
        lines += [f"  - {p['text']}" for p in view["patterns"]]
    if view["open_actions"]:
        lines += ["", "Actions to report back on:"]
        lines += [f"  - {a['speaker']} ({a['date']}): {a['text']}" for a in view["open_actions"]]
    members = [m for m in view["members"] if m["questioning_ratio"] is not None]
    if members:
        lines += ["", "Members (mean questioning ratio):"]
        lines += [f"  {m['name']}: {percent(m['questioning_ratio'])} over {m['sessions']} sessions" for m in members]
    return "\n".join(lines)


def run_corrections(args: argparse.Namespace) -> int:
    rows = correction_rows(open_store(args.database), ANONYMOUS)
    text = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
        print(f"{len(rows)} corrections written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_db(args: argparse.Namespace) -> int:
    engine = open_store(args.database).engine
    try:
        before = database.current_revision(engine)
        database.upgrade(engine)
        after = database.current_revision(engine)
    except DBAPIError as error:
        raise DatabaseUnavailable(database.describe(error)) from error
    print(
        f"Database schema: {before or 'empty'} -> {after}" if before != after else f"Database schema: {after}, current"
    )
    return 0
