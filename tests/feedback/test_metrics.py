from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

import pytest

from coach.feedback import metrics
from coach.feedback.session import LabelledUtterance
from coach.labels import LABELS
from tests.feedback.builders import Row, utterances

PRESENTER = ("Sam", "presenter")
FACILITATOR = ("Ruth", "facilitator")
ANA = ("Ana", "member")
TOM = ("Tom", "member")


def rows(*items: tuple[tuple[str, str], str]) -> list[Row]:
    return [(who[0], who[1], label) for who, label in items]


RatioFunction = Callable[[Sequence[LabelledUtterance]], float | None]

RATIO_CASES: list[tuple[str, RatioFunction, list[Row], float | None]] = [
    ("questioning: empty", metrics.questioning_ratio, [], None),
    ("questioning: members only said other", metrics.questioning_ratio, rows((ANA, "other"), (TOM, "other")), None),
    (
        "questioning: presenter and facilitator do not count",
        metrics.questioning_ratio,
        rows((PRESENTER, "story"), (FACILITATOR, "open_question"), (ANA, "open_question"), (TOM, "advice")),
        0.5,
    ),
    (
        "questioning: other counts neither way",
        metrics.questioning_ratio,
        rows((ANA, "closed_question"), (ANA, "other"), (TOM, "reflection"), (TOM, "story")),
        0.6667,
    ),
    ("questioning: all questions", metrics.questioning_ratio, rows((ANA, "open_question"), (TOM, "reflection")), 1.0),
    (
        "questioning: a member's story in three sentences is one contribution",
        metrics.questioning_ratio,
        rows((ANA, "open_question"), (TOM, "story"), (TOM, "story"), (TOM, "story")),
        0.5,
    ),
    (
        "questioning: other inside a turn does not split its run",
        metrics.questioning_ratio,
        rows((ANA, "open_question"), (TOM, "advice"), (TOM, "other"), (TOM, "advice")),
        0.5,
    ),
    (
        "questioning: a reflection then a question in one turn are two contributions",
        metrics.questioning_ratio,
        rows((ANA, "reflection"), (ANA, "open_question"), (TOM, "advice"), (TOM, "story")),
        0.5,
    ),
    (
        "questioning: the same label in two turns counts twice",
        metrics.questioning_ratio,
        rows((ANA, "advice"), (TOM, "open_question"), (ANA, "advice")),
        0.3333,
    ),
    ("open: empty", metrics.open_ratio, [], None),
    ("open: no questions", metrics.open_ratio, rows((ANA, "advice"), (TOM, "reflection")), None),
    (
        "open: leading advice is not a question",
        metrics.open_ratio,
        rows((ANA, "open_question"), (ANA, "leading"), (TOM, "closed_question"), (TOM, "closed_question")),
        0.3333,
    ),
    ("open: presenter's questions ignored", metrics.open_ratio, rows((PRESENTER, "closed_question")), None),
    ("reflection per question: empty", metrics.reflection_to_question_ratio, [], None),
    (
        "reflection per question: reflections but no question",
        metrics.reflection_to_question_ratio,
        rows((ANA, "reflection")),
        None,
    ),
    (
        "reflection per question: one per two",
        metrics.reflection_to_question_ratio,
        rows((ANA, "reflection"), (ANA, "open_question"), (TOM, "closed_question")),
        0.5,
    ),
    ("presenter share: empty", metrics.presenter_share_of_talk, [], None),
    ("presenter share: no presenter", metrics.presenter_share_of_talk, rows((ANA, "story")), None),
    (
        "presenter share: by words",
        metrics.presenter_share_of_talk,
        [("Sam", "presenter", "story", "one two three"), ("Ana", "member", "open_question", "what now")],
        0.6,
    ),
    ("balance: empty", metrics.participation_balance, [], None),
    ("balance: one member", metrics.participation_balance, rows((ANA, "open_question")), None),
    ("balance: members said only other", metrics.participation_balance, rows((ANA, "other"), (TOM, "other")), None),
    ("balance: equal", metrics.participation_balance, rows((ANA, "open_question"), (TOM, "advice")), 1.0),
    (
        "balance: one member did everything",
        metrics.participation_balance,
        rows((ANA, "open_question"), (ANA, "advice"), (TOM, "other")),
        0.0,
    ),
    (
        "balance: counted in contributions, not sentences",
        metrics.participation_balance,
        rows((ANA, "story"), (ANA, "story"), (ANA, "story"), (TOM, "open_question")),
        1.0,
    ),
    (
        "balance: three members, 2-1-1",
        metrics.participation_balance,
        rows((ANA, "open_question"), (ANA, "story"), (TOM, "advice"), (("Kit", "member"), "reflection")),
        0.75,
    ),
]


