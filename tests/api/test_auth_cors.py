"""API keys (when configured) on every protected route and the live socket, and CORS for configured origins only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from tests.api.conftest import MakeClient
from tests.api.expect import assert_error

KEY = "k-123456"
UNAUTHORIZED = "A valid API key is required in the X-API-Key header."

PROTECTED: list[tuple[str, str, dict[str, Any]]] = [
    ("classify", "/v1/classify", {"json": {"utterances": ["What would help?"]}}),
    ("practice", "/v1/practice", {"json": {"text": "Did you tell her?"}}),
    ("analyze json", "/v1/sessions/analyze", {"json": {"turns": [{"speaker": "Ana", "text": "What would help?"}]}}),
    ("analyze upload", "/v1/sessions/analyze", {"files": {"file": ("a.txt", b"Ana: What would help?")}}),
]
CASES = [c[1:] for c in PROTECTED]
IDS = [c[0] for c in PROTECTED]


@pytest.fixture
def keyed(make_client: MakeClient) -> TestClient:
    return make_client(api_keys=["other-key", KEY])


@pytest.mark.parametrize(("path", "request_args"), CASES, ids=IDS)
def test_without_a_key_a_protected_route_is_a_401(keyed: TestClient, path: str, request_args: dict[str, Any]) -> None:
    assert_error(keyed.post(path, **request_args), 401, "unauthorized", UNAUTHORIZED)


@pytest.mark.parametrize(("path", "request_args"), CASES, ids=IDS)
@pytest.mark.parametrize("key", ["wrong", "", KEY.upper(), KEY + " "], ids=["wrong", "empty", "upper case", "padded"])
def test_with_a_wrong_key_a_protected_route_is_a_401(
    keyed: TestClient, path: str, request_args: dict[str, Any], key: str
) -> None:
    response = keyed.post(path, headers={"X-API-Key": key}, **request_args)

    assert_error(response, 401, "unauthorized", UNAUTHORIZED)


@pytest.mark.parametrize(("path", "request_args"), CASES, ids=IDS)
def test_with_the_right_key_a_protected_route_answers(
    keyed: TestClient, path: str, request_args: dict[str, Any]
) -> None:
    assert keyed.post(path, headers={"X-API-Key": KEY}, **request_args).status_code == 200


@pytest.mark.parametrize(
    "body",
    [b'{"utterances": []}', b"{not json", b"\xff\xfe"],
    ids=["invalid body", "malformed JSON", "not UTF-8"],
)
def test_the_key_is_checked_before_the_body(keyed: TestClient, body: bytes) -> None:
    response = keyed.post("/v1/classify", content=body, headers={"content-type": "application/json"})

    assert_error(response, 401, "unauthorized", UNAUTHORIZED)


@pytest.mark.parametrize("key", ["clé-secrète", "ключ", "\u00ff" * 40], ids=["accented", "cyrillic", "latin-1"])
def test_a_non_ascii_key_is_a_401_not_a_server_error(keyed: TestClient, key: str) -> None:
    # httpx sends str headers as ASCII only; a browser or script may send any bytes.
    response = keyed.post(
        "/v1/classify", json={"utterances": ["What would help?"]}, headers={b"X-API-Key": key.encode()}
    )

    assert_error(response, 401, "unauthorized", UNAUTHORIZED)


def test_a_non_ascii_key_on_the_live_socket_is_a_policy_violation(keyed: TestClient) -> None:
    with keyed.websocket_connect("/v1/live?api_key=cl%C3%A9") as socket:
        assert socket.receive_json()["type"] == "error"
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert closed.value.code == 1008


def test_keys_can_come_from_a_file(make_client: MakeClient, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.write_text("\nfile-key\n  second-key  \n", encoding="utf-8")
    client = make_client(api_keys_file=keys)

    ok = client.post("/v1/practice", headers={"X-API-Key": "second-key"}, json={"text": "What would help?"})
    refused = client.post("/v1/practice", json={"text": "What would help?"})

    assert ok.status_code == 200
    assert_error(refused, 401, "unauthorized", UNAUTHORIZED)


@pytest.mark.parametrize("path", ["/v1/health", "/v1/model", "/", "/openapi.json"])
def test_health_model_pages_and_schema_need_no_key(keyed: TestClient, path: str) -> None:
    assert keyed.get(path).status_code == 200


def test_without_configured_keys_no_key_is_needed(client: TestClient) -> None:
    assert client.post("/v1/classify", json={"utterances": ["Okay."]}).status_code == 200


def security_of(client: TestClient) -> list[dict[str, list[str]]]:
    operation = client.get("/openapi.json").json()["paths"]["/v1/classify"]["post"]
    security: list[dict[str, list[str]]] = operation["security"]
    return security


def test_the_schema_says_the_key_is_optional_when_no_keys_are_configured(client: TestClient) -> None:
    assert security_of(client) == [{}, {"APIKeyHeader": []}]


def test_the_schema_says_the_key_is_required_when_keys_are_configured(keyed: TestClient) -> None:
    assert security_of(keyed) == [{"APIKeyHeader": []}]


@pytest.mark.parametrize(
    ("path", "headers"),
    [("/v1/live", {}), ("/v1/live?api_key=wrong", {}), ("/v1/live", {"X-API-Key": "wrong"})],
    ids=["no key", "wrong query key", "wrong header key"],
)
def test_the_live_socket_without_a_valid_key_is_closed_as_a_policy_violation(
    keyed: TestClient, path: str, headers: dict[str, str]
) -> None:
    reason = "A valid API key is required (X-API-Key header, or the api_key query parameter)."
    with keyed.websocket_connect(path, headers=headers) as socket:
        assert socket.receive_json() == {"type": "error", "message": reason}
        with pytest.raises(WebSocketDisconnect) as closed:
            socket.receive_json()

    assert (closed.value.code, closed.value.reason) == (1008, reason)


@pytest.mark.parametrize(
    ("path", "headers"),
    [(f"/v1/live?api_key={KEY}", {}), ("/v1/live", {"X-API-Key": KEY})],
    ids=["query key", "header key"],
)
def test_the_live_socket_with_a_valid_key_starts_a_session(
    keyed: TestClient, path: str, headers: dict[str, str]
) -> None:
    with keyed.websocket_connect(path, headers=headers) as socket:
        assert socket.receive_json()["type"] == "session"


# --- CORS -------------------------------------------------------------------------------------------------------------

ORIGIN = "https://set.example.org"


@pytest.fixture
def cors(make_client: MakeClient) -> TestClient:
    return make_client(cors_origins=[ORIGIN, "https://other.example.org"], max_body_bytes=200)


def preflight(client: TestClient, origin: str) -> Any:
    return client.options(
        "/v1/classify",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type,x-api-key",
        },
    )


def test_a_configured_origin_passes_the_preflight(cors: TestClient) -> None:
    response = preflight(cors, ORIGIN)

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ORIGIN
    assert "POST" in response.headers["access-control-allow-methods"]
    assert "x-api-key" in response.headers["access-control-allow-headers"].lower()


def test_another_origin_fails_the_preflight(cors: TestClient) -> None:
    response = preflight(cors, "https://evil.example.com")

    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize(
    ("request_args", "status"),
    [
        ({"json": {"utterances": ["What would help?"]}}, 200),
        ({"json": {"utterances": []}}, 422),
        ({"json": {"utterances": ["x" * 300]}}, 413),
    ],
    ids=["ok", "invalid", "too large"],
)
def test_a_configured_origin_can_read_answers_and_errors(
    cors: TestClient, request_args: dict[str, Any], status: int
) -> None:
    response = cors.post("/v1/classify", headers={"Origin": ORIGIN}, **request_args)

    assert response.status_code == status
    assert response.headers["access-control-allow-origin"] == ORIGIN


def test_another_origin_gets_no_cors_headers(cors: TestClient) -> None:
    response = cors.post("/v1/classify", headers={"Origin": "https://evil.example.com"}, json={"utterances": ["Okay."]})

    assert "access-control-allow-origin" not in response.headers


def test_without_configured_origins_there_are_no_cors_headers(client: TestClient) -> None:
    response = client.post("/v1/classify", headers={"Origin": ORIGIN}, json={"utterances": ["Okay."]})

    assert response.status_code == 200
    assert not [name for name in response.headers if name.startswith("access-control-")]
    assert preflight(client, ORIGIN).status_code == 405
