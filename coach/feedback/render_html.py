"""The session report as one self-contained HTML page: inline CSS and SVG charts, no script, nothing fetched.

The page is rendered from Jinja2 templates (``coach/feedback/templates``) with autoescaping: every piece of text
from the report is escaped. ``report.html`` is the page around ``report_body.html``, the report itself. Charts
carry a ``<title>``/``<desc>`` and an ``aria-label``, and the figures they show are also in tables, so the page reads
well with a screen reader and on a phone. Colours follow the Okabe-Ito palette
(distinguishable with colour-blindness) and are never the only cue.

The charts' geometry is worked out here (:func:`timeline_chart`, :func:`members_chart`); the templates only draw it.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from coach.feedback.metrics import Timeline, Window
from coach.feedback.render_text import LABEL_NAMES, format_time, percent
from coach.feedback.report_model import Report, SavedReport, SpeakerFigures, Summary, shown
from coach.labels import DISPLAY_ORDER, LABEL_STYLES

#: One colour per label, from the one table the pages use too (``coach.labels.LABEL_STYLES``); text on them is never
#: needed (legends and tables carry the names).
LABEL_COLOURS = {label: style.colour for label, style in LABEL_STYLES.items()}
#: A label below this confidence is marked as uncertain in the transcript.
UNCERTAIN_BELOW = 0.5
_TIMELINE_DESC = "The share of members' contributions that were questions or reflections, per window."


def render_html(saved_or_not: Report | SavedReport) -> str:
    """A report (from ``build_report``, or a set's saved session with its report-back after the roles) as a complete
    HTML document."""
    return _template("report.html").render(_context(saved_or_not))


@cache
def _template(name: str) -> Template:
    environment = Environment(
        loader=PackageLoader("coach.feedback", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    environment.filters.update(clock=format_time, percent=percent, mix=_mix)
    return environment.get_template(name)


def _context(saved_or_not: Report | SavedReport) -> dict[str, Any]:
    report, report_back = shown(saved_or_not)
    speakers = list(dict.fromkeys(u.speaker for u in report.utterances))
    return {
        "report": report,
        "report_back": report_back,
        "figures": _figures(report.summary),
        "timeline": timeline_chart(report.timeline),
        "members_chart": members_chart({n: f for n, f in report.speakers.items() if f.role == "member"}),
        "members": [(name, f) for name, f in report.speakers.items() if f.percentages is not None],
        "speaker_ids": {name: f"s{number}" for number, name in enumerate(speakers)},
        "labels": DISPLAY_ORDER,
        "label_names": LABEL_NAMES,
        "colours": LABEL_COLOURS,
        "uncertain_below": UNCERTAIN_BELOW,
    }


def _figures(summary: Summary) -> list[tuple[str, str]]:
    """The summary's figure cards: (value, what it means)."""
    run, first, balance = summary.longest_questioning_run, summary.time_to_first_advice, summary.participation_balance
    if first is None:
        first_value, first_note = "none", "no advice from members"
    elif first.seconds is not None:
        first_value, first_note = format_time(first.seconds), "into the session before members' first advice"
    else:
        first_value, first_note = str(first.utterances), "utterances before members' first advice"
    return [
        (percent(summary.questioning_ratio), "of what members said were questions or reflections"),
        (percent(summary.open_ratio), "of members' questions were open"),
        ("-" if run is None else str(run.length), "questions and reflections in a row at best"),
        (first_value, first_note),
        (percent(summary.presenter_share_of_talk), "of the words were the presenter's"),
        ("-" if balance is None else f"{balance:.2f}", "balance among members (1 = all contributed equally)"),
    ]


def _mix(shares: Mapping[str, float | None]) -> str:
    """A member's contributions by label: "open question 67%, reflection 33%"."""
    return ", ".join(f"{LABEL_NAMES.get(label, label)} {percent(share)}" for label, share in shares.items() if share)


def timeline_chart(timeline: Timeline) -> dict[str, Any] | None:
    """The time chart's geometry: a bar per window (hatched when too few to judge) with its count, the cumulative
    line, the grid and the ticks, in a 480 x 220 view box; ``None`` without windows."""
    windows = timeline.windows
    if not windows:
        return None
    by_time = timeline.unit == "seconds"
    minutes = round(timeline.window / 60)
    size = (
        f"{minutes} minute{'' if minutes == 1 else 's'}"
        if by_time
        else f"{timeline.window} utterance{'' if timeline.window == 1 else 's'}"
    )
    spans = [_span(window, by_time) for window in windows]
    width, height, left, bottom, top = 480, 220, 54, 30, 10
    plot_height = height - bottom - top
    step = (width - left - 10) / len(windows)
    bars = []
    line_points = []
    for number, (window, span) in enumerate(zip(windows, spans, strict=True)):
        ratio, count = window.questioning_ratio, window.contributions
        x = left + number * step
        centre = x + step / 2
        if window.cumulative_ratio is not None:
            line_points.append(f"{centre:.1f},{top + plot_height * (1 - window.cumulative_ratio):.1f}")
        counted = f"{count} contribution{'' if count == 1 else 's'}"
        bar_height = plot_height if window.too_few else plot_height * (ratio or 0.0)
        bars.append(
            {
                "too_few": window.too_few,
                "x": f"{x + step * 0.15:.1f}",
                "y": f"{top + plot_height - bar_height:.1f}",
                "width": f"{step * 0.7:.1f}",
                "height": f"{bar_height:.1f}",
                "label": f"{span}: {counted}, too few to judge"
                if window.too_few
                else f"{span}: {percent(ratio)} of {counted}",
                "centre": f"{centre:.1f}",
                "count": count,
            }
        )
    every = max(1, len(spans) // 6)
    described = "; ".join(
        f"{span}: {'too few to judge' if w.too_few else percent(w.questioning_ratio)} ({w.contributions} contributions)"
        for span, w in zip(spans, windows, strict=True)
    )
    return {
        "title": f"Questioning mode per {size}",
        "description": f"{_TIMELINE_DESC} {described}",
        "width": width,
        "height": height,
        "left": left,
        "count_y": top + 12,
        "tick_y": height - 10,
        "bars": bars,
        "line": " ".join(line_points) if len(line_points) > 1 else "",
        "grid": [
            {
                "y": f"{top + plot_height * (1 - level):.1f}",
                "label_y": f"{top + plot_height * (1 - level) + 4:.1f}",
                "percent": round(level * 100),
            }
            for level in (0.0, 0.5, 0.75, 1.0)
        ],
        "ticks": [
            {"x": f"{left + number * step + step / 2:.1f}", "text": span.split("-")[0].replace("utterances ", "#")}
            for number, span in enumerate(spans)
            if number % every == 0
        ],
    }


def _span(window: Window, by_time: bool) -> str:
    if by_time:
        return f"{format_time(window.start)}-{format_time(window.end)}"
    return f"utterances {int(window.start) + 1}-{int(window.end)}"


def members_chart(members: Mapping[str, SpeakerFigures]) -> dict[str, Any] | None:
    """The members' chart geometry: a row per member of bars per label, in a 480-wide view box; ``None`` without
    members."""
    if not members:
        return None
    width, row, left, top = 480, 30, 110, 6
    most = max(sum(f.counts.values()) for f in members.values()) or 1
    scale = (width - left - 40) / most
    rows = []
    for number, (name, figures) in enumerate(members.items()):
        y = top + number * row
        x = float(left)
        pieces = []
        for label in DISPLAY_ORDER:
            count = figures.counts.get(label, 0)
            if count:
                pieces.append({"label": label, "count": count, "x": f"{x:.1f}", "width": f"{count * scale:.1f}"})
                x += count * scale
        rows.append(
            {
                "name": name,
                "short_name": _clip(name, 12),
                "y": y + 4,
                "text_y": f"{y + row / 2 + 4:.1f}",
                "pieces": pieces,
                "total": sum(figures.counts.values()),
                "total_x": f"{x + 6:.1f}",
            }
        )
    return {
        "width": width,
        "height": top + row * len(members) + 6,
        "left": left,
        "bar_height": row - 8,
        "rows": rows,
        "description": "; ".join(
            f"{name}: " + ", ".join(f"{f.counts.get(label, 0)} {LABEL_NAMES[label]}" for label in DISPLAY_ORDER)
            for name, f in members.items()
        ),
    }


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
