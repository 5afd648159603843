// The analyse page: a transcript in (pasted or a file), the report out, with downloads; saved to a set if chosen.
"use strict";

const form = document.getElementById("analyse-form");
const fileInput = document.getElementById("file");
const clearFile = document.getElementById("clear-file");
const drop = document.getElementById("drop");
const message = document.getElementById("message");
const reportBox = document.getElementById("report");
const downloads = document.getElementById("downloads");
const jsonLink = document.getElementById("download-json");
const htmlLink = document.getElementById("download-html");
const setSelect = document.getElementById("set");
const newSetBox = document.getElementById("new-set-box");
const newSetName = document.getElementById("new-set-name");
const dateBox = document.getElementById("date-box");
const dateInput = document.getElementById("session-date");
const savedNote = document.getElementById("saved");
const NEW_SET = "new";
const ROLE_NAMES = { presenter: "Presenter", facilitator: "Facilitator" };
let urls = [];
// The transcript last sent (a File), so that choosing other roles re-sends exactly it, whatever the boxes hold now.
let lastFile = null;

// A problem already put in words for the person, to show as it is.
class Shown extends Error {}

function guessName(text) {
  const start = text.trimStart();
  if (start.startsWith("WEBVTT")) return "pasted.vtt";
  if (start.startsWith("{")) return "pasted.json";
  if (/^\d+\s*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->/.test(start)) return "pasted.srt";
  return "pasted.txt";
}

// The form data to send: the chosen file, else the pasted text as a file; null when there is neither.
function upload() {
  const data = new FormData();
  const file = fileInput.files[0];
  if (file) {
    data.append("file", file, file.name);
  } else {
    const text = document.getElementById("transcript").value;
    if (!text.trim()) return null;
    data.append("file", new Blob([text], { type: "text/plain" }), guessName(text));
  }
  for (const name of ["presenter", "facilitator"]) {
    const value = document.getElementById(name).value.trim();
    if (value) data.append(name, value);
  }
  return data;
}

// Take away a report, and its downloads, that no longer matches what was asked.
function clearReport() {
  reportBox.replaceChildren();
  savedNote.hidden = true;
  savedNote.replaceChildren();
  downloads.hidden = true;
  htmlLink.hidden = true;
  for (const url of urls) URL.revokeObjectURL(url);
  urls = [];
  jsonLink.href = "#";
  htmlLink.href = "#";
}

async function analyse(event) {
  event.preventDefault();
  const data = upload();
  if (!data) {
    showError(message, "Paste a transcript or choose a file first.");
    return;
  }
  const saving = setSelect.value !== "";
  if (setSelect.value === NEW_SET && !newSetName.value.trim()) {
    showError(message, "Give the new set a name, or choose one of your sets.");
    newSetName.focus();
    return;
  }
  const button = document.getElementById("analyse");
  button.disabled = true;
  clearReport();
  lastFile = data.get("file");
  const reading = saving ? "Reading the transcript and saving it to the set…" : "Reading the transcript…";
  message.replaceChildren(el("p", { class: "status", role: "status", text: reading }));
  let report;
  try {
    let path = "/v1/sessions/analyze";
    if (saving) {
      path = `/v1/sets/${encodeURIComponent(await chosenSet())}/sessions`;
      if (dateInput.value) data.append("date", dateInput.value);
    }
    const response = await api(path, { method: "POST", body: data });
    if (!response.ok) {
      showError(message, await errorMessage(response));
      return;
    }
    report = await response.json();
  } catch (error) {
    showError(message, error instanceof Shown ? error.message : "Could not reach the Coach service. Is it still running?");
    return;
  } finally {
    button.disabled = false;
  }
  message.replaceChildren();
  const heading = await showReport(report);
  heading?.focus();
}

