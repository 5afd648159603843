"""The live page at ``/live``: utterances typed in, labelled as they come, rolling figures, a nudge, the report."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, Screenshot
from tests.feedback.meeting import ADVISED_MEETING, FACILITATOR, meeting_turns

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def say(page: Page, speaker: str, text: str) -> None:
    """Type one utterance as a facilitator would and send it with Enter."""
    page.get_by_label("Who is speaking").fill(speaker)
    said = page.get_by_label("What they said")
    said.fill(text)
    said.press("Enter")
    expect(said).to_have_value("")


def start_with_roles(page: Page, server: LiveServer, presenter: str, facilitator: str | None = None) -> None:
    """Open the live page, wait for the connection and set the presenter (and facilitator)."""
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    page.get_by_label("Presenter", exact=True).fill(presenter)
    if facilitator is not None:
        page.get_by_label("Facilitator").fill(facilitator)
    page.get_by_role("button", name="Set roles").click()


def test_a_live_session_from_first_words_to_report(page: Page, server: LiveServer, screenshot: Screenshot) -> None:
    start_with_roles(page, server, "Sam")
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

    with page.expect_response(lambda response: response.url.endswith("/v1/reports/html?part=body")) as rendered:
        page.get_by_role("button", name="End the session and show the report").click()
    assert rendered.value.ok  # the final report is the one every report uses, rendered by the service
    expect(page.get_by_role("status")).to_contain_text("Session ended")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("25%")
    expect(page.get_by_role("region", name="Moments worth discussing")).to_contain_text("in a row")
    expect(page.get_by_label("What they said")).to_be_disabled()
    screenshot(page, "live-report")

    # At the end the report can be printed (or saved as a PDF), and a print shows the report, not the controls.
    printing = page.get_by_role("button", name="Print or save the report")
    expect(printing).to_be_enabled()
    page.evaluate("window.print = () => { window.printed = true; }")
    printing.click()
    assert page.evaluate("window.printed") is True
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Pages")).to_be_hidden()
    expect(page.get_by_role("region", name="Who is who")).to_be_hidden()
    expect(page.get_by_role("region", name="What was said")).to_be_hidden()
    expect(printing).to_be_hidden()
    expect(page.get_by_test_id("questioning-ratio")).to_be_visible()


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


def test_a_reload_shows_the_whole_session_so_far(page: Page, server: LiveServer, screenshot: Screenshot) -> None:
    start_with_roles(page, server, "Sam", "Gwen")
    said = [
        ("Sam", "The rota keeps falling apart and I'm the one covering shifts."),
        ("Priya", "What matters most to you here?"),
        ("Tom", "Have you thought about an agency?"),
    ]
    for speaker, text in said:
        say(page, speaker, text)
    feed = page.locator("#feed > li")
    expect(feed).to_have_count(3)
    expect(page.get_by_test_id("live-ratio")).to_have_text("50%")

    page.reload()
    expect(page.get_by_role("status")).to_have_text("Connected again; 3 things said so far.")
    expect(feed).to_have_count(3)
    for item, (speaker, text) in zip(feed.all(), said, strict=True):
        expect(item).to_contain_text(speaker)
        expect(item).to_contain_text(text)
    expect(feed.nth(0)).to_contain_text("Sam (presenter)")
    expect(feed.nth(0)).to_contain_text("story")
    expect(feed.nth(2)).to_contain_text("advice dressed as a question")
    expect(page.get_by_label("Presenter", exact=True)).to_have_value("Sam")
    expect(page.get_by_label("Facilitator")).to_have_value("Gwen")
    expect(page.get_by_test_id("live-ratio")).to_have_text("50%")
    expect(page.locator("#count")).to_have_text("3")
    screenshot(page, "live-resumed")

    # A second reload shows the same, not the session twice; and the session goes on from there.
    page.reload()
    expect(page.get_by_role("status")).to_have_text("Connected again; 3 things said so far.")
    expect(feed).to_have_count(3)
    say(page, "Ana", "What would help?")
    expect(feed).to_have_count(4)
    expect(page.locator("#count")).to_have_text("4")
    expect(page.get_by_test_id("live-ratio")).to_have_text("67%")


def test_roles_set_later_count_for_what_was_said_before(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    say(page, "Sam", "The rota keeps falling apart and I'm the one covering shifts.")
    say(page, "Priya", "What matters most to you here?")
    say(page, "Tom", "Have you thought about an agency?")
    feed = page.locator("#feed > li")
    expect(feed).to_have_count(3)
    ratio = page.get_by_test_id("live-ratio")
    expect(ratio).not_to_have_text("–")

    # Named now, Priya presents: Sam's story and Tom's advice are what the members said, from the start.
    page.get_by_label("Presenter", exact=True).fill("priya")
    page.get_by_role("button", name="Set roles").click()
    expect(page.get_by_role("status")).to_contain_text("Roles set: priya presents")
    expect(ratio).to_have_text("0%")
    expect(feed.nth(1)).to_contain_text("Priya (presenter):")
    expect(feed.nth(0)).not_to_contain_text("(presenter)")
    expect(feed.nth(2)).not_to_contain_text("(presenter)")


def test_a_nudge_says_when_and_about_whom_and_fades_after_a_minute(page: Page, server: LiveServer) -> None:
    page.clock.install(time=datetime(2026, 11, 4, 10, 15, 5))  # this computer's time zone, as the page's
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    say(page, "Tom", "Have you thought about an agency?")
    say(page, "Ana", "You should talk to your director.")
    say(page, "Priya", "Why don't you ask for more staff?")
    nudge = page.get_by_role("note")
    expect(nudge).to_contain_text("3 pieces of advice in a row")
    # The live page sends no times, so the nudge gives the time on this computer's clock, and who it is about.
    expect(nudge.locator(".nudge-when")).to_have_text(" (at 10:15, about Priya)")

    page.clock.fast_forward("00:30")
    expect(nudge).to_be_visible()
    expect(nudge).not_to_have_class(re.compile(r"\bfading\b"))
    page.clock.fast_forward("00:31")
    expect(page.locator("#nudges .nudge")).to_have_count(0)


def test_a_nudge_fades_rather_than_vanishing(page: Page, server: LiveServer) -> None:
    page.clock.install()
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    for speaker, text in [
        ("Tom", "Have you thought about an agency?"),
        ("Ana", "You should talk to your director."),
        ("Priya", "Why don't you ask for more staff?"),
    ]:
        say(page, speaker, text)
    nudge = page.locator("#nudges .nudge")
    expect(nudge).to_have_count(1)
    assert nudge.evaluate("(box) => getComputedStyle(box).transitionProperty") == "opacity"
    page.clock.run_for(60_000)
    expect(nudge).to_have_class(re.compile(r"\bfading\b"))
    # Fading: its opacity goes down (or it has gone already).
    page.wait_for_function(
        "() => { const box = document.querySelector('#nudges .nudge');"
        " return !box || parseFloat(getComputedStyle(box).opacity) < 1; }"
    )
    page.clock.run_for(1_500)
    expect(nudge).to_have_count(0)


def test_a_session_that_cannot_be_resumed_offers_a_new_one(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    page.evaluate(
        "() => { sessionStorage.setItem('coach-live-session', 'no-such-session');"
        " sessionStorage.setItem('coach-live-resume-token', 'nope'); }"
    )
    page.reload()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("has ended or expired, so it cannot be picked up again")
    expect(alert).not_to_contain_text("?session=")
    expect(page.locator("#status")).to_have_text("Not connected.")
    alert.get_by_role("button", name="Start a new session").click()
    expect(page.locator("#status")).to_have_text("Connected. Ready.")
    expect(page.get_by_role("alert")).to_have_count(0)
    say(page, "Priya", "What would help?")
    expect(page.locator("#feed > li")).to_have_count(1)


def test_the_next_presenters_slot_is_marked_and_the_first_presenter_is_then_a_member(
    page: Page, server: LiveServer
) -> None:
    start_with_roles(page, server, "Amira", "Ruth")
    feed = page.locator("#feed > li")
    say(page, "Amira", "So this is about my team and the rota, which has been falling apart since May.")
    say(page, "Jo", "What happens when it goes wrong?")
    say(page, "Amira", "I end up covering the shifts myself.")
    expect(feed).to_have_count(3)

    page.get_by_role("button", name="Start their slot").click()
    expect(page.get_by_role("alert")).to_contain_text("Type the name of the presenter")
    page.get_by_label("Next presenter").fill("Tunde")
    page.get_by_role("button", name="Start their slot").click()
    expect(page.get_by_role("status")).to_have_text("Tunde's slot starts with the next thing said.")
    meeting = page.get_by_test_id("live-meeting")
    expect(meeting).to_contain_text("Slots: Amira, then Tunde (starting with the next thing said).")
    expect(page.get_by_label("Presenter", exact=True)).to_have_value("Tunde")

    say(page, "Tunde", "Mine is about the budget, which was cut by a third this year.")
    say(page, "Amira", "What matters most to you in it?")
    expect(feed.nth(3)).to_contain_text("Tunde (presenter)")
    expect(feed.nth(4)).to_contain_text("Amira: ")
    expect(feed.nth(4)).not_to_contain_text("(presenter)")
    expect(feed.nth(0)).to_contain_text("Amira (presenter)")  # still the presenter in her own slot
    expect(meeting).to_have_text("Slots: Amira, then Tunde. Now: questioning, open time.")


def test_planned_time_marked_live_is_said_on_the_page_and_in_where_the_meeting_is(
    page: Page, server: LiveServer
) -> None:
    start_with_roles(page, server, "Amira", "Ruth")
    say(page, "Amira", "So this is about my team and the rota, which has been falling apart since May.")
    say(page, "Jo", "What happens when it goes wrong?")
    expect(page.locator("#feed > li")).to_have_count(2)

    page.get_by_role("button", name="Planned time from now").click()
    expect(page.get_by_role("status")).to_have_text("Planned time starts with the next thing said.")
    meeting = page.get_by_test_id("live-meeting")
    expect(meeting).to_contain_text("Planned time starts with the next thing said.")
    expect(page.get_by_label("What they said")).to_be_focused()

    say(page, "Jo", "You should ask the matron for two more nurses.")
    expect(meeting).to_contain_text("planned time.")
    expect(meeting).not_to_contain_text("starts with the next thing said")
    page.get_by_role("button", name="Open time from now").click()
    expect(meeting).to_contain_text("Open time starts with the next thing said.")


def test_a_live_meeting_of_advice_ends_with_the_planned_time_check_in_the_pages_words(
    page: Page, server: LiveServer
) -> None:
    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    page.get_by_label("Facilitator").fill(FACILITATOR)
    page.get_by_role("button", name="Set roles").click()
    turns = meeting_turns(ADVISED_MEETING)
    for turn in turns:
        say(page, turn.speaker, turn.text)
    expect(page.locator("#feed > li").last).to_contain_text(turns[-1].text)

    page.get_by_role("button", name="End the session and show the report").click()

    note = page.locator(".planned-note")
    expect(note).to_contain_text("Coach found no planned time, yet 75% of what members said in the slots")
    expect(note).to_contain_text("press “Planned time from now” as it starts next time")
    expect(note).not_to_contain_text('send "mode"')
