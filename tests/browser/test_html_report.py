"""The self-contained HTML report (``coach analyze --format html``, ``?format=html``) in Chromium, with its own
headers: the labelled transcript's filters work with its one inline script (allowed by its hash: nothing else runs),
and each moment links to its line."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, Route, expect

from tests.browser.conftest import LiveServer
from tests.browser.helpers import ZOOM_VTT

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def open_report(page: Page, server: LiveServer) -> None:
    """The HTML report of the Zoom sample, served at a local address with the headers the service sends."""
    response = httpx.post(
        f"{server.url}/v1/sessions/analyze",
        params={"format": "html"},
        files={"file": (ZOOM_VTT.name, ZOOM_VTT.read_bytes())},
        timeout=60,
    )
    response.raise_for_status()
    headers = {key: value for key, value in response.headers.items() if key.lower() != "content-length"}

    def fulfil(route: Route) -> None:
        route.fulfill(status=200, headers=headers, body=response.text)

    page.route(f"{server.url}/report.html", fulfil)
    page.goto(f"{server.url}/report.html")


def test_the_transcript_filters_by_label_and_by_speaker(page: Page, server: LiveServer) -> None:
    open_report(page, server)
    page.get_by_text("utterances with their labels").click()  # open the transcript
    rows = page.locator("table.transcript tbody tr")
    total = rows.count()
    assert total > 20
    page.get_by_label("Show label").select_option("advice")
    visible = rows.filter(visible=True)
    assert 0 < visible.count() < total
    for number in range(visible.count()):
        assert visible.nth(number).get_attribute("data-label") == "advice"
    expect(page.get_by_role("status")).to_have_text(f"Showing {visible.count()} of {total} utterances")
    page.get_by_label("Show label").select_option("")
    expect(rows.filter(visible=True)).to_have_count(total)
    speaker = rows.first.get_attribute("data-speaker") or ""
    page.get_by_label("Show speaker").select_option(speaker)
    assert rows.filter(visible=True).count() < total
    expect(rows.filter(visible=True).first.locator("td.speaker")).to_contain_text(speaker)


def test_a_moment_links_to_its_line_in_the_transcript(page: Page, server: LiveServer) -> None:
    open_report(page, server)
    moments = page.get_by_role("region", name="Moments worth discussing")
    link = moments.get_by_role("link", name="see it in the transcript").first
    target = link.get_attribute("href")
    assert target is not None
    assert target.startswith("#u-")
    link.click()
    row = page.locator(target)
    expect(row).to_be_visible()  # the closed transcript opens at the line
    expect(row).to_have_css("background-color", "rgb(255, 243, 196)")  # and the line is marked
