"""The labelled transcript at the end of the report: every utterance with its label and how sure the model was, the
unsure ones marked, the filters by label and by speaker, the moments' links to their lines, a phone and a print; on
the analyse page and on a saved session's page (where members' labels can be corrected, tests/browser/test_sets.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from coach.api.app import create_app
from coach.classifier import Coach
from coach.classifier.base import UtterancePrediction, predictions_from_probabilities
from coach.labels import DISPLAY_ORDER, LABEL_STYLES, LABELS
from tests.browser.conftest import LiveServer, Screenshot, serve, throwaway_settings
from tests.browser.helpers import clock, create_set, percent, save_session, service_report, write_vtt
from tests.browser.test_accessibility import SCROLL_WIDTH
from tests.browser.test_axe import violations
from tests.fakes import KeywordClassifier

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Seconds between cues.
GAP = 15
#: Gwen facilitates, Sam presents; Priya, Tom and Ana ask, and Tom and Ana advise (once as a question). The lines
#: with "maybe" or "perhaps" are the ones UnsureClassifier is unsure of.
TURNS = [
    ("Gwen", "Welcome back, everyone. Sam, over to you."),
    ("Sam", "The rota keeps falling apart and I'm the one covering the night shifts myself."),
    ("Priya", "What would help most right now?"),
    ("Sam", "Maybe more hands on the ward, to be honest."),
    ("Tom", "Have you thought about an agency?"),
    ("Sam", "We tried one last year and it was patchy."),
    ("Ana", "Did you ask your manager for cover?"),
    ("Sam", "Twice, and she said there is no budget for it."),
    ("Tom", "You should talk to your director."),
    ("Priya", "What matters most to you about the team?"),
    ("Sam", "That they stay, honestly. I can't lose anyone else this winter."),
    ("Ana", "Perhaps you could try the bank staff instead."),
    ("Gwen", "We're nearly at time. Sam, what will you do?"),
    ("Sam", "I'll ring the two other ward managers on Monday."),
]
ROLES = {"presenter": "Sam", "facilitator": "Gwen"}
SUMMARY = re.compile(r"^Show all \d+ utterances? with their labels$")


class UnsureClassifier(KeywordClassifier):
    """The keyword classifier, but only 40% sure of a sentence with "maybe" or "perhaps" in it (90% of the rest)."""

    def predict(self, texts: Sequence[str], contexts: Sequence[str] | None = None) -> list[UtterancePrediction]:
        probabilities = np.zeros((len(texts), len(LABELS)))
        for row, text in enumerate(texts):
            sure = 0.4 if re.search(r"\b(maybe|perhaps)\b", text.lower()) else 0.9
            probabilities[row, :] = (1.0 - sure) / (len(LABELS) - 1)
            probabilities[row, LABELS.index(self.label_of(text))] = sure
        return predictions_from_probabilities(texts, probabilities, LABELS)


@pytest.fixture(scope="module")
def unsure_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with UnsureClassifier and a throw-away database of its own."""
    settings = throwaway_settings(tmp_path_factory.mktemp("unsure-server-db"))
    live = serve(create_app(settings, coach=Coach(UnsureClassifier())))
    yield live
    live.stop()


@pytest.fixture
def session_vtt(tmp_path: Path) -> Path:
    return write_vtt(tmp_path / "rota.vtt", TURNS, gap=GAP)


def show_report(page: Page, transcript: Path) -> None:
    page.get_by_label("Or choose a transcript file").set_input_files(transcript)
    page.get_by_role("textbox", name="Presenter").fill(ROLES["presenter"])
    page.get_by_role("textbox", name="Facilitator").fill(ROLES["facilitator"])
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_test_id("questioning-ratio")).to_have_text(re.compile(r"^\d{1,3}%$"))


def open_transcript(page: Page) -> None:
    page.locator("#report summary").filter(has_text=SUMMARY).click()
    expect(page.locator("table.transcript")).to_be_visible()


def label_words(utterance: dict[str, Any]) -> str:
    if utterance["label"] == "advice" and utterance["leading"]:
        return "advice (as a question)"
    return LABEL_STYLES[utterance["label"]].name


def speaker_words(utterance: dict[str, Any]) -> str:
    speaker, role = str(utterance["speaker"]), utterance["role"]
    return speaker if role == "member" else f"{speaker} ({role})"


def row_ids(page: Page, rows: str) -> list[str]:
    """The ids of the transcript's lines that match the CSS selector ``rows``, in order."""
    ids: list[str] = page.locator(f"table.transcript tbody {rows}").evaluate_all("(rows) => rows.map((r) => r.id)")
    return ids


