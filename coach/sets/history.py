"""A set over time, from its saved sessions' figures: the trend of the questioning ratio, each member's record, the
set's habits (``patterns``, each with its evidence) and the actions still to report back on.

Only stored figures are read (never what was said), so a set of a hundred sessions reads in milliseconds.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from coach.sets.report_back import SESSIONS_LOOKED_BACK
from coach.sets.store import SavedSession

#: First advice this soon after the start counts as early.
EARLY_ADVICE_SECONDS = 600
#: A member's questions are "mostly closed" below this share of open ones, with at least this many questions.
MOSTLY_CLOSED = 0.5
MIN_QUESTIONS = 3
#: How many latest sessions a habit is looked for in, and how many of them must show it.
RECENT = 4
RECENT_NEEDED = 3
#: A rise or fall of the questioning ratio this large over the latest three sessions is a trend worth saying.
TREND_CHANGE = 0.1


def overview(sessions: Sequence[SavedSession]) -> dict[str, Any]:
    """``sessions`` (in date order) as the set page's ``sessions``, ``trend``, ``members``, ``patterns`` and
    ``open_actions``."""
    return {
        "sessions": [session_summary(s) for s in sessions],
        "trend": trend(sessions),
        "members": members(sessions),
        "patterns": patterns(sessions),
        "open_actions": open_actions(sessions, len(sessions)),
    }


def session_summary(session: SavedSession) -> dict[str, Any]:
    summary = session.figures["summary"]
    return {
        "id": session.id,
        "date": session.day.isoformat(),
        "presenter": session.presenter,
        "facilitator": session.facilitator,
        "questioning_ratio": summary["questioning_ratio"],
        "open_ratio": summary["open_ratio"],
        "utterances": summary["utterances"],
        "duration": summary["duration"],
        "leading_questions": summary["leading_questions"],
        # The share of advice and stories its planned-time check asks about until someone says its modes, or None.
        "planned_time_check": session.figures.get("planned_time_check"),
        "actions": len(session.actions),
    }


def _member_ratios(session: SavedSession) -> dict[str, float]:
    return {
        name: figures["questioning_ratio"]
        for name, figures in session.figures["speakers"].items()
        if figures["role"] == "member" and figures["questioning_ratio"] is not None
    }


def trend(sessions: Sequence[SavedSession]) -> dict[str, Any]:
    """The questioning ratio per session, for the set and for each member who spoke as a member."""
    per_member: dict[str, list[dict[str, Any]]] = {}
    for s in sessions:
        for name, ratio in _member_ratios(s).items():
            per_member.setdefault(name, []).append(
                {"session_id": s.id, "date": s.day.isoformat(), "questioning_ratio": ratio}
            )
    return {
        "set": [
            {
                "session_id": s.id,
                "date": s.day.isoformat(),
                "questioning_ratio": s.figures["summary"]["questioning_ratio"],
            }
            for s in sessions
        ],
        "members": per_member,
    }


def members(sessions: Sequence[SavedSession]) -> list[dict[str, Any]]:
    """Everyone who spoke in the set: sessions attended, times presented, and their mean questioning ratio as a
    member."""
    record: dict[str, dict[str, Any]] = {}
    for s in sessions:
        for name, figures in s.figures["speakers"].items():
            entry = record.setdefault(name, {"name": name, "sessions": 0, "presented": 0, "ratios": []})
            entry["sessions"] += 1
            entry["presented"] += figures["role"] == "presenter"
        for name, ratio in _member_ratios(s).items():
            record[name]["ratios"].append(ratio)
    result = []
    for entry in record.values():
        ratios = entry.pop("ratios")
        entry["questioning_ratio"] = round(sum(ratios) / len(ratios), 4) if ratios else None
        entry["latest_questioning_ratio"] = ratios[-1] if ratios else None
        result.append(entry)
    return result


def patterns(sessions: Sequence[SavedSession]) -> list[dict[str, Any]]:
    """The set's habits over its latest sessions, each ``{"kind", "text", "evidence": [...]}``."""
    found = [
        _early_advice(sessions),
        _ratio_trend(sessions),
        _leading_questions(sessions),
        _actions_not_reported(sessions),
        *_mostly_closed(sessions),
    ]
    return [pattern for pattern in found if pattern is not None]


def _evidence(session: SavedSession, **values: Any) -> dict[str, Any]:
    return {"session_id": session.id, "date": session.day.isoformat(), **values}


