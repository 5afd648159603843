"""A labelled session: every utterance of a transcript with its speaker, role, label and time.

:func:`label_session` is the one place where a transcript meets the classifier; everything downstream (metrics, the
report, the renderers) works on the :class:`Session` it returns and never calls the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Any, cast

from coach.classifier import Coach, Prediction, UtterancePrediction
from coach.errors import InputError
from coach.feedback.ideas_calls import shipped_calls
from coach.feedback.planned_openings import shipped_announcements
from coach.feedback.roles import FACILITATOR, MEMBER, PRESENTER, Roles, match_speaker, resolve_roles
from coach.feedback.structure import GivenPart, GivenSlot, MeetingMode, MeetingStructure, Mode, infer_structure
from coach.labels import label_for_role
from coach.transcript.timecode import format_timestamp

if TYPE_CHECKING:
    from coach.transcript.model import Transcript, Turn


@dataclass(frozen=True)
class Utterance:
    """One utterance of a session, as reports show it.

    ``index`` counts utterances from 0 across the session, ``turn`` is the index of the transcript turn it came from;
    ``start``/``end`` are seconds in the transcript's own clock, ``None`` when the transcript has no times.
    """

    index: int
    turn: int
    speaker: str
    role: str
    text: str
    label: str
    confidence: float
    leading: bool
    start: float | None = None
    end: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _SHOWN}


@dataclass(frozen=True)
class LabelledUtterance(Utterance):
    """An utterance with the model's label probabilities (``scores``), kept so that the label can follow the
    speaker's role (:meth:`with_role`); they are not part of what reports show (:meth:`shown`, :meth:`to_dict`)."""

    scores: Mapping[str, float] = field(default_factory=dict, hash=False, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        prediction: UtterancePrediction,
        *,
        index: int,
        turn: int,
        speaker: str,
        role: str,
        start: float | None = None,
        end: float | None = None,
    ) -> LabelledUtterance:
        """The utterance the classifier labelled as ``prediction``, placed in the session, labelled for ``role``."""
        return cls(
            index=index,
            turn=turn,
            speaker=speaker,
            role=role,
            text=prediction.text,
            label=prediction.label,
            confidence=prediction.confidence,
            leading=prediction.leading,
            start=start,
            end=end,
            scores=prediction.scores,
        ).with_role(role)

    def with_role(self, role: str) -> LabelledUtterance:
        """This utterance said by someone in ``role``: a label the role cannot say (a presenter's "advice" is their
        own plan, a facilitator's is process talk; ``coach.labels.ROLE_LABELS``) becomes the most probable one it can.
        """
        label = label_for_role(self.label, self.scores, role)
        if label == self.label:
            return self if role == self.role else replace(self, role=role)
        confidence = round(float(self.scores.get(label, 0.0)), 4)
        return replace(self, role=role, label=label, confidence=confidence, leading=False)

    @property
    def words(self) -> int:
        """How many words the utterance has."""
        return len(self.text.split())

    def shown(self) -> Utterance:
        """The utterance as reports show it, without the scores."""
        return Utterance(**self.to_dict())


_SHOWN = tuple(f.name for f in fields(Utterance))


