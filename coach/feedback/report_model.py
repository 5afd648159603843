"""The session report's types: frozen dataclasses that ``coach.feedback.report`` builds and every edge reads.

The text and HTML renderers read the fields; JSON (the API's responses, ``coach analyze --format json``, what a set
stores) comes from :meth:`Report.to_dict` at the edge, and the API's response model is this same type, so the
documented schema is the one served. Every value is final when built: ratios and confidences are already rounded,
times are seconds in the transcript's clock (``None`` when it has none), and collections are tuples.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from coach.feedback.actions import Action
from coach.feedback.metrics import FirstAdvice, Run, Timeline
from coach.feedback.session import Utterance
from coach.feedback.structure import PhaseSpan


@dataclass(frozen=True)
class Summary:
    """The session's figures: members' ratios, counts per label (everyone's and members'), and when things happened."""

    questioning_ratio: float | None
    open_ratio: float | None
    reflection_to_question_ratio: float | None
    counts: Mapping[str, int]
    member_counts: Mapping[str, int]
    longest_questioning_run: Run | None
    time_to_first_advice: FirstAdvice | None
    presenter_share_of_talk: float | None
    participation_balance: float | None
    leading_questions: int
    utterances: int
    duration: float | None


@dataclass(frozen=True)
class RolesFound:
    """Who presented and facilitated, which of the two were ``assumed`` (inferred), and how to change them (worded by
    the edge that shows it; ``None`` when nothing was assumed)."""

    presenter: str | None
    facilitator: str | None
    assumed: tuple[str, ...]
    how_to_override: str | None


@dataclass(frozen=True)
class BestQuestion:
    """A member's best question: the utterance's ``index``, its ``text`` and ``start``."""

    index: int
    text: str
    start: float | None


@dataclass(frozen=True)
class SpeakerFigures:
    """One speaker's figures. ``percentages`` (each label's share of their contributions), ``best_question`` and
    ``next_step`` are for members only (``None`` for the others, and the last two ``None`` in figures built without
    feedback, as a set stores them)."""

    role: str
    utterances: int
    words: int
    share_of_talk: float | None
    counts: Mapping[str, int]
    questioning_ratio: float | None
    open_ratio: float | None
    leading_questions: int
    percentages: Mapping[str, float | None] | None
    best_question: BestQuestion | None = None
    next_step: str | None = None


@dataclass(frozen=True)
class Highlight:
    """A member's move that went well: the utterance (``index``, ``speaker``, ``quote``, ``start``) and ``why``."""

    index: int
    speaker: str
    quote: str
    start: float | None
    why: str


@dataclass(frozen=True)
class Moment:
    """A moment worth discussing: its ``kind`` (``advice_run``, ``story_run``, ``story``, ``leading_question``,
    ``advice``), the utterances it spans (``index`` to ``end_index``), who spoke, its first ``quote`` and ``why``."""

    kind: str
    index: int
    end_index: int
    speaker: str
    speakers: tuple[str, ...]
    quote: str
    start: float | None
    end: float | None
    why: str


@dataclass(frozen=True)
class Suggestion:
    """A suggested open question: its ``text``, whether it is ``generic`` and its ``open_confidence``."""

    text: str
    generic: bool
    open_confidence: float


@dataclass(frozen=True)
class QuestionRephrased:
    """A member's closed or leading question (``original``, at ``index``) with open ``suggestions`` (their texts) and
    ``suggestion_details``."""

    index: int
    speaker: str
    start: float | None
    original: str
    label: str
    leading: bool
    suggestions: tuple[str, ...]
    suggestion_details: tuple[Suggestion, ...]


@dataclass(frozen=True)
class PlannedTimeCheck:
    """Said of a meeting (or one slot) whose modes were inferred, with no planned time found, when members mostly
    advised or told their own stories in its slots: the ``share`` of their ``contributions`` there that were advice or
    stories, and a ``note`` saying how to read it as planned time if it was. A set slipping out of questioning mode
    and a meeting planned throughout look alike from what members say, so Coach asks rather than decides.

    Said too of a meeting whose every slot Coach read as planned time itself (``read_as`` ``planned``; ``open``
    otherwise): nothing members said in the slots then counts against them, which hides a set's advice if the time
    was open, so the ``note`` says how to read it as open time."""

    share: float
    contributions: int
    note: str
    read_as: Literal["open", "planned"] = "open"