def shown_ids(page: Page) -> list[str]:
    """The lines that are not hidden."""
    return row_ids(page, "tr:not([hidden])")


def unsure_ids(page: Page) -> list[str]:
    """The lines marked unsure."""
    return row_ids(page, "tr:has(.unsure)")


def test_the_analyse_page_shows_every_utterance_with_its_label(
    page: Page, server: LiveServer, session_vtt: Path, screenshot: Screenshot
) -> None:
    utterances: list[dict[str, Any]] = service_report(server.url, session_vtt, **ROLES)["utterances"]
    assert len(utterances) > len(TURNS), "some turns should be two utterances"
    assert any(u["leading"] for u in utterances), "one piece of advice should come as a question"
    page.goto(server.url)
    show_report(page, session_vtt)
    region = page.get_by_role("region", name="Every utterance, as Coach labelled it")
    expect(region.get_by_role("heading", level=2)).to_have_text("Every utterance, as Coach labelled it")
    # The transcript is the last thing in the report, and closed at first.
    expect(page.locator("#report > section").last).to_have_attribute("aria-labelledby", "transcript-heading")
    expect(region.locator("summary")).to_have_text(f"Show all {len(utterances)} utterances with their labels")
    expect(region.locator("table.transcript")).to_be_hidden()

    open_transcript(page)
    rows = region.locator("table.transcript tbody tr")
    expect(rows).to_have_count(len(utterances))
    expect(region.locator("thead th")).to_have_text(["When", "Speaker", "Label", "Sure", "What was said"])
    expect(rows.locator("td.when")).to_have_text([clock(u["start"]) for u in utterances])
    expect(rows.locator("td.speaker")).to_have_text([speaker_words(u) for u in utterances])
    expect(rows.locator("td.label-cell .tag")).to_have_text([label_words(u) for u in utterances])
    expect(rows.locator("td.sure")).to_have_text([percent(u["confidence"]) for u in utterances])
    expect(rows.locator("td.said")).to_have_text([u["text"] for u in utterances])
    ids = rows.evaluate_all("(rows) => rows.map((r) => [r.id, r.dataset.label, r.dataset.speaker])")
    assert ids == [[f"u-{u['index']}", u["label"], u["speaker"]] for u in utterances]
    # The keyword classifier is 90% sure of everything: no line is marked unsure.
    assert unsure_ids(page) == [f"u-{u['index']}" for u in utterances if u["confidence"] < 0.5] == []
    screenshot(page, "report-transcript")


def test_lines_the_model_was_unsure_of_are_marked(
    page: Page, unsure_server: LiveServer, session_vtt: Path, screenshot: Screenshot
) -> None:
    utterances: list[dict[str, Any]] = service_report(unsure_server.url, session_vtt, **ROLES)["utterances"]
    unsure = [f"u-{u['index']}" for u in utterances if u["confidence"] < 0.5]
    assert 0 < len(unsure) < len(utterances)
    page.goto(unsure_server.url)
    show_report(page, session_vtt)
    open_transcript(page)
    assert unsure_ids(page) == unsure
    for line in unsure:
        mark = page.locator(f"#{line} td.label-cell .unsure")
        expect(mark).to_have_text("unsure")
        expect(mark).to_be_visible()
        expect(mark).to_have_attribute("title", re.compile(r"unsure of this label \(40% sure\)"))
        expect(page.locator(f"#{line} td.sure")).to_have_text("40%")
    sure = next(u for u in utterances if u["confidence"] >= 0.5)
    expect(page.locator(f"#u-{sure['index']} td.label-cell")).not_to_contain_text("unsure")
    screenshot(page, "report-transcript-unsure")