@dataclass(frozen=True)
class Session:
    """The labelled utterances of one session, who is who, and the model that labelled them (``name``, ``version``)."""

    utterances: tuple[LabelledUtterance, ...]
    roles: Roles
    model: Mapping[str, Any] = field(default_factory=dict, hash=False)
    #: Where each utterance sits in a meeting of several slots, report-back or planned time; ``None`` for a session
    #: of one presenter's slot, read as a whole.
    structure: MeetingStructure | None = None

    @property
    def scored(self) -> tuple[LabelledUtterance, ...]:
        """The utterances members' figures and feedback are drawn from (:func:`scored`)."""
        return scored(self.utterances, self.structure)

    @property
    def presenter(self) -> str | None:
        return self.roles.presenter

    @property
    def facilitator(self) -> str | None:
        return self.roles.facilitator

    @property
    def speakers(self) -> tuple[str, ...]:
        """Every speaker, in order of first appearance."""
        return self.roles.speakers

    @classmethod
    def from_live(
        cls,
        utterances: Sequence[LabelledUtterance],
        presenter: str | None,
        facilitator: str | None,
        declared: Mapping[str, str],
        info: Mapping[str, Any],
        slots: Sequence[GivenSlot] = (),
        mode: MeetingMode | None = None,
        parts: Sequence[GivenPart] = (),
    ) -> Session:
        """A session from a live session's utterances, for its final report.

        Roles the live session knew (names set, roles sent with the utterances: ``declared``, the slots and parts
        marked) are kept; a role still unknown, and the meeting's structure, are inferred as for a transcript. Names
        that match no speaker are ignored rather than refused.
        """
        roles = resolve_roles(utterances, presenter, facilitator, declared, strict=False)
        return cls.read(utterances, roles, info, slots, mode, parts)

    @classmethod
    def read(
        cls,
        unresolved: Sequence[LabelledUtterance],
        roles: Roles,
        info: Mapping[str, Any],
        slots: Sequence[GivenSlot] = (),
        mode: MeetingMode | None = None,
        parts: Sequence[GivenPart] = (),
    ) -> Session:
        """Labelled utterances read as one presenter's session or as a meeting (:func:`read_meeting`)."""
        utterances, read_roles, structure = read_meeting(unresolved, roles, slots, mode, parts)
        return cls(utterances=utterances, roles=read_roles, model=model_summary(info), structure=structure)


def scored(
    utterances: Sequence[LabelledUtterance], structure: MeetingStructure | None
) -> tuple[LabelledUtterance, ...]:
    """The utterances members' figures and feedback are drawn from: all of them, except, in a meeting, what members
    said outside open slot time (the opening, report-back, planned time, a process review, the closing)."""
    if structure is None:
        return tuple(utterances)
    return tuple(u for u in utterances if u.role != MEMBER or structure.counts_for_members(u.index))


def label_session(
    transcript: Transcript,
    coach: Coach,
    presenter: str | None = None,
    facilitator: str | None = None,
    meeting: MeetingGiven | None = None,
) -> Session:
    """Label every utterance of ``transcript`` in one batch, each turn read with the previous turn of another speaker
    as its context, and resolve the roles and the meeting's structure.

    ``presenter``/``facilitator`` override the transcript's own fields; a name that matches no speaker is an
    :class:`~coach.errors.InputError`. What ``meeting`` gives (presenters' slots, the mode, open or planned parts),
    or else what the transcript marks, overrides the structure inferred (``coach.feedback.structure``). A
    meeting of several slots, report-back or planned time gets roles per slot (a presenter is a member in the others'
    slots); a session of one slot, or one whose presenter is named (as ``presenter``, in the transcript or on its
    turns), is read as a whole, as before, unless parts are given. Blank turns give no utterances. Each utterance
    starts when its turn starts; when the turn's end is known too, its time is interpolated by the position of its
    words in the turn.
    """
    turns = transcript.turns
    marked = MeetingGiven.marked_in(transcript)
    given_meeting = meeting or MeetingGiven()
    slots = given_meeting.slots or marked.slots
    parts = given_meeting.parts or marked.parts
    mode = given_meeting.mode if given_meeting.mode is not None else marked.mode
    unresolved = label_utterances(transcript, coach)
    roles = resolve_roles(
        unresolved,
        presenter if presenter is not None else transcript.presenter,
        facilitator if facilitator is not None else transcript.facilitator,
        declared_roles(turns),
    )
    given = [_placed(slot, unresolved, roles.speakers) for slot in slots]
    placed = [GivenPart(part.mode, _place(part.name, part.turn, part.start, unresolved)) for part in parts]
    return Session.read(unresolved, roles, coach.info, given, mode, placed)


