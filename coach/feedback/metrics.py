"""The figures of a session, one small pure function each.

Every function takes the session's utterances in order (``LabelledUtterance``, or anything with the same fields) and
handles empty input: a ratio with nothing to divide is ``None`` (not 0, which would read as "none at all"), a count is
0, a list is empty. "Members" are the speakers with role ``member``: the presenter and the facilitator never count
towards questioning mode (labels.md).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coach.feedback.session import LabelledUtterance
from coach.labels import (
    ADVICE,
    LABELS,
    OPEN_QUESTION,
    OTHER,
    QUESTION_LABELS,
    QUESTIONING_LABELS,
    REFLECTION,
)

MEMBER = "member"
#: The most windows a timeline has, however long the session or the gaps in its times.
MAX_WINDOWS = 100
#: About this many windows over a session's length in the report's timeline.
TIMELINE_WINDOWS = 10
#: A window with fewer member contributions than this is too few to judge.
TOO_FEW_TO_JUDGE = 5
PRESENTER = "presenter"


@dataclass(frozen=True)
class Moment:
    """One utterance worth pointing at: its quote, who said it and when (``start`` is ``None`` without times)."""

    index: int
    speaker: str
    quote: str
    label: str
    leading: bool
    start: float | None

    @classmethod
    def of(cls, utterance: LabelledUtterance) -> Moment:
        return cls(
            utterance.index, utterance.speaker, utterance.text, utterance.label, utterance.leading, utterance.start
        )


@dataclass(frozen=True)
class Run:
    """Consecutive members' contributions of one kind: ``length`` utterances from ``start_index`` to ``end_index``."""

    length: int
    start_index: int
    end_index: int
    start: float | None
    end: float | None
    speakers: tuple[str, ...]


@dataclass(frozen=True)
class FirstAdvice:
    """When members first gave advice: ``utterances`` before it in the session, and ``seconds`` when times are known."""

    index: int
    utterances: int
    seconds: float | None


@dataclass(frozen=True)
class Window:
    """One window of the timeline: its ``start`` and ``end`` (seconds, or utterance positions with the end excluded),
    ``utterances``, members' ``contributions`` (:func:`contributions`), whether those are ``too_few``
    to judge, the window's ``questioning_ratio`` and ``open_ratio``, the ``cumulative_ratio`` from the session's start
    to the window's end, and members' ``counts`` per label."""

    start: float
    end: float
    utterances: int
    contributions: int
    too_few: bool
    questioning_ratio: float | None
    cumulative_ratio: float | None
    open_ratio: float | None
    counts: dict[str, int]


@dataclass(frozen=True)
class Timeline:
    """The figures per window: the ``unit`` of the axis (``seconds`` or ``utterances``), the ``window`` size in it, and
    the ``windows`` in order."""

    unit: str
    window: float | int
    windows: tuple[Window, ...]


def members(utterances: Iterable[LabelledUtterance]) -> list[LabelledUtterance]:
    """The members' utterances, in order."""
    return [u for u in utterances if u.role == MEMBER]


def contributions(utterances: Iterable[LabelledUtterance]) -> list[LabelledUtterance]:
    """The members' contributions that count for questioning mode, each given by its first utterance.

    A contribution is a run of one member's utterances in one turn with the same label, other than ``other`` ("We
    buddy them. First shift back, someone's next to them the whole time." is one story; "That sounds hard. What would
    help?" is a reflection and a question): a member who tells a story in five sentences has not broken questioning
    mode five times. Utterances labelled ``other`` in between neither count nor split a run.
    """
    counted: list[LabelledUtterance] = []
    for u in members(utterances):
        if u.label == OTHER:
            continue
        last = counted[-1] if counted else None
        if last is None or (last.turn, last.speaker, last.label) != (u.turn, u.speaker, u.label):
            counted.append(u)
    return counted


def questioning_ratio(utterances: Sequence[LabelledUtterance]) -> float | None:
    """Members' open and closed questions and reflections over their contributions (:func:`contributions`).

    ``None`` when members said nothing but ``other``.
    """
    counted = contributions(utterances)
    return _ratio(sum(u.label in QUESTIONING_LABELS for u in counted), len(counted))