def test_a_saved_session_marks_unsure_labels_beside_its_drop_downs(page: Page, unsure_server: LiveServer) -> None:
    set_id = create_set(unsure_server.url, "Unsure set")
    text = "".join(f"{speaker}: {said}\n" for speaker, said in TURNS)
    report = save_session(unsure_server.url, set_id, text, "2026-11-04", **ROLES)
    utterances: list[dict[str, Any]] = report["utterances"]
    page.goto(f"{unsure_server.url}/sets/session?set={set_id}&session={report['session_id']}")
    expect(page.get_by_test_id("questioning-ratio")).to_be_visible()
    region = page.get_by_role("region", name="Every utterance, as Coach labelled it")
    expect(region).to_contain_text("Coach's labels are sometimes wrong.")
    open_transcript(page)
    expect(region.locator("tbody tr")).to_have_count(len(utterances))
    assert unsure_ids(page) == [f"u-{u['index']}" for u in utterances if u["confidence"] < 0.5]
    # Ana (a member) was the advice the model was unsure of: her line has the drop-down and the mark.
    ana = next(u for u in utterances if u["speaker"] == "Ana" and u["confidence"] < 0.5)
    cell = page.locator(f"#u-{ana['index']} td.label-cell")
    expect(cell.get_by_role("combobox", name=re.compile("^Label of what Ana said"))).to_have_value(ana["label"])
    expect(cell.locator(".unsure")).to_be_visible()
    # Sam presented: his lines show their label as it is, unsure or not.
    sam = next(u for u in utterances if u["speaker"] == "Sam" and u["confidence"] < 0.5)
    expect(page.locator(f"#u-{sam['index']} td.label-cell").get_by_role("combobox")).to_have_count(0)
    expect(page.locator(f"#u-{sam['index']} td.label-cell")).to_have_text(f"{label_words(sam)} unsure")


def test_the_filters_show_one_label_and_one_speaker(page: Page, server: LiveServer, session_vtt: Path) -> None:
    utterances: list[dict[str, Any]] = service_report(server.url, session_vtt, **ROLES)["utterances"]
    total = len(utterances)
    page.goto(server.url)
    show_report(page, session_vtt)
    open_transcript(page)
    by_label = page.get_by_label("Show label")
    by_speaker = page.get_by_label("Show speaker")
    status = page.get_by_role("status").filter(has_text="Showing")
    expect(by_label.locator("option")).to_have_text(["Every label", *(LABEL_STYLES[k].name for k in DISPLAY_ORDER)])
    speakers = list(dict.fromkeys(u["speaker"] for u in utterances))
    assert speakers == ["Gwen", "Sam", "Priya", "Tom", "Ana"]
    expect(by_speaker.locator("option")).to_have_text(["Everyone", *speakers])
    expect(status).to_have_text(f"Showing {total} of {total} utterances")
    assert len(shown_ids(page)) == total

    def ids(label: str | None = None, speaker: str | None = None) -> list[str]:
        return [
            f"u-{u['index']}"
            for u in utterances
            if (label is None or u["label"] == label) and (speaker is None or u["speaker"] == speaker)
        ]

    by_label.select_option(label="advice")
    advice = ids(label="advice")
    assert 1 < len(advice) < total
    expect(status).to_have_text(f"Showing {len(advice)} of {total} utterances")
    assert shown_ids(page) == advice
    expect(page.locator("table.transcript tbody tr:not([hidden]) .tag").first).to_have_text("advice (as a question)")

    by_speaker.select_option("Tom")
    toms_advice = ids(label="advice", speaker="Tom")
    assert 0 < len(toms_advice) < len(advice)
    expect(status).to_have_text(f"Showing {len(toms_advice)} of {total} utterances")
    assert shown_ids(page) == toms_advice

    by_label.select_option(label="Every label")
    expect(status).to_have_text(f"Showing {len(ids(speaker='Tom'))} of {total} utterances")
    assert shown_ids(page) == ids(speaker="Tom")
    expect(page.locator("table.transcript tbody tr:not([hidden]) td.speaker")).to_have_text(
        ["Tom"] * len(ids(speaker="Tom"))
    )

    by_label.select_option(label="reflection")
    assert ids(label="reflection", speaker="Tom") == []
    expect(status).to_have_text(f"Showing 0 of {total} utterances")
    assert shown_ids(page) == []

    # Worked out again with other roles, the report keeps the transcript open and filtered as it was.
    by_label.select_option(label="Every label")
    page.get_by_role("combobox", name="Presenter").select_option("Priya")
    expect(page.get_by_role("status").filter(has_text="Report updated")).to_contain_text("Priya as the presenter")
    expect(page.locator("table.transcript")).to_be_visible()
    expect(page.get_by_label("Show speaker")).to_have_value("Tom")
    expect(status).to_have_text(f"Showing {len(ids(speaker='Tom'))} of {total} utterances")