@dataclass(frozen=True)
class Feedback:
    """Plain-words feedback: the ``headline``, what ``went_well``, the ``moments``, the ``rephrasings``, and the
    ``planned_time_check`` (``None`` unless it applies)."""

    headline: str
    went_well: tuple[Highlight, ...]
    moments: tuple[Moment, ...]
    rephrasings: tuple[QuestionRephrased, ...]
    planned_time_check: PlannedTimeCheck | None = None


@dataclass(frozen=True)
class SlotFigures:
    """The members' figures of one slot: open time only, the presenter and the facilitator not counted."""

    questioning_ratio: float | None
    open_ratio: float | None
    member_counts: Mapping[str, int]


@dataclass(frozen=True)
class SlotReport:
    """A presenter's slot of a meeting: utterances ``start_index``..``end_index`` (``start``/``end`` in seconds when
    the transcript has times), its ``mode`` (``open``, ``planned`` or ``combined``), its phases, figures, the
    presenter's actions, and its ``planned_time_check`` (``None`` unless it applies)."""

    presenter: str
    start_index: int
    end_index: int
    start: float | None
    end: float | None
    mode: str
    phases: tuple[PhaseSpan, ...]
    summary: SlotFigures
    actions: tuple[Action, ...]
    planned_time_check: PlannedTimeCheck | None = None


@dataclass(frozen=True)
class ModePart:
    """A stretch of ``open`` or ``planned`` time over utterances ``start_index``..``end_index``."""

    mode: str
    start_index: int
    end_index: int
    start: float | None
    end: float | None


@dataclass(frozen=True)
class ReportedBack:
    """The meeting's report-back on last time's actions: who reported (``speakers``) and where."""

    speakers: tuple[str, ...]
    start_index: int
    end_index: int
    start: float | None
    end: float | None


@dataclass(frozen=True)
class Report:
    """The whole report of a session (see ``coach.feedback.report.build_report``). ``slots``, ``parts``,
    ``reported_back`` and ``phases`` (the meeting's stretches in order: opening, report-back, planned discussion,
    each slot's phases, closing) describe a meeting of several presenters, report-back or planned time (empty, and
    ``None``, for a session of one presenter's slot)."""

    model: Mapping[str, str]
    summary: Summary
    roles: RolesFound
    speakers: Mapping[str, SpeakerFigures]
    utterances: tuple[Utterance, ...]
    timeline: Timeline
    actions: tuple[Action, ...]
    feedback: Feedback
    slots: tuple[SlotReport, ...]
    parts: tuple[ModePart, ...]
    reported_back: ReportedBack | None
    phases: tuple[PhaseSpan, ...] = field(kw_only=True)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data: the same fields, nested, tuples as lists."""
        plain: dict[str, Any] = _plain(asdict(self))
        return plain


@dataclass(frozen=True)
class ReportBack:
    """An earlier action of a set (``id``, ``speaker``, ``text``, the ``session_id`` and ``date`` it was agreed) and
    whether this session ``mentioned`` it: the ``quote``, its utterance ``index`` and the match's ``score``."""

    id: str
    speaker: str
    text: str
    session_id: str
    date: str
    mentioned: bool
    quote: str | None
    index: int | None
    score: float | None


@dataclass(frozen=True)
class SavedAction(Action):
    """An action as a set keeps it, with the ``id`` report-back uses."""

    id: str


@dataclass(frozen=True)
class SavedUtterance(Utterance):
    """An utterance of a saved session, and whether a person ``corrected`` its label."""

    corrected: bool = False


@dataclass(frozen=True)
class SavedReport(Report):
    """The report of a session saved in a set (its labels as corrected, the actions as the set keeps them), the set
    and session it belongs to, and the ``report_back`` on the set's earlier actions."""

    utterances: tuple[SavedUtterance, ...]
    actions: tuple[SavedAction, ...]
    session_id: str
    set_id: str
    set_name: str
    date: str
    report_back: tuple[ReportBack, ...]

    def to_dict(self) -> dict[str, Any]:
        """The saved session's fields first, so the report-back leads, then the report's."""
        plain = super().to_dict()
        first = ("session_id", "set_id", "set_name", "date", "report_back")
        return {key: plain[key] for key in first} | {key: value for key, value in plain.items() if key not in first}


def shown(report: Report | SavedReport) -> tuple[Report, tuple[ReportBack, ...]]:
    """What a renderer shows of ``report``: the report itself (a saved one with the set's actions) and the report-back
    on earlier actions (none for a report not saved in a set)."""
    return report, report.report_back if isinstance(report, SavedReport) else ()


def _plain(value: Any) -> Any:
    """``value`` with every tuple a list and every mapping a ``dict`` (``asdict`` keeps tuples and mapping types)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value