def open_ratio(utterances: Sequence[LabelledUtterance]) -> float | None:
    """Members' open questions over all their questions (open and closed; advice dressed as a question is advice).

    ``None`` when members asked no question.
    """
    questions = [u for u in members(utterances) if u.label in QUESTION_LABELS]
    return _ratio(sum(u.label == OPEN_QUESTION for u in questions), len(questions))


def reflection_to_question_ratio(utterances: Sequence[LabelledUtterance]) -> float | None:
    """Members' reflections per question they asked (1.0: one reflection per question); ``None`` without questions."""
    spoken = members(utterances)
    return _ratio(sum(u.label == REFLECTION for u in spoken), sum(u.label in QUESTION_LABELS for u in spoken))


def label_counts(utterances: Iterable[LabelledUtterance]) -> dict[str, int]:
    """How many utterances have each label, every label present (0 when unused), in the order of ``LABELS``."""
    counts = Counter(u.label for u in utterances)
    return {label: counts[label] for label in LABELS}


def label_counts_by_speaker(utterances: Sequence[LabelledUtterance]) -> dict[str, dict[str, int]]:
    """:func:`label_counts` for each speaker, speakers in order of first appearance."""
    by_speaker: dict[str, list[LabelledUtterance]] = {}
    for u in utterances:
        by_speaker.setdefault(u.speaker, []).append(u)
    return {speaker: label_counts(spoken) for speaker, spoken in by_speaker.items()}


def leading_questions(utterances: Sequence[LabelledUtterance]) -> list[Moment]:
    """Members' advice dressed as a question ("Have you thought about...?"), in order."""
    return [Moment.of(u) for u in members(utterances) if u.label == ADVICE and u.leading]


def member_runs(utterances: Sequence[LabelledUtterance], labels: Iterable[str]) -> list[Run]:
    """Every maximal run of members' consecutive utterances whose labels are all in ``labels``, counted in utterances
    (two suggestions in one turn are a run of two).

    The presenter's and facilitator's talk and everyone's ``other`` are skipped: they neither extend nor break a run.
    """
    wanted = frozenset(labels)
    runs: list[Run] = []
    current: list[LabelledUtterance] = []
    for u in [*(u for u in members(utterances) if u.label != OTHER), None]:
        if u is not None and u.label in wanted:
            current.append(u)
            continue
        if current:
            runs.append(_run(current))
            current = []
    return runs


def longest_questioning_run(utterances: Sequence[LabelledUtterance]) -> Run | None:
    """The longest run of members' questions and reflections (the first of equals); ``None`` when there is none."""
    runs = member_runs(utterances, QUESTIONING_LABELS)
    return max(runs, key=lambda run: run.length) if runs else None


def time_to_first_advice(utterances: Sequence[LabelledUtterance]) -> FirstAdvice | None:
    """How long the set went before a member's first advice; ``None`` when no member gave any.

    ``seconds`` counts from the session's first utterance (``None`` when the transcript has no times); ``utterances``
    is how many utterances came before it.
    """
    first = next((u for u in members(utterances) if u.label == ADVICE), None)
    if first is None:
        return None
    origin = session_start(utterances)
    seconds = None if first.start is None or origin is None else round(first.start - origin, 3)
    position = next(number for number, u in enumerate(utterances) if u.index == first.index)
    return FirstAdvice(index=first.index, utterances=position, seconds=seconds)


def presenter_share_of_talk(utterances: Sequence[LabelledUtterance]) -> float | None:
    """The presenter's words over everyone's words; ``None`` when there is no presenter or nobody said a word."""
    total = sum(u.words for u in utterances)
    if not any(u.role == PRESENTER for u in utterances):
        return None
    return _ratio(sum(u.words for u in utterances if u.role == PRESENTER), total)


def participation_balance(utterances: Sequence[LabelledUtterance]) -> float | None:
    """How evenly members shared the contributions, from 0 (one member made them all) to 1 (all made as many).

    It is ``1 - G * n / (n - 1)``, with ``G`` the Gini coefficient of the number of contributions
    (:func:`contributions`) of each of the ``n`` members who spoke at all; scaling by ``n / (n - 1)`` makes "one member
    did everything" 0 for any set size. ``None`` with fewer than two members or no contributions.
    """
    per_member = Counter({u.speaker: 0 for u in members(utterances)})
    per_member.update(u.speaker for u in contributions(utterances))
    counts = list(per_member.values())
    n = len(counts)
    total = sum(counts)
    if n < 2 or total == 0:
        return None
    gini = sum(abs(a - b) for a in counts for b in counts) / (2 * n * total)
    return round(1 - gini * n / (n - 1), 4)


