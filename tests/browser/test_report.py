"""The report as the pages draw it: the time chart (counts, windows too few to judge, the line of the session so far),
each member's counts, shares, best question and next step, the roles pick-list on the analyse page, and printing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, Screenshot
from tests.browser.helpers import clock, percent, service_report, write_vtt

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Seconds between cues in the generated transcript.
GAP = 12
SAM_STORY = [
    "The rota keeps falling apart and I'm the one covering shifts.",
    "Two of the team left in March and nobody replaced them.",
    "Every Friday I end up ringing round for cover myself.",
]
#: (speaker, text) per stretch; the keyword classifier gives "What ...?" open, "Did you ...?" closed, "Have you
#: thought about ...?" and "You should ..." advice, and Sam's longer sentences story.
STRETCHES: list[list[tuple[str, str]]] = [
    # 0:00-6:00: Gwen opens, Sam tells the story, one member asks: too few to judge.
    [("Gwen", "Welcome back, everyone. Sam, over to you.")]
    + [("Sam", SAM_STORY[k % 3]) for k in range(27)]
    + [("Priya", "What would help?"), ("Sam", SAM_STORY[0])],
    # 6:00-15:00: members ask, Sam answers.
    [
        pair
        for k in range(11)
        for pair in (
            (("Priya", "What would help?"), ("Sam", SAM_STORY[1]))
            if k % 3 == 0
            else (("Tom", "Did you ask your manager?"), ("Sam", SAM_STORY[2]))
            if k % 3 == 1
            else (("Ana", "What matters most to you here?"), ("Sam", SAM_STORY[0]))
        )
    ]
    + [("Priya", "How does that feel for you?")],
    # 15:00-18:00: advice.
    [("Tom", "Have you thought about an agency?"), ("Ana", "You should talk to your director."), ("Sam", "Maybe.")] * 5,
    # 18:00-21:00: Sam alone again.
    [("Sam", SAM_STORY[k % 3]) for k in range(15)],
    # 21:00-24:00: questions again.
    [("Ana", "What would help?"), ("Sam", SAM_STORY[2]), ("Tom", "Did you ask your manager?")] * 5,
]


@pytest.fixture
def long_session(tmp_path: Path) -> Path:
    """About 24 minutes of a set: some stretches with plenty of members' contributions, some with too few."""
    return write_vtt(tmp_path / "long-session.vtt", [line for stretch in STRETCHES for line in stretch], gap=GAP)


def show_report(page: Page, transcript: Path, **roles: str) -> None:
    page.get_by_label("Or choose a transcript file").set_input_files(transcript)
    for role, name in roles.items():
        page.get_by_role("textbox", name=role.capitalize()).fill(name)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(re.compile(r"^\d{1,3}%$"))


def test_the_time_chart_shows_counts_windows_too_few_to_judge_and_the_session_so_far(
    page: Page, server: LiveServer, long_session: Path, screenshot: Screenshot
) -> None:
    expected = service_report(server.url, long_session, presenter="Sam", facilitator="Gwen")
    timeline = expected["timeline"]
    windows: list[dict[str, Any]] = timeline["windows"]
    assert timeline["unit"] == "seconds"
    assert 6 <= len(windows) <= 12
    few = [w["too_few"] for w in windows]
    assert any(few), "the transcript should have a stretch with too few contributions"
    assert not all(few), "the transcript should have stretches with enough contributions"

    page.goto(server.url)
    show_report(page, long_session, presenter="Sam", facilitator="Gwen")
    chart = page.locator("#report svg.timeline-chart")
    expect(chart).to_be_visible()
    bars = chart.locator("g.window")
    expect(bars).to_have_count(len(windows))
    # Every bar shows its count of contributions.
    expect(chart.locator("g.window text.count")).to_have_text([str(w["contributions"]) for w in windows])
    for i, window in enumerate(windows):
        bar = bars.nth(i)
        if window["too_few"]:
            expect(bar).to_have_class(re.compile(r"\btoo-few\b"))
            expect(bar.locator("text.too-few-note")).to_have_text("too few to judge")
            expect(bar.locator("rect.bar")).to_have_count(0)
        else:
            expect(bar.locator("rect.bar")).to_have_count(1)
            expect(bar.locator("text.too-few-note")).to_have_count(0)
    # The line of the session so far: a point per window that has a figure, and its figures in the description.
    cumulative = [w["cumulative_ratio"] for w in windows if w["cumulative_ratio"] is not None]
    expect(chart.locator("circle.cumulative-point")).to_have_count(len(cumulative))
    expect(chart.locator("polyline.cumulative-line")).not_to_have_count(0)
    description = chart.locator("desc")
    last = windows[-1]
    expect(description).to_contain_text(f"{percent(last['cumulative_ratio'])} from the start up to here")
    expect(description).to_contain_text("too few to judge")
    expect(chart.locator("title").first).to_have_text("Questioning mode over the session")
    # The axis is labelled with times as m:ss.
    expect(chart.locator("text.tick").first).to_have_text(clock(windows[0]["start"]))
    judged = next(w for w in windows if not w["too_few"])
    expect(chart.locator("g.window:not(.too-few) title").first).to_contain_text(
        f"{clock(judged['start'])}–{clock(judged['end'])}: {judged['contributions']} contributions, "
        f"{percent(judged['questioning_ratio'])} questions or reflections"
    )
    expect(page.locator("#report figure.chart figcaption")).to_contain_text("too few contributions to judge")
    screenshot(page, "report-timeline")


