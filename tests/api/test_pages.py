"""The web pages: served from the app with a policy that lets them load and send nothing elsewhere."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from coach.api.routes.pages import CONTENT_SECURITY_POLICY
from coach.labels import LABEL_STYLES, LABELS, label_css


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
    for path, media_type in (("/style.css", "text/css"), ("/report.js", "text/javascript"), ("/static/common.js", "")):
        response = client.get(path)

        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith(media_type or "text/javascript"), path


def test_the_pages_and_the_html_report_share_one_stylesheet_and_one_transcript_script(client: TestClient) -> None:
    stylesheet, script = client.get("/style.css").text, client.get("/report.js").text
    response = client.post("/v1/sessions/analyze?format=html", json={"turns": [{"speaker": "Ann", "text": "Hi."}]})

    assert stylesheet in response.text
    assert script in response.text
    for path in ("/", "/live", "/sets/session?set=abc&session=def"):
        page = client.get(path).text
        assert '<link rel="stylesheet" href="/style.css">' in page
        assert page.index('<script src="/report.js">') < page.index('<script src="/static/common.js">')


PAGES = ["/", "/live", "/practice", "/sets", "/sets/view?id=abc", "/sets/session?set=abc&session=def"]


def test_the_pages_take_label_names_and_colours_from_the_one_table(client: TestClient) -> None:
    script = client.get("/labels.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    for style in LABEL_STYLES.values():
        assert json.dumps(style.colour) in script.text
        assert json.dumps(style.name) in script.text
    for path in PAGES:
        page = client.get(path).text
        if "/static/common.js" in page:
            assert page.index('<script src="/labels.js">') < page.index('<script src="/static/common.js">')
    # Nothing else keeps its own copy of the palette (other's plain grey is a common grey, left out).
    colours = [style.colour.lower() for label, style in LABEL_STYLES.items() if label != "other"]
    for asset in ("/static/common.js", "/report.js"):
        text = client.get(asset).text.lower()
        assert not any(colour in text for colour in colours), asset
    # The stylesheet gets them from the table, once each, and has no other copy.
    stylesheet = client.get("/style.css").text
    for style in LABEL_STYLES.values():
        assert stylesheet.count(f"--{style.css}: {style.colour};") == 1
    assert not any(colour in stylesheet.replace(label_css(), "").lower() for colour in colours)


def test_the_label_table_covers_every_label_once() -> None:
    assert set(LABEL_STYLES) == set(LABELS)
    assert len({style.colour for style in LABEL_STYLES.values()}) == len(LABELS)
