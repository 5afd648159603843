"""The analyse page's meeting editor: a meeting of several presenters read, its slots and mode changed, and the report
worked out again from the same file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Locator, Page, Route, expect

from tests.browser.conftest import LiveServer, Screenshot
from tests.browser.helpers import clock, service_report
from tests.browser.test_axe import violations
from tests.feedback.meeting import ADVISED_MEETING, ADVISED_SLOT_MEETING, FACILITATOR, meeting_turns

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ANALYSE = "/v1/sessions/analyze"
PLANNED = "Planned: ideas and experience welcome"
#: A row of "The meeting" table that is a presenter's slot (the others are report-back and planned time).
SLOT_ROW = re.compile(r"\w's slot")


def write_meeting(path: Path, *, timed: bool) -> Path:
    """The scripted meeting (facilitator Ruth, Jo's report-back, Amira's slot, Tunde's) as a JSON transcript."""
    turns: list[dict[str, Any]] = []
    for turn in meeting_turns():
        turns.append({"speaker": turn.speaker, "text": turn.text, **({"start": turn.start} if timed else {})})
    path.write_text(json.dumps({"turns": turns}), encoding="utf-8")
    return path


def write_rows(path: Path, rows: list[Any]) -> Path:
    """Scripted rows (``tests.feedback.meeting``) as a timed JSON transcript whose facilitator is given."""
    turns = [{"speaker": t.speaker, "text": t.text, "start": t.start} for t in meeting_turns(rows)]
    path.write_text(json.dumps({"turns": turns, "facilitator": FACILITATOR}), encoding="utf-8")
    return path


@pytest.fixture
def meeting(tmp_path: Path) -> Path:
    """The meeting with times, one minute per turn."""
    return write_meeting(tmp_path / "meeting.json", timed=True)


@pytest.fixture
def untimed_meeting(tmp_path: Path) -> Path:
    """The same meeting without times: slots start at turns."""
    return write_meeting(tmp_path / "untimed-meeting.json", timed=False)


def handover(presenter: str) -> int:
    """The turn (from 0) at which the facilitator hands over to ``presenter``."""
    return next(k for k, turn in enumerate(meeting_turns()) if f"{presenter}, over to you" in turn.text)


def open_meeting(page: Page, server: LiveServer, path: Path) -> Locator:
    """``path`` uploaded through the page and its report shown; the "Who was who" card, as the meeting editor."""
    page.goto(server.url)
    page.get_by_label("Or choose a transcript file").set_input_files(path)
    expect(page.get_by_text(f"Chosen: {path.name}")).to_be_visible()
    page.get_by_role("button", name="Show the report").click()
    editor = page.get_by_role("region", name="Who was who")
    expect(editor.get_by_role("button", name="Work the report out again")).to_be_visible()
    return editor


def slot_rows(page: Page) -> Locator:
    """The presenters' slots in the report's "The meeting" table."""
    return page.get_by_role("region", name="The meeting").locator("tbody tr").filter(has_text=SLOT_ROW)


def analyse_posts(page: Page) -> list[str]:
    """The forms the page sends to be analysed from now on, as a list that fills as it sends them (each the multipart
    body as text; the browser leaves out the file's bytes, but not its name)."""
    sent: list[str] = []

    def record(route: Route) -> None:
        sent.append((route.request.post_data_buffer or b"").decode("utf-8"))
        route.continue_()

    page.route(f"**{ANALYSE}", record)
    return sent


def test_the_editor_lists_the_slots_coach_found(
    page: Page, server: LiveServer, meeting: Path, screenshot: Screenshot
) -> None:
    expected = service_report(server.url, meeting)
    found = [(slot["presenter"], slot["start"]) for slot in expected["slots"]]
    turns = meeting_turns()
    assert found == [("Amira", turns[handover("Amira")].start), ("Tunde", turns[handover("Tunde")].start)]
    assert clock(found[0][1]) == "7:00"

    editor = open_meeting(page, server, meeting)
    # One presenter's drop-down per slot, in place of the single one of a session.
    expect(editor.get_by_role("combobox", name="Presenter", exact=True)).to_have_count(0)
    expect(editor.get_by_role("combobox", name=re.compile(r"^Presenter of slot"))).to_have_count(2)
    for number, (presenter, start) in enumerate(found, 1):
        expect(editor.get_by_role("combobox", name=f"Presenter of slot {number}")).to_have_value(presenter)
        expect(editor.get_by_role("textbox", name=f"Slot {number} starts at")).to_have_value(clock(start))
    expect(editor.get_by_role("combobox", name="Presenter of slot 1").locator("option")).to_have_text(
        ["Choose the presenter", *expected["speakers"]]
    )
    expect(editor.get_by_role("button", name="Remove slot 1")).to_be_visible()
    expect(editor.get_by_role("button", name="Remove slot 2")).to_be_visible()
    expect(editor.get_by_role("button", name="Add a slot")).to_be_visible()
    expect(editor.get_by_role("combobox", name="Facilitator")).to_have_value(FACILITATOR)
    mode = editor.get_by_role("combobox", name="Mode")
    expect(mode).to_have_value("")
    expect(mode.locator("option")).to_have_text(["Let Coach work it out", "Open: questions only", PLANNED, "Combined"])
    # The note in plain words: who counts as a member where, and what is not counted.
    expect(editor).to_contain_text("each presenter is a member in the others' slots")
    expect(editor).to_contain_text("Report-back, planned time")
    expect(editor).to_contain_text("reviews of how the set worked are not counted in members' figures")
    expect(editor.locator(".notice")).to_contain_text("We read 2 presenters' slots (Amira, Tunde)")
    expect(editor.locator(".notice")).to_contain_text("change the slots below")
    expect(editor.locator(".notice")).not_to_contain_text("field")

    # "The meeting" shows both slots, from the times the editor shows.
    expect(slot_rows(page)).to_have_text(
        [re.compile(rf"^{clock(start)}-.*{presenter}'s slot") for presenter, start in found]
    )
    screenshot(page, "analyse-meeting")


def test_a_planned_meeting_is_worked_out_again_and_the_mode_stays_chosen(
    page: Page, server: LiveServer, meeting: Path
) -> None:
    found = service_report(server.url, meeting)
    given = [{"presenter": slot["presenter"], "start": slot["start"]} for slot in found["slots"]]
    planned = service_report(server.url, meeting, facilitator=FACILITATOR, slots=json.dumps(given), mode="planned")
    assert planned["feedback"]["headline"] != found["feedback"]["headline"]

    editor = open_meeting(page, server, meeting)
    expect(page.get_by_text(found["feedback"]["headline"])).to_be_visible()
    meeting_table = page.get_by_role("region", name="The meeting")
    expect(meeting_table).not_to_contain_text("Planned discussion")
    sent = analyse_posts(page)

    editor.get_by_role("combobox", name="Mode").select_option(label=PLANNED)
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_have_text(
        "Report updated, with 2 slots (Amira from 7:00, Tunde from 27:00) and Ruth as the facilitator."
    )
    expect(page.get_by_text(planned["feedback"]["headline"])).to_be_visible()
    expect(page.get_by_text(found["feedback"]["headline"])).to_have_count(0)
    # Every slot is planned; the opening and report-back, planned too, are no planned discussion.
    expect(meeting_table).not_to_contain_text("Planned discussion")
    expect(slot_rows(page).filter(has_text="Amira's slot")).to_contain_text("planned")
    # What went: the same file with the facilitator, the slots read from the boxes and the mode.
    assert len(sent) == 1
    body = sent[0]
    assert re.search(r'name="file"; filename="meeting.json"', body)
    assert not re.search(r'name="presenter"', body)
    assert re.search(r'name="mode"\r\n\r\nplanned\r\n', body)
    assert re.search(r'name="facilitator"\r\n\r\nRuth\r\n', body)
    slots = re.search(r'name="slots"\r\n\r\n(.*?)\r\n', body)
    assert slots is not None
    assert json.loads(slots.group(1)) == [{"presenter": "Amira", "start": 420}, {"presenter": "Tunde", "start": 1620}]

    # The editor, drawn again, keeps the mode and the keyboard; the form's Facilitator box agrees.
    expect(editor.get_by_role("combobox", name="Mode")).to_have_value("planned")
    expect(editor.get_by_role("button", name="Work the report out again")).to_be_focused()
    expect(page.get_by_role("textbox", name="Facilitator")).to_have_value(FACILITATOR)


def test_the_mode_chosen_with_the_transcript_is_sent_and_the_editor_keeps_it(
    page: Page, server: LiveServer, meeting: Path
) -> None:
    """A facilitator who knows the meeting was planned says so before the first report: nothing to ask afterwards."""
    planned = service_report(server.url, meeting, mode="planned")
    page.goto(server.url)
    mode = page.get_by_role("combobox", name="How the time was used")
    expect(mode).to_have_value("")
    expect(mode.locator("option")).to_have_text(["Let Coach work it out", "Open: questions only", PLANNED, "Combined"])
    page.get_by_label("Or choose a transcript file").set_input_files(meeting)
    mode.select_option(label=PLANNED)
    sent = analyse_posts(page)

    page.get_by_role("button", name="Show the report").click()

    editor = page.get_by_role("region", name="Who was who")
    expect(editor.get_by_role("combobox", name="Mode")).to_have_value("planned")
    expect(page.get_by_text(planned["feedback"]["headline"])).to_be_visible()
    expect(slot_rows(page).filter(has_text="Amira's slot")).to_contain_text("planned")
    assert len(sent) == 1
    assert re.search(r'name="mode"\r\n\r\nplanned\r\n', sent[0])

    # The mode changed in the editor: the form's drop-down follows, so a later "Show the report" sends the same.
    editor.get_by_role("combobox", name="Mode").select_option(label="Open: questions only")
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_be_visible()
    expect(mode).to_have_value("open")
    expect(slot_rows(page).filter(has_text="Amira's slot")).not_to_contain_text("planned")
    assert len(sent) == 2
    assert re.search(r'name="mode"\r\n\r\nopen\r\n', sent[1])


def test_a_meeting_of_advice_is_read_as_planned_time_with_one_click(
    page: Page, server: LiveServer, tmp_path: Path
) -> None:
    """Members advised in both slots and nothing marked planned time: the report asks, and its button answers."""
    path = write_rows(tmp_path / "advised.json", ADVISED_MEETING)
    editor = open_meeting(page, server, path)
    note = page.locator(".planned-note")
    expect(note).to_contain_text("Coach found no planned time, yet 75% of what members said in the slots")
    expect(note).to_contain_text("choose “Planned” as the Mode under “Who was who”")
    expect(note).not_to_contain_text('send "mode"')
    sent = analyse_posts(page)

    note.get_by_role("button", name="Read it as planned time").click()

    expect(page.get_by_role("status").filter(has_text="Report updated")).to_contain_text("Ruth as the facilitator")
    expect(page.locator(".planned-note")).to_have_count(0)
    expect(editor.get_by_role("combobox", name="Mode")).to_have_value("planned")
    expect(slot_rows(page).filter(has_text="Amira's slot")).to_contain_text("planned")
    assert len(sent) == 1
    assert re.search(r'name="mode"\r\n\r\nplanned\r\n', sent[0])


def test_a_meeting_coach_read_as_planned_is_read_as_open_time_with_one_click(
    page: Page, server: LiveServer, tmp_path: Path
) -> None:
    """Announced as planned in the opening, every slot read planned: the report says so; its button reads it open."""
    opening = (FACILITATOR, "member", "other", "Morning, everyone. Today's a planned meeting. Who'd like time today?")
    path = write_rows(tmp_path / "announced.json", [opening, *ADVISED_MEETING[1:]])
    editor = open_meeting(page, server, path)
    note = page.locator(".planned-note")
    expect(note).to_contain_text("Coach read every slot as planned time")
    expect(note).to_contain_text("choose “Open” as the Mode under “Who was who”")
    expect(note).not_to_contain_text('send "mode"')
    expect(note.get_by_role("button", name="Read it as planned time")).to_have_count(0)
    sent = analyse_posts(page)

    note.get_by_role("button", name="Read it as open time").click()

    expect(page.get_by_role("status").filter(has_text="Report updated")).to_be_visible()
    expect(editor.get_by_role("combobox", name="Mode")).to_have_value("open")
    expect(page.locator(".planned-note")).to_have_count(0)  # said: nothing left to ask
    # Read as open time, the members' advice counts against them.
    amira = slot_rows(page).filter(has_text="Amira's slot")
    expect(amira).to_contain_text("25% of members' contributions were questions")
    assert len(sent) == 1
    assert re.search(r'name="mode"\r\n\r\nopen\r\n', sent[0])


def test_a_slot_of_advice_points_to_the_parts_editor(page: Page, server: LiveServer, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "advised-slot.json", ADVISED_SLOT_MEETING)
    open_meeting(page, server, path)

    note = page.get_by_role("region", name="The meeting").locator(".planned-note")
    expect(note).to_have_count(1)
    expect(note).to_contain_text("Coach found no planned time in Tunde's slot, yet 75% of what members said there")
    expect(note).to_contain_text("mark planned time from where they did under “Open and planned time”")
    expect(note).not_to_contain_text("the parts field")
    expect(note.get_by_role("button")).to_have_count(0)
    expect(page.get_by_role("button", name="Read it as planned time")).to_have_count(0)


def test_planned_time_marked_on_the_page_wins_from_its_start_and_stays_marked(
    page: Page, server: LiveServer, meeting: Path
) -> None:
    found = service_report(server.url, meeting)
    assert [part["mode"] for part in found["parts"]] == ["open", "planned", "open"]
    editor = open_meeting(page, server, meeting)
    # What Coach read, in words, beside the box to change it.
    expect(editor.get_by_role("group", name="Open and planned time")).to_contain_text(
        "Coach read open from 0:00, then planned from"
    )
    sent = analyse_posts(page)

    editor.get_by_role("button", name="Mark open or planned time").click()
    part = editor.get_by_role("combobox", name="Part 1 is")
    expect(part).to_be_focused()
    expect(part).to_have_value("planned")
    editor.get_by_role("textbox", name="Part 1 starts at").fill("7:00")
    editor.get_by_role("button", name="Mark open or planned time").click()
    editor.get_by_role("combobox", name="Part 2 is").select_option(label="Open")
    editor.get_by_role("textbox", name="Part 2 starts at").fill("27:00")
    editor.get_by_role("button", name="Work the report out again").click()

    expect(page.get_by_role("status").filter(has_text="Report updated")).to_be_visible()
    expect(slot_rows(page).filter(has_text="Amira's slot")).to_contain_text("planned")
    expect(slot_rows(page).filter(has_text="Tunde's slot")).not_to_contain_text("planned")
    assert len(sent) == 1
    parts = re.search(r'name="parts"\r\n\r\n(.*?)\r\n', sent[0])
    assert parts is not None
    assert json.loads(parts.group(1)) == [{"mode": "planned", "start": 420}, {"mode": "open", "start": 1620}]
    # The editor, drawn again, keeps the parts marked.
    expect(editor.get_by_role("textbox", name="Part 2 starts at")).to_have_value("27:00")
    expect(editor.get_by_role("combobox", name="Part 2 is")).to_have_value("open")

    # Two parts at one time are refused on the page, and nothing goes.
    editor.get_by_role("textbox", name="Part 2 starts at").fill("7:00")
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Parts 1 and 2 start at the same time: give each part its own start."
    )
    expect(editor.get_by_role("textbox", name="Part 2 starts at")).to_be_focused()
    assert len(sent) == 1


