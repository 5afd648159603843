"""The database behind the sets' store: where it is, how to connect, and its schema's migrations.

``COACH_DATABASE_URL`` picks it; without one it is an embedded SQLite file in the user's data directory, so Coach
works with no setup. For several ``coach serve`` processes or hosts use PostgreSQL:
``postgresql+psycopg://user:password@host/dbname``.

SQLite is opened with ``foreign_keys`` (a deleted set takes its sessions with it), ``secure_delete`` (deleted text is
overwritten in the file, not left in free pages) and ``BEGIN IMMEDIATE`` transactions that wait up to
``BUSY_TIMEOUT_MS`` for another process's write, so that two processes writing at once both succeed.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, InterfaceError, OperationalError

from coach.errors import CoachError, InputError

logger = logging.getLogger("coach.sets")

MIGRATIONS = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 15_000


class DatabaseUnavailable(CoachError):
    """The database cannot be reached or used now; the message says what to check."""


def default_url() -> str:
    """An SQLite file in the user's data directory (created if missing)."""
    folder = platformdirs.user_data_path("coach", appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'coach.db'}"


def make_engine(url: str | None = None) -> Engine:
    """An engine for ``url`` (default: :func:`default_url`); nothing connects until it is used."""
    url = url or default_url()
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise InputError(
            f"COACH_DATABASE_URL is not a database URL ({error}); use e.g. sqlite:////path/coach.db or "
            "postgresql+psycopg://user:password@host/dbname"
        ) from error
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _configure_sqlite(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5, pool_timeout=10)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection: Any, record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" below opens every transaction
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of Coach knows."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database; ``None`` for an empty one."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision``, keeping the data (Alembic migrations, in one transaction)."""
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def describe(error: DBAPIError) -> str:
    """What a user can do about a database error, without the SQL or the values (which may hold what someone said):
    the driver's reason only for connection-level errors, which carry no data."""
    connection_level = isinstance(error, OperationalError | InterfaceError) and error.orig is not None
    reason = str(error.orig).splitlines()[0] if connection_level else type(error).__name__
    return f"The sets' database cannot be used now ({reason}). Check COACH_DATABASE_URL and that the database is up."
