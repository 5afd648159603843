// A set's page (/sets/view?id=...): its questioning over time, open actions, patterns, sessions and members.
"use strict";

const setId = new URLSearchParams(location.search).get("id") || "";
const message = document.getElementById("message");
const overviewBox = document.getElementById("overview");
// The set's own line, then one colour and dash pattern per member, from the site's palette.
const SET_COLOUR = "#0b5cad";
const MEMBER_STYLES = [
  { colour: "#1a7f37", dash: "7 4" }, { colour: "#9a4d00", dash: "2 3" }, { colour: "#b42318", dash: "10 3 2 3" },
  { colour: "#5b8fd6", dash: "4 4" }, { colour: "#57606a", dash: "1 3" }, { colour: "#5c0f0a", dash: "12 4" },
];

function setPath() {
  return `/v1/sets/${encodeURIComponent(setId)}`;
}

function sessionLink(session) {
  return `/sets/session?set=${encodeURIComponent(setId)}&session=${encodeURIComponent(session.id ?? session.session_id)}`;
}

// The chart's lines: the set's first, then each member's, each with its points' session positions.
function chartSeries(detail) {
  const position = new Map(detail.sessions.map((s, i) => [s.id, i]));
  const points = (list) => list.filter((p) => position.has(p.session_id))
    .map((p) => ({ at: position.get(p.session_id), date: p.date, ratio: p.questioning_ratio }));
  const series = [{ name: "Whole set", kind: "set", colour: SET_COLOUR, dash: null, points: points(detail.trend.set || []) }];
  Object.entries(detail.trend.members || {}).forEach(([name, list], i) => {
    const style = MEMBER_STYLES[i % MEMBER_STYLES.length];
    series.push({ name, kind: "member", colour: style.colour, dash: style.dash, points: points(list) });
  });
  return series;
}

function describe(series) {
  return series.map((line) => {
    const figures = line.points.map((p) => `${dayText(p.date)} ${p.ratio === null ? "no member contributions" : percent(p.ratio)}`);
    return `${line.name}: ${figures.join(", ") || "no figures"}`;
  }).join(". ");
}

// Runs of points with a figure: a session without one breaks the set's line rather than dropping to 0.
function runs(points) {
  const all = [];
  let current = [];
  for (const p of points) {
    if (p.ratio === null || p.ratio === undefined) {
      if (current.length) all.push(current);
      current = [];
    } else {
      current.push(p);
    }
  }
  if (current.length) all.push(current);
  return all;
}

// The questioning ratio per session as an SVG line chart: x the sessions in date order, y 0-100%.
function trendChart(detail, series) {
  const width = 560, height = 260, left = 72, right = 20, top = 14, bottom = 40;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  const count = detail.sessions.length;
  const x = (at) => (count === 1 ? left + plotWidth / 2 : left + (at * plotWidth) / (count - 1));
  const y = (ratio) => top + plotHeight * (1 - ratio);
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "trend-title trend-desc", class: "trend-chart" });
  const title = svg("title", { id: "trend-title" });
  title.textContent = "Questioning ratio per session, for the whole set and each member";
  const desc = svg("desc", { id: "trend-desc" });
  desc.textContent = describe(series);
  chart.append(title, desc);
  for (const level of [0, 0.25, 0.5, 0.75, 1]) {
    chart.append(svg("line", { x1: left, x2: width - right, y1: y(level), y2: y(level), stroke: "#d0d7de" }));
    const label = svg("text", { x: left - 8, y: y(level) + 4, "text-anchor": "end" });
    label.textContent = `${level * 100}%`;
    chart.append(label);
  }
  const every = Math.max(1, Math.ceil(count / 5));
  detail.sessions.forEach((session, i) => {
    if (i % every !== 0 && i !== count - 1) return;
    const tick = svg("text", { x: x(i), y: height - 12, "text-anchor": count === 1 ? "middle" : i === 0 ? "start" : i === count - 1 ? "end" : "middle" });
    tick.textContent = dayText(session.date, true);
    chart.append(tick);
  });
  // Members first, so the set's own line is drawn on top.
  for (const line of [...series.slice(1), series[0]]) chart.append(seriesGroup(line, x, y));
  return chart;
}