// The report on the page, with its downloads; a report not saved to a set gets the roles pick-list. Gives the report's
// first heading (null when it could not be shown).
async function showReport(report) {
  const heading = await renderReport(report, reportBox, { afterHeadline: report.session_id ? null : rolesPicker(report) });
  if (!heading) return null;
  if (report.session_id) showSaved(report);
  offerDownloads(report);
  return heading;
}

// The form to send for file with the given roles ("" for "let Coach work it out").
function formFor(file, roles) {
  const data = new FormData();
  data.append("file", file, file.name);
  for (const name of ["presenter", "facilitator"]) if (roles[name]) data.append(name, roles[name]);
  return data;
}

// The report's note on guessed roles, in the words of the pick-list below it.
function pickListWords(note) {
  return rewordRoleFix(note, (roles, tail) => tail === "set it"
    ? `choose the ${roles.join(" or ")} below to set it`
    : `if that is not right, choose the ${roles.join(" or ")} below`);
}

// Who was who: the speakers Coach found, with a drop-down each for the presenter and the facilitator, preset to the
// report's roles. Choosing another sends the same transcript again with the names chosen.
function rolesPicker(report) {
  const names = Object.keys(report.speakers || {});
  if (names.length < 2) return null;
  const roles = report.roles || {};
  const section = el("section", { class: "card roles-picker", "aria-labelledby": "who-heading" },
    el("h2", { id: "who-heading", text: "Who was who" }));
  if (roles.how_to_override) section.append(el("p", { class: "notice", text: pickListWords(roles.how_to_override) }));
  section.append(el("p", { class: "speakers-found", text: `Coach found ${names.length} speakers: ${names.join(", ")}.` }),
    el("p", { class: "hint", id: "who-hint",
      text: "Everyone but the presenter and the facilitator counts as a member of the set. Choose someone else and the report is worked out again." }));
  const row = el("div", { class: "row" });
  const selects = {};
  for (const role of ["presenter", "facilitator"]) {
    const select = el("select", { id: `pick-${role}`, "aria-describedby": "who-hint" },
      el("option", { value: "", text: role === "presenter" ? "Let Coach work it out" : "Nobody, or let Coach work it out" }),
      ...names.map((name) => el("option", { value: name, text: name })));
    select.value = names.includes(roles[role]) ? roles[role] : "";
    select.dataset.shown = select.value;
    selects[role] = select;
    row.append(el("div", {}, el("label", { for: `pick-${role}`, text: ROLE_NAMES[role] }), select));
  }
  for (const [role, select] of Object.entries(selects)) {
    select.addEventListener("change", () => chooseRoles(role, selects));
  }
  section.append(row);
  return section;
}

// One drop-down changed: the same person cannot hold both roles, so the other one is let go; then the same
// transcript goes again with these names, and the new report replaces the old one.
async function chooseRoles(changed, selects) {
  const other = changed === "presenter" ? "facilitator" : "presenter";
  if (selects[changed].value && selects[changed].value === selects[other].value) selects[other].value = "";
  const roles = { presenter: selects.presenter.value, facilitator: selects.facilitator.value };
  if (!lastFile) return;
  for (const select of Object.values(selects)) select.disabled = true;
  message.replaceChildren(el("p", { class: "status", role: "status", text: "Working the report out again with these roles…" }));
  let report;
  try {
    const response = await api("/v1/sessions/analyze", { method: "POST", body: formFor(lastFile, roles) });
    if (!response.ok) {
      showError(message, await errorMessage(response));
      for (const select of Object.values(selects)) {
        select.value = select.dataset.shown;
        select.disabled = false;
      }
      return;
    }
    report = await response.json();
  } catch {
    showError(message, "Could not reach the Coach service. Is it still running?");
    for (const select of Object.values(selects)) {
      select.value = select.dataset.shown;
      select.disabled = false;
    }
    return;
  }
  // The boxes of the form say the same, so that a later "Show the report" keeps these roles.
  for (const role of ["presenter", "facilitator"]) document.getElementById(role).value = roles[role];
  if (!await showReport(report)) return;
  const now = report.roles || {};
  const who = [now.presenter ? `${now.presenter} as the presenter` : "nobody as the presenter",
    now.facilitator ? `${now.facilitator} as the facilitator` : "nobody as the facilitator"];
  message.replaceChildren(el("p", { class: "status", role: "status", text: `Report updated, with ${who.join(" and ")}.` }));
  document.getElementById(`pick-${changed}`)?.focus();
}