@pytest.mark.parametrize(("name", "function", "given", "expected"), RATIO_CASES, ids=[c[0] for c in RATIO_CASES])
def test_ratios(name: str, function: RatioFunction, given: list[Row], expected: float | None) -> None:
    assert function(utterances(given)) == expected


LABEL_COUNT_CASES = [
    ("empty", [], dict.fromkeys(LABELS, 0)),
    (
        "everyone counted, every label present",
        rows((PRESENTER, "story"), (ANA, "leading"), (TOM, "advice"), (FACILITATOR, "other")),
        {**dict.fromkeys(LABELS, 0), "story": 1, "advice": 2, "other": 1},
    ),
]


@pytest.mark.parametrize(("name", "given", "expected"), LABEL_COUNT_CASES, ids=[c[0] for c in LABEL_COUNT_CASES])
def test_label_counts(name: str, given: list[Row], expected: dict[str, int]) -> None:
    counts = metrics.label_counts(utterances(given))
    assert counts == expected
    assert list(counts) == list(LABELS)


def test_label_counts_by_speaker_in_order_of_appearance() -> None:
    counts = metrics.label_counts_by_speaker(utterances(rows((TOM, "advice"), (ANA, "story"), (TOM, "advice"))))
    assert list(counts) == ["Tom", "Ana"]
    assert counts["Tom"]["advice"] == 2
    assert counts["Ana"] == {**dict.fromkeys(LABELS, 0), "story": 1}
    assert metrics.label_counts_by_speaker([]) == {}


MomentFunction = Callable[[Sequence[LabelledUtterance]], list[metrics.Moment]]
SAMPLE = [
    ("Sam", "presenter", "story", "We lost two nurses.", 0.0),
    ("Ana", "member", "story", "When I ran Leeds we had that.", 10.0),
    ("Tom", "member", "leading", "Have you thought about an agency?", 20.0),
    ("Ana", "member", "advice", "You should call HR.", 30.0),
    ("Ruth", "facilitator", "advice", "Let's keep to questions.", 40.0),
]
MOMENT_CASES: list[tuple[str, MomentFunction, list[Row], list[tuple[str, str, float | None]]]] = [
    ("leading: empty", metrics.leading_questions, [], []),
    (
        "leading: only advice dressed as a question",
        metrics.leading_questions,
        SAMPLE,
        [("Tom", "Have you thought about an agency?", 20.0)],
    ),
]


@pytest.mark.parametrize(("name", "function", "given", "expected"), MOMENT_CASES, ids=[c[0] for c in MOMENT_CASES])
def test_moments(
    name: str, function: MomentFunction, given: list[Row], expected: list[tuple[str, str, float | None]]
) -> None:
    assert [(m.speaker, m.quote, m.start) for m in function(utterances(given))] == expected


RUN_CASES: list[tuple[str, list[Row], dict[str, Any] | None]] = [
    ("empty", [], None),
    ("no questions", rows((ANA, "advice"), (TOM, "story")), None),
    (
        "presenter talk and other neither extend nor break a run",
        [
            ("Ana", "member", "open_question", None, 5.0),
            ("Sam", "presenter", "story", None, 8.0),
            ("Tom", "member", "other", None, 12.0),
            ("Tom", "member", "reflection", None, 14.0),
            ("Ana", "member", "advice", None, 20.0),
            ("Tom", "member", "closed_question", None, 25.0),
        ],
        {"length": 2, "start_index": 0, "end_index": 3, "start": 5.0, "end": 14.0, "speakers": ("Ana", "Tom")},
    ),
    (
        "the first of equal runs",
        rows((ANA, "open_question"), (TOM, "story"), (TOM, "closed_question")),
        {"length": 1, "start_index": 0, "end_index": 0, "start": None, "end": None, "speakers": ("Ana",)},
    ),
    (
        "the longest wins",
        rows((ANA, "open_question"), (TOM, "story"), (TOM, "closed_question"), (ANA, "reflection")),
        {"length": 2, "start_index": 2, "end_index": 3, "start": None, "end": None, "speakers": ("Tom", "Ana")},
    ),
]


@pytest.mark.parametrize(("name", "given", "expected"), RUN_CASES, ids=[c[0] for c in RUN_CASES])
def test_longest_questioning_run(name: str, given: list[Row], expected: dict[str, Any] | None) -> None:
    run = metrics.longest_questioning_run(utterances(given))
    assert (asdict(run) if run else None) == expected


