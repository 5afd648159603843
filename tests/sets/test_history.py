"""A set over time from its sessions' figures: trend, members, patterns with evidence, and open actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coach.sets.history import open_actions, overview, patterns
from coach.sets.store import SavedSession


def speaker(role: str, ratio: float | None, open_: int = 0, closed: int = 0) -> dict[str, Any]:
    counts = {"open_question": open_, "closed_question": closed, "advice": 0, "story": 0, "reflection": 0, "other": 0}
    return {"role": role, "questioning_ratio": ratio, "counts": counts}


def saved(
    day: int,
    ratio: float | None,
    first_advice_seconds: float | None = None,
    leading: int = 0,
    speakers: dict[str, Any] | None = None,
    actions: list[dict[str, Any]] | None = None,
    report_back: list[dict[str, Any]] | None = None,
) -> SavedSession:
    first = None if first_advice_seconds is None else {"index": 3, "utterances": 3, "seconds": first_advice_seconds}
    summary = {
        "questioning_ratio": ratio,
        "open_ratio": None,
        "utterances": 40,
        "duration": 3600.0,
        "leading_questions": leading,
        "time_to_first_advice": first,
    }
    return SavedSession(
        id=f"s{day}",
        set_id="set",
        date=dt.date(2026, 10, day),
        created_at=dt.datetime(2026, 10, day, tzinfo=dt.UTC),
        presenter="Sam",
        facilitator="Gwen",
        model={},
        figures={"summary": summary, "speakers": speakers or {"Sam": speaker("presenter", None)}},
        actions=actions or [],
        report_back=report_back or [],
        utterances=[],
    )


def kinds(found: list[dict[str, Any]]) -> list[str]:
    return [p["kind"] for p in found]


def test_early_advice_in_three_of_the_last_four_sessions_is_a_pattern_with_its_evidence() -> None:
    sessions = [saved(1, 0.6, 300), saved(8, 0.6, 1500), saved(15, 0.6, 420), saved(22, 0.6, 540)]
    (early,) = [p for p in patterns(sessions) if p["kind"] == "early_advice"]
    assert early["text"].startswith("In 3 of the last 4 sessions the first advice came within 10 minutes")
    assert [e["session_id"] for e in early["evidence"]] == ["s1", "s15", "s22"]
    assert "early_advice" not in kinds(patterns([saved(1, 0.6, 300), saved(8, 0.6, 1500), saved(15, 0.6, 900)]))


def test_a_member_whose_questions_were_mostly_closed_three_times_running() -> None:
    closed = {"Tom": speaker("member", 0.8, open_=1, closed=4), "Ana": speaker("member", 0.8, open_=3, closed=1)}
    sessions = [saved(1, 0.6, speakers=closed), saved(8, 0.6, speakers=closed), saved(15, 0.6, speakers=closed)]
    found = [p for p in patterns(sessions) if p["kind"] == "mostly_closed_questions"]
    assert [p["member"] for p in found] == ["Tom"]
    assert found[0]["text"] == "Tom's questions were mostly closed in each of the last 3 sessions they attended."
    assert len(found[0]["evidence"]) == 3


def test_a_falling_ratio_is_a_pattern_but_noise_is_not() -> None:
    assert "questioning_falling" in kinds(patterns([saved(1, 0.8), saved(8, 0.65), saved(15, 0.5)]))
    assert not any(
        k.startswith("questioning") for k in kinds(patterns([saved(1, 0.6), saved(8, 0.62), saved(15, 0.61)]))
    )


def test_trend_and_members_follow_the_sessions() -> None:
    sessions = [
        saved(1, 0.5, speakers={"Sam": speaker("presenter", None), "Tom": speaker("member", 0.4)}),
        saved(8, 0.7, speakers={"Tom": speaker("presenter", None), "Sam": speaker("member", 0.9)}),
    ]
    view = overview(sessions)
    assert [point["questioning_ratio"] for point in view["trend"]["set"]] == [0.5, 0.7]
    assert view["trend"]["members"] == {
        "Tom": [{"session_id": "s1", "date": "2026-10-01", "questioning_ratio": 0.4}],
        "Sam": [{"session_id": "s8", "date": "2026-10-08", "questioning_ratio": 0.9}],
    }
    tom = next(m for m in view["members"] if m["name"] == "Tom")
    assert (tom["sessions"], tom["presented"], tom["questioning_ratio"]) == (2, 1, 0.4)


def test_an_action_stays_open_until_a_later_session_reports_it_mentioned() -> None:
    ring = {"id": "a1", "speaker": "Sam", "text": "ring the agency", "index": 9, "start": None}
    email = {"id": "a2", "speaker": "Sam", "text": "email the chair", "index": 10, "start": None}
    back = [{**ring, "mentioned": True}, {**email, "mentioned": False}]
    sessions = [saved(1, 0.5, actions=[ring, email]), saved(8, 0.6, report_back=back)]
    assert [a["id"] for a in open_actions(sessions, 1)] == ["a1", "a2"]
    assert [a["id"] for a in open_actions(sessions, 2)] == ["a2"]
    assert open_actions(sessions, 2)[0]["session_id"] == "s1"