def test_a_start_that_cannot_be_read_says_so_and_sends_nothing(page: Page, server: LiveServer, meeting: Path) -> None:
    expected = service_report(server.url, meeting)
    editor = open_meeting(page, server, meeting)
    expect(page.get_by_text(expected["feedback"]["headline"])).to_be_visible()
    sent = analyse_posts(page)

    start = editor.get_by_role("textbox", name="Slot 2 starts at")
    start.fill("soon")
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Slot 2 starts at “soon”, which cannot be read: give a time such as 7:00 or 1:02:05."
    )
    expect(start).to_be_focused()
    expect(start).to_have_value("soon")

    # A slot without a presenter is refused the same way.
    start.fill("27:00")
    editor.get_by_role("button", name="Add a slot").click()
    expect(editor.get_by_role("combobox", name="Presenter of slot 3")).to_be_focused()
    editor.get_by_role("textbox", name="Slot 3 starts at").fill("40:00")
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("alert")).to_have_text("Choose the presenter of slot 3.")
    expect(editor.get_by_role("combobox", name="Presenter of slot 3")).to_be_focused()

    # Nothing went, and the report is the one there was.
    assert sent == []
    expect(slot_rows(page)).to_have_count(2)
    expect(page.get_by_text(expected["feedback"]["headline"])).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_have_count(0)


