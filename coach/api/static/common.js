// Shared by the Coach pages: plain-word labels, safe element building, charts and the session report.
"use strict";

const LABEL_WORDS = {
  open_question: "open question", closed_question: "closed question", reflection: "reflection",
  advice: "advice", story: "story", other: "other",
};
const LABEL_ORDER = ["open_question", "closed_question", "reflection", "advice", "story", "other"];
const LABEL_COLOURS = {
  open_question: "#0b5cad", closed_question: "#5b8fd6", reflection: "#1a7f37",
  advice: "#b42318", story: "#9a4d00", other: "#8c959f",
};
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

function quote(item) {
  return el("blockquote", {}, el("div", { text: item.text || item.quote || "" }), who(item));
}

// Timeline: questioning ratio per window as a line over 0..100%.
function timelineChart(windows) {
  const width = 640, height = 200, pad = 32;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "timeline-title", class: "timeline-chart" });
  const title = svg("title", { id: "timeline-title" });
  title.textContent = "Questioning ratio over the session, per window";
  chart.append(title);
  for (const y of [0, 0.5, 1]) {
    const yy = height - pad - y * (height - 2 * pad);
    chart.append(svg("line", { x1: pad, x2: width - 8, y1: yy, y2: yy, stroke: "#d0d7de" }));
    const text = svg("text", { x: 2, y: yy + 4, "font-size": 11, fill: "#4a5561" });
    text.textContent = `${y * 100}%`;
    chart.append(text);
  }
  const points = windows.map((w, i) => ({ w, i })).filter(({ w }) => w.questioning_ratio !== null && w.questioning_ratio !== undefined);
  const step = (width - pad - 8) / Math.max(windows.length - 1, 1);
  const xy = ({ w, i }) => [pad + i * step, height - pad - w.questioning_ratio * (height - 2 * pad)];
  if (points.length) {
    chart.append(svg("polyline", { points: points.map(p => xy(p).join(",")).join(" "), fill: "none", stroke: "#0b5cad", "stroke-width": 3 }));
    for (const p of points) {
      const [x, y] = xy(p);
      const dot = svg("circle", { cx: x, cy: y, r: 4, fill: "#0b5cad" });
      const tip = svg("title");
      tip.textContent = `${p.w.label || `window ${p.i + 1}`}: ${percent(p.w.questioning_ratio)}`;
      dot.append(tip);
      chart.append(dot);
    }
  }
  return chart;
}

// One stacked bar per speaker, by label.
function speakerBars(speakers) {
  const rows = Object.entries(speakers);
  const width = 640, rowHeight = 28, left = 130, height = rows.length * rowHeight + 8;
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "bars-title", class: "speaker-chart" });
  const title = svg("title", { id: "bars-title" });
  title.textContent = "What each person said, by kind of utterance";
  chart.append(title);
  const most = Math.max(1, ...rows.map(([, s]) => LABEL_ORDER.reduce((n, l) => n + ((s.counts || {})[l] || 0), 0)));
  rows.forEach(([name, s], index) => {
    const y = 4 + index * rowHeight;
    const text = svg("text", { x: 0, y: y + 17, "font-size": 13, fill: "#1b1f24" });
    text.textContent = `${name}${s.role && s.role !== "member" ? ` (${s.role})` : ""}`.slice(0, 22);
    chart.append(text);
    let x = left;
    for (const label of LABEL_ORDER) {
      const count = (s.counts || {})[label] || 0;
      if (!count) continue;
      const w = (count / most) * (width - left - 8);
      const rect = svg("rect", { x, y, width: w, height: rowHeight - 8, fill: LABEL_COLOURS[label] });
      const tip = svg("title");
      tip.textContent = `${name}: ${count} ${LABEL_WORDS[label]}`;
      rect.append(tip);
      chart.append(rect);
      x += w;
    }
  });
  return chart;
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

function figure(name, value) {
  return el("div", { class: "figure" }, el("div", { class: "value", text: value }), el("div", { class: "name", text: name }));
}

// The session report, as the analyse page and the end of a live session show it.
function renderReport(report, target) {
  target.replaceChildren();
  const summary = report.summary || {};
  const feedback = report.feedback || {};
  const headline = el("section", { class: "card", "aria-labelledby": "ratio-heading" },
    el("h2", { id: "ratio-heading", text: "How well the set stayed in questioning mode" }),
    el("div", { class: "headline" },
      el("div", { class: "big-number", "data-testid": "questioning-ratio", text: percent(summary.questioning_ratio) }),
      el("p", { text: feedback.headline || "Share of members' contributions that were questions or reflections." })));
  const figures = el("div", { class: "figures" },
    figure("of members' questions were open", percent(summary.open_ratio)),
    figure("utterances", String(summary.utterances ?? (report.utterances || []).length)),
    figure("pieces of advice from members", String(((report.member_counts || summary.member_counts || {}).advice) ?? (summary.counts || {}).advice ?? 0)));
  headline.append(figures);
  const roles = report.roles || {};
  if (roles.assumed && roles.assumed.length) {
    headline.append(el("p", { class: "notice", text: `${roles.assumed.join(" ")} ${roles.how_to_override || ""}` }));
  }
  target.append(headline);

  const charts = el("section", { class: "card", "aria-labelledby": "charts-heading" },
    el("h2", { id: "charts-heading", text: "Over time and by person" }));
  if ((report.timeline || []).length) charts.append(el("div", { class: "chart" }, timelineChart(report.timeline)));
  charts.append(el("div", { class: "chart" }, speakerBars(report.speakers || {})), legend());
  target.append(charts);

  const wentWell = feedback.went_well || [];
  if (wentWell.length) {
    const section = el("section", { class: "card", "aria-labelledby": "well-heading" }, el("h2", { id: "well-heading", text: "What went well" }));
    for (const item of wentWell) section.append(quote(item));
    target.append(section);
  }
  const moments = feedback.moments || [];
  if (moments.length) {
    const section = el("section", { class: "card", "aria-labelledby": "moments-heading" },
      el("h2", { id: "moments-heading", text: "Moments worth talking about" }));
    const list = el("ol");
    for (const item of moments) list.append(el("li", {}, el("p", { text: item.why || item.reason || "" }), quote(item)));
    section.append(list);
    target.append(section);
  }
  const rephrasings = feedback.rephrasings || [];
  if (rephrasings.length) {
    const section = el("section", { class: "card", "aria-labelledby": "rephrase-heading" },
      el("h2", { id: "rephrase-heading", text: "Questions that could be asked more openly" }));
    for (const item of rephrasings) {
      const suggestions = el("ul");
      for (const s of item.suggestions || []) suggestions.append(el("li", { text: s }));
      section.append(el("div", {}, quote({ ...item, text: item.original || item.text }), el("p", { class: "hint", text: "You could ask:" }), suggestions));
    }
    target.append(section);
  }
}

// The service's own error message from a failed response.
async function errorMessage(response) {
  try {
    const body = await response.json();
    return (body.error && body.error.message) || `The service answered ${response.status}.`;
  } catch {
    return `The service answered ${response.status}.`;
  }
}

function showError(target, message) {
  target.replaceChildren(el("div", { class: "error", role: "alert", text: message }));
}
