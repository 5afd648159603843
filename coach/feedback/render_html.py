"""The session report in HTML: one set of Jinja2 templates for the CLI's and the API's report and the web pages.

``report_body.html`` is the report itself; the web pages show it as it comes from ``POST /v1/reports/html?part=body``
(:func:`render_report_body`) and their scripts only add interaction. ``report.html`` (:func:`render_html`) puts it in
a self-contained page: the one stylesheet (``style.css``, the pages' too) and the transcript's script (``report.js``)
inline, nothing fetched. Autoescaping is on, so every piece of text from the report is escaped. Charts carry a
``<title>``/``<desc>``, and the figures they show are in tables and tooltips too, so the report reads well with a
screen reader and on a phone. Colours follow the Okabe-Ito palette (distinguishable with colour-blindness) and are
never the only cue.

The charts' geometry is worked out here (:func:`timeline_chart`, :func:`speaker_bars`); the templates only draw it.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import math
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template
from markupsafe import Markup

from coach.feedback.metrics import Timeline, Window
from coach.feedback.render_text import LABEL_NAMES, format_time, meeting_outline, percent, slot_notes
from coach.feedback.report_model import Report, SavedReport, SlotReport, SpeakerFigures, Summary
from coach.labels import DISPLAY_ORDER, LABEL_STYLES, OTHER, label_css

#: One colour per label, from the one table the pages use too (``coach.labels.LABEL_STYLES``); text on them is never
#: needed (legends and tables carry the names).
LABEL_COLOURS = {label: style.colour for label, style in LABEL_STYLES.items()}
#: What members contribute: every label but "other".
CONTRIBUTION_LABELS = tuple(label for label in DISPLAY_ORDER if label != OTHER)
#: A label below this confidence is marked as uncertain in the transcript.
UNCERTAIN_BELOW = 0.5
_TEMPLATES = files("coach.feedback") / "templates"
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache
def stylesheet() -> str:
    """The one stylesheet of the pages and the HTML report, with the labels' colours as custom properties."""
    return _TEMPLATES.joinpath("style.css").read_text(encoding="utf-8") + label_css()


@cache
def report_script() -> str:
    """The labelled transcript's script (filters, links), as the web pages load it."""
    return _TEMPLATES.joinpath("report.js").read_text(encoding="utf-8")


@cache
def _standalone_script() -> str:
    return report_script() + "setUpTranscript(document);\n"