def test_removing_a_slot_gives_a_report_with_one_slot_fewer(page: Page, server: LiveServer, meeting: Path) -> None:
    editor = open_meeting(page, server, meeting)
    expect(slot_rows(page)).to_have_count(2)

    editor.get_by_role("button", name="Remove slot 1").click()
    # The rows are numbered again, and the keyboard goes to the slot that took its place.
    expect(editor.get_by_role("combobox", name=re.compile(r"^Presenter of slot"))).to_have_count(1)
    expect(editor.get_by_role("combobox", name="Presenter of slot 1")).to_have_value("Tunde")
    expect(editor.get_by_role("combobox", name="Presenter of slot 1")).to_be_focused()
    expect(editor.get_by_role("textbox", name="Slot 1 starts at")).to_have_value("27:00")
    expect(slot_rows(page)).to_have_count(2)  # not yet worked out again

    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_contain_text("1 slot (Tunde from 27:00)")
    expect(slot_rows(page)).to_have_count(1)
    expect(slot_rows(page)).to_contain_text("Tunde's slot")
    expect(page.get_by_role("region", name="The meeting")).not_to_contain_text("Amira's slot")
    expect(editor.get_by_role("combobox", name=re.compile(r"^Presenter of slot"))).to_have_count(1)
    # With the last slot removed too, the keyboard goes to "Add a slot".
    editor.get_by_role("button", name="Remove slot 1").click()
    expect(editor.get_by_role("button", name="Add a slot")).to_be_focused()