function seriesGroup(line, x, y) {
  const group = svg("g", { class: `series series-${line.kind}`, "data-name": line.name });
  const wide = line.kind === "set";
  for (const run of runs(line.points)) {
    if (run.length < 2) continue;
    const attrs = { points: run.map((p) => `${x(p.at)},${y(p.ratio)}`).join(" "), fill: "none", stroke: line.colour, "stroke-width": wide ? 3 : 2 };
    if (line.dash) attrs["stroke-dasharray"] = line.dash;
    group.append(svg("polyline", attrs));
  }
  for (const p of line.points) {
    if (p.ratio === null || p.ratio === undefined) continue;
    const dot = svg("circle", { cx: x(p.at), cy: y(p.ratio), r: wide ? 5 : 3.5, fill: line.colour, stroke: "#ffffff", "stroke-width": 1 });
    const tip = svg("title");
    tip.textContent = `${line.name}, ${dayText(p.date)}: ${percent(p.ratio)}`;
    dot.append(tip);
    group.append(dot);
  }
  return group;
}

function legendKey(line) {
  const key = svg("svg", { viewBox: "0 0 28 10", width: 28, height: 10, "aria-hidden": "true", focusable: "false" });
  const attrs = { x1: 1, x2: 27, y1: 5, y2: 5, stroke: line.colour, "stroke-width": line.kind === "set" ? 3 : 2 };
  if (line.dash) attrs["stroke-dasharray"] = line.dash;
  key.append(svg("line", attrs));
  return el("li", {}, key, ` ${line.name}`);
}

// The chart's figures again, as a table: what a screen reader reads, and anyone who wants the numbers.
function trendTable(detail, series) {
  const head = el("tr", {}, el("th", { scope: "col", text: "Session" }), ...series.map((line) => el("th", { scope: "col", text: line.name })));
  const body = el("tbody");
  detail.sessions.forEach((session, i) => {
    const cells = series.map((line) => {
      const point = line.points.find((p) => p.at === i);
      return el("td", { text: point ? percent(point.ratio) : "–" });
    });
    body.append(el("tr", {}, el("th", { scope: "row", text: dayText(session.date) }), ...cells));
  });
  const table = el("table", { class: "figures-table", id: "trend-table", "aria-describedby": "trend-table-hint" },
    el("caption", { class: "visually-hidden", text: "Questioning ratio per session" }), el("thead", {}, head), body);
  return el("div", {}, el("h3", { text: "The same figures" }),
    el("p", { class: "hint", id: "trend-table-hint", text: "A dash means the member did not speak as a member that session." }),
    el("div", { class: "table-wrap" }, table));
}

function showTrend(detail) {
  const box = document.getElementById("trend");
  if (!detail.sessions.length) {
    box.replaceChildren(el("p", { text: "No sessions saved yet. Add one, and its figures show here." }));
    return;
  }
  const series = chartSeries(detail);
  box.replaceChildren(
    el("figure", { class: "chart" }, trendChart(detail, series), el("figcaption", {}, el("ul", { class: "trend-legend", "aria-label": "Lines" }, ...series.map(legendKey)))),
    trendTable(detail, series));
}

function showOpenActions(actions) {
  const box = document.getElementById("open-actions");
  if (!actions.length) {
    box.replaceChildren(el("p", { class: "hint", text: "No actions are waiting for a report-back." }));
    return;
  }
  const list = el("ul", { class: "plain" });
  for (const item of actions) {
    list.append(el("li", {}, el("p", { class: "action" }, el("strong", { text: item.speaker }), `: ${item.text}`,
      el("span", { class: "who", text: ` (from the session of ${dayText(item.date)})` }))));
  }
  box.replaceChildren(el("p", { class: "hint", text: "What presenters said they would do, not yet mentioned in a later session: worth asking about." }), list);
}

