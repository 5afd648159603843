"""Shared fixtures: a tiny baseline model trained once per session, for the plumbing around a real backend; and the
databases the storage tests run on.

``database_url`` gives each storage test an empty SQLite file and the emptied PostgreSQL test database in turn.
PostgreSQL comes from ``COACH_TEST_POSTGRES_URL``, which ``.ci/run`` sets after starting a throw-away cluster
(``source .ci/postgres.sh`` does the same for a developer). Without it the PostgreSQL cases are skipped, unless
``COACH_REQUIRE_POSTGRES=1`` (as in CI), where they fail instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from coach.labels import LABELS

TINY_ROWS = {
    "open_question": [
        "What would help?",
        "How did that feel?",
        "Tell me more about the team.",
        "what matters most here",
    ],
    "closed_question": ["Did you tell her?", "Is it Friday?", "How many staff?", "so the board knows"],
    "advice": ["You should call HR.", "Have you thought about a pilot?", "Why don't you ask?", "try a rota"],
    "story": ["We lost two nurses in March.", "The grant ends in June.", "I manage six people.", "my boss left"],
    "reflection": ["That sounds exhausting.", "So you feel stuck.", "It sounds like you're torn.", "you seem tired"],
    "other": ["Okay.", "Thanks.", "Shall we move on?", "you're on mute"],
}


def write_tiny_model(directory: Path) -> Path:
    """Train the real baseline pipeline on a handful of rows and save it as a model directory."""
    import json

    import skops.io as sio

    from training.train_baseline import build_pipeline

    texts = [text for label in LABELS for text in TINY_ROWS[label]] * 3
    labels = [label for label in LABELS for _ in TINY_ROWS[label]] * 3
    pipeline = build_pipeline().set_params(features__words__min_df=1, features__chars__min_df=1)
    pipeline.fit(texts, labels)
    directory.mkdir(parents=True, exist_ok=True)
    sio.dump(pipeline, directory / "model.skops")
    config = {"name": "tiny", "version": "0", "backend": "sklearn", "file": "model.skops", "labels": list(LABELS)}
    (directory / "config.json").write_text(json.dumps(config), encoding="utf-8")
    return directory


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


@pytest.fixture(scope="session", autouse=True)
def throwaway_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Every app a test builds without its own ``database_url`` uses a throw-away SQLite file, never the user's."""
    url = f"sqlite:///{tmp_path_factory.mktemp('database') / 'coach.db'}"
    previous = os.environ.get("COACH_DATABASE_URL")
    os.environ["COACH_DATABASE_URL"] = url
    yield url
    if previous is None:
        del os.environ["COACH_DATABASE_URL"]
    else:
        os.environ["COACH_DATABASE_URL"] = previous


@pytest.fixture(scope="session")
def tiny_models_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A models directory holding only ``tiny``, a baseline trained on a few rows."""
    root = tmp_path_factory.mktemp("models")
    write_tiny_model(root / "tiny")
    return root


@pytest.fixture
def use_tiny_model(tiny_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make ``Coach.load()`` find the tiny model by default."""
    monkeypatch.setenv("COACH_MODELS_DIR", str(tiny_models_dir))
    monkeypatch.setenv("COACH_MODEL", "tiny")
    return tiny_models_dir / "tiny"
