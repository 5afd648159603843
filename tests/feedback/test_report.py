from __future__ import annotations

import json
from typing import Any

import pytest

from coach.feedback.rephrase import Rephraser
from coach.feedback.report import build_report, headline, moments, rephrasings, went_well
from coach.feedback.roles import Roles
from coach.feedback.session import LabelledUtterance, Session
from coach.labels import LABELS
from tests.feedback.builders import Row, session, utterances

TOP_LEVEL = {
    "model",
    "summary",
    "roles",
    "speakers",
    "utterances",
    "timeline",
    "actions",
    "feedback",
    "slots",
    "parts",
    "reported_back",
    "phases",
}
SUMMARY = {
    "questioning_ratio",
    "open_ratio",
    "reflection_to_question_ratio",
    "counts",
    "member_counts",
    "longest_questioning_run",
    "time_to_first_advice",
    "presenter_share_of_talk",
    "participation_balance",
    "leading_questions",
    "utterances",
    "duration",
}
UTTERANCE = {"index", "turn", "speaker", "role", "text", "label", "confidence", "leading", "start", "end"}


def test_report_structure(report_json: dict[str, Any]) -> None:
    assert set(report_json) == TOP_LEVEL
    assert set(report_json["summary"]) == SUMMARY
    assert set(report_json["feedback"]) == {"headline", "went_well", "moments", "rephrasings", "planned_time_check"}
    assert set(report_json["roles"]) == {"presenter", "facilitator", "assumed", "how_to_override"}
    assert all(set(u) == UTTERANCE for u in report_json["utterances"])
    assert report_json["model"] == {"name": "keyword-fake", "version": "0"}
    assert json.loads(json.dumps(report_json)) == report_json
    # A session of one presenter's slot is read whole: no meeting structure.
    assert (report_json["slots"], report_json["parts"], report_json["reported_back"]) == ([], [], None)
    assert report_json["phases"] == []
    assert report_json["feedback"]["planned_time_check"] is None


def test_summary_figures(report_json: dict[str, Any]) -> None:
    summary = report_json["summary"]
    assert summary["questioning_ratio"] == 0.5714  # 4 of the members' 7 contributions
    assert summary["open_ratio"] == 0.6667
    assert summary["counts"] == {
        "open_question": 2,
        "closed_question": 1,
        "advice": 2,
        "story": 7,
        "reflection": 1,
        "other": 6,
    }
    assert summary["time_to_first_advice"] == {"index": 8, "utterances": 8, "seconds": 300.0}
    assert summary["longest_questioning_run"]["start"] == 620.0
    assert summary["leading_questions"] == 1
    assert summary["utterances"] == 19
    assert summary["duration"] == 903.0


def test_roles_and_speakers(report_json: dict[str, Any]) -> None:
    roles = report_json["roles"]
    assert (roles["presenter"], roles["facilitator"], roles["assumed"]) == ("Sam", "Ruth", ["presenter", "facilitator"])
    assert roles["how_to_override"] == (
        "We assumed Sam was the presenter and Ruth was the facilitator; give the presenter's name (the presenter "
        "field) or give the facilitator's name (the facilitator field) to change this."
    )
    assert "--presenter" not in roles["how_to_override"]  # command-line wording is for the command line
    speakers = report_json["speakers"]
    assert list(speakers) == ["Ruth", "Sam", "Priya", "Tom", "Ana"]
    assert {name: figures["role"] for name, figures in speakers.items()} == {
        "Ruth": "facilitator",
        "Sam": "presenter",
        "Priya": "member",
        "Tom": "member",
        "Ana": "member",
    }
    assert speakers["Priya"]["questioning_ratio"] == 1.0
    assert speakers["Sam"]["questioning_ratio"] is None
    assert speakers["Tom"]["leading_questions"] == 1
    assert sum(figures["words"] for figures in speakers.values()) > 0


