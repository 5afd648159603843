// Shared by the Coach pages: plain-word labels, safe element building, charts and the session report.
"use strict";

// LABEL_ORDER, LABEL_WORDS, LABEL_NOUNS and LABEL_COLOURS come from /labels.js (coach/labels.py LABEL_STYLES).
const SVG_NS = "http://www.w3.org/2000/svg";

// Build an element; text is always set as text, never as HTML, so nothing a person said can inject markup.
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") node.textContent = value; else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function labelTag(label) {
  return el("span", { class: `tag ${label}`, text: LABEL_WORDS[label] || label });
}

function percent(value) {
  return value === null || value === undefined ? "–" : `${Math.round(value * 100)}%`;
}

function clock(seconds) {
  if (seconds === null || seconds === undefined) return "";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
  const mm = String(m).padStart(h ? 2 : 1, "0"), ss = String(r).padStart(2, "0");
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

// Where a quote was said: "Priya, 12:04" or "Priya".
function who(item) {
  const time = clock(item.start ?? item.time);
  return el("div", { class: "who", text: time ? `${item.speaker}, ${time}` : `${item.speaker}` });
}

// A quote and who said it; linked: true adds a link to its line in the labelled transcript (item.index).
function quote(item, linked = false) {
  const said = who(item);
  if (linked && Number.isInteger(item.index)) said.append(el("span", { class: "to-transcript" }, " · ", transcriptLink(item.index)));
  return el("figure", { class: "quote" }, el("blockquote", { text: item.text || item.quote || "" }), el("figcaption", {}, said));
}

function transcriptLink(index) {
  return el("a", { href: `#u-${index}`, text: "see it in the transcript" });
}

// "1 piece of advice", "2 open questions", "3 stories": a count of one kind of contribution, in words.
function countWords(label, count) {
  const [one, many] = LABEL_NOUNS[label] || [label, label];
  return `${count} ${count === 1 ? one : many}`;
}

function plural(count, one, many) {
  return `${count} ${count === 1 ? one : many}`;
}

// The kinds of contribution a member can make: everything but "other".
const CONTRIBUTION_LABELS = LABEL_ORDER.filter((label) => label !== "other");
// Under this many contributions, a window's ratio says little; the service marks such windows too_few.
const TOO_FEW = 5;

// A window's contributions: members' utterances that are not "other" (worked out from counts for older reports).
function contributionsOf(window) {
  if (typeof window.contributions === "number") return window.contributions;
  return CONTRIBUTION_LABELS.reduce((n, label) => n + ((window.counts || {})[label] || 0), 0);
}

function tooFew(window) {
  return typeof window.too_few === "boolean" ? window.too_few : contributionsOf(window) < TOO_FEW;
}

// A window of the timeline in words: "5:00–10:00" or "utterances 51–100".
function span(window, byTime) {
  return byTime ? `${clock(window.start)}–${clock(window.end)}`
    : `utterances ${Math.round(window.start) + 1}–${Math.round(window.end)}`;
}

// One window's figures in words, for the chart's description and each bar's tooltip.
function windowWords(window, byTime) {
  const count = contributionsOf(window);
  const said = plural(count, "contribution", "contributions");
  const now = tooFew(window) ? `${said}, too few to judge`
    : `${said}, ${percent(window.questioning_ratio)} questions or reflections`;
  const cumulative = window.cumulative_ratio;
  const sofar = cumulative === null || cumulative === undefined ? "" : `; ${percent(cumulative)} from the start up to here`;
  return `${span(window, byTime)}: ${now}${sofar}`;
}

let chartCount = 0;

// Timeline: one bar per window, its height the share of members' contributions that were questions or reflections;
// under each bar the number of contributions it stands on. A window with too few contributions is hatched and says
// so instead of showing a height. A line gives the share from the start of the session up to the end of each window.
function timelineChart(timeline) {
  const windows = timeline.windows || [];
  const byTime = timeline.unit === "seconds";
  const n = Math.max(windows.length, 1);
  const width = 640, left = 56, right = 12, top = 14, plot = 170;
  const countY = top + plot + 20, tickY = top + plot + 42, height = top + plot + 52;
  const step = (width - left - right) / n;
  const y = (ratio) => top + plot * (1 - ratio);
  const id = `timeline-${++chartCount}`;
  const described = windows.map((w) => windowWords(w, byTime));
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": `${id}-title ${id}-desc`, class: "timeline-chart" });
  const title = svg("title", { id: `${id}-title` });
  title.textContent = "Questioning mode over the session";
  const desc = svg("desc", { id: `${id}-desc` });
  desc.textContent = described.join(". ");
  const hatch = svg("pattern", { id: `${id}-hatch`, patternUnits: "userSpaceOnUse", width: 8, height: 8, patternTransform: "rotate(45)" });
  hatch.append(svg("rect", { width: 8, height: 8, fill: "#f3f5f7" }), svg("line", { x1: 0, y1: 0, x2: 0, y2: 8, stroke: "#8c959f", "stroke-width": 2 }));
  const defs = svg("defs");
  defs.append(hatch);
  chart.append(title, desc, defs);
  for (const level of [0, 0.5, 1]) {
    chart.append(svg("line", { class: "grid", x1: left, x2: width - right, y1: y(level), y2: y(level), stroke: "#d0d7de" }));
    const text = svg("text", { x: left - 6, y: y(level) + 5, "text-anchor": "end" });
    text.textContent = `${level * 100}%`;
    chart.append(text);
  }
  const countLabel = svg("text", { x: left - 6, y: countY, "text-anchor": "end", class: "count-label" });
  countLabel.textContent = "count";
  chart.append(countLabel);
  // Axis labels: the times where windows meet (m:ss), or each window's utterances ("1–50"); fewer when crowded.
  const every = Math.max(1, Math.ceil(windows.length / (byTime ? 7 : 5)));
  windows.forEach((w, i) => {
    const x = left + i * step, middle = x + step / 2, barWidth = step * 0.7, barX = x + step * 0.15;
    const few = tooFew(w);
    const group = svg("g", { class: few ? "window too-few" : "window", "data-index": i });
    const tip = svg("title");
    tip.textContent = described[i];
    group.append(tip);
    if (few) {
      group.append(svg("rect", { class: "hatched", x: barX, y: top, width: barWidth, height: plot, fill: `url(#${id}-hatch)`, stroke: "#8c959f" }));
      const note = svg("text", { class: "too-few-note", x: 0, y: 0, "text-anchor": "middle", transform: `translate(${middle + 4} ${top + plot / 2}) rotate(-90)` });
      note.textContent = "too few to judge";
      group.append(note);
    } else {
      const ratio = w.questioning_ratio ?? 0;
      const barHeight = Math.max(plot * ratio, 2);
      group.append(svg("rect", { class: "bar", x: barX, y: top + plot - barHeight, width: barWidth, height: barHeight, fill: LABEL_COLOURS.open_question }));
    }
    const count = svg("text", { class: "count", x: middle, y: countY, "text-anchor": "middle" });
    count.textContent = String(contributionsOf(w));
    group.append(count);
    chart.append(group);
    if (byTime) {
      if (i % every === 0) chart.append(tick(x, tickY, clock(w.start), i === 0 ? "start" : "middle"));
      if (i === windows.length - 1 && (i + 1) % every === 0) chart.append(tick(x + step, tickY, clock(w.end), "end"));
    } else if (i % every === 0) {
      chart.append(tick(middle, tickY, `${Math.round(w.start) + 1}–${Math.round(w.end)}`, "middle"));
    }
  });
  chart.append(cumulativeLine(windows, (i) => left + i * step + step / 2, y, byTime));
  const size = byTime ? plural(Math.round(timeline.window / 60), "minute", "minutes") : plural(timeline.window, "utterance", "utterances");
  return el("figure", { class: "chart" }, chart,
    el("figcaption", {},
      el("ul", { class: "trend-legend timeline-legend", "aria-label": "Key" },
        el("li", {}, legendSwatch("bar"), " questions or reflections in that stretch"),
        el("li", {}, legendSwatch("line"), " all of the session up to then"),
        el("li", {}, legendSwatch("hatch", id), " too few contributions to judge")),
      el("p", { class: "hint", text: `The share of members' contributions that were questions or reflections, per ${size}; higher is better. The count under each bar is how many contributions members made in that stretch.` })));
}

function tick(x, y, words, anchor) {
  const text = svg("text", { class: "tick", x, y, "text-anchor": anchor });
  text.textContent = words;
  return text;
}

// The line of cumulative_ratio: broken where a window has none (no member had contributed yet).
function cumulativeLine(windows, x, y, byTime) {
  const group = svg("g", { class: "cumulative" });
  let run = [];
  const flush = () => {
    if (run.length > 1) group.append(svg("polyline", { class: "cumulative-line", points: run.join(" "), fill: "none", stroke: "#1b1f24", "stroke-width": 2.5, "stroke-dasharray": "7 4" }));
    run = [];
  };
  windows.forEach((w, i) => {
    const ratio = w.cumulative_ratio;
    if (ratio === null || ratio === undefined) {
      flush();
      return;
    }
    run.push(`${x(i)},${y(ratio)}`);
    const dot = svg("circle", { class: "cumulative-point", cx: x(i), cy: y(ratio), r: 4, fill: "#ffffff", stroke: "#1b1f24", "stroke-width": 2 });
    const tip = svg("title");
    tip.textContent = `From the start up to ${byTime ? clock(w.end) : `utterance ${Math.round(w.end)}`}: ${percent(ratio)}`;
    dot.append(tip);
    group.append(dot);
  });
  flush();
  return group;
}

function legendSwatch(kind, id) {
  const key = svg("svg", { viewBox: "0 0 28 14", width: 28, height: 14, "aria-hidden": "true", focusable: "false" });
  if (kind === "bar") key.append(svg("rect", { x: 6, y: 1, width: 16, height: 12, fill: LABEL_COLOURS.open_question }));
  if (kind === "line") key.append(svg("line", { x1: 1, x2: 27, y1: 7, y2: 7, stroke: "#1b1f24", "stroke-width": 2.5, "stroke-dasharray": "7 4" }));
  if (kind === "hatch") key.append(svg("rect", { x: 6, y: 1, width: 16, height: 12, fill: `url(#${id}-hatch)`, stroke: "#8c959f" }));
  return key;
}

// One stacked bar per speaker, by label, built from HTML so the names stay readable at any width.
function speakerBars(speakers) {
  const rows = Object.entries(speakers);
  const total = (s) => LABEL_ORDER.reduce((n, l) => n + ((s.counts || {})[l] || 0), 0);
  const most = Math.max(1, ...rows.map(([, s]) => total(s)));
  const list = el("ul", { class: "speaker-chart plain", "aria-label": "What each person said, by kind of contribution" });
  for (const [name, s] of rows) {
    const role = s.role && s.role !== "member" ? ` (${s.role})` : "";
    const parts = LABEL_ORDER.filter((l) => (s.counts || {})[l]).map((l) => countWords(l, s.counts[l]));
    const bar = el("span", { class: "bar", "aria-hidden": "true" });
    bar.style.width = `${(total(s) / most) * 100}%`;
    for (const label of LABEL_ORDER) {
      const count = (s.counts || {})[label] || 0;
      if (!count) continue;
      const piece = el("span", { title: countWords(label, count) });
      piece.style.flexGrow = String(count);
      piece.style.background = LABEL_COLOURS[label];
      bar.append(piece);
    }
    list.append(el("li", {},
      el("span", { class: "name", text: `${name}${role}` }),
      el("span", { class: "track" }, bar),
      el("span", { class: "visually-hidden", text: `: ${parts.join(", ") || "nothing labelled"}` })));
  }
  return list;
}

// A member's share of their own contributions per label: the service's percentages, else worked out from counts.
function sharesOf(speaker) {
  if (speaker.percentages) return speaker.percentages;
  const counts = speaker.counts || {};
  const total = CONTRIBUTION_LABELS.reduce((n, label) => n + (counts[label] || 0), 0);
  return Object.fromEntries(CONTRIBUTION_LABELS.map((label) => [label, total ? (counts[label] || 0) / total : null]));
}

// Per member: how many of each kind of contribution, and what share of theirs; then their best question and a next
// step. The presenter and the facilitator are not members, so they are not in it.
function membersSection(speakers) {
  const members = Object.entries(speakers).filter(([, s]) => (s.role || "member") === "member");
  if (!members.length) return null;
  const section = el("section", { class: "card", "aria-labelledby": "each-member-heading" },
    el("h2", { id: "each-member-heading", text: "Each member" }));
  const head = el("tr", {}, el("th", { scope: "col", text: "Member" }), el("th", { scope: "col", text: "In all" }),
    ...CONTRIBUTION_LABELS.map((label) => el("th", { scope: "col", text: LABEL_NOUNS[label][1] })));
  const body = el("tbody");
  for (const [name, s] of members) {
    const counts = s.counts || {};
    const shares = sharesOf(s);
    const total = CONTRIBUTION_LABELS.reduce((n, label) => n + (counts[label] || 0), 0);
    body.append(el("tr", {},
      el("th", { scope: "row", class: "member-name", text: name }),
      el("td", { "data-heading": "In all", text: String(total) }),
      ...CONTRIBUTION_LABELS.map((label) => el("td", { "data-heading": LABEL_NOUNS[label][1], "data-label": label },
        String(counts[label] || 0), " ", el("span", { class: "share", text: `(${percent(shares[label] ?? null)})` })))));
  }
  section.append(el("div", { class: "table-wrap" }, el("table", { class: "members-table" },
    el("caption", { text: "What each member said: how many of each kind, and in brackets the share of that member's contributions" }),
    el("thead", {}, head), body)));
  const notes = el("ul", { class: "plain member-notes" });
  for (const [name, s] of members) {
    const best = s.best_question;
    if (!best && !s.next_step) continue;
    const item = el("li", { "data-member": name }, el("h3", { class: "member-name", text: name }));
    if (best) {
      item.append(el("p", { class: "note-heading", text: "Their best question" }),
        el("figure", { class: "quote best-question" }, el("blockquote", { text: best.text || "" }),
          best.start === null || best.start === undefined ? null : el("figcaption", {}, el("div", { class: "who", text: `at ${clock(best.start)}` }))));
    }
    if (s.next_step) item.append(el("p", { class: "next-step" }, el("strong", { text: "A next step: " }), s.next_step));
    notes.append(item);
  }
  if (notes.children.length) section.append(notes);
  return section;
}

function legend() {
  const box = el("div", { class: "legend", "aria-hidden": "true" });
  for (const label of LABEL_ORDER) {
    const item = el("span", { text: LABEL_WORDS[label] });
    item.style.setProperty("--c", LABEL_COLOURS[label]);
    box.append(item);
  }
  return box;
}

// The service's note on guessed roles ends each sentence with how to change them in its own terms (a form field, or
// a command-line flag in older reports): "...; give the presenter's name (the presenter field) to change this." A page
// words that part its own way: how(roles, tail) gives the new ending (roles: ["presenter", ...], tail: "change this"
// or "set it"), or "" to end the sentence there.
function rewordRoleFix(note, how) {
  return note.replace(/;\s*((?:pass|give)\b[^;]*?) to (change this|set it)\./g, (match, clause, tail) => {
    const roles = [...new Set(clause.match(/presenter|facilitator/g) || [])];
    const words = roles.length ? how(roles, tail) : "";
    return words ? `; ${words}.` : ".";
  });
}

// The note as most pages show it: pointing to the Presenter and Facilitator boxes above the report.
function pageWords(note) {
  return rewordRoleFix(note, (roles, tail) => {
    const boxes = roles.map((w) => w[0].toUpperCase() + w.slice(1)).join(" or ");
    return `fill in the ${boxes} box above to ${tail}`;
  });
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// A YYYY-MM-DD date as people read it: "4 Nov 2026" (or "4 Nov" when short); anything else as it came.
function dayText(iso, short = false) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  if (!match) return iso || "";
  const day = `${Number(match[3])} ${MONTHS[Number(match[2]) - 1]}`;
  return short ? day : `${day} ${match[1]}`;
}

// "Sam: ring the agency manager tomorrow", with the speaker's name in bold.
function actionLine(item) {
  return el("p", { class: "action" }, el("strong", { text: item.speaker }), `: ${item.text}`);
}

function actionsSection(actions) {
  const section = el("section", { class: "card", "aria-labelledby": "actions-heading" },
    el("h2", { id: "actions-heading", text: "Actions to report back on" }));
  if (!actions.length) {
    section.append(el("p", { class: "hint", text: "Coach heard no actions the presenter committed to. If there were some, note them down for the next session." }));
    return section;
  }
  section.append(el("p", { class: "hint", text: "What the presenter said they would do: worth asking about next time." }));
  const list = el("ul", { class: "plain" });
  for (const item of actions) list.append(el("li", {}, actionLine(item)));
  section.append(list);
  return section;
}

function reportBackSection(items) {
  const section = el("section", { class: "card", "aria-labelledby": "report-back-heading" },
    el("h2", { id: "report-back-heading", text: "Report-back on earlier actions" }));
  if (!items.length) {
    section.append(el("p", { class: "hint", text: "No earlier actions were waiting for a report-back." }));
    return section;
  }
  const list = el("ul", { class: "plain" });
  for (const item of items) {
    const from = item.date ? el("span", { class: "who", text: ` (from the session of ${dayText(item.date)})` }) : null;
    const said = item.mentioned && item.quote
      ? quote({ speaker: item.speaker, text: item.quote })
      : el("p", { class: "status", text: "Not mentioned in this session" });
    list.append(el("li", { class: item.mentioned ? "mentioned" : "not-mentioned" },
      el("p", { class: "action" }, el("strong", { text: item.speaker }), `: ${item.text}`, from), said));
  }
  section.append(list);
  return section;
}

// The labelled transcript: every utterance with its label, a filter by label and by speaker, and each line
// (id "u-{index}") the target of the report's "see it in the transcript" links. Closed at first, so the report stays
// short. Below this confidence a label is marked unsure (as the HTML report does, coach/feedback/render_html.py).
const UNSURE_BELOW = 0.5;

// "2:00", or the utterance's number when the transcript had no times.
function utteranceWhen(utterance) {
  return clock(utterance.start) || `#${utterance.index + 1}`;
}

// An utterance's label as a chip: advice phrased as a question says so.
function utteranceTag(utterance) {
  if (utterance.label === "advice" && utterance.leading) return el("span", { class: "tag advice", text: "advice (as a question)" });
  return labelTag(utterance.label);
}

function plainLabelCell(utterance) {
  return el("td", {}, utteranceTag(utterance));
}

// One line of the transcript; labelCell(utterance) builds its Label cell (a <td>), which is marked when the model was
// unsure of a label no person has corrected.
function transcriptLine(utterance, labelCell) {
  const cell = labelCell(utterance);
  cell.classList.add("label-cell");
  const confidence = typeof utterance.confidence === "number" ? utterance.confidence : null;
  if (confidence !== null && confidence < UNSURE_BELOW && !utterance.corrected) {
    cell.append(" ", el("span", { class: "unsure", title: `The model was unsure of this label (${percent(confidence)} sure): it may be wrong.`, text: "unsure" }));
  }
  const role = utterance.role && utterance.role !== "member" ? el("span", { class: "role", text: ` (${utterance.role})` }) : null;
  const sure = utterance.corrected
    ? el("td", { class: "sure", title: "A person chose this label", text: "–" })
    : el("td", { class: "sure", text: percent(confidence) });
  return el("tr", { id: `u-${utterance.index}`, "data-label": utterance.label, "data-speaker": utterance.speaker },
    el("td", { class: "when", text: utteranceWhen(utterance) }),
    el("td", { class: "speaker" }, utterance.speaker, role),
    cell, sure,
    el("td", { class: "said", text: utterance.text || "" }));
}

// Shows only the lines with the chosen label and speaker, and says how many that is.
function filterTranscript(section) {
  const label = section.querySelector(".label-filter").value;
  const speaker = section.querySelector(".speaker-filter").value;
  const rows = [...section.querySelectorAll("table.transcript tbody tr")];
  let shown = 0;
  for (const row of rows) {
    row.hidden = Boolean((label && row.dataset.label !== label) || (speaker && row.dataset.speaker !== speaker));
    if (!row.hidden) shown += 1;
  }
  section.querySelector(".transcript-shown").textContent = `Showing ${shown} of ${plural(rows.length, "utterance", "utterances")}`;
}

// options.labelCell: builds each line's Label cell (the saved-session page's drop-downs); options.intro: nodes to show
// under the heading (that page's hint and the status of a correction).
function transcriptSection(utterances, options = {}) {
  const labelCell = options.labelCell || plainLabelCell;
  const section = el("section", { class: "card transcript-card", "aria-labelledby": "transcript-heading" },
    el("h2", { id: "transcript-heading", text: "Every utterance, as Coach labelled it" }), ...(options.intro || []));
  const byLabel = el("select", { id: "transcript-label-filter", class: "label-filter" },
    el("option", { value: "", text: "Every label" }),
    ...LABEL_ORDER.map((label) => el("option", { value: label, text: LABEL_WORDS[label] || label })));
  const speakers = [...new Set(utterances.map((u) => u.speaker))];
  const bySpeaker = el("select", { id: "transcript-speaker-filter", class: "speaker-filter" },
    el("option", { value: "", text: "Everyone" }), ...speakers.map((name) => el("option", { value: name, text: name })));
  const head = el("tr", {}, el("th", { scope: "col", text: "When" }), el("th", { scope: "col", text: "Speaker" }),
    el("th", { scope: "col", text: "Label" }), el("th", { scope: "col", class: "sure", title: "How sure the model was of the label", text: "Sure" }),
    el("th", { scope: "col", text: "What was said" }));
  const table = el("table", { class: "transcript" },
    el("caption", { class: "visually-hidden", text: "Every utterance, with its label and how sure the model was" }),
    el("thead", {}, head), el("tbody", {}, ...utterances.map((u) => transcriptLine(u, labelCell))));
  const details = el("details", { class: "transcript-details" },
    el("summary", { text: `Show all ${plural(utterances.length, "utterance", "utterances")} with their labels` }),
    el("div", { class: "transcript-filters" },
      el("div", {}, el("label", { for: "transcript-label-filter", text: "Show label" }), byLabel),
      el("div", {}, el("label", { for: "transcript-speaker-filter", text: "Show speaker" }), bySpeaker)),
    el("p", { class: "status transcript-shown", role: "status" }),
    el("div", { class: "table-wrap transcript-wrap", tabindex: "0", role: "group", "aria-label": "The labelled transcript (scrolls)" }, table));
  section.append(details);
  for (const select of [byLabel, bySpeaker]) select.addEventListener("change", () => filterTranscript(section));
  filterTranscript(section);
  return section;
}

// What a reader had set in the transcript on the page (open, filters, the line last linked to), to keep when the
// report is drawn again (the roles chosen again, a label corrected).
function transcriptState(target) {
  const section = target.querySelector(".transcript-card");
  if (!section) return null;
  return {
    open: section.querySelector("details").open,
    label: section.querySelector(".label-filter").value,
    speaker: section.querySelector(".speaker-filter").value,
    targeted: section.querySelector("tr.targeted")?.id || null,
  };
}

function keepTranscriptState(section, state) {
  if (!state) return;
  section.querySelector("details").open = state.open;
  for (const [selector, value] of [[".label-filter", state.label], [".speaker-filter", state.speaker]]) {
    const select = section.querySelector(selector);
    if ([...select.options].some((option) => option.value === value)) select.value = value;
  }
  filterTranscript(section);
  if (state.targeted) section.querySelector(`tr[id="${state.targeted}"]`)?.classList.add("targeted");
}

// Opens the transcript at line u-{index}: the filters are cleared if they hide it, and the line is scrolled into
// view, marked and given the keyboard focus. False when the page has no such line.
function showUtterance(index) {
  const row = document.getElementById(`u-${index}`);
  const section = row?.closest(".transcript-card");
  if (!row || !section) return false;
  section.querySelector("details").open = true;
  if (row.hidden) {
    section.querySelector(".label-filter").value = "";
    section.querySelector(".speaker-filter").value = "";
    filterTranscript(section);
  }
  for (const other of section.querySelectorAll("tr.targeted")) other.classList.remove("targeted");
  row.classList.add("targeted");
  row.setAttribute("tabindex", "-1");
  row.scrollIntoView({ block: "center", inline: "nearest" });
  row.focus({ preventScroll: true });
  return true;
}

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href^="#u-"]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const match = /^#u-(\d+)$/.exec(link.getAttribute("href"));
  if (match && showUtterance(match[1])) event.preventDefault();
});

