"""Shared fixtures: a tiny baseline model trained once per session, for the plumbing around a real backend."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

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
