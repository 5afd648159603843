"""The annotated whole meetings: every one keeps the guideline, the split is by meeting, and the checks catch what
they are for."""

from __future__ import annotations

import json
from typing import Any

from training.meetings import SPLITS_FILE, check_meeting, read_meetings, slot_spans


def test_every_meeting_keeps_the_guideline() -> None:
    meetings = read_meetings()

    assert len(meetings) >= 30
    for meeting, rows in meetings.items():
        assert check_meeting(rows) == [], meeting
    assert sum(len(slot_spans(rows)) >= 2 for rows in meetings.values()) >= 25
    assert sum(any(row["mode"] == "planned" for row in rows) for rows in meetings.values()) >= 8
    assert sum(rows[0]["style"] == "caption" for rows in meetings.values()) >= 6


def test_each_meeting_is_in_one_split_and_the_test_split_has_planned_and_caption_meetings() -> None:
    splits: dict[str, list[str]] = json.loads(SPLITS_FILE.read_text(encoding="utf-8"))
    recorded = [meeting for names in splits.values() for meeting in names]
    meetings = read_meetings()

    assert sorted(recorded) == sorted(meetings)
    test = [meetings[name] for name in splits["test"]]
    assert any(any(row["mode"] == "planned" for row in rows) for rows in test)
    assert any(rows[0]["style"] == "caption" for rows in test)


def _meeting() -> list[dict[str, Any]]:
    return [dict(row) for row in next(iter(read_meetings().values()))]


def test_the_checks_catch_a_presenter_outside_a_slot_phases_going_back_and_broken_turns() -> None:
    outside = _meeting()
    outside[0]["role"] = "presenter"
    assert any("nobody presents outside a slot" in problem for problem in check_meeting(outside))

    backwards = _meeting()
    last_of_first_slot = max(number for number, row in enumerate(backwards) if row["slot"] == 0)
    backwards[last_of_first_slot]["phase"] = "presenting"
    assert any("slot 0: phases go back" in problem for problem in check_meeting(backwards))

    broken = _meeting()
    broken[5]["turn"] += 3
    assert any(f"row 5: turn {broken[5]['turn']}" in problem for problem in check_meeting(broken))