function showPatterns(patterns) {
  const box = document.getElementById("patterns");
  if (!patterns.length) {
    box.replaceChildren(el("p", { class: "hint", text: "Nothing stands out yet. Coach looks for habits over the latest three or four sessions." }));
    return;
  }
  const list = el("ul", { class: "plain" });
  for (const pattern of patterns) {
    const dates = (pattern.evidence || []).map((e) => dayText(e.date)).join(", ");
    list.append(el("li", { "data-kind": pattern.kind }, el("p", { class: "action", text: pattern.text }),
      dates ? el("p", { class: "who", text: `Seen in the sessions of ${dates}.` }) : null));
  }
  box.replaceChildren(list);
}

function table(caption, headings, rows) {
  const head = el("tr", {}, ...headings.map((h) => el("th", { scope: "col", text: h })));
  return el("div", { class: "table-wrap" }, el("table", { class: "figures-table" },
    el("caption", { class: "visually-hidden", text: caption }), el("thead", {}, head), el("tbody", {}, ...rows)));
}

function showSessions(sessions) {
  const box = document.getElementById("sessions");
  if (!sessions.length) {
    box.replaceChildren(el("p", { class: "hint", text: "No sessions saved yet." }));
    return;
  }
  const rows = [...sessions].reverse().map((s) => el("tr", { "data-session-id": s.id },
    el("th", { scope: "row" }, el("a", { href: sessionLink(s), text: dayText(s.date) })),
    el("td", { text: s.presenter || "–" }),
    el("td", {}, percent(s.questioning_ratio), s.planned_time_check === null || s.planned_time_check === undefined
      ? null : el("span", { class: "who", text: " (was it planned time? Open the session to say)" })),
    el("td", { text: String(s.actions ?? 0) })));
  box.replaceChildren(table("The set's sessions, latest first", ["Date", "Presenter", "Questioning ratio", "Actions"], rows));
}

function showMembers(members) {
  const box = document.getElementById("members");
  if (!members.length) {
    box.replaceChildren(el("p", { class: "hint", text: "No one yet." }));
    return;
  }
  const rows = members.map((m) => el("tr", {},
    el("th", { scope: "row", text: m.name }),
    el("td", { text: m.presented ? `${m.sessions} (presented ${m.presented})` : String(m.sessions) }),
    el("td", { text: percent(m.questioning_ratio) }),
    el("td", { text: percent(m.latest_questioning_ratio) })));
  box.replaceChildren(el("p", { class: "hint", id: "members-hint", text: "Average and latest: their questioning ratio when they spoke as a member." }),
    table("Everyone who spoke in the set", ["Name", "Sessions", "Average", "Latest"], rows));
}

function show(detail) {
  document.title = `Coach: ${detail.name}`;
  document.getElementById("set-name").textContent = detail.name;
  const count = detail.sessions.length;
  document.getElementById("set-meta").textContent =
    `${count === 1 ? "1 saved session" : `${count} saved sessions`}. Started ${dayText((detail.created_at || "").slice(0, 10))}.`;
  document.getElementById("add-session").href = `/?set=${encodeURIComponent(setId)}`;
  showTrend(detail);
  showOpenActions(detail.open_actions || []);
  showPatterns(detail.patterns || []);
  showSessions(detail.sessions);
  showMembers(detail.members || []);
  overviewBox.hidden = false;
}

async function load() {
  if (!setId) {
    showError(message, "No set was named in the address. Choose one from your sets.");
    return;
  }
  message.replaceChildren(el("p", { class: "status", role: "status", text: "Loading the set…" }));
  const notFound = "This set was not found: it may have been deleted. Choose one from your sets.";
  const detail = await getJson(setPath(), message, notFound);
  if (!detail) return;
  message.replaceChildren();
  show(detail);
}

async function deleteSet() {
  const name = document.getElementById("set-name").textContent;
  if (!confirm(`Delete the set "${name}" and every session saved in it? This cannot be undone.`)) return;
  const button = document.getElementById("delete-set");
  button.disabled = true;
  try {
    const response = await api(setPath(), { method: "DELETE" });
    if (!response.ok && response.status !== 404) {
      showError(message, await errorMessage(response));
      return;
    }
    location.assign("/sets");
  } catch {
    showError(message, "Could not reach the Coach service. Is it still running?");
  } finally {
    button.disabled = false;
  }
}

document.getElementById("delete-set").addEventListener("click", deleteSet);
load();
