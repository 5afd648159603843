"""``GET /v1/health`` and ``GET /v1/model``, and the answers for paths and methods the API does not have."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from coach.api.asyncapi import CLIENT_MESSAGES, SERVER_MESSAGES
from coach.classifier import Coach
from coach.labels import LABELS
from tests.api.conftest import MakeClient
from tests.api.expect import assert_error
from tests.fakes import KeywordClassifier

METRICS = {
    "test": {
        "macro_f1": 0.81,
        "n": 120,
        "per_label": {"advice": {"f1": 0.9, "precision": 0.88}, "other": {"f1": 0.7, "precision": 0.75}},
        "confusion": [[1, 0], [0, 1]],
    },
    "lowercase": {"macro_f1": 0.74, "per_label": {"advice": {"f1": 0.8}}},
    "notes": "not a test set",
}


class MeasuredClassifier(KeywordClassifier):
    """The keyword fake with test figures in its info, as a shipped model has from its metrics.json."""

    @property
    def info(self) -> dict[str, Any]:
        return {**super().info, "name": "measured", "version": "3", "metrics": METRICS}


def test_health_says_ok_and_names_the_model(client: TestClient) -> None:
    response = client.get("/v1/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "model": "keyword-fake", "api_key_required": False}


def test_health_says_when_a_key_is_needed(make_client: MakeClient) -> None:
    assert make_client(api_keys=["k"]).get("/v1/health").json()["api_key_required"] is True


def test_model_gives_name_version_backend_and_labels(client: TestClient) -> None:
    response = client.get("/v1/model")

    assert response.status_code == 200
    assert response.json() == {
        "name": "keyword-fake",
        "version": "0",
        "backend": "fake",
        "labels": list(LABELS),
        "metrics": {},
    }


def test_model_gives_the_headline_figures_of_each_test_set_without_confusion_matrices(
    make_client: MakeClient,
) -> None:
    client = make_client(coach=Coach(MeasuredClassifier()))

    metrics = client.get("/v1/model").json()["metrics"]

    assert metrics == {
        "test": {"macro_f1": 0.81, "n": 120, "f1": {"advice": 0.9, "other": 0.7}},
        "lowercase": {"macro_f1": 0.74, "n": None, "f1": {"advice": 0.8}},
    }


def test_an_unknown_path_is_a_json_404(client: TestClient) -> None:
    response = client.get("/v1/nothing")

    assert_error(response, 404, "not_found", "No such endpoint: GET /v1/nothing. See /docs for the API.")


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [("GET", "/v1/classify", "POST"), ("DELETE", "/v1/sessions/analyze", "POST"), ("POST", "/v1/health", "GET")],
    ids=["get classify", "delete analyze", "post health"],
)
def test_a_wrong_method_is_a_json_405_with_the_allowed_methods(
    client: TestClient, method: str, path: str, allowed: str
) -> None:
    response = client.request(method, path)

    assert_error(response, 405, "method_not_allowed", f"{method} is not allowed on {path}. See /docs for the API.")
    assert response.headers["allow"] == allowed


def test_the_openapi_schema_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()

    assert set(schema["paths"]) == {
        "/v1/health",
        "/v1/model",
        "/v1/asyncapi.json",
        "/v1/classify",
        "/v1/practice",
        "/v1/practice/drills",
        "/v1/practice/round",
        "/v1/sessions/analyze",
        "/v1/reports/html",
        "/v1/sets",
        "/v1/sets/{set_id}",
        "/v1/sets/{set_id}/sessions",
        "/v1/sets/{set_id}/sessions/{session_id}",
        "/v1/sets/{set_id}/sessions/{session_id}/utterances/{index}",
        "/v1/sets/{set_id}/sessions/{session_id}/modes",
        "/v1/corrections",
    }
    assert schema["info"]["title"] == "Coach"


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_the_docs_pages_load_nothing_from_elsewhere(client: TestClient, page: str) -> None:
    html = client.get(page).text
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)

    assert sources, html
    for source in sources:
        assert source.startswith("/"), f"{page} loads {source} from elsewhere"
        assert client.get(source).status_code == 200, source


def test_the_asyncapi_document_describes_every_live_message(client: TestClient) -> None:
    document = client.get("/v1/asyncapi.json").json()

    assert document["asyncapi"] == "3.0.0"
    channel = document["channels"]["live"]
    assert channel["address"] == "/v1/live"
    assert set(channel["messages"]) == set(CLIENT_MESSAGES) | set(SERVER_MESSAGES)
    sent = [ref["$ref"].rsplit("/", 1)[1] for ref in document["operations"]["sendToCoach"]["messages"]]
    assert sent == ["utterance", "roles", "slot", "part", "end"]
    assert "resume_token" in channel["messages"]["session"]["payload"]["properties"]
    assert "X-Resume-Token" in document["info"]["description"]


def test_the_example_exchange_is_valid_and_matches_the_server(client: TestClient) -> None:
    for step in client.get("/v1/asyncapi.json").json()["x-example-exchange"]:
        models = CLIENT_MESSAGES if step["from"] == "client" else SERVER_MESSAGES
        models[step["message"]["type"]].model_validate(step["message"])