// A print shows the whole transcript, open or not (style.css shows a closed one's lines too, where the browser can).
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll(".transcript-details:not([open])")) {
    details.open = true;
    details.dataset.openedToPrint = "true";
  }
});
window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll(".transcript-details[data-opened-to-print]")) {
    details.open = false;
    delete details.dataset.openedToPrint;
  }
});

function figure(name, value) {
  return el("div", { class: "figure" }, el("div", { class: "value", text: value }), el("div", { class: "name", text: name }));
}

// The session report, as the analyse page and the end of a live session show it. Returns its first heading, so the
// page can move the keyboard focus there. options.afterHeadline: a node to show after the headline (the analyse
// page's roles pick-list), which then carries the note on guessed roles instead of the headline; options.rolesWords:
// how that note is worded on this page (pageWords unless given); options.labelCell and options.transcriptIntro: for
// the labelled transcript at the end (see transcriptSection). Drawn again, the transcript stays as the reader left it.
function renderReport(report, target, options = {}) {
  const kept = transcriptState(target);
  target.replaceChildren();
  const utterances = report.utterances || [];
  const lines = new Set(utterances.map((u) => u.index));
  const linked = (item) => lines.has(item.index);
  const summary = report.summary || {};
  const feedback = report.feedback || {};
  const memberCounts = summary.member_counts || report.member_counts || summary.counts || {};
  const said = summary.utterances ?? (report.utterances || []).length;
  const advice = memberCounts.advice ?? 0;
  const first = el("h2", { id: "ratio-heading", tabindex: "-1", text: "How well the set stayed in questioning mode" });
  const headline = el("section", { class: "card", "aria-labelledby": "ratio-heading" }, first,
    el("div", { class: "headline" },
      el("div", { class: "big-number", "data-testid": "questioning-ratio", text: percent(summary.questioning_ratio) }),
      el("p", { text: feedback.headline || "The share of members' contributions that were questions or reflections." })));
  const figures = el("div", { class: "figures" },
    figure("of members' questions were open", percent(summary.open_ratio)),
    figure(said === 1 ? "thing said" : "things said", String(said)),
    figure(`${advice === 1 ? "piece" : "pieces"} of advice from members`, String(advice)));
  headline.append(figures);
  const roles = report.roles || {};
  const rolesWords = options.rolesWords || pageWords;
  if (roles.how_to_override && !options.afterHeadline) headline.append(el("p", { class: "notice", text: rolesWords(roles.how_to_override) }));
  target.append(headline);
  if (options.afterHeadline) target.append(options.afterHeadline);
  if (Array.isArray(report.report_back)) target.append(reportBackSection(report.report_back));

  const charts = el("section", { class: "card", "aria-labelledby": "charts-heading" },
    el("h2", { id: "charts-heading", text: "Over time and by person" }));
  const timeline = report.timeline || {};
  if ((timeline.windows || []).length) charts.append(timelineChart(timeline));
  const speakers = report.speakers || {};
  if (Object.keys(speakers).length) {
    charts.append(el("h3", { text: "What each person said" }), speakerBars(speakers), legend());
  }
  target.append(charts);
  const members = membersSection(speakers);
  if (members) target.append(members);

  const wentWell = feedback.went_well || [];
  if (wentWell.length) {
    const section = el("section", { class: "card", "aria-labelledby": "well-heading" },
      el("h2", { id: "well-heading", text: "The best open questions" }));
    const list = el("ol", { class: "plain" });
    for (const item of wentWell) list.append(el("li", {}, quote(item, linked(item)), el("p", { class: "why", text: item.why || "" })));
    section.append(list);
    target.append(section);
  }
  const moments = feedback.moments || [];
  if (moments.length) {
    const section = el("section", { class: "card", "aria-labelledby": "moments-heading" },
      el("h2", { id: "moments-heading", text: "Moments worth talking about" }));
    const list = el("ol", { class: "plain" });
    for (const item of moments) list.append(el("li", {}, quote(item, linked(item)), el("p", { class: "why", text: item.why || item.reason || "" })));
    section.append(list);
    target.append(section);
  }
  const rephrasings = feedback.rephrasings || [];
  if (rephrasings.length) {
    const section = el("section", { class: "card", "aria-labelledby": "rephrase-heading" },
      el("h2", { id: "rephrase-heading", text: "Questions that could be asked more openly" }));
    const list = el("ol", { class: "plain" });
    for (const item of rephrasings) {
      const suggestions = el("ul");
      for (const s of item.suggestions || []) suggestions.append(el("li", { text: s }));
      list.append(el("li", {}, quote({ ...item, text: item.original || item.text }, linked(item)),
        el("p", { class: "why", text: item.leading ? "Advice dressed as a question. You could ask:" : "A closed question. You could ask:" }), suggestions));
    }
    section.append(list);
    target.append(section);
  }
  if (Array.isArray(report.actions)) target.append(actionsSection(report.actions));
  if (utterances.length) {
    const transcript = transcriptSection(utterances, { labelCell: options.labelCell, intro: options.transcriptIntro });
    target.append(transcript);
    keepTranscriptState(transcript, kept);
  }
  return first;
}

