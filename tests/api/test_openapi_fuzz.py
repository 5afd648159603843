"""Requests generated from the app's own OpenAPI schema, valid and not: none gets a server error, every response
matches what the schema documents (status codes, content types, bodies), and invalid requests are refused.

``positive_data_acceptance`` is left out: the schema cannot say everything the service checks (that an uploaded file is
a transcript, the per-deployment batch and text limits), so some schema-valid requests are rightly refused with a 422.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from coach.api.app import create_app
from coach.api.settings import Settings
from coach.classifier import Coach
from tests.fakes import KeywordClassifier

# Sets the generated requests create go to a throw-away database, never the user's own.
_database = Path(tempfile.mkdtemp(prefix="coach-fuzz-")) / "coach.db"
app = create_app(Settings(database_url=f"sqlite:///{_database}"), Coach(KeywordClassifier()))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_generated_requests_get_documented_answers_and_no_server_error(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
