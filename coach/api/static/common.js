// Shared by the Coach pages: plain-word labels, safe element building, the service's API, and the session report
// (rendered by the service; /report.js adds its transcript's filters and links).
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

// The service's note on a meeting that may have been planned time says how to read it so in its own terms (the API's
// mode field: report.API_MODE_FIX); a page puts its own words there.
const API_MODE_FIX = 'send "mode": "planned" (or the planned parts)';
// A slot's note says how to mark planned time from where its presenter asked for ideas (report.API_PART_FIX).
const API_PART_FIX = "send a planned part from where they did (the parts field)";

// A saved session's notes say to set its modes (report.API_SAVED_MODE_FIX, report.API_SAVED_PART_FIX).
const API_SAVED_MODE_FIX = 'send "mode": "planned" to the saved session\'s modes (PUT .../modes)';
const API_SAVED_PART_FIX = 'send "mode": "planned" and their slot\'s number ("slot", from 0) to the saved session\'s modes';

// The note on a meeting Coach read as planned throughout says how to read it as open time (report.API_OPEN_FIX,
// report.API_SAVED_OPEN_FIX).
const API_OPEN_FIX = 'send "mode": "open"';
const API_SAVED_OPEN_FIX = 'send "mode": "open" to the saved session\'s modes (PUT .../modes)';

// Whether a note is the one on a meeting Coach read as planned throughout (asking whether it was open time).
function asksIfOpen(note) {
  return note.includes(API_SAVED_OPEN_FIX) || note.includes(API_OPEN_FIX);
}

// The note with the page's words for the meeting's fix (words.meeting), a slot's (words.slot) and the fix of a meeting
// read as planned throughout (words.open).
function rewordModeFix(note, words) {
  return note.replace(API_MODE_FIX, words.meeting).replace(API_PART_FIX, words.slot)
    .replace(API_SAVED_MODE_FIX, words.meeting).replace(API_SAVED_PART_FIX, words.slot)
    .replace(API_SAVED_OPEN_FIX, words.open).replace(API_OPEN_FIX, words.open);
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

// The session report as the server renders it (POST /v1/reports/html?part=body: the same templates as the CLI's and
// the API's HTML report), placed in target; this script only adds what the page does with it. Returns the report's
// first heading, so the page can move the keyboard focus there, or null when it could not be shown (target then says
// why). options.afterHeadline: a node to show after the headline (the analyse page's roles pick-list), which then
// carries the note on guessed roles instead of the headline; options.rolesWords: how that note is worded on this page
// (pageWords unless given); options.decorateLine(row): called with each line of the transcript (the saved-session
// page's corrections); options.transcriptIntro: nodes to show under the transcript's heading;
// options.plannedNote(node): called with each note on a meeting, or a slot, that may have been planned time, to word
// it for this page. Shown again, the transcript stays as the reader left it.
async function renderReport(report, target, options = {}) {
  let html;
  try {
    const response = await sendJson("/v1/reports/html?part=body", "POST", report);
    if (!response.ok) {
      showError(target, await errorMessage(response));
      return null;
    }
    html = await response.text();
  } catch {
    showError(target, "Could not reach the Coach service. Is it still running?");
    return null;
  }
  const kept = transcriptState(target);
  // The service escaped everything a person said; a <template> runs nothing while it is parsed.
  const parsed = document.createElement("template");
  parsed.innerHTML = html;
  target.replaceChildren(parsed.content);
  const note = target.querySelector(".roles-note");
  if (note && options.afterHeadline) note.remove();
  else if (note) note.textContent = (options.rolesWords || pageWords)(note.textContent);
  if (options.plannedNote) for (const planned of target.querySelectorAll(".planned-note")) options.plannedNote(planned);
  if (options.afterHeadline) target.querySelector("section").after(options.afterHeadline);
  const transcript = target.querySelector(".transcript-card");
  if (transcript) {
    if (options.transcriptIntro) transcript.querySelector("h2").after(...options.transcriptIntro);
    if (options.decorateLine) for (const row of transcript.querySelectorAll("tbody tr")) options.decorateLine(row);
  }
  setUpTranscript(target, kept);
  return document.getElementById("ratio-heading");
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