def test_a_refusal_from_the_service_shows_its_message(page: Page, server: LiveServer, meeting: Path) -> None:
    too_late = [{"presenter": "Amira", "start": 420}, {"presenter": "Tunde", "start": 30 * 3600}]
    response = httpx.post(
        f"{server.url}{ANALYSE}",
        files={"file": (meeting.name, meeting.read_bytes())},
        data={"facilitator": FACILITATOR, "slots": json.dumps(too_late)},
        timeout=30,
    )
    assert response.status_code == 422, response.text
    refusal: str = response.json()["error"]["message"]

    editor = open_meeting(page, server, meeting)
    start = editor.get_by_role("textbox", name="Slot 2 starts at")
    start.fill("30:00:00")
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("alert")).to_have_text(refusal)
    # The editor is as it was, ready to be put right; the report is still there.
    expect(start).to_have_value("30:00:00")
    expect(start).to_be_enabled()
    expect(editor.get_by_role("button", name="Work the report out again")).to_be_focused()
    expect(slot_rows(page)).to_have_count(2)


def line_of(report: dict[str, Any], turn: int) -> int:
    """The transcript's number (#N, from 1) of the first line of ``turn`` in ``report``."""
    index: int = next(u["index"] for u in report["utterances"] if u["turn"] == turn)
    return index + 1


