from __future__ import annotations

import pytest

from coach.feedback.render_text import format_time, percent, render_text
from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report
from coach.feedback.report_model import Report
from coach.feedback.roles import Roles
from coach.feedback.session import Session


def test_sections_and_width(sample_report: Report) -> None:
    text = render_text(sample_report)
    for heading in (
        "Coach session report",
        "Summary",
        "Labels (everyone)",
        "Speakers",
        "Questioning mode over time (per 2 min)",
        "What went well",
        "Moments worth discussing",
        "Open ways to ask",
    ):
        assert f"\n{heading}\n" in f"\n{text}"
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "Questioning mode (members)     57%" in text
    assert '[5:00] Tom: "Have you thought about talking to HR?"' in text
    assert "    -> What happened when you told your manager?" in text
    assert "We assumed Sam was the presenter" in text


def test_narrow_terminal(sample_report: Report) -> None:
    text = render_text(sample_report, width=60)
    assert all(len(line) <= 70 for line in text.splitlines())


def test_empty_report_renders(rephraser: Rephraser) -> None:
    text = render_text(build_report(Session((), Roles((), {})), rephraser=rephraser))
    assert "Members said too little" in text
    assert "What went well" not in text


TIME_CASES = [
    ("none", None, "-"),
    ("seconds", 7.4, "0:07"),
    ("minutes", 125.0, "2:05"),
    ("hours", 3725.0, "1:02:05"),
]


@pytest.mark.parametrize(("name", "seconds", "expected"), TIME_CASES, ids=[c[0] for c in TIME_CASES])
def test_format_time(name: str, seconds: float | None, expected: str) -> None:
    assert format_time(seconds) == expected


@pytest.mark.parametrize(
    ("ratio", "expected"), [(None, "-"), (0.0, "0%"), (0.5714, "57%"), (1.0, "100%")], ids=["none", "0", "57", "100"]
)
def test_percent(ratio: float | None, expected: str) -> None:
    assert percent(ratio) == expected
