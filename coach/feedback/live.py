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
from coach.feedback.roles import PRESENTER, Roles, TextReadings, match_speaker, resolve_roles
from coach.feedback.session import LabelledUtterance, read_meeting, scored
from coach.feedback.structure import GivenPart, GivenSlot, MeetingMode, MeetingStructure, Mode
from coach.labels import ADVICE, OTHER, QUESTION_LABELS, QUESTIONING_LABELS, STORY

#: How far back the context of the next turn is looked for.
CONTEXT_UTTERANCES = 20
#: How many of the members' latest contributions a nudge looks at.
ADVICE_RUN = 3
STORY_RUN = 4
RECENT_WINDOW = 10
LOW_QUESTIONING = 0.4


@dataclass(frozen=True)
class Nudge:
    """What the facilitator might do, why (``reason``), who it is about (``speaker``, the latest contributor) and when
    (``at``: seconds in the session's clock, or ``None`` when utterances carry no times)."""

    message: str
    reason: str
    speaker: str | None = None
    at: float | None = None


def nudge_for(utterances: Sequence[LabelledUtterance], structure: MeetingStructure | None = None) -> Nudge | None:
    """A nudge the latest utterances call for, if any; looks only at members' contributions that are not ``other``
    and, in a meeting (``structure``), only in open questioning time: never in report-back, planned time, a
    presenter's account, their actions or the close."""
    members = [u for u in scored(utterances, structure) if u.role == "member" and u.label != OTHER]
    if not members or (structure is not None and not structure.is_open_questioning(members[-1].index)):
        return None
    latest = members[-1]
    speaker, at = latest.speaker, latest.start
    if latest.label == ADVICE and len(members) >= ADVICE_RUN and all(u.label == ADVICE for u in members[-ADVICE_RUN:]):
        return Nudge(
            f"{ADVICE_RUN} pieces of advice in a row. You might invite the set back to questions, or, if the presenter "
            "asked for ideas, mark planned time.",
            "advice_run",
            speaker,
            at,
        )
    run = members[-STORY_RUN:]
    if (
        latest.label == STORY
        and len(run) == STORY_RUN
        and all(u.label == STORY for u in run)
        and _asked_before(utterances, run[0])
    ):
        return Nudge(
            "A member's own story is running on. You might bring the focus back to the presenter.",
            "story_run",
            speaker,
            at,
        )
    recent = members[-RECENT_WINDOW:]
    if len(recent) == RECENT_WINDOW:
        ratio = sum(u.label in QUESTIONING_LABELS for u in recent) / RECENT_WINDOW
        if ratio < LOW_QUESTIONING:
            return Nudge(
                f"Only {round(ratio * RECENT_WINDOW)} of the last {RECENT_WINDOW} contributions were questions "
                "or reflections. If the presenter asked for ideas, mark planned time.",
                "low_questioning",
                speaker,
                at,
            )
    return None


