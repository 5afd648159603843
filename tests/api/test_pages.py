"""The web pages: served from the app with a policy that lets them load and send nothing elsewhere."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from coach.api.routes.pages import CONTENT_SECURITY_POLICY
from coach.labels import LABEL_STYLES, LABELS


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


PAGES = ["/", "/live", "/practice", "/sets", "/sets/view?id=abc", "/sets/session?set=abc&session=def"]


def test_the_pages_take_label_names_and_colours_from_the_one_table(client: TestClient) -> None:
    script = client.get("/labels.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    for label, style in LABEL_STYLES.items():
        assert json.dumps(style.colour) in script.text
        assert json.dumps(style.name) in script.text
        assert f'"{label}": "{style.css}"' in script.text
    for path in PAGES:
        page = client.get(path).text
        if "/static/common.js" in page:
            assert page.index('<script src="/labels.js">') < page.index('<script src="/static/common.js">')
    # Nothing else keeps its own copy of the palette (other's plain grey is a common grey, left out).
    colours = [style.colour.lower() for label, style in LABEL_STYLES.items() if label != "other"]
    for asset in ("/static/style.css", "/static/common.js"):
        text = client.get(asset).text.lower()
        assert not any(colour in text for colour in colours), asset


def test_the_label_table_covers_every_label_once() -> None:
    assert set(LABEL_STYLES) == set(LABELS)
    assert len({style.colour for style in LABEL_STYLES.values()}) == len(LABELS)
