"""The pages with the shipped model instead of the keyword classifier: the same flows, whatever the labels."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, expect

from tests.browser.conftest import LiveServer, Screenshot
from tests.browser.helpers import OTTER

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LABEL_WORDS = re.compile(r"open question|closed question|reflection|advice|story|other")


def test_practice_and_analyse_with_the_shipped_model(
    context: BrowserContext, model_server: LiveServer, screenshot: Screenshot
) -> None:
    page = context.new_page()
    page.goto(f"{model_server.url}/practice")
    page.get_by_label("Your question").fill("Have you thought about asking HR?")
    page.get_by_role("button", name="Check my question").click()
    result = page.get_by_role("region", name="What Coach heard")
    expect(result.locator(".tag")).to_have_text(LABEL_WORDS)
    expect(page.get_by_test_id("explanation")).not_to_be_empty()
    screenshot(page, "model-practice")

    page.goto(model_server.url)
    page.get_by_label("Or choose a transcript file").set_input_files(OTTER)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(re.compile(r"^\d{1,3}%$"))
    expect(page.locator("#report svg.timeline-chart")).to_be_visible()
    screenshot(page, "model-analyse-report")