def read_meeting(
    unresolved: Sequence[LabelledUtterance],
    roles: Roles,
    given: Sequence[GivenSlot] = (),
    mode: MeetingMode | None = None,
    parts: Sequence[GivenPart] = (),
) -> tuple[tuple[LabelledUtterance, ...], Roles, MeetingStructure | None]:
    """Each utterance with its speaker's role, the roles and the meeting's structure (``None`` for one presenter's
    session read whole).

    A meeting of several slots, report-back or planned time, and any session whose slots are ``given``, gets roles per
    slot: a presenter is a member in the others' slots. A session of one slot found, or one whose one presenter is
    named, is read as a whole; with ``parts`` given, the named presenter's slot is the whole session, read with its
    parts. Two ``given`` slots, or two ``parts``, starting at the same utterance are an
    :class:`~coach.errors.InputError`.
    """
    starts = [slot.start_index for slot in given]
    if len(set(starts)) < len(starts):
        same = sorted({slot.presenter for slot in given if starts.count(slot.start_index) > 1})
        raise InputError(f"the slots of {' and '.join(same)} start at the same point; give each slot its own start")
    if len({part.start_index for part in parts}) < len(parts):
        raise InputError("two of the parts given start at the same point; give each part its own start")
    named_one = not given and PRESENTER not in roles.assumed and roles.presenter is not None
    if named_one and parts:
        given, named_one = [GivenSlot(roles.presenter or "", 0)], False
    structure = (
        None
        if named_one
        else infer_structure(
            unresolved,
            roles.facilitator,
            given,
            mode,
            parts,
            calls_for_ideas=shipped_calls,
            announces_planned=shipped_announcements,
        )
    )
    if structure is None or not (given or structure.is_meeting):  # one presenter named: read whole as asked
        return tuple(u.with_role(roles.role_of(u.speaker)) for u in unresolved), roles, None
    by_speaker = dict.fromkeys(roles.speakers, MEMBER)
    if roles.facilitator is not None:
        by_speaker[roles.facilitator] = FACILITATOR
    meeting_roles = Roles(
        speakers=roles.speakers,
        by_speaker=by_speaker,
        facilitator=roles.facilitator,
        assumed=tuple(role for role in roles.assumed if role == FACILITATOR),
        not_found=roles.not_found,
    )
    return with_slot_roles(unresolved, structure, roles.facilitator), meeting_roles, structure


def with_slot_roles(
    unresolved: Sequence[LabelledUtterance], structure: MeetingStructure, facilitator: str | None
) -> tuple[LabelledUtterance, ...]:
    """Each utterance of a meeting with its speaker's role where it was said: the presenter of the slot it is in, the
    ``facilitator``, or a member (a presenter is a member in the others' slots)."""
    return tuple(
        u.with_role(
            PRESENTER
            if u.speaker == structure.presenter_at(u.index)
            else FACILITATOR
            if u.speaker == facilitator
            else MEMBER
        )
        for u in unresolved
    )


@dataclass(frozen=True)
class SlotGiven:
    """A presenter's slot as a user gives it: the presenter's name and where the slot starts, as a turn number of the
    transcript (from 0) or a time in seconds."""

    presenter: str
    turn: int | None = None
    start: float | None = None


@dataclass(frozen=True)
class PartGiven:
    """Open or planned time as a user gives it: its mode and where it starts, as a turn number of the transcript
    (from 0) or a time in seconds. It runs until the next part given starts, or to the end."""

    mode: Mode
    turn: int | None = None
    start: float | None = None

    @property
    def name(self) -> str:
        """How error messages name it: "the planned part at turn 40", "the open part at 01:10:00.000"."""
        where = f"turn {self.turn}" if self.start is None else format_timestamp(self.start)
        return f"the {self.mode} part at {where}"


@dataclass(frozen=True)
class MeetingGiven:
    """What a user says of a meeting's shape: its presenters' slots, its mode and its open or planned parts (each
    inferred when not given)."""

    slots: tuple[SlotGiven, ...] = ()
    mode: MeetingMode | None = None
    parts: tuple[PartGiven, ...] = ()

    @classmethod
    def marked_in(cls, transcript: Transcript) -> MeetingGiven:
        """What ``transcript`` itself marks (only JSON transcripts can)."""
        return cls(
            tuple(SlotGiven(m.what, m.turn, m.start) for m in transcript.slots),
            cast(MeetingMode | None, transcript.mode),
            tuple(PartGiven(cast(Mode, m.what), m.turn, m.start) for m in transcript.parts),
        )


