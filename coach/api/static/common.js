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
  return el("figure", { class: "quote" }, el("blockquote", { text: item.text || item.quote || "" }), el("figcaption", {}, who(item)));
}

// A window of the timeline in words: "5:00–10:00" or "utterances 51–100".
function span(window, byTime) {
  return byTime ? `${clock(window.start)}–${clock(window.end)}`
    : `utterances ${Math.round(window.start) + 1}–${Math.round(window.end)}`;
}

// Timeline: the questioning ratio per window, one bar each, over 0..100%; the figures are also given in words.
function timelineChart(timeline) {
  const windows = timeline.windows || [];
  const byTime = timeline.unit === "seconds";
  const width = 480, height = 220, left = 64, bottom = 30, top = 12;
  const plot = height - bottom - top;
  const step = (width - left - 10) / Math.max(windows.length, 1);
  const described = windows.map((w) => `${span(w, byTime)}: ${w.questioning_ratio === null ? "no contributions from members" : percent(w.questioning_ratio)}`);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "timeline-title timeline-desc", class: "timeline-chart" });
  const title = svg("title", { id: "timeline-title" });
  title.textContent = "Questioning mode over the session";
  const desc = svg("desc", { id: "timeline-desc" });
  desc.textContent = described.join("; ");
  chart.append(title, desc);
  for (const level of [0, 0.5, 1]) {
    const y = top + plot * (1 - level);
    chart.append(svg("line", { x1: left, x2: width - 10, y1: y, y2: y, stroke: "#d0d7de" }));
    const text = svg("text", { x: left - 6, y: y + 5, "text-anchor": "end" });
    text.textContent = `${level * 100}%`;
    chart.append(text);
  }
  const every = Math.max(1, Math.ceil(windows.length / 5));
  windows.forEach((w, i) => {
    const x = left + i * step + step * 0.15, barWidth = step * 0.7;
    const ratio = w.questioning_ratio;
    const barHeight = ratio === null || ratio === undefined ? 2 : Math.max(plot * ratio, 2);
    const bar = svg("rect", { x, y: top + plot - barHeight, width: barWidth, height: barHeight, fill: ratio === null ? "#8c959f" : LABEL_COLOURS.open_question });
    const tip = svg("title");
    tip.textContent = described[i];
    bar.append(tip);
    chart.append(bar);
    if (i % every === 0) {
      const tick = svg("text", { x: x + barWidth / 2, y: height - 8, "text-anchor": "middle" });
      tick.textContent = byTime ? clock(w.start) : `#${Math.round(w.start) + 1}`;
      chart.append(tick);
    }
  });
  const size = byTime ? `${Math.round(timeline.window / 60)} minutes` : `${timeline.window} utterances`;
  return el("figure", { class: "chart" }, chart,
    el("figcaption", { class: "hint", text: `Share of members' contributions that were questions or reflections, per ${size}; higher is better.` }));
}

// One stacked bar per speaker, by label, built from HTML so the names stay readable at any width.
function speakerBars(speakers) {
  const rows = Object.entries(speakers);
  const total = (s) => LABEL_ORDER.reduce((n, l) => n + ((s.counts || {})[l] || 0), 0);
  const most = Math.max(1, ...rows.map(([, s]) => total(s)));
  const list = el("ul", { class: "speaker-chart plain", "aria-label": "What each person said, by kind of contribution" });
  for (const [name, s] of rows) {
    const role = s.role && s.role !== "member" ? ` (${s.role})` : "";
    const parts = LABEL_ORDER.filter((l) => (s.counts || {})[l]).map((l) => `${s.counts[l]} ${LABEL_WORDS[l]}`);
    const bar = el("span", { class: "bar", "aria-hidden": "true" });
    bar.style.width = `${(total(s) / most) * 100}%`;
    for (const label of LABEL_ORDER) {
      const count = (s.counts || {})[label] || 0;
      if (!count) continue;
      const piece = el("span", { title: `${count} ${LABEL_WORDS[label]}` });
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

function legend() {
  const box = el("div", { class: "legend", "aria-hidden": "true" });
  for (const label of LABEL_ORDER) {
    const item = el("span", { text: LABEL_WORDS[label] });
    item.style.setProperty("--c", LABEL_COLOURS[label]);
    box.append(item);
  }
  return box;
}

// The service's note on guessed roles names command-line flags; on a page, point to the boxes instead.
function pageWords(note) {
  return note.replace(/pass ((?:--(?:presenter|facilitator) NAME(?: or )?)+) to (change this|set it)/g, (match, flags, tail) => {
    const boxes = flags.match(/presenter|facilitator/g).map((w) => w[0].toUpperCase() + w.slice(1)).join(" or ");
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

function figure(name, value) {
  return el("div", { class: "figure" }, el("div", { class: "value", text: value }), el("div", { class: "name", text: name }));
}

// The session report, as the analyse page and the end of a live session show it. Returns its first heading, so the
// page can move the keyboard focus there.
function renderReport(report, target) {
  target.replaceChildren();
  const summary = report.summary || {};
  const feedback = report.feedback || {};
  const memberCounts = summary.member_counts || report.member_counts || summary.counts || {};
  const first = el("h2", { id: "ratio-heading", tabindex: "-1", text: "How well the set stayed in questioning mode" });
  const headline = el("section", { class: "card", "aria-labelledby": "ratio-heading" }, first,
    el("div", { class: "headline" },
      el("div", { class: "big-number", "data-testid": "questioning-ratio", text: percent(summary.questioning_ratio) }),
      el("p", { text: feedback.headline || "The share of members' contributions that were questions or reflections." })));
  const figures = el("div", { class: "figures" },
    figure("of members' questions were open", percent(summary.open_ratio)),
    figure("things said", String(summary.utterances ?? (report.utterances || []).length)),
    figure("pieces of advice from members", String(memberCounts.advice ?? 0)));
  headline.append(figures);
  const roles = report.roles || {};
  if (roles.how_to_override) headline.append(el("p", { class: "notice", text: pageWords(roles.how_to_override) }));
  target.append(headline);
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

  const wentWell = feedback.went_well || [];
  if (wentWell.length) {
    const section = el("section", { class: "card", "aria-labelledby": "well-heading" },
      el("h2", { id: "well-heading", text: "The best open questions" }));
    const list = el("ol", { class: "plain" });
    for (const item of wentWell) list.append(el("li", {}, quote(item), el("p", { class: "why", text: item.why || "" })));
    section.append(list);
    target.append(section);
  }
  const moments = feedback.moments || [];
  if (moments.length) {
    const section = el("section", { class: "card", "aria-labelledby": "moments-heading" },
      el("h2", { id: "moments-heading", text: "Moments worth talking about" }));
    const list = el("ol", { class: "plain" });
    for (const item of moments) list.append(el("li", {}, quote(item), el("p", { class: "why", text: item.why || item.reason || "" })));
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
      list.append(el("li", {}, quote({ ...item, text: item.original || item.text }),
        el("p", { class: "why", text: item.leading ? "Advice dressed as a question. You could ask:" : "A closed question. You could ask:" }), suggestions));
    }
    section.append(list);
    target.append(section);
  }
  if (Array.isArray(report.actions)) target.append(actionsSection(report.actions));
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
