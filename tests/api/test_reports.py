"""``POST /v1/reports/html``: a report's JSON rendered by the one report renderer, as the web pages show reports."""

from __future__ import annotations

from fastapi.testclient import TestClient

from coach.feedback.render_html import standalone_script_source
from tests.api.expect import assert_error, error_of
from tests.api.test_sessions import TURNS


def test_a_report_renders_as_the_analysis_renders_it(client: TestClient) -> None:
    report = client.post("/v1/sessions/analyze", json=TURNS).json()

    page = client.post("/v1/reports/html", json=report)
    body = client.post("/v1/reports/html?part=body", json=report)

    assert page.status_code == body.status_code == 200
    assert page.text == client.post("/v1/sessions/analyze?format=html", json=TURNS).text
    assert standalone_script_source() in page.headers["content-security-policy"]
    assert body.headers["content-type"].startswith("text/html")
    assert body.text in page.text
    assert body.text.startswith('<section class="card" aria-labelledby="ratio-heading">')
    assert "Have you thought about an agency?" in body.text


def test_a_saved_session_renders_with_its_report_back(client: TestClient) -> None:
    set_id = client.post("/v1/sets", json={"name": "Tuesday set"}).json()["id"]
    saved = client.post(f"/v1/sets/{set_id}/sessions", json={**TURNS, "date": "2026-11-03"}).json()

    body = client.post("/v1/reports/html?part=body", json=saved).text

    assert '<h2 id="report-back-heading">Report-back on earlier actions</h2>' in body
    assert "No earlier actions were waiting for a report-back." in body


def test_what_is_not_a_report_is_refused_with_what_is_wrong(client: TestClient) -> None:
    report = client.post("/v1/sessions/analyze", json=TURNS).json()
    del report["summary"]

    missing = error_of(client.post("/v1/reports/html", json=report), 422, "validation_error")
    assert "summary" in str(missing)
    assert_error(
        client.post("/v1/reports/html", content=b"{not json", headers={"Content-Type": "application/json"}),
        422,
        "validation_error",
        "The body is not JSON: Expecting property name enclosed in double quotes: line 1 column 2 (char 1).",
    )
    assert_error(
        client.post("/v1/reports/html", json=[1, 2]),
        422,
        "validation_error",
        "The body must be a report: a JSON object, as the API gave it.",
    )
    assert_error(
        client.post("/v1/reports/html", content=b"report", headers={"Content-Type": "text/plain"}),
        415,
        "unsupported_media_type",
        "Send the report as application/json, as the API gave it.",
    )
