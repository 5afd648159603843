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
const modeInput = document.getElementById("meeting-mode");
const NEW_SET = "new";
const ROLE_NAMES = { presenter: "Presenter", facilitator: "Facilitator" };
// How the time was used (open, planned or both), as the service takes it ("mode"), in the words of the drop-downs: the
// form's, and the meeting editor's under "Who was who".
const MEETING_MODES = [
  ["", "Let Coach work it out"],
  ["open", "Open: questions only"],
  ["planned", "Planned: ideas and experience welcome"],
  ["combined", "Combined"],
];
modeInput.append(...MEETING_MODES.map(([value, text]) => el("option", { value, text })));
let urls = [];
// The transcript last sent (a File), so that choosing other roles re-sends exactly it, whatever the boxes hold now.
let lastFile = null;
// The meeting's mode last chosen for that transcript ("" for "let Coach work it out"), and the open and planned parts
// last marked ([mode, start as typed]): the editor, drawn again with each report, keeps them.
let chosenMode = "";
let chosenParts = [];

// A problem already put in words for the person, to show as it is.
class Shown extends Error {}

function guessName(text) {
  const start = text.trimStart();
  if (start.startsWith("WEBVTT")) return "pasted.vtt";
  if (start.startsWith("{")) return "pasted.json";
  if (/^\d+\s*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->/.test(start)) return "pasted.srt";
  return "pasted.txt";
}

// The form data to send: the chosen file, else the pasted text as a file, with the roles and mode given; null when
// there is neither.
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
  if (modeInput.value) data.append("mode", modeInput.value);
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
  chosenMode = modeInput.value;
  chosenParts = [];
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

// The report on the page, with its downloads; a report not saved to a set gets the roles pick-list, or the meeting
// editor when Coach read several presenters' slots. Gives the report's first heading (null when it could not be shown).
async function showReport(report) {
  let picker = null;
  let options = {};
  if (!report.session_id && (report.slots || []).length) {
    const editor = meetingEditor(report);
    picker = editor.section;
    options = { decorateLine: editor.markLine, plannedNote: editor.plannedNote,
      transcriptIntro: [el("p", { class: "hint",
        text: "“Slot starts here” on a line moves the slot of the person who said it to that line, or adds a slot "
          + "there, in “Who was who” above." })] };
  } else if (!report.session_id) {
    picker = rolesPicker(report);
  }
  const heading = await renderReport(report, reportBox, { afterHeadline: picker, ...options });
  if (!heading) return null;
  if (report.session_id) showSaved(report);
  offerDownloads(report);
  return heading;
}

