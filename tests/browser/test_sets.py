"""Sets in the pages: making one, saving sessions to it from the analyse page, the set over time, correcting a label
on a saved session, and deleting; each test with a server of its own and a throw-away database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from tests.browser.conftest import LiveServer, Screenshot, Traffic, keyword_server, new_context
from tests.browser.helpers import create_set, save_session
from tests.browser.test_accessibility import SCROLL_WIDTH, UNLABELLED
from tests.feedback.builders import Row
from tests.feedback.meeting import ADVISED_MEETING, ADVISED_SLOT_MEETING, FACILITATOR, meeting_turns

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: With Sam presenting and Gwen facilitating, the members are Priya (an open question) and Tom (advice): 50%.
FIRST = """Sam: The rota keeps falling apart and I'm the one covering shifts.
Priya: What matters most to you here?
Sam: Not much, honestly. I keep patching it.
Tom: Have you thought about an agency?
Gwen: We're nearly at time. Sam, what will you do?
Sam: I'm going to ring the agency manager tomorrow. And I'll talk to Priya about the rota.
"""
#: Sam reports back on ringing the agency manager, not on talking to Priya; both members ask open questions: 100%.
SECOND = """Gwen: Welcome back, everyone. Sam, over to you.
Sam: So I did ring the agency manager, and the figures were worse than I thought.
Priya: How did that land with you?
Sam: Badly, to be honest.
Tom: What would help most right now?
"""
ROLES = {"presenter": "Sam", "facilitator": "Gwen"}


@pytest.fixture
def sets_server(tmp_path: Path) -> Iterator[LiveServer]:
    """The app with the keyword classifier and an empty database of its own."""
    live = keyword_server(tmp_path)
    yield live
    live.stop()


def saved_set(server: LiveServer, name: str = "Wednesday set") -> tuple[str, list[dict[str, object]]]:
    """A set with FIRST (4 Nov 2026) and SECOND (18 Nov 2026) saved in it: its id and the two reports."""
    set_id = create_set(server.url, name)
    reports = [
        save_session(server.url, set_id, FIRST, "2026-11-04", **ROLES),
        save_session(server.url, set_id, SECOND, "2026-11-18", **ROLES),
    ]
    return set_id, reports


def session_page(server: LiveServer, set_id: str, report: dict[str, object]) -> str:
    return f"{server.url}/sets/session?set={set_id}&session={report['session_id']}"


def analyse_into_set(page: Page, transcript: str, date: str) -> None:
    page.get_by_label("Paste a transcript").fill(transcript)
    page.get_by_label("Presenter").fill("Sam")
    page.get_by_label("Facilitator").fill("Gwen")
    page.get_by_label("Date of the session").fill(date)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("link", name="Open in the set")).to_be_visible()


def test_a_set_is_created_on_the_sets_page_and_a_duplicate_name_is_refused(
    page: Page, sets_server: LiveServer, screenshot: Screenshot
) -> None:
    page.goto(f"{sets_server.url}/sets")
    expect(page.get_by_text("No sets yet.")).to_be_visible()
    page.get_by_role("button", name="Create the set").click()
    expect(page.get_by_role("alert")).to_have_text("Give the set a name first.")

    page.get_by_label("Name of the new set").fill("  Wednesday set ")
    page.get_by_role("button", name="Create the set").click()
    listed = page.get_by_role("region", name="Sets").get_by_role("listitem")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Wednesday set · 0 sessions")
    expect(page.get_by_role("alert")).to_have_count(0)

    page.get_by_label("Name of the new set").fill("Wednesday set")
    page.get_by_role("button", name="Create the set").click()
    expect(page.get_by_role("alert")).to_have_text("You already have a set named 'Wednesday set'; pick another name.")
    expect(listed).to_have_count(1)
    screenshot(page, "sets-duplicate-name")

    page.get_by_role("link", name="Wednesday set").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wednesday set")
    expect(page.get_by_text("No sessions saved yet. Add one")).to_be_visible()


def test_sessions_saved_from_the_analyse_page_make_the_set_page(
    page: Page, sets_server: LiveServer, screenshot: Screenshot
) -> None:
    page.goto(sets_server.url)
    page.get_by_label("Save to a set").select_option(label="New set…")
    page.get_by_label("Name of the new set").fill("Wednesday set")
    analyse_into_set(page, FIRST, "2026-11-04")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("50%")
    expect(page.get_by_text("Saved to Wednesday set, for the session of 4 Nov 2026.")).to_be_visible()
    actions = page.get_by_role("region", name="Actions to report back on")
    expect(actions.get_by_role("listitem")).to_have_text(
        ["Sam: ring the agency manager tomorrow", "Sam: talk to Priya about the rota"]
    )
    expect(page.get_by_role("region", name="Report-back on earlier actions")).to_contain_text(
        "No earlier actions were waiting"
    )
    # The new set is chosen from now on: the next session goes to it, not to another new set.
    expect(page.get_by_label("Save to a set").locator("option:checked")).to_have_text("Wednesday set")
    expect(page.get_by_label("Name of the new set")).to_be_hidden()

    analyse_into_set(page, SECOND, "2026-11-18")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("100%")
    back = page.get_by_role("region", name="Report-back on earlier actions").get_by_role("listitem")
    expect(back).to_have_count(2)
    rang = back.filter(has_text="ring the agency manager tomorrow")
    expect(rang).to_contain_text("from the session of 4 Nov 2026")
    expect(rang).to_contain_text("So I did ring the agency manager, and the figures were worse than I thought.")
    expect(back.filter(has_text="talk to Priya about the rota")).to_contain_text("Not mentioned in this session")
    expect(page.get_by_role("link", name="Download the report as a web page")).to_be_visible()
    screenshot(page, "analyse-saved-to-set")

    page.get_by_role("link", name="Open in the set").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session of 18 Nov 2026")
    page.get_by_role("main").get_by_role("link", name="Wednesday set").first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Wednesday set")
    chart = page.locator("svg.trend-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("title#trend-title")).to_have_text(re.compile("Questioning ratio per session"))
    expect(chart.locator("desc")).to_contain_text("Whole set: 4 Nov 2026 50%, 18 Nov 2026 100%")
    expect(chart.locator("g.series-set circle")).to_have_count(2)
    expect(chart.locator("g.series-set polyline")).to_have_count(1)
    expect(chart.locator("g.series-member")).to_have_count(2)  # Priya and Tom: Sam presented, Gwen facilitated
    expect(chart.locator('g.series-member[data-name="Tom"] circle')).to_have_count(2)
    expect(page.locator(".trend-legend li")).to_have_text(["Whole set", "Priya", "Tom"])
    rows = page.locator("#trend-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("th, td")).to_have_text(["4 Nov 2026", "50%", "100%", "0%"])
    expect(rows.nth(1).locator("th, td")).to_have_text(["18 Nov 2026", "100%", "100%", "100%"])

    open_actions = page.get_by_role("region", name="Actions to report back on").get_by_role("listitem")
    expect(open_actions).to_have_count(1)
    expect(open_actions).to_have_text("Sam: talk to Priya about the rota (from the session of 4 Nov 2026)")
    sessions = page.get_by_role("region", name="Sessions").locator("tbody tr")
    expect(sessions).to_have_count(2)
    expect(sessions.nth(0).locator("th, td")).to_have_text(["18 Nov 2026", "Sam", "100%", "0"])
    expect(sessions.nth(1).locator("th, td")).to_have_text(["4 Nov 2026", "Sam", "50%", "2"])
    expect(page.get_by_role("region", name="What keeps coming up")).to_contain_text("Nothing stands out yet.")
    screenshot(page, "set-overview")

    page.get_by_role("link", name="Add a session").click()  # the analyse page, with this set chosen
    expect(page.get_by_label("Save to a set").locator("option:checked")).to_have_text("Wednesday set")
    expect(page.get_by_label("Date of the session")).to_be_visible()
    page.go_back()

    sessions.nth(1).get_by_role("link", name="4 Nov 2026").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Session of 4 Nov 2026")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("50%")


def test_correcting_a_label_updates_the_figures_and_is_kept(
    page: Page, sets_server: LiveServer, screenshot: Screenshot
) -> None:
    set_id, (first, _) = saved_set(sets_server)
    page.goto(session_page(sets_server, set_id, first))
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("50%")
    expect(page.get_by_role("region", name="Actions to report back on")).to_contain_text(
        "Sam: ring the agency manager tomorrow"
    )
    # The labelled transcript ends the report, closed at first.
    transcript = page.get_by_role("region", name="Every utterance, as Coach labelled it")
    expect(transcript).to_contain_text("If a member's contribution has the wrong label, choose the right one")
    utterances = first["utterances"]
    assert isinstance(utterances, list)
    said = len(utterances)
    transcript.get_by_text(f"Show all {said} utterances with their labels").click()
    row = transcript.get_by_role("row").filter(has_text="Have you thought about an agency?")
    choice = row.get_by_role("combobox", name="Label of what Tom said (number 5)")
    expect(choice).to_have_value("advice")
    expect(row).not_to_contain_text("corrected by you")
    # Only members' contributions can be corrected; the presenter's and facilitator's labels are shown as they are.
    expect(transcript.get_by_role("combobox", name=re.compile("^Label of what"))).to_have_count(2)

    choice.select_option("open_question")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("100%")
    expect(row).to_contain_text("corrected by you")
    # The transcript is drawn again with the report: still open, the keyboard back on the drop-down.
    expect(choice).to_have_value("open_question")
    expect(choice).to_be_focused()
    expect(page.get_by_role("status").filter(has_text="Saved:")).to_have_text(
        "Saved: Tom's “Have you thought about an agency?” is now labelled open question. The figures above are updated."
    )
    screenshot(page, "session-corrected")

    page.reload()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("100%")
    page.get_by_text(f"Show all {said} utterances with their labels").click()
    row = page.get_by_role("row").filter(has_text="Have you thought about an agency?")
    expect(row.get_by_role("combobox")).to_have_value("open_question")
    expect(row).to_contain_text("corrected by you")

    page.get_by_role("link", name="Wednesday set").first.click()
    expect(page.locator("#trend-table tbody tr").nth(0).locator("td").first).to_have_text("100%")


def test_deleting_a_session_then_the_set_after_confirming(page: Page, sets_server: LiveServer) -> None:
    set_id, (first, _) = saved_set(sets_server)
    messages: list[str] = []

    def answer(accept: bool) -> None:
        def respond(dialog: Dialog) -> None:
            messages.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        page.once("dialog", respond)

    page.goto(session_page(sets_server, set_id, first))
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("50%")
    answer(accept=False)
    page.get_by_role("button", name="Delete session").click()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("50%")  # changed their mind: nothing happens
    answer(accept=True)
    page.get_by_role("button", name="Delete session").click()
    expect(page).to_have_url(f"{sets_server.url}/sets/view?id={set_id}")
    confirm = "Delete the session of 4 Nov 2026 from the set, with its transcript? This cannot be undone."
    assert messages == [confirm, confirm]
    sessions = page.get_by_role("region", name="Sessions").locator("tbody tr")
    expect(sessions).to_have_count(1)
    expect(sessions.locator("th")).to_have_text("18 Nov 2026")
    expect(page.locator("svg.trend-chart g.series-set circle")).to_have_count(1)

    answer(accept=True)
    page.get_by_role("button", name="Delete set").click()
    expect(page).to_have_url(f"{sets_server.url}/sets")
    assert messages[-1] == 'Delete the set "Wednesday set" and every session saved in it? This cannot be undone.'
    expect(page.get_by_text("No sets yet.")).to_be_visible()
    expect(page.get_by_role("link", name="Wednesday set")).to_have_count(0)

    page.goto(f"{sets_server.url}/sets/view?id={set_id}")
    expect(page.get_by_role("alert")).to_have_text(
        "This set was not found: it may have been deleted. Choose one from your sets."
    )
    page.goto(session_page(sets_server, set_id, first))
    expect(page.get_by_role("alert")).to_contain_text("This session was not found")


def test_the_sets_pages_fit_a_phone_and_label_every_control(
    browser: Browser, sets_server: LiveServer, screenshot: Screenshot
) -> None:
    set_id, (first, _) = saved_set(sets_server, "A set with a rather long name for a small screen")
    traffic = Traffic()
    context = new_context(
        browser, traffic, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    pages = {
        "sets": ("/sets", "link"),
        "set": (f"/sets/view?id={set_id}", "svg.trend-chart"),
        "session": (f"/sets/session?set={set_id}&session={first['session_id']}", "table.transcript"),
    }
    for name, (path, ready) in pages.items():
        phone.goto(sets_server.url + path)
        if ready == "link":
            expect(phone.get_by_role("link", name="A set with a rather long name")).to_be_visible()
        elif name == "session":  # the labelled transcript, opened
            phone.get_by_text(re.compile(r"^Show all \d+ utterances with their labels$")).click()
            expect(phone.locator(ready)).to_be_visible()
        else:
            expect(phone.locator(ready)).to_be_visible()
        assert phone.evaluate(UNLABELLED) == [], name
        expect(phone.get_by_role("heading", level=1)).to_have_count(1)
        expect(phone.get_by_role("navigation", name="Pages").get_by_role("link")).to_have_count(4)
        assert phone.evaluate(SCROLL_WIDTH) <= 390 + 1, name
        screenshot(phone, f"phone-{name}")
    context.close()
    traffic.check()


def test_a_saved_session_with_guessed_roles_says_how_to_change_them(page: Page, sets_server: LiveServer) -> None:
    set_id = create_set(sets_server.url, "Friday set")
    report = save_session(sets_server.url, set_id, FIRST, "2026-11-06")
    page.goto(session_page(sets_server, set_id, report))
    notice = page.locator("#report .notice")
    expect(notice).to_contain_text("We assumed")
    expect(notice).to_contain_text("delete this session and save it again with their names filled in.")
    expect(notice).not_to_contain_text("box above")


def save_meeting(server: LiveServer, set_id: str, rows: list[Row]) -> dict[str, Any]:
    """A meeting of ``rows`` (tests.feedback.meeting) saved to the set with Ruth facilitating; its report."""
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(rows)]
    body = {"turns": turns, "facilitator": FACILITATOR, "date": "2026-11-04"}
    response = httpx.post(f"{server.url}/v1/sets/{set_id}/sessions", json=body, timeout=60)
    response.raise_for_status()
    report: dict[str, Any] = response.json()
    return report


def test_a_saved_meeting_of_advice_asks_and_the_answer_is_kept(page: Page, sets_server: LiveServer) -> None:
    set_id = create_set(sets_server.url, "Ward managers")
    report = save_meeting(sets_server, set_id, ADVISED_MEETING)
    page.goto(f"{sets_server.url}/sets/view?id={set_id}")
    expect(page.locator("#sessions")).to_contain_text("25% (was it planned time? Open the session to say)")

    page.goto(session_page(sets_server, set_id, report))
    note = page.locator(".planned-note")
    expect(note).to_contain_text("If the presenters asked for ideas and experience, say so here, and none of it")
    expect(note).not_to_contain_text('send "mode"')
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("25%")

    note.get_by_role("button", name="It was planned time").click()

    expect(page.get_by_role("status").filter(has_text="Saved:")).to_have_text(
        "Saved: The meeting is now read as planned time, so no advice or story in it counts against members. "
        "The figures below are updated."
    )
    expect(page.locator(".planned-note")).to_have_count(0)
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("-")
    page.reload()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("-")
    expect(page.locator(".planned-note")).to_have_count(0)
    page.goto(f"{sets_server.url}/sets/view?id={set_id}")
    expect(page.locator("#sessions")).to_contain_text("4 Nov 2026")
    expect(page.locator("#sessions")).not_to_contain_text("was it planned time")


def test_a_saved_slot_of_advice_is_answered_for_that_slot(page: Page, sets_server: LiveServer) -> None:
    set_id = create_set(sets_server.url, "Ward managers")
    report = save_meeting(sets_server, set_id, ADVISED_SLOT_MEETING)
    page.goto(session_page(sets_server, set_id, report))
    note = page.get_by_role("region", name="The meeting").locator(".planned-note")
    expect(note).to_contain_text("If Tunde asked for ideas and experience, say so here, and none of it")

    note.get_by_role("button", name="Tunde's slot was open time").click()

    expect(page.get_by_role("status").filter(has_text="Saved:")).to_have_text(
        "Saved: Tunde's slot is now read as open time, so it counts as before. The figures below are updated."
    )
    expect(page.locator(".planned-note")).to_have_count(0)