def test_a_meeting_without_times_has_slots_that_start_at_the_transcripts_lines(
    page: Page, server: LiveServer, untimed_meeting: Path
) -> None:
    found = service_report(server.url, untimed_meeting)
    editor = open_meeting(page, server, untimed_meeting)
    expect(editor).to_contain_text("this transcript has no times")
    # The numbers are the transcript's own (#N), as "The meeting" table and the transcript show them.
    for number, slot in enumerate(found["slots"], 1):
        start = editor.get_by_role("textbox", name=f"Slot {number} starts at")
        expect(start).to_have_value(f"#{slot['start_index'] + 1}")

    later = handover("Tunde") + 4
    given = [{"presenter": "Amira", "turn": handover("Amira")}, {"presenter": "Tunde", "turn": later}]
    expected = service_report(server.url, untimed_meeting, facilitator=FACILITATOR, slots=json.dumps(given))
    tunde = expected["slots"][1]
    assert tunde["start_index"] > found["slots"][1]["start_index"]

    # "#N" or a bare N: the slot starts with the turn of that line.
    editor.get_by_role("textbox", name="Slot 2 starts at").fill(str(line_of(found, later)))
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_contain_text("2 slots (Amira, Tunde)")
    when = f"#{tunde['start_index'] + 1}-#{tunde['end_index'] + 1}"
    expect(slot_rows(page).filter(has_text="Tunde's slot")).to_contain_text(when)
    expect(editor.get_by_role("textbox", name="Slot 2 starts at")).to_have_value(f"#{tunde['start_index'] + 1}")

    lines = len(found["utterances"])
    for typed in ("27:00", f"#{lines + 1}", "#0"):
        editor.get_by_role("textbox", name="Slot 2 starts at").fill(typed)
        editor.get_by_role("button", name="Work the report out again").click()
        expect(page.get_by_role("alert")).to_have_text(
            f"Slot 2 starts at “{typed}”, which cannot be read: give the number of a line of the transcript, "
            f"#1 to #{lines}."
        )
    # Two lines of one turn are one start.
    editor.get_by_role("textbox", name="Slot 2 starts at").fill(f"#{found['slots'][0]['start_index'] + 1}")
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("alert")).to_have_text(
        "Slots 1 and 2 start in the same turn: give each slot its own start."
    )


