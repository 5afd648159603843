"""The session report as one self-contained HTML page: inline CSS and SVG charts, no script, nothing fetched.

Every piece of text from the report goes through :func:`html.escape`. Charts carry a ``<title>``/``<desc>`` and an
``aria-label``, and the figures they show are also in tables, so the page reads well with a screen reader and on a
phone. Colours follow the Okabe-Ito palette (distinguishable with colour-blindness) and are never the only cue.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from coach.feedback.actions import Action
from coach.feedback.metrics import Timeline, Window
from coach.feedback.render_text import LABEL_NAMES, format_time, percent
from coach.feedback.report_model import (
    Highlight,
    Moment,
    QuestionRephrased,
    Report,
    ReportBack,
    RolesFound,
    SavedReport,
    SpeakerFigures,
    Summary,
    Utterance,
    shown,
)
from coach.labels import LABELS

#: One colour per label; text on them is never needed (legends and tables carry the names).
#: The labels' palette (Okabe and Ito's, told apart with any colour vision), the same in the pages' style.css and
#: common.js.
LABEL_COLOURS = {
    "open_question": "#0072B2",
    "closed_question": "#56B4E9",
    "reflection": "#009E73",
    "advice": "#D55E00",
    "story": "#E69F00",
    "other": "#999999",
}

_CSS = """
:root { color-scheme: light; --ink: #1a1a1a; --muted: #4a4a4a; --line: #d0d0d0; --accent: #0b5394; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid
var(--line); padding-bottom: 0.25rem; }
.headline { font-size: 1.15rem; } .note { color: var(--muted); }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.75rem; padding: 0;
           list-style: none; }