def test_each_member_has_counts_shares_a_best_question_and_a_next_step(
    page: Page, server: LiveServer, long_session: Path, screenshot: Screenshot
) -> None:
    expected = service_report(server.url, long_session, presenter="Sam", facilitator="Gwen")
    members = {name: s for name, s in expected["speakers"].items() if s["role"] == "member"}
    assert list(members) == ["Priya", "Tom", "Ana"]

    page.goto(server.url)
    show_report(page, long_session, presenter="Sam", facilitator="Gwen")
    region = page.get_by_role("region", name="Each member")
    rows = region.locator("table.members-table tbody tr")
    expect(rows).to_have_count(3)
    labels = ["open_question", "closed_question", "reflection", "advice", "story"]
    for i, (name, figures) in enumerate(members.items()):
        cells = [name, str(sum(figures["counts"][label] for label in labels))] + [
            f"{figures['counts'][label]} ({percent(figures['percentages'][label])})" for label in labels
        ]
        expect(rows.nth(i).locator("th, td")).to_have_text(cells)
    expect(region.locator("thead th")).to_have_text(
        ["Member", "In all", "open questions", "closed questions", "reflections", "pieces of advice", "stories"]
    )
    # Priya only asked open questions.
    expect(rows.nth(0).locator("td").nth(1)).to_contain_text("(100%)")

    for name, figures in members.items():
        note = region.locator(f'.member-notes li[data-member="{name}"]')
        best = figures["best_question"]
        assert best is not None
        expect(note.locator("blockquote")).to_have_text(best["text"])
        expect(note).to_contain_text(f"at {clock(best['start'])}")
        expect(note.locator(".next-step")).to_have_text(f"A next step: {figures['next_step']}")
    # Sam presented and Gwen facilitated: they are not members.
    expect(region).not_to_contain_text("Gwen")
    expect(region.locator("table")).not_to_contain_text("Sam")
    screenshot(page, "report-members")


def test_counts_are_worded_one_piece_of_advice(page: Page, server: LiveServer) -> None:
    page.goto(server.url)
    page.get_by_label("Paste a transcript").fill(
        "Sam: The rota keeps falling apart and I'm the one covering shifts.\n"
        "Priya: What would help?\nTom: Have you thought about an agency?\nSam: Maybe.\n"
    )
    page.get_by_role("textbox", name="Presenter").fill("Sam")
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("50%")
    headline = page.get_by_role("region", name="How well the set stayed in questioning mode")
    expect(headline.locator(".figure").filter(has_text="of advice from members")).to_have_text(
        "1piece of advice from members"
    )
    expect(headline.locator(".figure").filter(has_text="said")).to_have_text("4things said")
    people = page.locator("#report .speaker-chart li")
    expect(people.filter(has_text="Tom")).to_contain_text(": 1 piece of advice")
    expect(people.filter(has_text="Priya")).to_contain_text(": 1 open question")
    expect(page.locator("#report")).not_to_contain_text("1 pieces")


def test_long_names_wrap_in_the_members_table_at_laptop_width(page: Page, server: LiveServer) -> None:
    long_name = "Maximiliana Featherstonehaugh-Cholmondeley-Worthington-Smythe Jones"
    unbroken = "Bartholomew" * 6
    page.goto(server.url)
    page.get_by_label("Paste a transcript").fill(
        "Sam: The rota keeps falling apart and I'm the one covering shifts.\n"
        f"{long_name}: What would help?\nSam: More hands, honestly.\n"
        f"{unbroken}: Did you ask your manager?\nSam: Not yet, to be honest with you.\n"
        "Tom: Have you thought about an agency?\n"
    )
    page.get_by_role("textbox", name="Presenter").fill("Sam")
    page.get_by_role("button", name="Show the report").click()
    table = page.locator("table.members-table")
    expect(table).to_be_visible()
    expect(table.locator("tbody th")).to_have_text([long_name, unbroken, "Tom"])
    fits = table.evaluate(
        """(table) => {
          const wrap = table.parentElement, card = table.closest('section');
          const names = [...table.querySelectorAll('tbody th')];
          return {
            table: table.scrollWidth <= wrap.clientWidth + 1,
            wrap: wrap.scrollWidth <= wrap.clientWidth + 1,
            card: table.getBoundingClientRect().right <= card.getBoundingClientRect().right,
            names: names.every((th) => th.scrollWidth <= th.clientWidth + 1),
            wrapped: names[0].getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(names[0]).lineHeight),
          };
        }"""
    )
    assert fits == {"table": True, "wrap": True, "card": True, "names": True, "wrapped": True}


