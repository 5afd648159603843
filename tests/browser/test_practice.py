"""The practice page at ``/practice``: a question in; its label, why, open rephrasings and a history in this tab."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import LiveServer, Screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def check(page: Page, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Check my question").click()


def test_advice_dressed_as_a_question_is_explained_and_rephrased(
    page: Page, server: LiveServer, screenshot: Screenshot
) -> None:
    page.goto(f"{server.url}/practice")
    expect(page.get_by_text("No attempts yet.")).to_be_visible()
    check(page, "Have you thought about asking HR?")

    result = page.get_by_role("region", name="What Coach heard")
    expect(result).to_contain_text("advice")
    expect(result).to_contain_text("advice dressed as a question")
    expect(page.get_by_test_id("explanation")).to_contain_text("already contains a solution ('asking HR')")
    rephrasings = result.get_by_role("listitem")
    expect(rephrasings).to_have_count(3)
    expect(rephrasings.first).to_have_text("What options have you considered so far?")
    expect(result).to_contain_text("What would asking HR give you?")

    history = page.get_by_role("region", name="Your attempts").get_by_role("listitem")
    expect(history).to_have_count(1)
    expect(page.get_by_text("0 of your 1 attempts were open questions.")).to_be_visible()
    screenshot(page, "practice-advice")


def test_history_keeps_attempts_in_this_tab_only(
    page: Page, context: BrowserContext, server: LiveServer, screenshot: Screenshot
) -> None:
    page.goto(f"{server.url}/practice")
    check(page, "Have you thought about asking HR?")
    expect(page.get_by_text("0 of your 1 attempts were open questions.")).to_be_visible()
    check(page, "What would help you most right now?")
    expect(page.get_by_role("region", name="What Coach heard")).to_contain_text("open question")
    expect(page.get_by_text("advice dressed as a question")).to_have_count(0)

    history = page.get_by_role("region", name="Your attempts").get_by_role("listitem")
    expect(history).to_have_count(2)
    expect(history.first).to_contain_text("What would help you most right now?")  # newest first
    expect(history.nth(1)).to_contain_text("Have you thought about asking HR?")
    expect(page.get_by_text("1 of your 2 attempts were open questions.")).to_be_visible()
    screenshot(page, "practice-history")

    # Kept in this tab's sessionStorage: a reload keeps it, another tab starts empty, nothing reaches the service.
    page.reload()
    expect(history).to_have_count(2)
    other = context.new_page()
    other.goto(f"{server.url}/practice")
    expect(other.get_by_text("No attempts yet.")).to_be_visible()
    other.close()

    page.get_by_role("button", name="Clear my attempts").click()
    expect(history).to_have_count(0)
    expect(page.get_by_text("No attempts yet.")).to_be_visible()
    page.reload()
    expect(page.get_by_text("No attempts yet.")).to_be_visible()


def test_an_empty_question_is_refused_in_the_page(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/practice")
    page.get_by_role("button", name="Check my question").click()
    expect(page.get_by_role("alert")).to_have_text("Type a question first.")
    expect(page.get_by_label("Your question")).to_be_focused()


def test_a_text_over_the_limit_shows_the_service_error(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/practice")
    check(page, "What " * 1_001)
    expect(page.get_by_role("alert")).to_contain_text("the limit is 5000")
