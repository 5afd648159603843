"""A live session's state: utterances labelled as they arrive, rolling figures, and sparse nudges for the facilitator.

The state lives in memory while a client is connected; ``coach.sets.live_store`` keeps it in the database until the
session ends or expires, so that a dropped client can resume on any server process.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from coach.classifier import Prediction
from coach.classifier.context import previous_turn_contexts
from coach.feedback import metrics
from coach.feedback.session import LabelledUtterance
from coach.labels import ADVICE, OTHER, QUESTIONING_LABELS, STORY

#: How far back the context of the next turn is looked for.
CONTEXT_UTTERANCES = 20
#: How many of the members' latest contributions a nudge looks at.
ADVICE_RUN = 3
STORY_RUN = 4
RECENT_WINDOW = 10
LOW_QUESTIONING = 0.4


@dataclass(frozen=True)
class Nudge:
    message: str
    reason: str


def nudge_for(utterances: Sequence[LabelledUtterance]) -> Nudge | None:
    """A nudge the latest utterances call for, if any; looks only at members' contributions that are not ``other``."""
    members = [u for u in utterances if u.role == "member" and u.label != OTHER]
    if not members:
        return None
    latest = members[-1]
    if latest.label == ADVICE and len(members) >= ADVICE_RUN and all(u.label == ADVICE for u in members[-ADVICE_RUN:]):
        return Nudge(
            f"{ADVICE_RUN} pieces of advice in a row. You might invite the set back to questions.", "advice_run"
        )
    if latest.label == STORY and len(members) >= STORY_RUN and all(u.label == STORY for u in members[-STORY_RUN:]):
        return Nudge(
            "A member's own story is running on. You might bring the focus back to the presenter.", "story_run"
        )
    recent = members[-RECENT_WINDOW:]
    if len(recent) == RECENT_WINDOW:
        ratio = sum(u.label in QUESTIONING_LABELS for u in recent) / RECENT_WINDOW
        if ratio < LOW_QUESTIONING:
            return Nudge(
                f"Only {round(ratio * RECENT_WINDOW)} of the last {RECENT_WINDOW} contributions were questions "
                "or reflections.",
                "low_questioning",
            )
    return None


@dataclass
class LiveSession:
    """One live session: who is who, what was said and labelled, and when the last nudge went out."""

    nudge_interval: float
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    presenter: str | None = None
    facilitator: str | None = None
    utterances: list[LabelledUtterance] = field(default_factory=list)
    last_nudge_at: float | None = None
    turn: int = -1
    last_speaker: str | None = None

    def set_roles(self, presenter: str | None, facilitator: str | None) -> None:
        self.presenter, self.facilitator = presenter, facilitator

    def role_of(self, speaker: str, given: str | None = None) -> str:
        if given:
            return given
        if self.presenter and speaker.casefold() == self.presenter.casefold():
            return "presenter"
        if self.facilitator and speaker.casefold() == self.facilitator.casefold():
            return "facilitator"
        return "member"

    def add(
        self, prediction: Prediction, speaker: str, role: str | None, start: float | None, now: float
    ) -> tuple[list[LabelledUtterance], Nudge | None]:
        """Record one turn's labelled utterances; returns them and a nudge when one is due and not too soon."""
        if speaker != self.last_speaker:
            self.turn += 1
            self.last_speaker = speaker
        resolved = self.role_of(speaker, role)
        added = [
            LabelledUtterance.of(
                u, index=len(self.utterances) + offset, turn=self.turn, speaker=speaker, role=resolved, start=start
            )
            for offset, u in enumerate(prediction.utterances)
        ]
        self.utterances.extend(added)
        clock = start if start is not None else now
        nudge = nudge_for(self.utterances) if added else None
        if nudge and (self.last_nudge_at is None or clock - self.last_nudge_at >= self.nudge_interval):
            self.last_nudge_at = clock
            return added, nudge
        return added, None

    def context_for(self, speaker: str) -> str:
        """What another speaker said last before ``speaker``'s next turn: the context the classifier reads it with."""
        contexts = previous_turn_contexts(
            [u.speaker for u in self.utterances[-CONTEXT_UTTERANCES:]] + [speaker],
            [u.text for u in self.utterances[-CONTEXT_UTTERANCES:]] + [""],
        )
        return contexts[-1]

    def figures(self) -> dict[str, object]:
        return {
            "utterances": len(self.utterances),
            "questioning_ratio": metrics.questioning_ratio(self.utterances),
            "open_ratio": metrics.open_ratio(self.utterances),
            "counts": metrics.label_counts(self.utterances),
        }