.figures li { border: 1px solid var(--line); border-radius: 0.5rem; padding: 0.75rem; }
.figures .value { display: block; font-size: 1.5rem; font-weight: 700; }
.table { overflow-x: auto; } table { border-collapse: collapse; width: 100%; font-size: 0.95rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
svg { width: 100%; max-width: 40rem; height: auto; display: block; }
svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
@media (max-width: 30rem) { svg text { font-size: 16px; } }
.legend { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; padding: 0; list-style: none; font-size: 0.9rem; }
.swatch { display: inline-block; width: 0.9rem; height: 0.9rem; border-radius: 0.2rem; margin-right: 0.3rem;
          vertical-align: -0.1rem; border: 1px solid #555; }
blockquote { margin: 0.5rem 0; padding: 0.5rem 0.75rem; border-left: 4px solid var(--accent); background: #f4f7fb; }
.who { color: var(--muted); font-size: 0.9rem; } .why { margin: 0.25rem 0 1rem; }
ul.plain { padding-left: 1.2rem; } .label { font-size: 0.85rem; white-space: nowrap; }
details summary { cursor: pointer; font-weight: 600; } figure { margin: 1rem 0; }
.filters input { margin-left: 0.75rem; } .filters label { font-size: 0.9rem; } .uncertain { color: var(--muted); }
tr:target { background: #fff3c4; } h3 { font-size: 1.05rem; margin: 1rem 0 0.25rem; }
@media print { details > :not(summary) { display: block; } .filters input, .filters label, .filters br
  { display: none; } }
"""


def render_html(saved_or_not: Report | SavedReport) -> str:
    """A report (from ``build_report``, or a set's saved session with its report-back after the roles) as a complete
    HTML document."""
    report, report_back = shown(saved_or_not)
    feedback = report.feedback
    body = [
        "<h1>Coach session report</h1>",
        f'<p class="headline">{escape(feedback.headline)}</p>',
        _roles(report.roles),
        _report_back(report_back),
        _summary(report.summary),
        _timeline(report.timeline),
        _speakers(report.speakers),
        _members(report.speakers),
        _quotes("What went well", "went-well", feedback.went_well),
        _quotes("Moments worth discussing", "moments", feedback.moments),
        _rephrasings(feedback.rephrasings),
        _actions(report.actions),
        _transcript(report.utterances),
        _footer(report.model),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Coach session report</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(part for part in body if part)
        + "\n</main>\n</body>\n</html>\n"
    )


def _roles(roles: RolesFound) -> str:
    parts = []
    if roles.presenter:
        parts.append(f"Presenter: <strong>{escape(roles.presenter)}</strong>.")
    if roles.facilitator:
        parts.append(f"Facilitator: <strong>{escape(roles.facilitator)}</strong>.")
    if roles.how_to_override:
        parts.append(f'<span class="note">{escape(roles.how_to_override)}</span>')
    return f"<p>{' '.join(parts)}</p>" if parts else ""


def _summary(summary: Summary) -> str:
    run = summary.longest_questioning_run
    first = summary.time_to_first_advice
    if first is None:
        first_value, first_note = "none", "no advice from members"
    elif first.seconds is not None:
        first_value, first_note = format_time(first.seconds), "into the session before members' first advice"
    else:
        first_value, first_note = str(first.utterances), "utterances before members' first advice"
    balance = summary.participation_balance
    figures = [
        (percent(summary.questioning_ratio), "of what members said were questions or reflections"),
        (percent(summary.open_ratio), "of members' questions were open"),
        ("-" if run is None else str(run.length), "questions and reflections in a row at best"),
        (first_value, first_note),
        (percent(summary.presenter_share_of_talk), "of the words were the presenter's"),
        ("-" if balance is None else f"{balance:.2f}", "balance among members (1 = all contributed equally)"),
    ]
    items = "".join(f'<li><span class="value">{escape(value)}</span>{escape(note)}</li>' for value, note in figures)
    counts = summary.counts
    rows = "".join(f'<tr><td>{_chip(label)}</td><td class="num">{counts.get(label, 0)}</td></tr>' for label in LABELS)
    duration = summary.duration
    length = f"{summary.utterances} utterances" + (f" over {format_time(duration)}" if duration else "")
    return (
        f'<section aria-labelledby="summary"><h2 id="summary">Summary</h2><ul class="figures">{items}</ul>'
        f'<p class="note">{escape(length)}.</p>'
        '<div class="table" tabindex="0"><table><caption class="note">Utterances per label, everyone</caption>'
        f'<thead><tr><th scope="col">Label</th><th scope="col" class="num">Count</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _timeline(timeline: Timeline) -> str:
    windows = timeline.windows
    if not windows:
        return ""
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
        if window.too_few:
            label = f"{span}: {counted}, too few to judge"
            bars.append(f'<rect x="{x + step * 0.15:.1f}" y="{top}" width="{step * 0.7:.1f}" height="{plot_height}" '
                        f'fill="url(#too-few)" stroke="#bbbbbb"><title>{escape(label)}</title></rect>')  # fmt: skip
        else:
            label = f"{span}: {percent(ratio)} of {counted}"
            bar_height = plot_height * (ratio or 0.0)
            bars.append(
                f'<rect x="{x + step * 0.15:.1f}" y="{top + plot_height - bar_height:.1f}" width="{step * 0.7:.1f}" '
                f'height="{bar_height:.1f}" fill="{LABEL_COLOURS["open_question"]}"><title>{escape(label)}</title>'
                "</rect>"
            )
        bars.append(f'<text x="{centre:.1f}" y="{top + 12}" text-anchor="middle" class="count">{count}</text>')
    cumulative = (
        f'<polyline points="{" ".join(line_points)}" fill="none" stroke="#222222" stroke-width="2" '
        'stroke-dasharray="5 3"><title>so far, from the start</title></polyline>'
        if len(line_points) > 1
        else ""
    )
    pattern = (
        '<defs><pattern id="too-few" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2f2f2"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/></pattern></defs>'
    )
    grid = "".join(
        f'<line x1="{left}" x2="{width - 10}" y1="{top + plot_height * (1 - level):.1f}" '
        f'y2="{top + plot_height * (1 - level):.1f}" stroke="#d0d0d0"/>'
        f'<text x="{left - 6}" y="{top + plot_height * (1 - level) + 4:.1f}" text-anchor="end">{round(level * 100)}%'
        "</text>"
        for level in (0.0, 0.5, 0.75, 1.0)
    )
    ticks = _ticks(spans, left, step, height - 10)
    described = "; ".join(
        f"{span}: {'too few to judge' if w.too_few else percent(w.questioning_ratio)} ({w.contributions} contributions)"
        for span, w in zip(spans, windows, strict=True)
    )
    title = f"Questioning mode per {size}"
    svg = (
        f'<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="timeline-title timeline-desc">'
        f'<title id="timeline-title">{escape(title)}</title>'
        f'<desc id="timeline-desc">{escape(_TIMELINE_DESC)} {escape(described)}</desc>'
        f"{pattern}{grid}{''.join(bars)}{cumulative}{ticks}</svg>"
    )
    return (
        f'<section aria-labelledby="timeline"><h2 id="timeline">{escape(title)}</h2>'
        '<p class="note">The share of members\' contributions that were questions or reflections; higher is better. '
        "The number on each bar is how many contributions it counts; a hatched bar had too few to judge; the dashed "
        "line is the share so far, from the start.</p>"
        f'<figure aria-label="{escape(title)}">{svg}</figure></section>'
    )


_TIMELINE_DESC = "The share of members' contributions that were questions or reflections, per window."


def _span(window: Window, by_time: bool) -> str:
    if by_time:
        return f"{format_time(window.start)}-{format_time(window.end)}"
    return f"utterances {int(window.start) + 1}-{int(window.end)}"


def _ticks(spans: Sequence[str], left: float, step: float, y: float) -> str:
    every = max(1, len(spans) // 6)
    return "".join(
        f'<text x="{left + number * step + step / 2:.1f}" y="{y}" text-anchor="middle">'
        f"{escape(span.split('-')[0].replace('utterances ', '#'))}</text>"
        for number, span in enumerate(spans)
        if number % every == 0
    )


def _speakers(speakers: Mapping[str, SpeakerFigures]) -> str:
    if not speakers:
        return ""
    chart = _speaker_bars({name: f for name, f in speakers.items() if f.role == "member"})
    rows = "".join(
        f'<tr><th scope="row">{escape(name)}</th><td>{escape(f.role)}</td>'
        f'<td class="num">{f.utterances}</td><td class="num">{f.words}</td>'
        f'<td class="num">{percent(f.questioning_ratio)}</td><td class="num">{percent(f.open_ratio)}</td>'
        + "".join(f'<td class="num">{f.counts.get(label, 0)}</td>' for label in LABELS)
        + "</tr>"
        for name, f in speakers.items()
    )
    label_heads = "".join(f'<th scope="col" class="num">{escape(LABEL_NAMES[label])}</th>' for label in LABELS)
    return (
        '<section aria-labelledby="speakers"><h2 id="speakers">Who said what</h2>'
        f"{chart}"
        '<div class="table" tabindex="0"><table><thead><tr><th scope="col">Name</th><th scope="col">Role</th>'
        '<th scope="col" class="num">Utterances</th><th scope="col" class="num">Words</th>'
        '<th scope="col" class="num">Questioning mode</th><th scope="col" class="num">Open</th>'
        f"{label_heads}</tr></thead><tbody>{rows}</tbody></table></div></section>"
    )


def _speaker_bars(members: Mapping[str, SpeakerFigures]) -> str:
    if not members:
        return ""
    width, row, left, top = 480, 30, 110, 6
    height = top + row * len(members) + 6
    most = max(sum(f.counts.values()) for f in members.values()) or 1
    scale = (width - left - 40) / most
    rows = []
    for number, (name, figures) in enumerate(members.items()):
        y = top + number * row
        x = float(left)
        rows.append(
            f'<text x="{left - 8}" y="{y + row / 2 + 4:.1f}" text-anchor="end">{escape(_clip(name, 12))}</text>'
        )
        for label in LABELS:
            count = figures.counts.get(label, 0)
            if not count:
                continue
            rows.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{count * scale:.1f}" height="{row - 8}" '
                f'fill="{LABEL_COLOURS[label]}"><title>{escape(f"{name}: {count} {LABEL_NAMES[label]}")}</title></rect>'
            )
            x += count * scale
        rows.append(f'<text x="{x + 6:.1f}" y="{y + row / 2 + 4:.1f}">{sum(figures.counts.values())}</text>')
    described = "; ".join(
        f"{name}: " + ", ".join(f"{f.counts.get(label, 0)} {LABEL_NAMES[label]}" for label in LABELS)
        for name, f in members.items()
    )
    legend = "".join(
        f'<li><span class="swatch" style="background:{LABEL_COLOURS[label]}"></span>{escape(LABEL_NAMES[label])}</li>'
        for label in LABELS
    )
    title = "Members' utterances by label"
    return (
        f'<figure aria-label="{escape(title)}"><svg viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="members-title members-desc">'
        f'<title id="members-title">{escape(title)}</title><desc id="members-desc">{escape(described)}</desc>'
        f'{"".join(rows)}</svg><figcaption><ul class="legend">{legend}</ul></figcaption></figure>'
    )


def _quotes(title: str, anchor: str, items: Iterable[Highlight | Moment]) -> str:
    blocks = [
        f'<blockquote>{escape(item.quote)}</blockquote><p class="who">{_who(item.speaker, item.start, item.index)}</p>'
        f'<p class="why">{escape(item.why)}</p>'
        for item in items
    ]
    if not blocks:
        return ""
    return f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{escape(title)}</h2>{"".join(blocks)}</section>'


def _rephrasings(items: Iterable[QuestionRephrased]) -> str:
    blocks = []
    for item in items:
        suggestions = "".join(f"<li>{escape(s)}</li>" for s in item.suggestions)
        kind = "advice dressed as a question" if item.leading else LABEL_NAMES.get(item.label, item.label)
        who = _who(item.speaker, item.start, item.index)
        blocks.append(
            f'<blockquote>{escape(item.original)}</blockquote><p class="who">{who} &middot; '
            f'{escape(kind)}</p><p class="why">Open ways to ask:</p><ul class="plain">{suggestions}</ul>'
        )
    if not blocks:
        return ""
    return (
        f'<section aria-labelledby="rephrasings"><h2 id="rephrasings">Open ways to ask</h2>{"".join(blocks)}</section>'
    )


def _members(speakers: Mapping[str, SpeakerFigures]) -> str:
    """Each member's mix of contributions, best question and one thing to try next time."""
    blocks = []
    for name, figures in speakers.items():
        shares = figures.percentages
        if shares is None:
            continue
        mix = ", ".join(
            f"{escape(LABEL_NAMES.get(label, label))} {percent(share)}" for label, share in shares.items() if share
        )
        best = figures.best_question
        quote = f"<blockquote>{escape(best.text)}</blockquote>" if best else ""
        step = f'<p class="why">Next time: {escape(figures.next_step)}</p>' if figures.next_step else ""
        blocks.append(f'<h3>{escape(name)}</h3><p class="who">{mix or "no contributions"}</p>{quote}{step}')
    if not blocks:
        return ""
    return f'<section aria-labelledby="members"><h2 id="members">Each member</h2>{"".join(blocks)}</section>'


def _actions(actions: Sequence[Action]) -> str:
    if not actions:
        return ""
    items = "".join(f"<li>{escape(a.speaker)}: {escape(a.text)}</li>" for a in actions)
    return (
        '<section aria-labelledby="actions"><h2 id="actions">Actions to report back on</h2>'
        f'<ul class="plain">{items}</ul></section>'
    )


def _report_back(items: Sequence[ReportBack]) -> str:
    """The report-back on earlier sessions' actions (saved sessions only)."""
    if not items:
        return ""
    blocks = []
    for item in items:
        said = (
            f"<blockquote>{escape(item.quote)}</blockquote>"
            if item.mentioned and item.quote is not None
            else '<p class="why">Not mentioned in this session.</p>'
        )
        blocks.append(f'<p class="who">{escape(item.speaker)}, {escape(item.date)}: {escape(item.text)}</p>{said}')
    return (
        '<section aria-labelledby="report-back"><h2 id="report-back">Report-back on earlier actions</h2>'
        f"{''.join(blocks)}</section>"
    )


#: A label below this confidence is marked as uncertain in the transcript.
UNCERTAIN_BELOW = 0.5


def _transcript(utterances: Sequence[Utterance]) -> str:
    """Every utterance with its time, speaker, label and confidence (uncertain ones marked), each row an anchor the
    moments link to, with filters by label and by speaker that work without scripts (radio buttons and CSS)."""
    if not utterances:
        return ""
    speakers = list(dict.fromkeys(u.speaker for u in utterances))
    speaker_ids = {name: f"s{number}" for number, name in enumerate(speakers)}
    rows = []
    for u in utterances:
        uncertain = u.confidence < UNCERTAIN_BELOW
        mark = ' <span class="uncertain" title="the model was unsure">(unsure)</span>' if uncertain else ""
        when = format_time(u.start) if u.start is not None else str(u.index + 1)
        rows.append(
            f'<tr id="u-{u.index}" data-label="{escape(u.label)}" data-speaker="{speaker_ids[u.speaker]}">'
            f'<td class="num">{escape(when)}</td><td>{escape(u.speaker)}</td>'
            f"<td>{_chip(u.label, u.leading)}{mark}</td>"
            f'<td class="num">{round(u.confidence * 100)}%</td><td>{escape(u.text)}</td></tr>'
        )
    label_filters = "".join(
        f'<input type="radio" name="label-filter" id="f-{label}"><label for="f-{label}">{escape(LABEL_NAMES[label])}'
        "</label>"
        for label in LABEL_NAMES
    )
    speaker_filters = "".join(
        f'<input type="radio" name="speaker-filter" id="f-{speaker_ids[name]}"><label for="f-{speaker_ids[name]}">'
        f"{escape(name)}</label>"
        for name in speakers
    )
    rules = "".join(
        f'#f-{label}:checked ~ .table tr[data-label]:not([data-label="{label}"]) {{ display: none; }}'
        for label in LABEL_NAMES
    ) + "".join(
        f'#f-{sid}:checked ~ .table tr[data-speaker]:not([data-speaker="{sid}"]) {{ display: none; }}'
        for sid in speaker_ids.values()
    )
    return (
        '<section aria-labelledby="transcript"><h2 id="transcript">Every utterance</h2><details>'
        f"<summary>Show all {len(utterances)} utterances with their labels</summary>"
        f'<style>{rules}</style><div class="filters" role="group" aria-label="Show only">'
        '<input type="radio" name="label-filter" id="f-all-labels" checked><label for="f-all-labels">every label'
        f"</label>{label_filters}<br>"
        '<input type="radio" name="speaker-filter" id="f-all-speakers" checked><label for="f-all-speakers">everyone'
        f"</label>{speaker_filters}"
        '<div class="table" tabindex="0"><table><thead><tr><th scope="col" class="num">When</th>'
        '<th scope="col">Speaker</th><th scope="col">Label</th><th scope="col" class="num">Sure</th>'
        '<th scope="col">What was said</th></tr>'
        f"</thead><tbody>{''.join(rows)}</tbody></table></div></div></details></section>"
    )


def _footer(model: Mapping[str, str]) -> str:
    name, version = model.get("name"), model.get("version")
    if not name:
        return ""
    return f'<p class="note">Labelled by the {escape(str(name))} model, version {escape(str(version))}.</p>'


def _chip(label: str, leading: bool = False) -> str:
    name = "advice (as a question)" if leading else LABEL_NAMES.get(label, label)
    colour = LABEL_COLOURS.get(label, "#999999")
    return f'<span class="label"><span class="swatch" style="background:{colour}"></span>{escape(name)}</span>'


def _who(speaker: str, start: float | None, index: int) -> str:
    """Who said it and when, with a link to its line in the transcript."""
    when = f" at {format_time(start)}" if start is not None else ""
    return f'{escape(speaker)}{escape(when)} &middot; <a href="#u-{index}">see it in the transcript</a>'


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"
