"""What a facilitator sees at a glance: a 40-turn session's report, one screen per thing they look for, and
screenshots of the report, live and practice pages at laptop and phone width (``tests/browser/screenshots/``, kept
by CI as artefacts, not committed)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.browser.conftest import REPO, LiveServer, Traffic, new_context
from tests.browser.helpers import write_vtt

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENS = REPO / "tests" / "browser" / "screenshots"
LAPTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}

#: 40 turns of a set meeting, with times: Gwen facilitates, Sam presents, four members ask and sometimes advise.
FORTY_TURNS = [
    ("Gwen", "Morning, everyone. Sam, over to you."),
    ("Sam", "The rota keeps falling apart and I'm the one covering the night shifts myself."),
    *[
        turn
        for k in range(14)
        for turn in (
            [("Priya", "What has the rota been like for you?"), ("Sam", "Exhausting, and nobody else sees it.")],
            [("Tom", "Did you ask your manager for cover?"), ("Sam", "Twice, and she said there is no budget.")],
            [("Ana", "Have you thought about an agency?"), ("Sam", "We tried one last year and it was patchy.")],
            [("Kofi", "What would a good month look like?"), ("Sam", "Nobody doing more than one night a week.")],
        )[k % 4]
    ],
    ("Tom", "You should talk to your director."),
    ("Ana", "You should put it on the risk register."),
    ("Priya", "What matters most to you about the team?"),
    ("Sam", "That they stay, honestly. I can't lose anyone else this winter."),
    ("Kofi", "Did you tell the team how stretched you are?"),
    ("Sam", "Not really. I didn't want to worry them."),
    ("Gwen", "We've got five minutes left. Sam, what will you do?"),
    ("Sam", "I'll ring the two other ward managers on Monday."),
    ("Sam", "And I will book a meeting with my manager about the budget."),
    ("Gwen", "Thank you, everyone."),
]


def transcript(tmp_path: Path) -> Path:
    return write_vtt(tmp_path / "forty-turns.vtt", FORTY_TURNS, gap=20)


def show_report(page: Page, path: Path) -> None:
    page.get_by_label("Or choose a transcript file").set_input_files(path)
    page.get_by_label("Presenter", exact=True).fill("Sam")
    page.get_by_label("Facilitator").fill("Gwen")
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(re.compile(r"^\d{1,3}%$"))


def height(page: Page, heading: str) -> float:
    box = page.get_by_role("region", name=heading).bounding_box()
    assert box is not None, heading
    return float(box["height"])


def test_a_forty_turn_report_shows_each_thing_in_one_screen(page: Page, server: LiveServer, tmp_path: Path) -> None:
    assert len(FORTY_TURNS) == 40
    page.set_viewport_size(LAPTOP)
    page.goto(server.url)
    show_report(page, transcript(tmp_path))
    screen = LAPTOP["height"]
    # The headline, each member's figures and next step, the moments and the actions: each fits one screen.
    for heading in (
        "How well the set stayed in questioning mode",
        "Each member",
        "Moments worth discussing",
        "Actions to report back on",
    ):
        assert height(page, heading) <= screen, heading
    members = page.get_by_role("region", name="Each member")
    for name in ("Priya", "Tom", "Ana", "Kofi"):
        expect(members).to_contain_text(name)
    expect(members.locator(".next-step, li").first).to_be_visible()
    actions = page.get_by_role("region", name="Actions to report back on")
    expect(actions).to_contain_text("ring the two other ward managers")
    # Every moment links to its line in the labelled transcript, and the link brings that line into view.
    moments = page.get_by_role("region", name="Moments worth discussing")
    links = moments.get_by_role("link")
    expect(links).not_to_have_count(0)
    for k in range(links.count()):
        target = links.nth(k).get_attribute("href")
        assert target is not None
        assert target.startswith("#u-"), target
        links.nth(k).click()
        expect(page.locator(target)).to_be_in_viewport()


@pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1280", "390"])
def test_screenshots_of_the_report_live_and_practice(
    browser: Browser, server: LiveServer, tmp_path: Path, size: ViewportSize
) -> None:
    traffic = Traffic()
    context = new_context(browser, traffic, viewport=size)
    page = context.new_page()
    SCREENS.mkdir(parents=True, exist_ok=True)
    width = size["width"]

    page.goto(server.url)
    show_report(page, transcript(tmp_path))
    page.screenshot(path=str(SCREENS / f"report-{width}.png"), full_page=True)

    page.goto(f"{server.url}/live")
    expect(page.get_by_role("status")).to_have_text("Connected. Ready.")
    for speaker, text in FORTY_TURNS[:6]:
        page.get_by_label("Who is speaking").fill(speaker)
        page.get_by_label("What they said").fill(text)
        page.get_by_role("button", name="Add").click()
    # The feed has a line per sentence Coach labels: Gwen's opening is two ("Morning, everyone." "Sam, over to you.").
    expect(page.locator("#feed li")).to_have_count(7)
    expect(page.locator("#feed li").last).to_contain_text(FORTY_TURNS[5][1])
    page.screenshot(path=str(SCREENS / f"live-{width}.png"), full_page=True)

    page.goto(f"{server.url}/practice")
    page.get_by_label("Your question").fill("Did you ask your manager for cover?")
    page.get_by_role("button", name="Check my question").click()
    expect(page.get_by_test_id("explanation")).to_be_visible()
    page.screenshot(path=str(SCREENS / f"practice-{width}.png"), full_page=True)
    context.close()
    traffic.check()

    for name in ("report", "live", "practice"):
        shot = SCREENS / f"{name}-{width}.png"
        assert shot.stat().st_size > 10_000, shot