def standalone_script_source() -> str:
    """The Content-Security-Policy source that allows the self-contained report's one inline script."""
    digest = hashlib.sha256(_standalone_script().encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def render_html(saved_or_not: Report | SavedReport) -> str:
    """A report (from ``build_report``, or a set's saved session with its report-back) as a complete HTML document."""
    context = _context(saved_or_not)
    context.update(stylesheet=Markup(stylesheet()), script=Markup(_standalone_script()))
    return _template("report.html").render(context)


def render_report_body(saved_or_not: Report | SavedReport) -> str:
    """The report alone, as the web pages show it inside their own page."""
    return _template("report_body.html").render(_context(saved_or_not))


@cache
def _template(name: str) -> Template:
    environment = Environment(
        loader=PackageLoader("coach.feedback", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters.update(clock=format_time, percent=percent, day=day_text)
    return environment.get_template(name)


def _context(saved_or_not: Report | SavedReport) -> dict[str, Any]:
    report = saved_or_not
    members = [(name, f) for name, f in report.speakers.items() if f.role == "member"]
    return {
        "report": report,
        "saved": isinstance(report, SavedReport),
        "report_back": report.report_back if isinstance(report, SavedReport) else (),
        "figures": _figures(report.summary),
        "meeting": meeting_outline(report),
        "slot_notes": slot_notes(report),
        "timeline": timeline_chart(report.timeline, report.slots),
        "speaker_bars": speaker_bars(report.speakers),
        "members": [(name, f, _contributions(f), _shares(f)) for name, f in members],
        "member_notes": [(name, f) for name, f in members if f.best_question or f.next_step],
        "speakers": list(dict.fromkeys(u.speaker for u in report.utterances)),
        "lines": {u.index for u in report.utterances},
        "labels": DISPLAY_ORDER,
        "contribution_labels": CONTRIBUTION_LABELS,
        "label_names": LABEL_NAMES,
        "nouns": {label: style.many for label, style in LABEL_STYLES.items()},
        "colours": LABEL_COLOURS,
        "uncertain_below": UNCERTAIN_BELOW,
    }


def day_text(iso: str) -> str:
    """A YYYY-MM-DD date as people read it ("4 Nov 2026"); anything else as it came."""
    try:
        date = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def count_words(label: str, count: int) -> str:
    """ "1 piece of advice", "2 open questions": a count of one kind of contribution, in words."""
    style = LABEL_STYLES[label]
    return f"{count} {style.one if count == 1 else style.many}"


def _figures(summary: Summary) -> list[tuple[str, str]]:
    """The headline's figure cards: (value, what it means)."""
    run, first, balance = summary.longest_questioning_run, summary.time_to_first_advice, summary.participation_balance
    if first is None:
        first_value, first_note = "none", "no advice from members"
    elif first.seconds is not None:
        first_value, first_note = format_time(first.seconds), "into the session before members' first advice"
    else:
        first_value, first_note = str(first.utterances), "utterances before members' first advice"
    said, advice = summary.utterances, summary.member_counts.get("advice", 0)
    duration = "" if summary.duration is None else f" over {format_time(summary.duration)}"
    return [
        (percent(summary.open_ratio), "of members' questions were open"),
        ("-" if run is None else str(run.length), "questions and reflections in a row at best"),
        (first_value, first_note),
        (str(advice), f"{'piece' if advice == 1 else 'pieces'} of advice from members"),
        (percent(summary.presenter_share_of_talk), "of the words were the presenter's"),
        ("-" if balance is None else f"{balance:.2f}", "balance among members (1 = all contributed equally)"),
        (str(said), f"{'thing' if said == 1 else 'things'} said{duration}"),
    ]


def _contributions(figures: SpeakerFigures) -> int:
    return sum(figures.counts.get(label, 0) for label in CONTRIBUTION_LABELS)


def _shares(figures: SpeakerFigures) -> Mapping[str, float | None]:
    """A member's share of their own contributions per label (worked out from the counts where not given)."""
    if figures.percentages is not None:
        return figures.percentages
    total = _contributions(figures)
    return {label: figures.counts.get(label, 0) / total if total else None for label in CONTRIBUTION_LABELS}


def timeline_chart(timeline: Timeline, slots: Sequence[SlotReport] = ()) -> dict[str, Any] | None:
    """The time chart's geometry: a bar per window (hatched when too few to judge) with its count, the cumulative
    line (broken where nobody had contributed yet), the grid, the ticks and, on a timed meeting, a mark where each
    presenter's slot starts; ``None`` without windows."""
    windows = timeline.windows
    if not windows:
        return None
    by_time = timeline.unit == "seconds"
    width, left, right, top, plot = 640, 56, 12, 14, 170
    step = (width - left - right) / len(windows)

    def y(ratio: float) -> float:
        return top + plot * (1 - ratio)

    bars: list[dict[str, Any]] = []
    runs: list[list[dict[str, str]]] = []
    run: list[dict[str, str]] = []
    ticks: list[dict[str, str]] = []
    every = max(1, math.ceil(len(windows) / (7 if by_time else 5)))
    for number, window in enumerate(windows):
        x = left + number * step
        middle = x + step / 2
        height = plot if window.too_few else max(plot * (window.questioning_ratio or 0.0), 2)
        bars.append(
            {
                "too_few": window.too_few,
                "x": f"{x + step * 0.15:.1f}",
                "y": f"{top + plot - height:.1f}",
                "width": f"{step * 0.7:.1f}",
                "height": f"{height:.1f}",
                "note_x": f"{middle + 4:.1f}",
                "note_y": f"{top + plot / 2:.1f}",
                "centre": f"{middle:.1f}",
                "count": window.contributions,
                "label": _window_words(window, by_time),
            }
        )
        if window.cumulative_ratio is None:
            runs.append(run)
            run = []
        else:
            up_to = format_time(window.end) if by_time else f"utterance {round(window.end)}"
            run.append(
                {
                    "x": f"{middle:.1f}",
                    "y": f"{y(window.cumulative_ratio):.1f}",
                    "xy": f"{middle:.1f},{y(window.cumulative_ratio):.1f}",
                    "label": f"From the start up to {up_to}: {percent(window.cumulative_ratio)}",
                }
            )
        if by_time:
            if number % every == 0:
                ticks.append(_tick(x, format_time(window.start), "start" if number == 0 else "middle"))
            if number == len(windows) - 1 and (number + 1) % every == 0:
                ticks.append(_tick(x + step, format_time(window.end), "end"))
        elif number % every == 0:
            ticks.append(_tick(middle, f"{round(window.start) + 1}–{round(window.end)}", "middle"))
    runs.append(run)
    if by_time:
        minutes = round(timeline.window / 60)
        size = f"{minutes} minute{'' if minutes == 1 else 's'}"
    else:
        size = f"{timeline.window} utterance{'' if timeline.window == 1 else 's'}"
    first, last = windows[0].start, windows[-1].end
    marks = [
        {"x": f"{left + (slot.start - first) / (last - first) * (width - left - right):.1f}", "name": slot.presenter}
        for slot in slots
        if by_time and slot.start is not None and last > first and first <= slot.start <= last
    ]
    return {
        "title": "Questioning mode over the session",
        "slot_marks": marks,
        "description": ". ".join(_window_words(window, by_time) for window in windows),
        "size": size,
        "width": width,
        "height": top + plot + 52,
        "left": left,
        "right": width - right,
        "count_y": top + plot + 20,
        "tick_y": top + plot + 42,
        "grid": [
            {"y": f"{y(level):.1f}", "label_y": f"{y(level) + 5:.1f}", "percent": round(level * 100)}
            for level in (0, 0.5, 1)
        ],
        "bars": bars,
        "line_runs": [run for run in runs if run],
        "ticks": ticks,
    }


def _tick(x: float, text: str, anchor: str) -> dict[str, str]:
    return {"x": f"{x:.1f}", "text": text, "anchor": anchor}


def _window_words(window: Window, by_time: bool) -> str:
    """One window's figures in words: "5:00–10:00: 7 contributions, 71% questions or reflections; 64% from the start
    up to here"."""
    span = (
        f"{format_time(window.start)}–{format_time(window.end)}"
        if by_time
        else f"utterances {round(window.start) + 1}–{round(window.end)}"
    )
    said = f"{window.contributions} contribution{'' if window.contributions == 1 else 's'}"
    now = (
        f"{said}, too few to judge"
        if window.too_few
        else f"{said}, {percent(window.questioning_ratio)} questions or reflections"
    )
    so_far = (
        "" if window.cumulative_ratio is None else f"; {percent(window.cumulative_ratio)} from the start up to here"
    )
    return f"{span}: {now}{so_far}"


def speaker_bars(speakers: Mapping[str, SpeakerFigures]) -> list[dict[str, Any]]:
    """One stacked bar per speaker, by label, as a share of the most any speaker said."""
    most = max((sum(f.counts.values()) for f in speakers.values()), default=0) or 1
    rows = []
    for name, figures in speakers.items():
        counted = [(label, figures.counts[label]) for label in DISPLAY_ORDER if figures.counts.get(label)]
        pieces = [{"label": label, "count": count, "words": count_words(label, count)} for label, count in counted]
        rows.append(
            {
                "name": name,
                "role": figures.role,
                "width": f"{sum(figures.counts.values()) / most * 100:.1f}",
                "pieces": pieces,
                "words": ", ".join(count_words(label, count) for label, count in counted) or "nothing labelled",
            }
        )
    return rows