def _placed(slot: SlotGiven, utterances: Sequence[LabelledUtterance], speakers: Sequence[str]) -> GivenSlot:
    """``slot`` with its presenter matched to a speaker (as ``--presenter`` names are) and placed at an utterance."""
    presenter = match_speaker(slot.presenter, speakers, PRESENTER) or slot.presenter
    return GivenSlot(presenter, _place(f"the slot of {slot.presenter}", slot.turn, slot.start, utterances))


def _place(name: str, turn: int | None, start: float | None, utterances: Sequence[LabelledUtterance]) -> int:
    """The first utterance at or after ``turn`` (a turn number) or ``start`` (seconds); ``name`` says in errors what
    starts there."""
    if start is not None:
        if all(u.start is None for u in utterances):
            raise InputError(
                f"{name} starts at a time, but the transcript has no times; give the turn it starts at instead"
            )
        at = next((u.index for u in utterances if u.start is not None and u.start >= start), None)
    else:
        at = next((u.index for u in utterances if u.turn >= (turn or 0)), None)
    if at is None:
        raise InputError(f"{name} starts after the end of the transcript")
    return at


def label_utterances(transcript: Transcript, coach: Coach) -> list[LabelledUtterance]:
    """Every utterance of ``transcript`` labelled as a member would say it (roles not yet applied), in order."""
    turns = transcript.turns
    predictions = coach.classify_turns([turn.speaker for turn in turns], [turn.text for turn in turns])
    utterances: list[LabelledUtterance] = []
    for number, (turn, prediction) in enumerate(zip(turns, predictions, strict=True)):
        utterances.extend(_turn_utterances(number, turn, prediction, first_index=len(utterances)))
    return utterances


def declared_roles(turns: Sequence[Turn]) -> dict[str, str]:
    """The role written in the transcript for each speaker that has one; two different roles are an error."""
    declared: dict[str, str] = {}
    for number, turn in enumerate(turns):
        if not turn.role:
            continue
        known = declared.setdefault(turn.speaker, turn.role)
        if known != turn.role:
            raise InputError(
                f"turn {number + 1}: {turn.speaker!r} has role {turn.role!r} here but {known!r} earlier; "
                "give each speaker one role"
            )
    return declared


def utterance_times(
    word_counts: Sequence[int], start: float | None, end: float | None
) -> list[tuple[float | None, float | None]]:
    """The ``(start, end)`` of each utterance of a turn with ``word_counts`` words per utterance.

    With the turn's start and end, time is shared out by word position (evenly when no utterance has a word); with only
    its start, every utterance starts then and has no end; with no start, no utterance has a time.
    """
    if start is None:
        return [(None, None)] * len(word_counts)
    if end is None or end < start:
        return [(start, None)] * len(word_counts)
    weights = list(word_counts) if sum(word_counts) else [1] * len(word_counts)
    total = sum(weights)
    times: list[tuple[float | None, float | None]] = []
    done = 0
    for weight in weights:
        before = start + (end - start) * done / total
        done += weight
        times.append((round(before, 3), round(start + (end - start) * done / total, 3)))
    return times


def model_summary(info: Mapping[str, Any]) -> dict[str, Any]:
    """The model's ``name`` and ``version`` from its ``info``."""
    return {"name": str(info.get("name", "unknown")), "version": str(info.get("version", "unknown"))}


def _turn_utterances(number: int, turn: Turn, prediction: Prediction, first_index: int) -> list[LabelledUtterance]:
    pieces = prediction.utterances
    times = utterance_times([len(p.text.split()) for p in pieces], turn.start, turn.end)
    return [
        LabelledUtterance.of(
            piece, index=first_index + offset, turn=number, speaker=turn.speaker, role="member", start=start, end=end
        )
        for offset, (piece, (start, end)) in enumerate(zip(pieces, times, strict=True))
    ]