def test_each_member_gets_percentages_a_best_question_and_a_next_step(report_json: dict[str, Any]) -> None:
    speakers = report_json["speakers"]
    priya, tom, sam = speakers["Priya"], speakers["Tom"], speakers["Sam"]
    assert priya["percentages"]["open_question"] == 0.6667
    assert priya["percentages"]["reflection"] == 0.3333
    assert sum(value for value in tom["percentages"].values() if value) == pytest.approx(1.0)
    assert priya["best_question"]["text"] == "What has that been like for you?"  # the one Sam answered at length
    assert tom["best_question"]["text"] == "Did you tell your manager?"  # no open question; never a leading one
    assert tom["next_step"] == (
        "1 piece of your advice came as a question: ask what Sam has already tried, and let them find the options."
    )
    assert priya["next_step"].startswith("Keep going")
    assert (sam["percentages"], sam["best_question"], sam["next_step"]) == (None, None, None)


def test_advice_within_one_turn_is_not_called_a_run_of_turns() -> None:
    turns = [
        ("Sam", "presenter", "The rota keeps falling apart."),
        ("Tom", "member", "You should talk to HR. You should escalate it."),
        ("Ana", "member", "What would help?"),
    ]
    utterances = [
        LabelledUtterance(n, turn, speaker, role, text, label, 0.9, False)
        for n, (turn, (speaker, role, text), label) in enumerate(
            [(0, turns[0], "story"), (1, (turns[1][0], turns[1][1], "You should talk to HR."), "advice"),
             (1, (turns[1][0], turns[1][1], "You should escalate it."), "advice"), (2, turns[2], "open_question")]
        )
    ]  # fmt: skip
    (moment,) = [m for m in moments(utterances, "Sam") if m.kind == "advice_run"]
    assert moment.why.startswith("Two suggestions in one turn from Tom:")


def test_feedback(report_json: dict[str, Any]) -> None:
    feedback = report_json["feedback"]
    assert feedback["headline"].startswith("The set mostly stayed in questioning mode: 57%")
    assert [(q["speaker"], q["start"]) for q in feedback["went_well"]] == [
        ("Priya", 21.0),
        ("Priya", 620.0),
        ("Priya", 624.0),
    ]
    assert feedback["went_well"][1]["why"] == "A reflection: it showed Sam they were heard."
    assert feedback["went_well"][0]["why"] == "An open question that Sam answered at length (37 words)."
    assert [(m["kind"], m["speaker"], m["start"]) for m in feedback["moments"]] == [
        ("advice_run", "Tom", 300.0),
        ("story_run", "Ana", 315.0),
    ]
    assert feedback["moments"][0]["why"] == (
        "Two suggestions in a row from Tom and Ana: the set moved from helping Sam think to offering answers."
    )
    assert [(r["original"], r["leading"]) for r in feedback["rephrasings"]] == [
        ("Have you thought about talking to HR?", True),
        ("Did you tell your manager?", False),
    ]
    first, second = (r["suggestions"] for r in feedback["rephrasings"])
    assert "What happened when you told your manager?" in second
    assert first
    assert not set(first) & set(second)


def test_no_suggestion_is_given_under_two_questions(rephraser: Rephraser) -> None:
    given: list[Row] = [("Tom", "member", "leading"), ("Ana", "member", "leading"), ("Tom", "member", "leading")]
    chosen = rephrasings(utterances(given), rephraser)
    suggestions = [text for item in chosen for text in item.suggestions]
    assert suggestions
    assert len(suggestions) == len(set(suggestions))
    for item in chosen:
        assert tuple(d.text for d in item.suggestion_details) == item.suggestions


def test_empty_session(rephraser: Rephraser) -> None:
    report = build_report(Session((), Roles((), {})), rephraser=rephraser).to_dict()
    assert report["summary"]["questioning_ratio"] is None
    assert report["summary"]["counts"] == dict.fromkeys(LABELS, 0)
    assert report["speakers"] == {}
    assert report["utterances"] == []
    assert report["timeline"]["windows"] == []
    assert report["feedback"] == {
        "headline": "Members said too little to tell how well the set stayed in questioning mode.",
        "went_well": [],
        "moments": [],
        "rephrasings": [],
        "planned_time_check": None,
    }
    assert report["roles"]["how_to_override"] is None


