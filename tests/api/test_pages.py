"""The web pages: served from the app with a policy that lets them load and send nothing elsewhere."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from coach.api.routes.pages import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "path",
    ["/", "/live", "/practice", "/sets", "/sets/view?id=abc", "/sets/session?set=abc&session=def"],
    ids=["analyse", "live", "practice", "sets", "set", "saved-session"],
)
def test_each_page_is_html_that_may_talk_only_to_this_service(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.text.lstrip().lower().startswith("<!doctype html>")


def test_static_files_are_served(client: TestClient) -> None:
    response = client.get("/static/style.css")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/css")