def test_a_moment_opens_the_transcript_at_its_line(page: Page, server: LiveServer, session_vtt: Path) -> None:
    report = service_report(server.url, session_vtt, **ROLES)
    utterances: list[dict[str, Any]] = report["utterances"]
    moment = report["feedback"]["moments"][0]
    page.goto(server.url)
    show_report(page, session_vtt)
    # A filter that hides the moment's line, and the transcript closed again.
    open_transcript(page)
    others = next(u["speaker"] for u in utterances if u["speaker"] != moment["speaker"])
    page.get_by_label("Show speaker").select_option(others)
    row = page.locator(f"#u-{moment['index']}")
    expect(row).to_be_hidden()
    page.locator("#report summary").click()
    expect(page.locator("table.transcript")).to_be_hidden()
    page.evaluate("window.scrollTo(0, 0)")

    moments = page.get_by_role("region", name="Moments worth discussing")
    link = moments.get_by_role("listitem").first.get_by_role("link", name="see it in the transcript")
    expect(link).to_have_attribute("href", f"#u-{moment['index']}")
    expect(row).not_to_be_in_viewport()
    link.click()
    expect(row).to_be_visible()
    expect(row).to_be_in_viewport()
    expect(row).to_be_focused()
    expect(row).to_have_class(re.compile(r"\btargeted\b"))
    expect(row).to_have_css("background-color", "rgb(255, 243, 196)")
    expect(row.locator("td.said")).to_have_text(next(u["text"] for u in utterances if u["index"] == moment["index"]))
    expect(page.get_by_label("Show speaker")).to_have_value("")
    expect(page.get_by_role("status").filter(has_text="Showing")).to_have_text(
        f"Showing {len(utterances)} of {len(utterances)} utterances"
    )

    # What went well link to their lines too; only the line last linked to is marked.
    best = report["feedback"]["went_well"][0]
    page.evaluate("window.scrollTo(0, 0)")
    page.get_by_role("region", name="What went well").get_by_role("link").first.click()
    expect(page.locator(f"#u-{best['index']}")).to_be_in_viewport()
    expect(page.locator("tr.targeted")).to_have_count(1)
    expect(page.locator("tr.targeted")).to_have_id(f"u-{best['index']}")
    # Each moment, best open question and question that could be asked more openly has its one link.
    links = page.locator("#report a[href^='#u-']")
    indexes = [m["index"] for m in report["feedback"]["moments"] + report["feedback"]["went_well"]]
    indexes += [r["index"] for r in report["feedback"]["rephrasings"]]
    expect(links).to_have_count(len(indexes))


def test_the_transcript_fits_a_phone_and_prints_whole(
    phone: Page, server: LiveServer, session_vtt: Path, screenshot: Screenshot
) -> None:
    phone.goto(server.url)
    show_report(phone, session_vtt)
    open_transcript(phone)
    phone.get_by_label("Show speaker").select_option("Sam")
    assert phone.evaluate(SCROLL_WIDTH) <= 375 + 1
    fits = phone.locator("table.transcript").evaluate(
        """(table) => {
          const wrap = table.closest('.transcript-wrap');
          return { wrap: wrap.tabIndex, table: table.scrollWidth <= wrap.clientWidth + 1,
                   rows: [...table.querySelectorAll('tbody tr:not([hidden])')].every(
                     (row) => row.getBoundingClientRect().right <= wrap.getBoundingClientRect().right + 1) };
        }"""
    )
    assert fits == {"wrap": 0, "table": True, "rows": True}
    screenshot(phone, "phone-report-transcript")

    phone.get_by_label("Show speaker").select_option("")
    phone.locator("#report summary").click()  # closed again: a print shows every line all the same
    phone.emulate_media(media="print")
    expect(phone.locator("table.transcript")).to_be_visible()
    expect(phone.locator("table.transcript tbody tr").last).to_be_visible()
    expect(phone.get_by_label("Show label")).to_be_hidden()
    expect(phone.get_by_label("Show speaker")).to_be_hidden()
    expect(phone.locator("#report summary")).to_be_hidden()
    expect(phone.get_by_role("link", name="see it in the transcript")).to_have_count(0)
    phone.emulate_media(media="screen")
    expect(phone.locator("table.transcript")).to_be_hidden()


def test_the_open_transcript_has_no_serious_accessibility_issue(
    page: Page, unsure_server: LiveServer, session_vtt: Path
) -> None:
    page.goto(unsure_server.url)
    show_report(page, session_vtt)
    open_transcript(page)
    page.get_by_role("region", name="Moments worth discussing").get_by_role("link").first.click()
    assert violations(page) == []

    set_id = create_set(unsure_server.url, "Axe set")
    text = "".join(f"{speaker}: {said}\n" for speaker, said in TURNS)
    report = save_session(unsure_server.url, set_id, text, "2026-11-05", **ROLES)
    page.goto(f"{unsure_server.url}/sets/session?set={set_id}&session={report['session_id']}")
    open_transcript(page)
    assert violations(page) == []
