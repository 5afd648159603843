from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

from coach.feedback.render_html import render_html, render_report_body, standalone_script_source, stylesheet
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
    assert not re.search(r"<(link|img|iframe)\b|\bsrc=", page)
    assert "@import" not in page
    assert '<html lang="en">' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    # The one stylesheet with the labels' colours, and one inline script, which the policy allows by its hash.
    assert stylesheet() in page
    assert "--advice: #D55E00;" in page
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert standalone_script_source() == f"'sha256-{digest}'"


def test_the_page_holds_the_report_the_web_pages_show(sample_report: Report) -> None:
    body = render_report_body(sample_report)
    assert body in render_html(sample_report)
    for tag in ("<html", "<style", "<script"):
        assert tag not in body


def test_utterance_text_is_escaped(sample_report: Report) -> None:
    page = render_report_body(sample_report)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page


def test_charts_are_svg_and_labelled(sample_report: Report) -> None:
    page = render_html(sample_report)
    charts = [attrs for tag, attrs in tags(page) if tag == "svg" and attrs.get("role") == "img"]
    assert len(charts) == 1
    for target in (charts[0]["aria-labelledby"] or "").split():
        assert f'id="{target}"' in page
    assert '<title id="timeline-title">Questioning mode over the session</title>' in page
    assert "per 2 minutes; higher is better" in page
    # The speakers' bars are HTML, each with its counts in words for a screen reader.
    assert '<span class="visually-hidden">: ' in page
    assert page.count('class="window') >= 2


def test_headings_and_content(sample_report: Report) -> None:
    page = render_html(sample_report)
    headings = re.findall(r"<h([12])[^>]*>(.*?)</h\1>", page)
    assert headings[0] == ("1", "Coach session report")
    assert [text for level, text in headings if level == "2"] == [
        "How well the set stayed in questioning mode",
        "Over time and by person",
        "Each member",
        "What went well",
        "Moments worth discussing",
        "Questions that could be asked more openly",
        "Actions to report back on",
        "Every utterance, as Coach labelled it",
    ]
    assert "What happened when you told your manager?" in page
    assert "We assumed Sam was the presenter" in page
    assert "1 piece of your advice came as a question" in page
    assert '<a href="#u-' in page


def test_empty_report_renders(rephraser: Rephraser) -> None:
    page = render_html(build_report(Session((), Roles((), {})), rephraser=rephraser))
    assert 'role="img"' not in page
    assert "Members said too little" in page
    assert "Nothing was said yet." in page
    assert page.rstrip().endswith("</html>")
