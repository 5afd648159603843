"""The live page at ``/live``: utterances typed in, labelled as they come, rolling figures, a nudge, the report."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, Screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def say(page: Page, speaker: str, text: str) -> None:
    """Type one utterance as a facilitator would and send it with Enter."""
    page.get_by_label("Who is speaking").fill(speaker)
    said = page.get_by_label("What they said")
    said.fill(text)
    said.press("Enter")
    expect(said).to_have_value("")


def test_a_live_session_from_first_words_to_report(page: Page, server: LiveServer, screenshot: Screenshot) -> None:
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    page.get_by_label("Presenter").fill("Sam")
    page.get_by_role("button", name="Set roles").click()
    expect(page.get_by_role("status")).to_contain_text("Roles set")

    feed = page.locator("#feed > li")
    ratio = page.get_by_test_id("live-ratio")
    say(page, "Sam", "The rota keeps falling apart and I'm the one covering shifts.")
    expect(feed).to_have_count(1)
    expect(feed.nth(0)).to_contain_text("story")
    expect(feed.nth(0)).to_contain_text("Sam (presenter)")
    expect(ratio).to_have_text("–")  # the presenter's words are not the set's questions

    say(page, "Priya", "What matters most to you here?")
    expect(feed).to_have_count(2)
    expect(feed.nth(1)).to_contain_text("open question")
    expect(feed.nth(1)).to_contain_text("What matters most to you here?")
    expect(ratio).to_have_text("100%")

    say(page, "Tom", "Have you thought about an agency?")
    expect(feed.nth(2)).to_contain_text("advice")
    expect(feed.nth(2)).to_contain_text("advice dressed as a question")
    expect(ratio).to_have_text("50%")
    expect(page.locator("#nudges .nudge")).to_have_count(0)

    say(page, "Ana", "You should talk to your director.")
    say(page, "Priya", "Why don't you ask for more staff?")
    expect(feed).to_have_count(5)
    expect(ratio).to_have_text("25%")
    expect(page.locator("#count")).to_have_text("5")

    nudge = page.get_by_role("note")
    expect(nudge).to_contain_text("3 pieces of advice in a row")
    screenshot(page, "live-nudge")
    nudge.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_role("note")).to_have_count(0)
    expect(page.get_by_label("What they said")).to_be_focused()

    page.get_by_role("button", name="End the session and show the report").click()
    expect(page.get_by_role("status")).to_contain_text("Session ended")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("25%")
    expect(page.get_by_role("region", name="Moments worth talking about")).to_contain_text("in a row")
    expect(page.get_by_label("What they said")).to_be_disabled()
    screenshot(page, "live-report")


def test_a_message_the_service_refuses_is_shown(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    page.get_by_label("Who is speaking").fill("Priya")
    said = page.get_by_label("What they said")
    said.fill("x" * 5_001)
    said.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("the limit is 5000")
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("alert")).to_have_text("Say who is speaking and what they said.")
