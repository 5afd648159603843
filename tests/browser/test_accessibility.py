"""What every page owes every reader: labelled controls, keyboard use, phone width, and nothing from elsewhere."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import LiveServer, Screenshot, Traffic, new_context
from tests.browser.helpers import OTTER

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PAGES = {"analyse": "/", "live": "/live", "practice": "/practice", "sets": "/sets"}
LABELS = {
    "analyse": ["Paste a transcript", "Or choose a transcript file", "Presenter", "Facilitator", "Save to a set"],
    "live": ["Presenter", "Facilitator", "Who is speaking", "What they said"],
    "practice": ["Your question"],
    "sets": ["Name of the new set"],
}
#: A set's page and a saved session's need a saved set: tests/browser/test_sets.py checks them the same way.

#: Form controls with no accessible name: no <label>, aria-label or aria-labelledby.
UNLABELLED = """() => [...document.querySelectorAll('input, textarea, select')]
  .filter((c) => c.type !== 'hidden')
  .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
  .map((c) => c.outerHTML)"""
SCROLL_WIDTH = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"


@pytest.mark.parametrize("name", PAGES)
def test_every_control_has_a_label(page: Page, server: LiveServer, name: str) -> None:
    page.goto(server.url + PAGES[name])
    assert page.evaluate(UNLABELLED) == []
    for label in LABELS[name]:
        expect(page.get_by_label(label, exact=False).first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("navigation", name="Pages").get_by_role("link")).to_have_count(4)
    assert page.evaluate("document.documentElement.lang") == "en"


def test_the_practice_form_works_from_the_keyboard_alone(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/practice")
    question = page.get_by_label("Your question")
    for _ in range(10):  # from the top of the page, past the navigation links
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "question":
            break
    expect(question).to_be_focused()
    page.keyboard.type("Did you tell your manager?")
    page.keyboard.press("Enter")
    result = page.get_by_role("region", name="What Coach heard")
    expect(result).to_contain_text("closed question")
    expect(result.get_by_role("listitem").first).to_be_visible()
    # Focus stays in the box, with the text selected, ready for the next try.
    expect(question).to_be_focused()
    page.keyboard.type("What matters most to you here?")
    page.keyboard.press("Enter")
    expect(result).to_contain_text("open question")
    expect(page.get_by_role("region", name="Your attempts").get_by_role("listitem")).to_have_count(2)

    clear = page.get_by_role("button", name="Clear my attempts")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "clear":
            break
    expect(clear).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_text("No attempts yet.")).to_be_visible()


def test_focus_is_visible(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/practice")
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scrolling_at_phone_width(phone: Page, server: LiveServer, screenshot: Screenshot, name: str):
    phone.goto(server.url + PAGES[name])
    assert phone.evaluate(SCROLL_WIDTH) <= 375 + 1
    screenshot(phone, f"phone-{name}")


def test_a_report_fits_a_phone(phone: Page, server: LiveServer, screenshot: Screenshot) -> None:
    phone.goto(server.url)
    phone.get_by_label("Paste a transcript").fill(OTTER.read_text(encoding="utf-8"))
    phone.get_by_role("button", name="Show the report").click()
    expect(phone.get_by_test_id("questioning-ratio")).to_be_visible()
    expect(phone.get_by_role("link", name="Download the report data (JSON)")).to_be_visible()
    assert phone.evaluate(SCROLL_WIDTH) <= 375 + 1
    screenshot(phone, "phone-analyse-report")


def test_a_live_session_and_practice_fit_a_phone(phone: Page, server: LiveServer, screenshot: Screenshot) -> None:
    phone.goto(f"{server.url}/live")
    expect(phone.get_by_role("status")).to_have_text("Connected. Ready.")
    for speaker, text in [
        ("Tom", "Have you thought about an agency?"),
        ("Ana", "You should talk to your director."),
        ("Priya", "Why don't you ask for more staff, and bring the whole rota to the next team meeting?"),
    ]:
        phone.get_by_label("Who is speaking").fill(speaker)
        phone.get_by_label("What they said").fill(text)
        phone.get_by_role("button", name="Add").click()
    expect(phone.get_by_role("note")).to_be_visible()
    assert phone.evaluate(SCROLL_WIDTH) <= 375 + 1
    dismiss = phone.get_by_role("note").get_by_role("button", name="Dismiss").bounding_box()
    assert dismiss is not None
    assert dismiss["height"] < 40, "the Dismiss button's word is broken over lines"
    screenshot(phone, "phone-live-nudge")

    phone.goto(f"{server.url}/practice")
    phone.get_by_label("Your question").fill("Have you thought about asking HR?")
    phone.get_by_role("button", name="Check my question").click()
    expect(phone.get_by_test_id("explanation")).to_be_visible()
    assert phone.evaluate(SCROLL_WIDTH) <= 375 + 1
    screenshot(phone, "phone-practice-result")


def test_pages_load_nothing_from_elsewhere(browser: Browser, server: LiveServer) -> None:
    traffic = Traffic()
    context = new_context(browser, traffic)
    page = context.new_page()
    page.goto(server.url)
    page.get_by_label("Or choose a transcript file").set_input_files(OTTER)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("link", name="Download the report as a web page")).to_be_visible()
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    page.goto(f"{server.url}/practice")
    page.get_by_label("Your question").fill("What would help?")
    page.get_by_role("button", name="Check my question").click()
    expect(page.get_by_test_id("explanation")).to_be_visible()
    context.close()
    assert traffic.urls, "no requests were recorded"
    assert {url.split("/")[2] for url in traffic.urls if "://" in url} == {f"127.0.0.1:{server.port}"}
    assert traffic.external() == []
    assert any(url.startswith(f"ws://127.0.0.1:{server.port}/v1/live") for url in traffic.urls)
    assert any(url.endswith("/style.css") for url in traffic.urls)
    assert any(url.endswith("/v1/reports/html?part=body") for url in traffic.urls)  # the report shown on the page
    assert any(url.endswith("/v1/reports/html") for url in traffic.urls)  # and offered as a web page
