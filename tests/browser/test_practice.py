"""The practice page at ``/practice``: a question in; its label, how sure, why, open rephrasings, drills with a
presenter's situation, and a history in this tab."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import LiveServer, Screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def check(page: Page, question: str) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Check my question").click()


def test_advice_dressed_as_a_question_is_explained_and_rephrased_on_its_topic(
    page: Page, server: LiveServer, screenshot: Screenshot
) -> None:
    page.goto(f"{server.url}/practice")
    expect(page.get_by_text("No attempts yet.")).to_be_visible()
    check(page, "Have you thought about moving the meeting to Monday?")

    result = page.get_by_role("region", name="What Coach heard")
    expect(result).to_contain_text("advice dressed as a question")
    expect(result).to_contain_text("90% sure")
    expect(page.get_by_test_id("explanation")).to_contain_text("already contains a solution ('moving the meeting to")
    rephrasings = result.get_by_role("listitem")
    expect(rephrasings.first).to_be_visible()
    for item in rephrasings.all():
        expect(item).to_contain_text("the meeting")
        expect(item).not_to_contain_text("Monday")

    history = page.get_by_role("region", name="Your attempts").get_by_role("listitem")
    expect(history.first).to_be_visible()
    expect(page.get_by_text("Open questions or reflections: 0 of your 1 attempt.")).to_be_visible()
    screenshot(page, "practice-advice")


def test_history_keeps_explanations_and_counts_reflections_as_good_moves(
    page: Page, context: BrowserContext, server: LiveServer, screenshot: Screenshot
) -> None:
    page.goto(f"{server.url}/practice")
    check(page, "Did you tell your manager about the complaint?")
    expect(page.get_by_role("region", name="What Coach heard")).to_contain_text("closed question")
    check(page, "So you feel stuck.")
    expect(page.get_by_role("region", name="What Coach heard")).to_contain_text("A good move")
    check(page, "What would help you most right now?")
    expect(page.get_by_text("Open questions or reflections: 2 of your 3 attempts.")).to_be_visible()

    attempts = page.get_by_role("region", name="Your attempts")
    closed = attempts.locator("ol > li").nth(2)  # newest first
    expect(closed).to_contain_text("Did you tell your manager about the complaint?")
    closed.get_by_text("Why, and other ways to ask").click()
    expect(closed).to_contain_text("This is a closed question")
    expect(closed).to_contain_text("What happened when you told your manager about the complaint?")
    screenshot(page, "practice-history")

    # Kept in this tab's sessionStorage: a reload keeps it, another tab starts empty, nothing reaches the service.
    page.reload()
    expect(attempts.locator("ol > li")).to_have_count(3)
    other = context.new_page()
    other.goto(f"{server.url}/practice")
    expect(other.get_by_text("No attempts yet.")).to_be_visible()
    other.close()

    page.get_by_role("button", name="Clear my attempts").click()
    expect(attempts.locator("ol > li")).to_have_count(0)
    expect(page.get_by_text("No attempts yet.")).to_be_visible()


QUESTIONS = [
    "What do you think is going on for her?",
    "Have you thought about a formal warning?",
    "So you've been avoiding her on shift.",
    "Did you talk to HR about it?",
    "What would a good conversation with her look like?",
]


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_a_whole_drill_round_ends_with_a_summary(
    page: Page, server: LiveServer, screenshot: Screenshot, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{server.url}/practice")
    situation = page.get_by_label("Situation", exact=True)
    expect(situation.locator("option")).to_have_count(25)  # "Any question" and 24 drills
    situation.select_option(index=1)
    expect(page.locator("#situation-text")).to_contain_text("Maureen")
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()

    for number, question in enumerate(QUESTIONS, start=1):
        check(page, question)
        if number < len(QUESTIONS):
            expect(page.get_by_text(f"Question {number + 1} of 5")).to_be_visible()

    summary = page.get_by_role("region", name="How the round went")
    expect(summary).to_be_visible()
    expect(page.get_by_test_id("round-message")).to_have_text(
        "3 of your 5 questions were open or reflective; 1 carried a solution of your own: next round, ask what the "
        "presenter has already tried or what options they see."
    )
    expect(summary).to_contain_text("Your best question:")
    expect(summary).to_contain_text("Questions that carried a solution: 1")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing overflows sideways
    screenshot(page, f"practice-drill-{width}")

    page.get_by_role("button", name="Start another round").click()
    expect(summary).to_be_hidden()
    expect(page.get_by_text("Question 1 of 5")).to_be_visible()


def test_an_empty_question_is_refused_in_the_page(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/practice")
    page.get_by_role("button", name="Check my question").click()
    expect(page.get_by_role("alert")).to_have_text("Type a question first.")
    expect(page.get_by_label("Your question")).to_be_focused()


def test_a_text_over_the_limit_shows_the_service_error(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/practice")
    check(page, "What " * 1_001)
    expect(page.get_by_role("alert")).to_contain_text("the limit is 5000")
