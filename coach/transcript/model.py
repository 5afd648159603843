"""The transcript model: who said what, and when, as the readers hand it on.

A :class:`Transcript` is a tuple of :class:`Turn` objects in the order they were spoken. A turn is one speaker's
uninterrupted stretch of speech: readers merge consecutive cues or lines of the same speaker into one turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

TranscriptFormat = Literal["vtt", "srt", "text", "otter", "json"]
"""The formats the readers understand: WebVTT, SubRip, `Name: text` lines, an Otter export, Coach's JSON."""

FORMATS: Final[tuple[TranscriptFormat, ...]] = ("vtt", "srt", "text", "otter", "json")
ROLES: Final[tuple[str, ...]] = ("presenter", "member", "facilitator")
UNKNOWN_SPEAKER: Final = "Unknown speaker"
"""The speaker of a cue that names nobody (captions without speaker names)."""


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's uninterrupted stretch of speech.

    ``start`` and ``end`` are seconds from the start of the recording, when the source has them; ``role`` is
    ``"presenter"``, ``"member"`` or ``"facilitator"`` when the source says (only JSON transcripts do).
    """

    speaker: str
    text: str
    start: float | None = None
    end: float | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Marked:
    """Where a stretch of a meeting starts, as a transcript marks it: a presenter's slot (``what`` is the presenter)
    or open or planned time (``what`` is the mode), from turn ``turn`` (from 0) or ``start`` seconds."""

    what: str
    turn: int | None = None
    start: float | None = None


MEETING_MODES: Final[tuple[str, ...]] = ("open", "planned", "combined")


@dataclass(frozen=True, slots=True)
class Transcript:
    """The turns of one session, the format they were read from, and the presenter and facilitator when known; for a
    meeting, the presenters' ``slots``, its ``mode`` and its open or planned ``parts`` when the transcript marks them
    (only JSON transcripts do)."""

    turns: tuple[Turn, ...]
    format: TranscriptFormat
    presenter: str | None = None
    facilitator: str | None = None
    slots: tuple[Marked, ...] = ()
    mode: str | None = None
    parts: tuple[Marked, ...] = ()

    @property
    def speakers(self) -> tuple[str, ...]:
        """Every speaker once, in the order they first speak."""
        return tuple(dict.fromkeys(turn.speaker for turn in self.turns))