def session_start(utterances: Sequence[LabelledUtterance]) -> float | None:
    """The earliest start time, or ``None`` when no utterance has one."""
    starts = [u.start for u in utterances if u.start is not None]
    return min(starts) if starts else None


def duration(utterances: Sequence[LabelledUtterance]) -> float | None:
    """Seconds from the first start to the last end (or start); ``None`` without times."""
    origin = session_start(utterances)
    if origin is None:
        return None
    last = max(u.end if u.end is not None else u.start for u in utterances if u.start is not None)
    return round(last - origin, 3)


def has_times(utterances: Sequence[LabelledUtterance]) -> bool:
    """True when every utterance has a start time (and there is at least one)."""
    return bool(utterances) and all(u.start is not None for u in utterances)


def timeline(utterances: Sequence[LabelledUtterance], windows: int = TIMELINE_WINDOWS) -> Timeline:
    """The figures per window, about ``windows`` of them over the session's length (whole minutes when every
    utterance has a time, else a whole number of utterances; never more than :data:`MAX_WINDOWS`).

    A window is ``too_few`` to judge with fewer than :data:`TOO_FEW_TO_JUDGE` contributions (see :class:`Window`).
    Windows with no talk are kept, so the list is a regular axis. No utterances: no windows.
    """
    if windows <= 0:
        raise ValueError("the number of windows must be positive")
    windows = min(windows, MAX_WINDOWS)
    if not utterances:
        return Timeline("utterances", 0, ())
    if has_times(utterances):
        origin = session_start(utterances) or 0.0
        span = max((u.start or 0.0) for u in utterances) - origin
        size: float = max(60.0, math.ceil(span / windows / 60 + 1e-9) * 60.0)
        buckets: list[list[LabelledUtterance]] = []
        for u in utterances:
            slot = int(((u.start or 0.0) - origin) // size)
            while len(buckets) <= slot:
                buckets.append([])
            buckets[slot].append(u)
        bounds = [(origin + k * size, origin + (k + 1) * size) for k in range(len(buckets))]
        unit = "seconds"
    else:
        step = max(1, math.ceil(len(utterances) / windows))
        size = float(step)
        buckets = [list(utterances[k : k + step]) for k in range(0, len(utterances), step)]
        bounds = [(float(k * step), float(k * step + len(bucket))) for k, bucket in enumerate(buckets)]
        unit = "utterances"
    figures: list[Window] = []
    so_far: list[LabelledUtterance] = []
    for (start, end), bucket in zip(bounds, buckets, strict=True):
        so_far.extend(bucket)
        counted = len(contributions(bucket))
        figures.append(
            Window(
                start=round(start, 3),
                end=round(end, 3),
                utterances=len(bucket),
                contributions=counted,
                too_few=counted < TOO_FEW_TO_JUDGE,
                questioning_ratio=questioning_ratio(bucket),
                cumulative_ratio=questioning_ratio(so_far),
                open_ratio=open_ratio(bucket),
                counts=label_counts(members(bucket)),
            )
        )
    return Timeline(unit, size if unit == "seconds" else int(size), tuple(figures))


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _run(utterances: Sequence[LabelledUtterance]) -> Run:
    first, last = utterances[0], utterances[-1]
    return Run(
        length=len(utterances),
        start_index=first.index,
        end_index=last.index,
        start=first.start,
        end=last.end if last.end is not None else last.start,
        speakers=tuple(dict.fromkeys(u.speaker for u in utterances)),
    )


__all__ = [
    "FirstAdvice",
    "Moment",
    "Run",
    "Timeline",
    "Window",
    "contributions",
    "duration",
    "label_counts",
    "label_counts_by_speaker",
    "leading_questions",
    "longest_questioning_run",
    "member_runs",
    "members",
    "open_ratio",
    "participation_balance",
    "presenter_share_of_talk",
    "questioning_ratio",
    "reflection_to_question_ratio",
    "session_start",
    "time_to_first_advice",
    "timeline",
]
