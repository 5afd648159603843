"""A live session's roles: inferred from everything said unless given, and given ones not re-read every time."""

from __future__ import annotations

from typing import Any

import pytest

from coach.classifier import Coach
from coach.feedback import live
from coach.feedback.live import LiveSession
from coach.feedback.roles import Roles, resolve_roles
from tests.fakes import KeywordClassifier

COACH = Coach(KeywordClassifier())


def say(state: LiveSession, speaker: str, text: str) -> None:
    state.add(COACH.classify([text])[0], speaker, None, None, 0.0)


def test_named_roles_are_resolved_again_only_when_names_or_speakers_change(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Roles:
        calls.append(1)
        return resolve_roles(*args, **kwargs)

    monkeypatch.setattr(live, "resolve_roles", counted)
    state = LiveSession(nudge_interval=30)
    state.set_roles("Sam", "Julie")
    say(state, "Sam", "The rota keeps falling apart.")
    say(state, "Julie", "Shall we move on?")
    say(state, "Priya", "What would help?")
    after_speakers = len(calls)
    say(state, "Priya", "And what else?")
    say(state, "Sam", "Honestly, more staff.")
    assert len(calls) == after_speakers  # same names, same speakers: nothing to re-read
    state.set_roles("Sam", "Priya")
    assert len(calls) == after_speakers + 1
    assert [u.role for u in state.utterances] == ["presenter", "member", "facilitator", "facilitator", "presenter"]


def test_without_names_the_roles_are_inferred_from_everything_said() -> None:
    state = LiveSession(nudge_interval=30)
    for speaker, text in [
        ("Sam", "The rota keeps falling apart."),
        ("Priya", "What would help?"),
        ("Sam", "Honestly, more staff."),
        ("Tom", "How does the team see it?"),
        ("Sam", "They think I enjoy it."),
    ]:
        say(state, speaker, text)
    assert {u.speaker: u.role for u in state.utterances}["Sam"] == "presenter"