def _asked_before(utterances: Sequence[LabelledUtterance], first: LabelledUtterance) -> bool:
    """Whether anyone asked a question before ``first``: before that, a story is the presenter's account, whoever the
    roles say is talking, not a member's story taking over."""
    return any(u.label in QUESTION_LABELS for u in utterances if u.index < first.index)


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
    #: Roles sent with utterances, by speaker: they win over names and inference.
    declared: dict[str, str] = field(default_factory=dict)
    #: The presenters' slots marked so far ("next presenter"), each from the utterance after the mark.
    slots: list[GivenSlot] = field(default_factory=list)
    #: The meeting's mode, when the facilitator gave it; inferred otherwise.
    mode: MeetingMode | None = None
    #: The open and planned parts marked so far, each from the utterance after the mark until the next mark.
    parts: list[GivenPart] = field(default_factory=list)
    #: Where each utterance sits in the meeting, when it is one (marked or inferred from what was said so far).
    structure: MeetingStructure | None = field(default=None, compare=False)
    _given_roles: tuple[tuple[object, ...], Roles] | None = field(default=None, repr=False, compare=False)
    #: What the role rules read in each turn so far, so that inferring roles again does not read it all again.
    _readings: TextReadings = field(default_factory=TextReadings, repr=False, compare=False)

    def set_roles(self, presenter: str | None, facilitator: str | None) -> bool:
        """Name the presenter and facilitator; every utterance so far follows. True if any earlier one changed."""
        self.presenter, self.facilitator = presenter, facilitator
        return self.apply_roles()

    def next_presenter(self, presenter: str, mode: MeetingMode | None = None) -> bool:
        """Mark a new presenter's slot from the next utterance on (a later mark before anything is said replaces it).
        The presenter named before the first mark keeps the slot they were in, from their first word. ``mode`` sets
        the meeting's mode. True if any earlier utterance's role or label changed."""
        start = len(self.utterances)
        if not self.slots and self.presenter and self.presenter.casefold() != presenter.casefold():
            first = next((u.index for u in self.utterances if u.speaker.casefold() == self.presenter.casefold()), None)
            if first is not None:
                self.slots.append(GivenSlot(self.presenter, first))
        self.slots = [slot for slot in self.slots if slot.start_index < start] + [GivenSlot(presenter, start)]
        self.presenter = presenter
        if mode is not None:
            self.mode = mode
        return self.apply_roles()

    def mark_part(self, mode: Mode) -> bool:
        """Mark open or planned time from the next utterance on (a later mark before anything is said replaces it).
        True if any earlier utterance's role or label changed."""
        start = len(self.utterances)
        self.parts = [part for part in self.parts if part.start_index < start] + [GivenPart(mode, start)]
        return self.apply_roles()

    @property
    def meeting_slots(self) -> list[tuple[str, int, int]]:
        """The slots so far as (presenter, first index, last index): the meeting's (marked, or found in what was
        said), then a slot just marked that nothing was said in yet (it ends at its start less one)."""
        found = self.structure.slots if self.structure is not None else ()
        slots = [(slot.presenter, slot.start_index, slot.end_index) for slot in found]
        waiting = self.slots[-1:] if self.slots and self.slots[-1].start_index >= len(self.utterances) else []
        return slots + [(slot.presenter, slot.start_index, slot.start_index - 1) for slot in waiting]

    def _resolved_roles(self) -> Roles:
        """The roles of everyone so far. Inferring them reads everything said (about 35 ms at 2,000 utterances), so
        roles that needed no inference (both named, or sent) are reused until the names, the roles sent or the
        speakers change: nothing else can change them."""
        key = (
            self.presenter,
            self.facilitator,
            tuple(sorted(self.declared.items())),
            tuple(dict.fromkeys(u.speaker for u in self.utterances)),
        )
        if self._given_roles is not None and self._given_roles[0] == key:
            return self._given_roles[1]
        roles = resolve_roles(
            self.utterances, self.presenter, self.facilitator, self.declared, strict=False, readings=self._readings
        )
        inferred = roles.assumed or roles.not_found
        self._given_roles = None if inferred else (key, roles)
        return roles

    def apply_roles(self) -> bool:
        """Give every utterance its speaker's role as the final report would: roles sent with utterances, then the
        names set, then inferred from what was said so far (so a presenter's opening account is not a member's
        story). True if any utterance's role or label changed."""
        if not self.utterances:
            return False
        roles = self._resolved_roles()
        slots = []
        for slot in self.slots:  # each name marked matched to a speaker as --presenter names are ("tunde" is Tunde)
            name = match_speaker(slot.presenter, roles.speakers, PRESENTER, strict=False)
            slots.append(GivenSlot(name or slot.presenter, slot.start_index))
        relabelled, _, self.structure = read_meeting(self.utterances, roles, slots, self.mode, self.parts)
        if self.structure is None:  # roles sent with utterances win over names in one presenter's session
            relabelled = tuple(u.with_role(self.declared.get(u.speaker) or u.role) for u in relabelled)
        changed = any((a.role, a.label) != (b.role, b.label) for a, b in zip(relabelled, self.utterances, strict=True))
        self.utterances = list(relabelled)
        return changed

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
    ) -> tuple[list[LabelledUtterance], Nudge | None, bool]:
        """Record one turn's labelled utterances; returns them, a nudge when one is due and not too soon, and whether
        any earlier utterance's role changed with what was learnt (see :meth:`apply_roles`)."""
        if speaker != self.last_speaker:
            self.turn += 1
            self.last_speaker = speaker
        if role:
            self.declared[speaker] = role
        resolved = self.role_of(speaker, role)
        added = [
            LabelledUtterance.of(
                u, index=len(self.utterances) + offset, turn=self.turn, speaker=speaker, role=resolved, start=start
            )
            for offset, u in enumerate(prediction.utterances)
        ]
        self.utterances.extend(added)
        before = len(self.utterances) - len(added)
        earlier = self.utterances[:before]
        self.apply_roles()
        changed = any((a.role, a.label) != (b.role, b.label) for a, b in zip(earlier, self.utterances, strict=False))
        added = self.utterances[before:]
        clock = start if start is not None else now
        nudge = nudge_for(self.utterances, self.structure) if added else None
        if nudge and (self.last_nudge_at is None or clock - self.last_nudge_at >= self.nudge_interval):
            self.last_nudge_at = clock
            return added, nudge, changed
        return added, None, changed

    def context_for(self, speaker: str) -> str:
        """What another speaker said last before ``speaker``'s next turn: the context the classifier reads it with."""
        contexts = previous_turn_contexts(
            [u.speaker for u in self.utterances[-CONTEXT_UTTERANCES:]] + [speaker],
            [u.text for u in self.utterances[-CONTEXT_UTTERANCES:]] + [""],
        )
        return contexts[-1]

    def figures(self) -> dict[str, object]:
        """The rolling figures: members' open slot time in a meeting, as the final report counts it."""
        counted = scored(self.utterances, self.structure)
        return {
            "utterances": len(self.utterances),
            "questioning_ratio": metrics.questioning_ratio(counted),
            "open_ratio": metrics.open_ratio(counted),
            "counts": metrics.label_counts(counted),
        }