def _early_advice(sessions: Sequence[SavedSession]) -> dict[str, Any] | None:
    timed = [s for s in sessions if s.figures["summary"]["duration"] is not None][-RECENT:]
    if len(timed) < RECENT_NEEDED:
        return None
    early = []
    for s in timed:
        first = s.figures["summary"]["time_to_first_advice"]
        if first is not None and first["seconds"] is not None and first["seconds"] <= EARLY_ADVICE_SECONDS:
            early.append(_evidence(s, minutes=round(first["seconds"] / 60, 1)))
    if len(early) < RECENT_NEEDED:
        return None
    return {
        "kind": "early_advice",
        "text": f"In {len(early)} of the last {len(timed)} sessions the first advice came within "
        f"{EARLY_ADVICE_SECONDS // 60} minutes of the start.",
        "evidence": early,
    }


def _ratio_trend(sessions: Sequence[SavedSession]) -> dict[str, Any] | None:
    rated = [s for s in sessions if s.figures["summary"]["questioning_ratio"] is not None][-3:]
    if len(rated) < 3:
        return None
    ratios = [s.figures["summary"]["questioning_ratio"] for s in rated]
    rising = all(b > a for a, b in itertools.pairwise(ratios))
    falling = all(b < a for a, b in itertools.pairwise(ratios))
    if not (rising or falling) or abs(ratios[-1] - ratios[0]) < TREND_CHANGE:
        return None
    way = "rose" if rising else "fell"
    return {
        "kind": "questioning_rising" if rising else "questioning_falling",
        "text": f"The set's questioning ratio {way} in each of the last 3 sessions, from {round(ratios[0] * 100)}% "
        f"to {round(ratios[-1] * 100)}%.",
        "evidence": [_evidence(s, questioning_ratio=r) for s, r in zip(rated, ratios, strict=True)],
    }


def _leading_questions(sessions: Sequence[SavedSession]) -> dict[str, Any] | None:
    recent = list(sessions[-RECENT:])
    leading = [_evidence(s, count=s.figures["summary"]["leading_questions"]) for s in recent]
    with_some = [e for e in leading if e["count"] > 0]
    if len(recent) < RECENT_NEEDED or len(with_some) < RECENT_NEEDED:
        return None
    return {
        "kind": "leading_questions",
        "text": f"Advice dressed as a question came up in {len(with_some)} of the last {len(recent)} sessions.",
        "evidence": with_some,
    }


def _actions_not_reported(sessions: Sequence[SavedSession]) -> dict[str, Any] | None:
    checked = [s for s in sessions if s.report_back][-RECENT:]
    missed = [
        _evidence(s, not_mentioned=sum(not a["mentioned"] for a in s.report_back), actions=len(s.report_back))
        for s in checked
    ]
    missed = [e for e in missed if e["not_mentioned"]]
    if len(checked) < 2 or len(missed) * 2 <= len(checked):
        return None
    return {
        "kind": "actions_not_reported",
        "text": f"In {len(missed)} of the last {len(checked)} sessions, earlier actions went unmentioned in the "
        "report-back.",
        "evidence": missed,
    }


def _mostly_closed(sessions: Sequence[SavedSession]) -> list[dict[str, Any]]:
    attended: dict[str, list[tuple[SavedSession, dict[str, Any]]]] = {}
    for s in sessions:
        for name, figures in s.figures["speakers"].items():
            if figures["role"] == "member":
                attended.setdefault(name, []).append((s, figures))
    found = []
    for name, history in attended.items():
        recent = history[-3:]
        closed = []
        for s, figures in recent:
            counts = figures["counts"]
            questions = counts["open_question"] + counts["closed_question"]
            if questions >= MIN_QUESTIONS and counts["open_question"] / questions < MOSTLY_CLOSED:
                closed.append(_evidence(s, open=counts["open_question"], closed=counts["closed_question"]))
        if len(recent) == 3 and len(closed) == 3:
            found.append(
                {
                    "kind": "mostly_closed_questions",
                    "member": name,
                    "text": f"{name}'s questions were mostly closed in each of the last 3 sessions they attended.",
                    "evidence": closed,
                }
            )
    return found


def open_actions(sessions: Sequence[SavedSession], before: int) -> list[dict[str, Any]]:
    """Actions of the latest :data:`SESSIONS_LOOKED_BACK` sessions before position ``before`` that no later session
    has reported back on."""
    reported = {item["id"] for s in sessions[:before] for item in s.report_back if item["mentioned"]}
    window = sessions[max(0, before - SESSIONS_LOOKED_BACK) : before]
    return [
        {**action, "session_id": s.id, "date": s.day.isoformat()}
        for s in window
        for action in s.actions
        if action["id"] not in reported
    ]
