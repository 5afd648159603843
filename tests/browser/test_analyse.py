"""The analyse page at ``/``: a transcript pasted or uploaded, the report shown, the downloads and the errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer, Screenshot
from tests.browser.helpers import (
    NOT_A_TRANSCRIPT,
    OTTER,
    SESSION_JSON,
    ZOOM_VTT,
    clock,
    percent,
    service_error,
    service_report,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def show_report(page: Page) -> None:
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(re.compile(r"^\d{1,3}%$"))


def test_pasted_transcript_shows_ratio_charts_best_questions_and_moments(
    page: Page, server: LiveServer, screenshot: Screenshot
) -> None:
    expected = service_report(server.url, OTTER)
    page.goto(server.url)
    page.get_by_label("Paste a transcript").fill(OTTER.read_text(encoding="utf-8"))
    show_report(page)

    expect(page.get_by_test_id("questioning-ratio")).to_have_text(percent(expected["summary"]["questioning_ratio"]))
    expect(page.get_by_text(expected["feedback"]["headline"])).to_be_visible()
    expect(page.locator("#report svg.timeline-chart")).to_be_visible()
    expect(page.locator("#report .speaker-chart")).to_be_visible()
    expect(page.locator("#report .speaker-chart")).to_contain_text("Joanne McBride")

    best = page.get_by_role("region", name="What went well")
    first_best = expected["feedback"]["went_well"][0]
    expect(best).to_contain_text(first_best["quote"])
    expect(best).to_contain_text(first_best["why"])
    expect(best).to_contain_text(f"{first_best['speaker']}, {clock(first_best['start'])}")

    moments = page.get_by_role("region", name="Moments worth discussing")
    first_moment = expected["feedback"]["moments"][0]
    expect(moments).to_contain_text(first_moment["quote"])
    expect(moments).to_contain_text(first_moment["why"])
    expect(moments).to_contain_text(f"{first_moment['speaker']}, {clock(first_moment['start'])}")

    # The presenter was guessed, and the page says so and how to name another.
    expect(page.get_by_text("We assumed Joanne McBride was the presenter")).to_be_visible()
    screenshot(page, "analyse-report")


def test_vtt_file_with_a_named_presenter(page: Page, server: LiveServer, screenshot: Screenshot) -> None:
    expected = service_report(server.url, ZOOM_VTT, presenter="Aisha Khan")
    page.goto(server.url)
    page.get_by_label("Or choose a transcript file").set_input_files(ZOOM_VTT)
    expect(page.get_by_text("Chosen: zoom.vtt")).to_be_visible()
    page.get_by_label("Presenter").fill("Aisha Khan")
    show_report(page)

    expect(page.get_by_test_id("questioning-ratio")).to_have_text(percent(expected["summary"]["questioning_ratio"]))
    expect(page.locator("#report .speaker-chart")).to_contain_text("Aisha Khan (presenter)")
    # The presenter was named; the facilitator, who opened, invited questions and paused advice, was found.
    expect(page.get_by_text("We assumed Helen Price was the facilitator")).to_be_visible()
    expect(page.get_by_text("We assumed Grace")).to_have_count(0)
    rephrasings = page.get_by_role("region", name="Questions that could be asked more openly")
    first = expected["feedback"]["rephrasings"][0]
    expect(rephrasings).to_contain_text(first["original"])
    expect(rephrasings).to_contain_text(first["suggestions"][0])
    screenshot(page, "analyse-vtt-presenter")


def test_json_file_and_both_downloads(page: Page, server: LiveServer, tmp_path: Path) -> None:
    expected = service_report(server.url, SESSION_JSON)
    page.goto(server.url)
    page.get_by_label("Or choose a transcript file").set_input_files(SESSION_JSON)
    show_report(page)
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(percent(expected["summary"]["questioning_ratio"]))
    # In the chart of what each person said (the labelled transcript, closed, names her role on each of her lines too).
    expect(page.locator("#report .speaker-chart").get_by_text("Margaret Shaw (facilitator)")).to_be_visible()

    with page.expect_download() as json_download:
        page.get_by_role("link", name="Download the report data (JSON)").click()
    assert json_download.value.suggested_filename == "coach-report.json"
    saved = tmp_path / "report.json"
    json_download.value.save_as(saved)
    report = json.loads(saved.read_text(encoding="utf-8"))
    assert report["summary"]["questioning_ratio"] == expected["summary"]["questioning_ratio"]
    assert len(report["utterances"]) == len(expected["utterances"])

    with page.expect_download() as html_download:
        page.get_by_role("link", name="Download the report as a web page").click()
    assert html_download.value.suggested_filename == "coach-report.html"
    html_file = tmp_path / "report.html"
    html_download.value.save_as(html_file)
    html = html_file.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert "Hannah Lewis" in html


def test_a_file_that_is_not_a_transcript_shows_the_service_error(
    page: Page, server: LiveServer, screenshot: Screenshot
) -> None:
    message = service_error(server.url, NOT_A_TRANSCRIPT)
    page.goto(server.url)
    # A report first, so the page must also take away what no longer applies.
    page.get_by_label("Paste a transcript").fill(
        "Sam: The rota keeps falling apart.\nPriya: What matters most to you here?\n"
    )
    show_report(page)
    page.get_by_label("Or choose a transcript file").set_input_files(NOT_A_TRANSCRIPT)
    page.get_by_role("button", name="Show the report").click()

    alert = page.get_by_role("alert")
    expect(alert).to_have_text(message)
    expect(alert).to_contain_text("is this a transcript?")
    expect(page.get_by_test_id("questioning-ratio")).to_have_count(0)
    expect(page.get_by_role("link", name="Download the report data (JSON)")).to_be_hidden()
    screenshot(page, "analyse-error")


def test_nothing_to_analyse_says_what_to_do(page: Page, server: LiveServer) -> None:
    page.goto(server.url)
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("alert")).to_have_text("Paste a transcript or choose a file first.")


def test_a_chosen_file_can_be_removed_to_use_the_pasted_text(page: Page, server: LiveServer) -> None:
    page.goto(server.url)
    page.get_by_label("Or choose a transcript file").set_input_files(NOT_A_TRANSCRIPT)
    page.get_by_role("button", name="Remove the chosen file").click()
    expect(page.get_by_text("Chosen: not_a_transcript.txt")).to_have_count(0)
    page.get_by_label("Paste a transcript").fill(
        "Sam: The rota keeps falling apart.\nPriya: What matters most to you here?\n"
    )
    show_report(page)
    expect(page.get_by_test_id("questioning-ratio")).to_have_text("100%")
