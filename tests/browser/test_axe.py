"""axe-core's accessibility rules on every page and on the HTML report, in Chromium: no serious or critical issue.

axe-core (MPL-2.0) comes from npm: ``.ci/run`` installs the pinned version under ``.ci/node``; elsewhere set
``COACH_AXE_JS`` to an ``axe.min.js``. Without it these tests are skipped, unless ``COACH_REQUIRE_AXE=1`` (CI).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, Route

from tests.browser.conftest import REPO, LiveServer
from tests.browser.helpers import ZOOM_VTT

pytestmark = [pytest.mark.browser, pytest.mark.slow]

AXE = Path(os.environ.get("COACH_AXE_JS", REPO / ".ci" / "node" / "node_modules" / "axe-core" / "axe.min.js"))
SERIOUS = {"serious", "critical"}


def violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical findings on the page as it is now (its script is evaluated by the browser's
    debugging protocol, so the page's Content-Security-Policy stays as strict as ever)."""
    if not AXE.is_file():
        if os.environ.get("COACH_REQUIRE_AXE") == "1":
            pytest.fail(f"COACH_REQUIRE_AXE=1 but {AXE} is missing; .ci/run installs axe-core")
        pytest.skip("axe-core is not installed: run .ci/run, or set COACH_AXE_JS")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, where: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
        }))"""
    )
    return [v for v in found if v["impact"] in SERIOUS]


@pytest.mark.parametrize("path", ["/", "/live", "/practice", "/sets", "/sets/view", "/sets/session"])
def test_each_page_has_no_serious_accessibility_issue(page: Page, server: LiveServer, path: str) -> None:
    page.goto(server.url + path)
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_the_report_has_no_serious_accessibility_issue(page: Page, server: LiveServer) -> None:
    page.goto(server.url)
    page.get_by_label("Paste a transcript").fill(ZOOM_VTT.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Show the report").click()
    page.get_by_test_id("questioning-ratio").wait_for()
    assert violations(page) == []


def test_the_html_report_has_no_serious_accessibility_issue(page: Page, server: LiveServer) -> None:
    response = httpx.post(
        f"{server.url}/v1/sessions/analyze",
        params={"format": "html"},
        files={"file": (ZOOM_VTT.name, ZOOM_VTT.read_bytes())},
        timeout=60,
    )
    headers = {key: value for key, value in response.headers.items() if key.lower() != "content-length"}

    def fulfil(route: Route) -> None:
        route.fulfill(status=200, headers=headers, body=response.text)

    page.route(f"{server.url}/report.html", fulfil)
    page.goto(f"{server.url}/report.html")
    page.get_by_text("utterances with their labels").click()
    assert violations(page) == []