// The id of the set to save to: the chosen one, or a new one made now (and chosen from then on).
async function chosenSet() {
  if (setSelect.value !== NEW_SET) return setSelect.value;
  const name = newSetName.value.trim();
  const response = await sendJson("/v1/sets", "POST", { name });
  if (!response.ok) throw new Shown(await errorMessage(response));
  const created = await response.json();
  addSetOption(created);
  setSelect.value = created.id;
  newSetName.value = "";
  showSaveOptions();
  return created.id;
}

function showSaved(report) {
  const where = `/sets/session?set=${encodeURIComponent(report.set_id)}&session=${encodeURIComponent(report.session_id)}`;
  savedNote.replaceChildren(`Saved to ${report.set_name}, for the session of ${dayText(report.date)}. `,
    el("a", { href: where, text: "Open in the set" }));
  savedNote.hidden = false;
}

// The JSON download is the report itself; the web page is rendered from it by the service and offered once it has come.
async function offerDownloads(report) {
  for (const url of urls) URL.revokeObjectURL(url);
  htmlLink.hidden = true;
  htmlLink.href = "#";
  urls = [URL.createObjectURL(new Blob([JSON.stringify(report, null, 1)], { type: "application/json" }))];
  jsonLink.href = urls[0];
  downloads.hidden = false;
  try {
    const response = await sendJson("/v1/reports/html", "POST", report);
    if (!response.ok || urls.length !== 1 || urls[0] !== jsonLink.href) return;
    urls.push(URL.createObjectURL(await response.blob()));
    htmlLink.href = urls[1];
    htmlLink.hidden = false;
  } catch {
    // The report is on the page and its data can be downloaded; only the web page version is missing.
  }
}

function addSetOption(set) {
  setSelect.insertBefore(el("option", { value: set.id, text: set.name }), setSelect.querySelector(`option[value="${NEW_SET}"]`));
}

// The person's sets, for the "Save to a set" choice; a set named in the address (?set=ID) is chosen.
async function loadSets() {
  const status = document.getElementById("sets-status");
  try {
    const response = await api("/v1/sets");
    if (!response.ok) {
      status.textContent = `Your sets could not be listed: ${await errorMessage(response)}`;
      return;
    }
    const body = await response.json();
    for (const set of body.sets || []) addSetOption(set);
  } catch {
    status.textContent = "Your sets could not be listed just now; you can still make a new one.";
    return;
  }
  const wanted = new URLSearchParams(location.search).get("set");
  if (wanted && [...setSelect.options].some((option) => option.value === wanted)) {
    setSelect.value = wanted;
    showSaveOptions();
  }
}

function showSaveOptions() {
  newSetBox.hidden = setSelect.value !== NEW_SET;
  dateBox.hidden = setSelect.value === "";
}

function showChosenFile() {
  const file = fileInput.files[0];
  document.getElementById("file-name").textContent = file ? `Chosen: ${file.name}` : "";
  clearFile.hidden = !file;
}

fileInput.addEventListener("change", showChosenFile);
clearFile.addEventListener("click", () => {
  fileInput.value = "";
  showChosenFile();
  fileInput.focus();
});
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  if (event.dataTransfer.files.length) {
    fileInput.files = event.dataTransfer.files;
    showChosenFile();
  }
});
setSelect.addEventListener("change", () => {
  showSaveOptions();
  if (setSelect.value === NEW_SET) newSetName.focus();
});
form.addEventListener("submit", analyse);
document.getElementById("print-report").addEventListener("click", () => window.print());
loadSets();