def transcript_line(page: Page, index: int) -> Locator:
    """The line of the report's transcript for utterance ``index`` (from 0), the transcript opened."""
    details = page.locator(".transcript-details")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    return page.locator(f"#u-{index}")


def test_a_slot_is_moved_by_marking_where_it_starts_in_the_transcript(
    page: Page, server: LiveServer, meeting: Path
) -> None:
    found = service_report(server.url, meeting)
    # A line of Tunde's a few turns after the hand-over.
    line = next(u for u in found["utterances"] if u["turn"] > handover("Tunde") + 2 and u["speaker"] == "Tunde")
    editor = open_meeting(page, server, meeting)
    sent = analyse_posts(page)
    expect(page.get_by_text("“Slot starts here” on a line moves the slot")).to_be_visible()

    at = clock(line["start"])
    transcript_line(page, line["index"]).get_by_role("button", name=f"Slot starts here at {at}").click()
    # Tunde's slot moves there (no new slot), and the keyboard goes to it.
    expect(editor.get_by_role("combobox", name=re.compile(r"^Presenter of slot"))).to_have_count(2)
    expect(editor.get_by_role("textbox", name="Slot 2 starts at")).to_have_value(clock(line["start"]))
    expect(editor.get_by_role("combobox", name="Presenter of slot 2")).to_be_focused()
    expect(editor.get_by_role("status").filter(has_text="slot now starts")).to_have_text(
        f"Tunde's slot now starts at {clock(line['start'])}: work the report out again to see it."
    )
    assert sent == []  # nothing goes until the facilitator asks

    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_contain_text(
        f"Tunde from {clock(line['start'])}"
    )
    slots = re.search(r'name="slots"\r\n\r\n(.*?)\r\n', sent[0])
    assert slots is not None
    assert json.loads(slots.group(1))[1] == {"presenter": "Tunde", "start": line["start"]}
    expect(slot_rows(page).filter(has_text="Tunde's slot")).to_contain_text(clock(line["start"]))


def test_marking_the_facilitators_line_adds_a_slot_whose_presenter_is_chosen(
    page: Page, server: LiveServer, untimed_meeting: Path
) -> None:
    found = service_report(server.url, untimed_meeting)
    # The facilitator's last line before Amira's slot: a slot starts there, in order, with nobody chosen yet.
    first = found["utterances"][found["slots"][0]["start_index"]]["turn"]
    hers = max(u["index"] for u in found["utterances"] if u["turn"] < first and u["speaker"] == FACILITATOR)
    editor = open_meeting(page, server, untimed_meeting)

    transcript_line(page, hers).get_by_role("button", name=f"Slot starts here at #{hers + 1}").click()
    expect(editor.get_by_role("combobox", name=re.compile(r"^Presenter of slot"))).to_have_count(3)
    expect(editor.get_by_role("combobox", name="Presenter of slot 1")).to_have_value("")
    expect(editor.get_by_role("combobox", name="Presenter of slot 1")).to_be_focused()
    expect(editor.get_by_role("textbox", name="Slot 1 starts at")).to_have_value(f"#{hers + 1}")
    expect(editor.get_by_role("combobox", name="Presenter of slot 2")).to_have_value("Amira")
    expect(editor.get_by_role("status").filter(has_text="choose its presenter")).to_have_text(
        f"Slot 1 starts at #{hers + 1}: choose its presenter."
    )
    editor.get_by_role("button", name="Work the report out again").click()
    expect(page.get_by_role("alert")).to_have_text("Choose the presenter of slot 1.")


def test_the_meeting_editor_has_no_serious_accessibility_issue(page: Page, server: LiveServer, meeting: Path) -> None:
    editor = open_meeting(page, server, meeting)
    editor.get_by_role("button", name="Add a slot").click()
    expect(editor.get_by_role("combobox", name="Presenter of slot 3")).to_be_focused()
    assert violations(page) == []
