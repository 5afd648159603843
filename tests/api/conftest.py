"""Fixtures for the API tests: the app built around the keyword fake, so no test here needs the shipped model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from coach.api.app import create_app
from coach.api.settings import Settings
from coach.classifier import Coach
from tests.fakes import KeywordClassifier

# The shared assertions report their values like assertions in the tests do.
pytest.register_assert_rewrite("tests.api.expect")

MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[MakeClient]:
    """``make_client(max_batch=3, ...)``: a test client for an app with those settings and the keyword fake; its sets'
    database is a fresh SQLite file unless ``database_url`` is given."""
    with ExitStack() as stack:

        def make(coach: Coach | None = None, **settings: Any) -> TestClient:
            settings.setdefault("database_url", f"sqlite:///{tmp_path / 'coach.db'}")
            app = create_app(Settings(**settings), coach or Coach(KeywordClassifier()))
            return stack.enter_context(TestClient(app, raise_server_exceptions=False))

        yield make


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    """A client for the app with default settings: no API keys, no CORS origins."""
    return make_client()