FIRST_ADVICE_CASES: list[tuple[str, list[Row], dict[str, Any] | None]] = [
    ("empty", [], None),
    ("no advice from members", rows((PRESENTER, "advice"), (ANA, "open_question")), None),
    (
        "seconds from the session's first utterance",
        [
            ("Ruth", "facilitator", "other", None, 60.0),
            ("Sam", "presenter", "advice", None, 70.0),
            ("Ana", "member", "leading", None, 160.5),
        ],
        {"index": 2, "utterances": 2, "seconds": 100.5},
    ),
    (
        "utterance count without times",
        rows((PRESENTER, "story"), (ANA, "open_question"), (TOM, "advice")),
        {"index": 2, "utterances": 2, "seconds": None},
    ),
]


@pytest.mark.parametrize(("name", "given", "expected"), FIRST_ADVICE_CASES, ids=[c[0] for c in FIRST_ADVICE_CASES])
def test_time_to_first_advice(name: str, given: list[Row], expected: dict[str, Any] | None) -> None:
    first = metrics.time_to_first_advice(utterances(given))
    assert (asdict(first) if first else None) == expected


DURATION_CASES: list[tuple[str, list[Row], float | None]] = [
    ("empty", [], None),
    ("no times", rows((ANA, "story")), None),
    ("first start to last start", [("Ana", "member", "story", None, 30.0), ("Tom", "member", "story", None, 90.0)], 60),
]


@pytest.mark.parametrize(("name", "given", "expected"), DURATION_CASES, ids=[c[0] for c in DURATION_CASES])
def test_duration(name: str, given: list[Row], expected: float | None) -> None:
    assert metrics.duration(utterances(given)) == expected


def test_timeline_empty() -> None:
    assert metrics.timeline([]) == metrics.Timeline("utterances", 0, ())


def test_timeline_by_minutes_keeps_silent_windows() -> None:
    given = [
        ("Ana", "member", "open_question", None, 30.0),
        ("Tom", "member", "advice", None, 100.0),
        ("Ana", "member", "reflection", None, 400.0),
    ]
    timeline = metrics.timeline(utterances(given), windows=3)
    assert timeline.unit == "seconds"
    assert timeline.window == 180  # 370 s over 3 windows, in whole minutes
    windows = timeline.windows
    assert [(w.start, w.end, w.utterances, w.contributions) for w in windows] == [
        (30.0, 210.0, 2, 2),
        (210.0, 390.0, 0, 0),
        (390.0, 570.0, 1, 1),
    ]
    assert [w.questioning_ratio for w in windows] == [0.5, None, 1.0]
    assert [w.cumulative_ratio for w in windows] == [0.5, 0.5, 0.6667]
    assert all(w.too_few for w in windows)
    assert windows[0].counts["advice"] == 1


def test_timeline_adapts_to_the_session_and_marks_windows_with_too_few() -> None:
    given = rows(*[(ANA, "open_question"), (TOM, "advice"), (PRESENTER, "story")] * 40)  # 120, no times
    timeline = metrics.timeline(utterances(given))
    assert timeline.unit == "utterances"
    assert timeline.window == 12
    assert len(timeline.windows) == metrics.TIMELINE_WINDOWS
    assert {w.contributions for w in timeline.windows} == {8}
    assert not any(w.too_few for w in timeline.windows)
    assert {w.questioning_ratio for w in timeline.windows} == {0.5}
    short = metrics.timeline(utterances(rows((ANA, "open_question"), (TOM, "advice"), (ANA, "other"))))
    assert [(w.start, w.end, w.contributions, w.too_few) for w in short.windows] == [
        (0.0, 1.0, 1, True),
        (1.0, 2.0, 1, True),
        (2.0, 3.0, 0, True),
    ]


def test_timeline_refuses_no_windows() -> None:
    with pytest.raises(ValueError, match="number of windows must be positive"):
        metrics.timeline([], windows=0)


def test_member_runs_of_advice() -> None:
    given = rows((ANA, "advice"), (PRESENTER, "story"), (TOM, "leading"), (ANA, "open_question"), (TOM, "advice"))
    runs = metrics.member_runs(utterances(given), {"advice"})
    assert [(r.length, r.start_index, r.end_index, r.speakers) for r in runs] == [
        (2, 0, 2, ("Ana", "Tom")),
        (1, 4, 4, ("Tom",)),
    ]