HEADLINE_CASES: list[tuple[str, list[Row], str]] = [
    ("nothing from members", [("Sam", "presenter", "story")], "Members said too little"),
    (
        "strong",
        [
            ("Ana", "member", "open_question"),
            ("Kit", "member", "open_question"),
            ("Ana", "member", "open_question"),
            ("Tom", "member", "advice"),
        ],
        "A strong session: 75% of what members said were questions or reflections.",
    ),
    (
        "mostly, slipping into stories",
        [("Ana", "member", "open_question"), ("Kit", "member", "open_question"), ("Tom", "member", "story")],
        "The set mostly stayed in questioning mode: 67% of what members said were questions or reflections, with "
        "some members' own stories along the way.",
    ),
    (
        "room to grow",
        [
            ("Ana", "member", "open_question"),
            ("Tom", "member", "advice"),
            ("Kit", "member", "advice"),
            ("Tom", "member", "advice"),
        ],
        "25% of what members said were questions or reflections and much of the rest was advice, so there is room to "
        "stay with questions for longer.",
    ),
]


@pytest.mark.parametrize(("name", "given", "expected"), HEADLINE_CASES, ids=[c[0] for c in HEADLINE_CASES])
def test_headline(name: str, given: list[Row], expected: str) -> None:
    assert headline(utterances(given)).startswith(expected)


def test_went_well_prefers_questions_the_presenter_answered_at_length() -> None:
    given: list[Row] = [
        ("Ana", "member", "open_question", "What matters here?"),
        ("Sam", "presenter", "story", "Short."),
        ("Tom", "member", "open_question", "How did that feel?"),
        ("Sam", "presenter", "story", " ".join(["word"] * 40)),
        ("Ana", "member", "open_question", "What else?"),
    ]
    chosen = went_well(utterances(given), "Sam", limit=2)
    assert [q.quote for q in chosen] == ["What matters here?", "How did that feel?"]
    assert chosen[1].why == "An open question that Sam answered at length (40 words)."
    assert chosen[0].why == "An open question that gave Sam room to think aloud."


def test_moments_pick_the_weightiest_and_keep_their_order() -> None:
    given: list[Row] = [
        ("Ana", "member", "story", "We had that."),
        ("Tom", "member", "leading"),
        ("Sam", "presenter", "story"),
        ("Ana", "member", "advice"),
        ("Tom", "member", "advice"),
        ("Kit", "member", "advice"),
        ("Ana", "member", "open_question"),
        ("Kit", "member", "advice", "Just quit."),
    ]
    chosen = moments(utterances(given), "Sam", limit=2)
    assert [m.kind for m in chosen] == ["advice_run", "advice"]
    assert chosen[0].speakers == ("Tom", "Ana", "Kit")
    assert chosen[0].why.startswith("Four suggestions in a row from Tom, Ana and Kit")


def test_leading_question_outside_a_run_is_its_own_moment() -> None:
    given: list[Row] = [("Tom", "member", "leading"), ("Ana", "member", "open_question")]
    (moment,) = moments(utterances(given), None)
    assert moment.kind == "leading_question"
    assert moment.why == (
        "Advice dressed as a question: it already holds an answer ('talking to HR'), so the presenter is steered, not "
        "helped."
    )


def test_rephrasings_put_leading_questions_first_when_limited(rephraser: Rephraser) -> None:
    given: list[Row] = [("Tom", "member", "closed_question")] * 3 + [("Ana", "member", "leading")]
    chosen = rephrasings(utterances(given), rephraser, limit=2)
    assert [r.index for r in chosen] == [0, 3]


def test_report_of_a_session_built_from_rows(rephraser: Rephraser) -> None:
    report = build_report(
        session([("Sam", "presenter", "story"), ("Ana", "member", "open_question")]), rephraser=rephraser
    )
    assert report.roles.assumed == ()
    assert report.summary.questioning_ratio == 1.0
