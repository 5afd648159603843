"""The session report as plain text for a terminal, readable at 80 columns (ASCII only, apart from what was said)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from coach.feedback.actions import Action
from coach.feedback.metrics import FirstAdvice, Run, Timeline
from coach.feedback.report_model import (
    Highlight,
    Moment,
    QuestionRephrased,
    Report,
    ReportBack,
    SavedReport,
    SlotReport,
    SpeakerFigures,
    Summary,
    shown,
)
from coach.labels import DISPLAY_ORDER, LABEL_STYLES

#: How labels read in the report (the one table, ``coach.labels.LABEL_STYLES``).
LABEL_NAMES = {label: style.name for label, style in LABEL_STYLES.items()}


def render_text(saved_or_not: Report | SavedReport, width: int = 80) -> str:
    """A report (from ``build_report``, or a set's saved session with its report-back first) as text lines no wider
    than ``width`` (quotes are wrapped, never cut)."""
    report, report_back = shown(saved_or_not)
    sections = [
        _title(report, width),
        _report_back(report_back, width),
        _meeting(report, width),
        _summary(report.summary, width),
        _labels(report.summary.counts, width),
        _speakers(report.speakers, width),
        _members(report.speakers, width),
        _timeline(report.timeline, width),
        _went_well(report.feedback.went_well, width),
        _moments(report.feedback.moments, width),
        _rephrasings(report.feedback.rephrasings, width),
        _actions(report.actions, width),
    ]
    return "\n\n".join(section for section in sections if section) + "\n"


def format_time(seconds: float | None) -> str:
    """``seconds`` as ``m:ss`` or ``h:mm:ss``; ``-`` for ``None``."""
    if seconds is None:
        return "-"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def percent(ratio: float | None) -> str:
    """A 0..1 ratio as a whole percentage; ``-`` for ``None``."""
    return "-" if ratio is None else f"{round(ratio * 100)}%"


def _heading(text: str) -> str:
    return f"{text}\n{'-' * len(text)}"


def _wrap(text: str, width: int, indent: str = "") -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent, break_long_words=True)


def _title(report: Report, width: int) -> str:
    title = "Coach session report"
    lines = [title, "=" * len(title), _wrap(report.feedback.headline, width)]
    check = report.feedback.planned_time_check
    if check is not None:
        lines += ["", _wrap(check.note, width)]
    roles = report.roles
    who = []
    if roles.presenter:
        who.append(f"Presenter: {roles.presenter}.")
    if roles.facilitator:
        who.append(f"Facilitator: {roles.facilitator}.")
    if roles.how_to_override:
        who.append(roles.how_to_override)
    if who:
        lines += ["", _wrap(" ".join(who), width)]
    return "\n".join(lines)


def _meeting(report: Report, width: int) -> str:
    """The meeting's stretches (report-back, slots, planned discussion), when it had more than one presenter's slot."""
    stretches = meeting_outline(report)
    if not stretches:
        return ""
    lines = [_heading("The meeting")]
    for stretch in stretches:
        lines.append(_wrap(f"{stretch.when}  {stretch.what}: {stretch.figures}.", width))
    for note in slot_notes(report):
        lines += ["", _wrap(note, width)]
    return "\n".join(lines)


def slot_notes(report: Report) -> list[str]:
    """The slots' planned-time notes, where the meeting as a whole has none (its note already covers every slot)."""
    if report.feedback.planned_time_check is not None:
        return []
    return [slot.planned_time_check.note for slot in report.slots if slot.planned_time_check is not None]


def _summary(summary: Summary, width: int) -> str:
    run = summary.longest_questioning_run
    reflections = summary.reflection_to_question_ratio
    balance = summary.participation_balance
    rows = [
        ("Questioning mode (members)", percent(summary.questioning_ratio), "questions and reflections"),
        ("Open questions", percent(summary.open_ratio), "of members' questions"),
        ("Reflections per question", "-" if reflections is None else f"{reflections:.2f}", ""),
        ("Longest questioning run", "-" if run is None else str(run.length), _run_when(run)),
        ("First advice", *_first_advice(summary.time_to_first_advice)),
        ("Presenter's share of talk", percent(summary.presenter_share_of_talk), "of all words"),
        ("Balance among members", "-" if balance is None else f"{balance:.2f}", "1 = all contributed equally"),
        ("Advice dressed as questions", str(summary.leading_questions), ""),
        ("Utterances", str(summary.utterances), f"over {format_time(summary.duration)}"),
    ]
    lines = [_heading("Summary")]
    for name, value, note in rows:
        line = f"{name:<28}{value:>6}  {note}".rstrip()
        lines.append(line if len(line) <= width else line[: width - 1] + "~")
    return "\n".join(lines)


def _run_when(run: Run | None) -> str:
    if run is None:
        return ""
    if run.start is None:
        return f"in a row (utterances {run.start_index + 1}-{run.end_index + 1})"
    return f"in a row ({format_time(run.start)}-{format_time(run.end)})"


def _first_advice(first: FirstAdvice | None) -> tuple[str, str]:
    if first is None:
        return "-", "no advice from members"
    if first.seconds is not None:
        return format_time(first.seconds), f"into the session ({first.utterances} utterances)"
    return str(first.utterances), "utterances in"


def _bar(value: float, scale: float, length: int) -> str:
    filled = round(length * value / scale) if scale else 0
    return "#" * filled + "." * (length - filled)


def _labels(counts: Mapping[str, int], width: int) -> str:
    total = sum(counts.values())
    bar_length = max(10, min(40, width - 30))
    lines = [_heading("Labels (everyone)")]
    for label in DISPLAY_ORDER:
        count = counts.get(label, 0)
        lines.append(f"{LABEL_NAMES[label]:<16}{count:>6}  {_bar(count, max(total, 1), bar_length)}")
    return "\n".join(lines)


def _speakers(speakers: Mapping[str, SpeakerFigures], width: int) -> str:
    if not speakers:
        return ""
    name_width = max(8, min(18, width - 62))
    header = (
        f"{'Name':<{name_width}} {'Role':<11} {'Utt':>5} {'Words':>6} {'Q-mode':>6} {'Open':>5} {'Adv':>4} {'Story':>5}"
    )
    lines = [_heading("Speakers"), header]
    for name, figures in speakers.items():
        counts = figures.counts
        lines.append(
            f"{_clip(name, name_width):<{name_width}} {figures.role:<11} {figures.utterances:>5} "
            f"{figures.words:>6} {percent(figures.questioning_ratio):>6} {percent(figures.open_ratio):>5} "
            f"{counts['advice']:>4} {counts['story']:>5}"
        )
    lines.append(_wrap("Q-mode: questions and reflections over contributions (members only).", width))
    return "\n".join(lines)


def _members(speakers: Mapping[str, SpeakerFigures], width: int) -> str:
    """Each member's mix of contributions, best question and one thing to try next time."""
    lines = [_heading("Each member")]
    for name, figures in speakers.items():
        shares = figures.percentages
        if shares is None:
            continue
        mix = ", ".join(f"{LABEL_NAMES[label]} {percent(share)}" for label, share in shares.items() if share)
        lines.append(_wrap(f"{name}: {mix or 'no contributions'}", width, "  "))
        if figures.best_question:
            lines.append(_wrap(f'best question: "{figures.best_question.text}"', width, "    "))
        if figures.next_step:
            lines.append(_wrap(f"next time: {figures.next_step}", width, "    "))
    return "\n".join(lines) if len(lines) > 1 else ""


def _timeline(timeline: Timeline, width: int) -> str:
    windows = timeline.windows
    if len(windows) < 2:
        return ""
    by_time = timeline.unit == "seconds"
    size = f"{round(timeline.window / 60)} min" if by_time else f"{timeline.window} utterances"
    bar_length = max(10, min(30, width - 44))
    lines = [
        _heading(f"Questioning mode over time (per {size})"),
        "  (n: members' contributions; 'so far': from the start)",
    ]
    for window in windows:
        if by_time:
            span = f"{format_time(window.start)}-{format_time(window.end)}"
        else:
            span = f"{int(window.start) + 1}-{int(window.end)}"
        ratio, count = window.questioning_ratio, window.contributions
        if window.too_few:
            shown = f"{'.' * bar_length} too few"
        else:
            shown = f"{_bar(ratio or 0.0, 1.0, bar_length)} {percent(ratio):>4}"
        lines.append(f"{span:>15} {shown:<{bar_length + 8}} n={count:<3} so far {percent(window.cumulative_ratio)}")
    return "\n".join(lines)


def _went_well(items: Iterable[Highlight], width: int) -> str:
    lines = [_heading("What went well")]
    for item in items:
        lines += [_quote_line(item.speaker, item.quote, item.start, width), _wrap(item.why, width, "    ")]
    return "\n".join(lines) if len(lines) > 1 else ""


def _moments(items: Iterable[Moment], width: int) -> str:
    lines = [_heading("Moments worth discussing")]
    for item in items:
        lines += [_quote_line(item.speaker, item.quote, item.start, width), _wrap(item.why, width, "    ")]
    return "\n".join(lines) if len(lines) > 1 else ""


def _rephrasings(items: Iterable[QuestionRephrased], width: int) -> str:
    lines = [_heading("Open ways to ask")]
    for item in items:
        lines.append(_quote_line(item.speaker, item.original, item.start, width))
        lines += [_wrap(f"-> {suggestion}", width, "    ") for suggestion in item.suggestions]
    return "\n".join(lines) if len(lines) > 1 else ""


def _actions(actions: Iterable[Action], width: int) -> str:
    lines = [_heading("Actions to report back on")]
    lines += [_wrap(f"- {a.speaker}: {a.text}", width, "  ") for a in actions]
    return "\n".join(lines) if len(lines) > 1 else ""


def _report_back(items: Iterable[ReportBack], width: int) -> str:
    lines = [_heading("Report-back on earlier actions")]
    for item in items:
        lines.append(_wrap(f"- {item.speaker} ({item.date}): {item.text}", width, "  "))
        said = f'said: "{item.quote}"' if item.mentioned else "not mentioned in this session"
        lines.append(_wrap(said, width, "    "))
    return "\n".join(lines) if len(lines) > 1 else ""


def _quote_line(speaker: str, quote: str, start: float | None, width: int) -> str:
    when = f"[{format_time(start)}] " if start is not None else ""
    return textwrap.fill(f'{when}{speaker}: "{quote}"', width=width, initial_indent="  ", subsequent_indent="    ")


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "~"


_PHASE_NAMES = {
    "presenting": "account",
    "questioning": "questions",
    "actions": "actions",
    "process_review": "review",
}


@dataclass(frozen=True)
class Stretch:
    """A stretch of the meeting: utterances ``start_index``..``end_index``, when (``m:ss-m:ss``, or utterance
    numbers without times), what it was and what it comes to."""

    start_index: int
    end_index: int
    when: str
    what: str
    figures: str


def meeting_outline(report: Report) -> list[Stretch]:
    """The stretches of a meeting of several slots, report-back or planned time (none for a one-slot session)."""
    stretches = []
    back = report.reported_back
    if back is not None:
        who = ", ".join(back.speakers) if back.speakers else "members"
        stretches.append(
            Stretch(back.start_index, back.end_index, _when(back.start, back.end, back.start_index, back.end_index),
                    "Report-back on last time's actions", f"{who} reported back; not counted in members' figures")
        )  # fmt: skip
    for slot in report.slots:
        stretches.append(
            Stretch(slot.start_index, slot.end_index, _when(slot.start, slot.end, slot.start_index, slot.end_index),
                    _slot_title(slot), _slot_figures(slot))
        )  # fmt: skip
    for span in report.phases:
        if span.phase == "discussion":
            first, last = report.utterances[span.start_index], report.utterances[span.end_index]
            stretches.append(
                Stretch(span.start_index, span.end_index,
                        _when(first.start, last.end if last.end is not None else last.start, span.start_index,
                              span.end_index),
                        "Planned discussion", "ideas and experience were asked for: not counted in members' figures")
            )  # fmt: skip
    return sorted(stretches, key=lambda stretch: stretch.start_index)


def _slot_title(slot: SlotReport) -> str:
    mode = {"open": "", "planned": ", planned", "combined": ", open then planned"}.get(slot.mode, "")
    phases = ", ".join(_PHASE_NAMES.get(phase.phase, phase.phase) for phase in slot.phases)
    return f"{slot.presenter}'s slot ({phases}{mode})"


def _slot_figures(slot: SlotReport) -> str:
    actions = len(slot.actions)
    said = f"{actions} action{'' if actions == 1 else 's'}"
    if slot.summary.questioning_ratio is None:
        return f"no members' contributions in open time; {said}"
    return f"{percent(slot.summary.questioning_ratio)} of members' contributions were questions or reflections; {said}"


def _when(start: float | None, end: float | None, first: int, last: int) -> str:
    if start is None:
        return f"#{first + 1}-#{last + 1}"
    return f"{format_time(start)}-{format_time(end)}"
