from __future__ import annotations

import re
from html.parser import HTMLParser

from coach.feedback.render_html import render_html
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.report_model import Report
from coach.feedback.roles import Roles
from coach.feedback.session import Session


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_self_contained(sample_report: Report) -> None:
    page = render_html(sample_report)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"https?://", page)
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert "@import" not in page
    assert '<html lang="en">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_utterance_text_is_escaped(sample_report: Report) -> None:
    page = render_html(sample_report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_charts_are_svg_and_labelled(sample_report: Report) -> None:
    page = render_html(sample_report)
    svgs = [attrs for tag, attrs in tags(page) if tag == "svg"]
    assert len(svgs) == 2
    for attrs in svgs:
        assert attrs["role"] == "img"
        assert attrs.get("aria-labelledby")
        for target in (attrs["aria-labelledby"] or "").split():
            assert f'id="{target}"' in page
    assert '<title id="timeline-title">Questioning mode per 2 minutes</title>' in page
    assert '<title id="members-title">Members\' utterances by label</title>' in page
    assert page.count("<rect") >= 4


def test_headings_and_content(sample_report: Report) -> None:
    page = render_html(sample_report)
    headings = re.findall(r"<h([12])[^>]*>(.*?)</h\1>", page)
    assert headings[0] == ("1", "Coach session report")
    assert [text for level, text in headings if level == "2"] == [
        "Summary",
        "Questioning mode per 2 minutes",
        "Who said what",
        "Each member",
        "What went well",
        "Moments worth discussing",
        "Open ways to ask",
        "Every utterance",
    ]
    assert "What happened when you told your manager?" in page
    assert "We assumed Sam was the presenter" in page
    assert "Next time: 1 piece of your advice came as a question" in page


def test_empty_report_renders(rephraser: Rephraser) -> None:
    page = render_html(build_report(Session((), Roles((), {})), rephraser=rephraser))
    assert "<svg" not in page
    assert "Members said too little" in page
    assert page.rstrip().endswith("</html>")