def test_choosing_another_presenter_works_the_report_out_again(
    page: Page, server: LiveServer, long_session: Path, screenshot: Screenshot
) -> None:
    guessed = service_report(server.url, long_session)
    assert guessed["roles"]["presenter"] == "Sam"
    page.goto(server.url)
    show_report(page, long_session)
    picker = page.get_by_role("region", name="Who was who")
    expect(picker).to_contain_text("Coach found 5 speakers: Gwen, Sam, Priya, Tom, Ana.")
    presenter = picker.get_by_role("combobox", name="Presenter")
    facilitator = picker.get_by_role("combobox", name="Facilitator")
    expect(presenter).to_have_value("Sam")
    expect(facilitator).to_have_value(guessed["roles"]["facilitator"] or "")
    expect(presenter.locator("option")).to_have_text(["Let Coach work it out", "Gwen", "Sam", "Priya", "Tom", "Ana"])
    notice = picker.locator(".notice")
    expect(notice).to_contain_text("We assumed Sam was the presenter")
    expect(notice).to_contain_text("choose the presenter")
    expect(notice).to_contain_text("below")
    expect(page.locator("#report")).not_to_contain_text("--presenter")
    expect(page.locator("#report")).not_to_contain_text("field)")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(percent(guessed["summary"]["questioning_ratio"]))

    roles = {"presenter": "Priya"}
    if guessed["roles"]["facilitator"]:
        roles["facilitator"] = guessed["roles"]["facilitator"]
    expected = service_report(server.url, long_session, **roles)
    assert expected["summary"]["questioning_ratio"] != guessed["summary"]["questioning_ratio"]
    presenter.select_option("Priya")
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(percent(expected["summary"]["questioning_ratio"]))
    expect(page.locator("#report .speaker-chart")).to_contain_text("Priya (presenter)")
    expect(page.locator("#report .speaker-chart")).not_to_contain_text("Sam (presenter)")
    expect(page.get_by_role("region", name="Each member").locator("tbody th")).to_contain_text(["Sam"])
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_contain_text("Priya as the presenter")
    # The pick-list is drawn again with the new roles, keeps the keyboard where it was, and the form agrees.
    expect(page.get_by_role("combobox", name="Presenter")).to_have_value("Priya")
    expect(page.get_by_role("combobox", name="Presenter")).to_be_focused()
    expect(page.get_by_role("textbox", name="Presenter")).to_have_value("Priya")
    screenshot(page, "report-roles-changed")

    # The same person cannot hold both roles: choosing Priya to facilitate lets Coach work out the presenter again.
    page.get_by_role("combobox", name="Facilitator").select_option("Priya")
    expect(page.get_by_role("combobox", name="Facilitator")).to_have_value("Priya")
    expect(page.locator("#report .speaker-chart")).to_contain_text("Priya (facilitator)")
    expect(page.get_by_role("alert")).to_have_count(0)


def test_print_shows_the_report_alone(page: Page, server: LiveServer, long_session: Path) -> None:
    page.goto(server.url)
    show_report(page, long_session, presenter="Sam", facilitator="Gwen")
    expect(page.get_by_role("button", name="Print or save the report")).to_be_visible()
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print or save the report").click()
    assert page.evaluate("window.printed") is True

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Pages")).to_be_hidden()
    expect(page.locator("#analyse-form")).to_be_hidden()
    expect(page.get_by_role("region", name="Who was who")).to_be_hidden()
    expect(page.get_by_role("button", name="Print or save the report")).to_be_hidden()
    expect(page.get_by_test_id("questioning-ratio")).to_be_visible()
    expect(page.locator("#report svg.timeline-chart")).to_be_visible()
    styles = page.locator("#report section.card").first.evaluate(
        "(card) => ({ colour: getComputedStyle(card).color, split: getComputedStyle(card).breakInside })"
    )
    assert styles == {"colour": "rgb(0, 0, 0)", "split": "avoid"}
    # Charts and tables take the whole width of the page.
    widths = page.evaluate(
        """() => {
          const main = document.querySelector('main').clientWidth;
          const chart = document.querySelector('#report svg.timeline-chart').getBoundingClientRect().width;
          const table = document.querySelector('#report table.members-table').getBoundingClientRect().width;
          return [chart / main, table / main];
        }"""
    )
    assert all(share > 0.9 for share in widths), widths
    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Pages")).to_be_visible()