// The form to send for file with the given fields: roles ("" for "let Coach work it out"), and for a meeting its
// slots (as JSON) and mode; empty ones are left out.
function formFor(file, fields) {
  const data = new FormData();
  data.append("file", file, file.name);
  for (const [name, value] of Object.entries(fields)) if (value) data.append(name, value);
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
// transcript goes again with these names (and the mode chosen), and the new report replaces the old one.
async function chooseRoles(changed, selects) {
  const other = changed === "presenter" ? "facilitator" : "presenter";
  if (selects[changed].value && selects[changed].value === selects[other].value) selects[other].value = "";
  const roles = { presenter: selects.presenter.value, facilitator: selects.facilitator.value };
  if (!lastFile) return;
  for (const select of Object.values(selects)) select.disabled = true;
  message.replaceChildren(el("p", { class: "status", role: "status", text: "Working the report out again with these roles…" }));
  let report;
  try {
    const body = formFor(lastFile, { ...roles, mode: chosenMode });
    const response = await api("/v1/sessions/analyze", { method: "POST", body });
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

// The report's note on the slots Coach read, in the words of the meeting editor below it.
function meetingWords(note) {
  return rewordRoleFix(note, (roles, tail) => tail === "set it"
    ? "give the slots below"
    : "if that is not right, change the slots below");
}

// Who was who in a meeting of several presenters: the facilitator, each presenter's slot (who, and the time or the
// transcript's line it starts at) and how the meeting was run, preset to the report's. "Work the report out again"
// sends the same transcript with them. Gives the editor's section, plannedNote(node), which words the note on a meeting
// that may have been planned time for this page, and markLine(row), which puts a "Slot starts here"
// button on a line of the report's transcript.
function meetingEditor(report) {
  const names = Object.keys(report.speakers || {});
  const roles = report.roles || {};
  // Slots start at times when the transcript has them, else at the transcript's lines (#1, #2, ... as it numbers them).
  const timed = report.slots.every((slot) => slot.start !== null && slot.start !== undefined);
  const utterances = report.utterances || [];
  const startOf = (u) => timed ? clock(u.start) : `#${u.index + 1}`;
  const section = el("section", { class: "card roles-picker meeting-editor", "aria-labelledby": "who-heading" },
    el("h2", { id: "who-heading", text: "Who was who" }));
  if (roles.how_to_override) section.append(el("p", { class: "notice", text: meetingWords(roles.how_to_override) }));
  section.append(el("p", { class: "speakers-found", text: `Coach found ${names.length} speakers: ${names.join(", ")}.` }),
    el("p", { class: "hint", id: "who-hint",
      text: "This was a meeting of several presenters, each with a slot that runs until the next one starts. In a slot, "
        + "everyone but its presenter and the facilitator counts as a member, so each presenter is a member in the "
        + "others' slots. Report-back, planned time (when ideas and experience were asked for) and reviews of how the "
        + "set worked are not counted in members' figures. Change what is wrong below, then work the report out again." }));

  const facilitator = el("select", { id: "pick-facilitator", "aria-describedby": "who-hint" },
    el("option", { value: "", text: "Nobody, or let Coach work it out" }),
    ...names.map((name) => el("option", { value: name, text: name })));
  facilitator.value = names.includes(roles.facilitator) ? roles.facilitator : "";
  const mode = el("select", { id: "pick-mode", "aria-describedby": "mode-hint" },
    ...MEETING_MODES.map(([value, text]) => el("option", { value, text })));
  mode.value = chosenMode;
  const form = el("form", { class: "meeting-form", novalidate: "" },
    el("div", { class: "row" },
      el("div", {}, el("label", { for: "pick-facilitator", text: ROLE_NAMES.facilitator }), facilitator),
      el("div", {}, el("label", { for: "pick-mode", text: "Mode" }),
        el("p", { class: "hint", id: "mode-hint",
          text: "Open: the set only asks questions. Planned: the presenters asked for ideas and experience, so members' "
            + "advice and stories are not held against them. Combined: some of each, as Coach finds it." }),
        mode)));

  const list = el("ol", { class: "plain slot-list" });
  const startHint = timed
    ? "Starts at: the time in the transcript, such as 7:00 or 1:02:05."
    : "Starts at: the number of a line of the transcript below, such as #12 (this transcript has no times); the slot "
      + "starts with the turn that line is in.";
  const add = el("button", { type: "button", class: "secondary small add-slot", text: "Add a slot" });
  form.append(el("fieldset", { class: "slots" }, el("legend", { text: "Presenters' slots" }),
    el("p", { class: "hint", id: "slot-start-hint", text: startHint }), list, add));

  // A row for one slot; the numbers in its ids and labels are set by renumber().
  const slotRow = (presenter, start) => {
    const select = el("select", { class: "slot-presenter" },
      el("option", { value: "", text: "Choose the presenter" }),
      ...names.map((name) => el("option", { value: name, text: name })));
    select.value = names.includes(presenter) ? presenter : "";
    return startRow(select, start, timed, renumber, add);
  };
  const renumber = () => numberRows(list, "slot", "presenter", (n) => `Presenter of slot ${n}`);
  for (const slot of report.slots) {
    const first = utterances.find((u) => u.index === slot.start_index);
    list.append(slotRow(slot.presenter, timed ? clock(slot.start) : first ? startOf(first) : ""));
  }
  renumber();
  add.addEventListener("click", () => {
    list.append(slotRow("", ""));
    renumber();
    list.lastElementChild.querySelector("select").focus();
  });

  const parts = partsEditor(report, timed, startOf);
  form.append(parts.fieldset);

  const said = el("p", { class: "status slot-moved", role: "status" });
  form.append(said, el("p", {}, el("button", { type: "submit", id: "rework", text: "Work the report out again" })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    reworkMeeting(form, { facilitator, mode, rows: [...list.children], partRows: parts.rows(), timed, utterances });
  });
  section.append(form);

  // A slot from utterance u on: the slot of the person who said it moves there, or (the facilitator's hand-over, or
  // someone without a slot) a new slot starts there. The rows stay in the order of their starts.
  const startSlotAt = (u) => {
    const start = startOf(u);
    const presenter = u.speaker !== facilitator.value && names.includes(u.speaker) ? u.speaker : "";
    let row = presenter && [...list.children].find((r) => r.querySelector("select").value === presenter);
    const moved = Boolean(row);
    if (!row) row = slotRow(presenter, "");
    row.querySelector("input").value = start;
    const at = (r) => readStart(r.querySelector("input").value.trim(), timed, utterances);
    const key = (r) => { const s = at(r); return s ? s.start ?? s.turn : Infinity; };
    const later = [...list.children].find((r) => r !== row && key(r) > key(row));
    list.insertBefore(row, later || null);
    renumber();
    const n = [...list.children].indexOf(row) + 1;
    said.textContent = moved ? `${presenter}'s slot now starts at ${start}: work the report out again to see it.`
      : presenter ? `Slot ${n}, ${presenter}'s, starts at ${start}: work the report out again to see it.`
        : `Slot ${n} starts at ${start}: choose its presenter.`;
    row.querySelector("select").focus();
  };
  const byIndex = new Map(utterances.map((u) => [String(u.index), u]));
  const markLine = (line) => {
    const u = byIndex.get(line.dataset.index);
    if (!u || (timed && (u.start === null || u.start === undefined))) return;
    const button = el("button", { type: "button", class: "slot-here" },
      "Slot starts here", el("span", { class: "visually-hidden", text: ` at ${startOf(u)}` }));
    button.addEventListener("click", () => startSlotAt(u));
    line.querySelector(".when").append(" ", button);
  };
  // The notes on a meeting, or a slot, that may have been planned time, in this page's words. The meeting's gets "Read
  // it as planned time", which chooses Planned as the mode and works the report out again with everything else in the
  // editor as it is (on a meeting Coach read as planned throughout, "Read it as open time"); a slot's points to the
  // parts below, as only the set knows where its presenter asked for ideas.
  const plannedNote = (node) => {
    const slot = node.classList.contains("slot-note");
    const answer = asksIfOpen(node.textContent) ? "open" : "planned";
    node.textContent = rewordModeFix(node.textContent, { meeting: "choose “Planned” as the Mode under “Who was who”",
      slot: "mark planned time from where they did under “Open and planned time”",
      open: "choose “Open” as the Mode under “Who was who”" });
    if (slot) return;
    const read = el("button", { type: "button", class: "secondary small", id: `read-${answer}`,
      text: `Read it as ${answer} time` });
    read.addEventListener("click", () => {
      mode.value = answer;
      form.requestSubmit();
    });
    node.append(" ", read);
  };
  return { section, markLine, plannedNote };
}

// Open and planned time marked by hand: the parts Coach read, in words, and a row for each part marked (open or
// planned, and where it starts), each running until the next one marked and winning over the Mode drop-down. Gives the
// fieldset and rows(), the rows as they are when the form is sent.
function partsEditor(report, timed, startOf) {
  const utterances = report.utterances || [];
  const read = (report.parts || []).map((part) => {
    const first = utterances.find((u) => u.index === part.start_index);
    return `${part.mode} from ${first ? startOf(first) : "the start"}`;
  });
  const list = el("ol", { class: "plain slot-list part-list" });
  const add = el("button", { type: "button", class: "secondary small add-part", text: "Mark open or planned time" });
  const fieldset = el("fieldset", { class: "parts" }, el("legend", { text: "Open and planned time" }),
    el("p", { class: "hint", id: "part-hint",
      text: `Coach read ${read.join(", then ") || "no parts"}. If that is not right, mark where open or planned time `
        + "starts: each part runs until the next one marked, and wins over the Mode above." }),
    list, add);
  const partRow = (mode, start) => {
    const select = el("select", { class: "part-mode", "aria-describedby": "part-hint" },
      el("option", { value: "planned", text: "Planned" }), el("option", { value: "open", text: "Open" }));
    select.value = mode;
    return startRow(select, start, timed, renumber, add);
  };
  const renumber = () => numberRows(list, "part", "mode", (n) => `Part ${n} is`);
  for (const [mode, start] of chosenParts) list.append(partRow(mode, start));
  renumber();
  add.addEventListener("click", () => {
    list.append(partRow("planned", ""));
    renumber();
    list.lastElementChild.querySelector("select").focus();
  });
  return { fieldset, rows: () => [...list.children] };
}

// A row of the meeting editor: select (who presents, or the mode), the box for where it starts, and its Remove button,
// which numbers the rows left again (renumber) and puts the keyboard on the row that took its place, or on add.
function startRow(select, start, timed, renumber, add) {
  const input = el("input", { type: "text", class: "slot-start", autocomplete: "off",
    inputmode: timed ? null : "numeric", "aria-describedby": "slot-start-hint", value: start });
  const remove = el("button", { type: "button", class: "secondary small" },
    "Remove", el("span", { class: "visually-hidden" }));
  const row = el("li", { class: "slot-row" },
    el("div", {}, el("label", {}), select), el("div", {}, el("label", {}), input), remove);
  remove.addEventListener("click", () => {
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber();
    (next ? next.querySelector("select") : add).focus();
  });
  return row;
}

// Numbers the rows of a meeting editor's list (noun "slot" or "part") from 1: the drop-down's id (noun-field-N) and
// label (chooser(N)), the start box's id and label, and the Remove button's hidden words.
function numberRows(list, noun, field, chooser) {
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  [...list.children].forEach((row, k) => {
    const [selectLabel, startLabel] = row.querySelectorAll("label");
    const n = k + 1;
    row.querySelector("select").id = `${noun}-${field}-${n}`;
    selectLabel.htmlFor = `${noun}-${field}-${n}`;
    selectLabel.textContent = chooser(n);
    row.querySelector("input").id = `${noun}-start-${n}`;
    startLabel.htmlFor = `${noun}-start-${n}`;
    startLabel.textContent = `${Noun} ${n} starts at`;
    row.querySelector(".visually-hidden").textContent = ` ${noun} ${n}`;
  });
}

// A slot's start as typed: { start } in seconds from "m:ss" or "h:mm:ss" when the transcript has times, else the
// { turn } of the transcript's line "#N" (or "N"); null when it cannot be read.
function readStart(typed, timed, utterances) {
  if (!timed) {
    const line = /^#?\s*(\d+)$/.exec(typed);
    const u = line && utterances.find((said) => said.index === Number(line[1]) - 1);
    return u ? { turn: u.turn } : null;
  }
  const match = /^(?:(\d+):)?(\d+):([0-5]\d)$/.exec(typed);
  if (!match) return null;
  const [, hours, minutes, seconds] = match;
  if (hours !== undefined && Number(minutes) > 59) return null;
  return { start: Number(hours || 0) * 3600 + Number(minutes) * 60 + Number(seconds) };
}

// The slots (noun "slot", each row's drop-down its "presenter") or parts ("part", its "mode") of the editor's rows, as
// the service takes them ({ marks }); or the first problem, in words, with the box to fix.
function readMarks(rows, timed, utterances, noun, field) {
  const example = timed ? "a time such as 7:00 or 1:02:05" : `the number of a line of the transcript, #1 to #${utterances.length}`;
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  const marks = [];
  const seen = new Map();
  for (const [k, row] of rows.entries()) {
    const n = k + 1;
    const select = row.querySelector("select");
    const input = row.querySelector("input");
    if (!select.value) return { problem: `Choose the ${field} of ${noun} ${n}.`, box: select };
    const typed = input.value.trim();
    if (!typed) return { problem: `Say when ${noun} ${n} starts: ${example}.`, box: input };
    const start = readStart(typed, timed, utterances);
    if (!start) {
      return { problem: `${Noun} ${n} starts at “${typed}”, which cannot be read: give ${example}.`, box: input };
    }
    const key = start.start ?? start.turn;
    if (seen.has(key)) {
      const same = timed ? "at the same time" : "in the same turn";
      return { problem: `${Noun}s ${seen.get(key)} and ${n} start ${same}: give each ${noun} its own start.`, box: input };
    }
    seen.set(key, n);
    marks.push({ [field]: select.value, ...start });
  }
  return { marks };
}

// "Work the report out again": the editor's slots are checked here first, then the same transcript goes again with
// the facilitator, slots and mode chosen, and the new report replaces the old one. With no slot left, Coach finds
// them itself.
async function reworkMeeting(form, { facilitator, mode, rows, partRows, timed, utterances }) {
  if (!lastFile) return;
  const slotsRead = readMarks(rows, timed, utterances, "slot", "presenter");
  const partsRead = slotsRead.problem ? slotsRead : readMarks(partRows, timed, utterances, "part", "mode");
  if (partsRead.problem) {
    showError(message, partsRead.problem);
    partsRead.box.focus();
    return;
  }
  const slots = slotsRead.marks;
  const parts = partsRead.marks;
  const controls = [...form.querySelectorAll("select, input, button")];
  for (const control of controls) control.disabled = true;
  // Refused or not sent: the editor as it was, with the keyboard back on its button.
  const giveBack = (problem) => {
    showError(message, problem);
    for (const control of controls) control.disabled = false;
    form.querySelector("button[type=submit]").focus();
  };
  message.replaceChildren(el("p", { class: "status", role: "status",
    text: "Working the report out again with these slots…" }));
  const fields = { facilitator: facilitator.value, slots: slots.length ? JSON.stringify(slots) : "", mode: mode.value,
    parts: parts.length ? JSON.stringify(parts) : "" };
  let report;
  try {
    const response = await api("/v1/sessions/analyze", { method: "POST", body: formFor(lastFile, fields) });
    if (!response.ok) {
      giveBack(await errorMessage(response));
      return;
    }
    report = await response.json();
  } catch {
    giveBack("Could not reach the Coach service. Is it still running?");
    return;
  }
  // The form's Facilitator box and mode say the same, so that a later "Show the report" keeps them.
  document.getElementById("facilitator").value = fields.facilitator;
  chosenMode = fields.mode;
  modeInput.value = chosenMode;
  chosenParts = partRows.map((row) => [row.querySelector("select").value, row.querySelector("input").value.trim()]);
  if (!await showReport(report)) return;
  const found = report.slots || [];
  const how = found.map((slot) => slot.start !== null && slot.start !== undefined
    ? `${slot.presenter} from ${clock(slot.start)}` : slot.presenter);
  const words = found.length === 1 ? `1 slot (${how[0]})` : `${found.length} slots (${how.join(", ")})`;
  const who = report.roles?.facilitator ? `${report.roles.facilitator} as the facilitator` : "nobody as the facilitator";
  message.replaceChildren(el("p", { class: "status", role: "status", text: `Report updated, with ${words} and ${who}.` }));
  (document.getElementById("rework") || document.getElementById("ratio-heading"))?.focus();
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
