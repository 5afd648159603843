"""Compact builders for labelled utterances and sessions, so that test tables stay readable."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coach.feedback.roles import resolve_roles
from coach.feedback.session import LabelledUtterance, Session

#: Default text per label, so a row can leave its text out.
TEXTS = {
    "open_question": "What would help?",
    "closed_question": "Did you tell her?",
    "advice": "You should call HR.",
    "leading": "Have you thought about talking to HR?",
    "story": "We lost two nurses in March.",
    "reflection": "That sounds exhausting.",
    "other": "Okay.",
}

#: ``(speaker, role, label[, text[, start]])``: text ``None`` or left out takes the label's default text.
Row = tuple[Any, ...]


def utterances(rows: Sequence[Row]) -> tuple[LabelledUtterance, ...]:
    """Utterances from ``(speaker, role, label[, text[, start]])`` rows; label ``leading`` is leading advice.

    Each row is its own turn unless the speaker is the same as the row before.
    """
    built: list[LabelledUtterance] = []
    turn = -1
    for index, row in enumerate(rows):
        speaker, role, label = row[0], row[1], row[2]
        text = row[3] if len(row) > 3 and row[3] is not None else TEXTS[label]
        start = row[4] if len(row) > 4 else None
        if not built or built[-1].speaker != speaker:
            turn += 1
        built.append(
            LabelledUtterance(
                index=index,
                turn=turn,
                speaker=speaker,
                role=role,
                text=text,
                label="advice" if label == "leading" else label,
                confidence=0.9,
                leading=label == "leading",
                start=start,
                end=None,
            )
        )
    return tuple(built)


def session(rows: Sequence[Row]) -> Session:
    """A session of ``rows`` with the roles the rows give."""
    spoken = utterances(rows)
    declared = {u.speaker: u.role for u in spoken}
    return Session(spoken, resolve_roles(spoken, declared=declared), {"name": "fake", "version": "0"})