// The service's API key, when it needs one: typed once per tab, kept in this tab only (sessionStorage), sent with
// every request (X-API-Key) and WebSocket (api_key: browsers cannot set WebSocket headers).
const API_KEY_STORAGE = "coach-api-key";

function apiKey() {
  try {
    return sessionStorage.getItem(API_KEY_STORAGE) || "";
  } catch {
    return "";
  }
}

function api(path, options = {}) {
  const headers = new Headers(options.headers || {});
  if (apiKey()) headers.set("X-API-Key", apiKey());
  return fetch(path, { ...options, headers });
}

function keyBox() {
  const input = el("input", { type: "password", id: "api-key", autocomplete: "off", size: "16" });
  const form = el("form", { class: "api-key" }, el("label", { for: "api-key", text: "API key" }), " ", input, " ",
    el("button", { type: "submit", class: "secondary small", text: apiKey() ? "Change" : "Use" }));
  if (apiKey()) {
    const forget = el("button", { type: "button", class: "secondary small", text: "Forget" });
    forget.addEventListener("click", () => { sessionStorage.removeItem(API_KEY_STORAGE); location.reload(); });
    form.append(" ", el("span", { class: "status", text: "set for this tab" }), " ", forget);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!input.value.trim()) return;
    sessionStorage.setItem(API_KEY_STORAGE, input.value.trim());
    location.reload();  // everything the page loaded is loaded again, with the key
  });
  return form;
}

// The box shows only where the service asks for a key (or one is set already).
fetch("/v1/health").then((response) => response.json()).then((health) => {
  if (health.api_key_required || apiKey()) document.querySelector("header.site .inner")?.append(keyBox());
}).catch(() => {});

// The service's own error message from a failed response; a refused key says where to type one.
async function errorMessage(response) {
  let text = `The service answered ${response.status}.`;
  try {
    const body = await response.json();
    text = (body.error && body.error.message) || text;
  } catch {
    // not JSON: the status says it
  }
  if (response.status === 401) text += " Type the service's API key in the box at the top of the page.";
  return text;
}

// A JSON request to the service (with the API key, as api() sends it).
function sendJson(path, method, body) {
  return api(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
}

function showError(target, message) {
  target.replaceChildren(el("div", { class: "error", role: "alert", text: message }));
}

// GET path as JSON; when that fails, say why in target (notFound for a 404) and give null.
async function getJson(path, target, notFound) {
  try {
    const response = await api(path);
    if (!response.ok) {
      showError(target, response.status === 404 ? notFound : await errorMessage(response));
      return null;
    }
    return await response.json();
  } catch {
    showError(target, "Could not reach the Coach service. Is it still running?");
    return null;
  }
}
