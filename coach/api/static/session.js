// A saved session's page (/sets/session?set=...&session=...): its report, and its labelled transcript, where a
// member's label can be corrected.
"use strict";

const params = new URLSearchParams(location.search);
const setId = params.get("set") || "";
const sessionId = params.get("session") || "";
const message = document.getElementById("message");
const reportBox = document.getElementById("report");
const correctionStatus = document.getElementById("correction-status");
// The hint on correcting labels and the status of a correction: shown in the report's transcript, above its lines.
const transcriptIntro = [document.getElementById("correction-hint"), correctionStatus];
let sessionDay = "";

function sessionPath() {
  return `/v1/sets/${encodeURIComponent(setId)}/sessions/${encodeURIComponent(sessionId)}`;
}

function setPage() {
  return `/sets/view?id=${encodeURIComponent(setId)}`;
}

// "at 2:00", or "(number 5)" when the transcript had no times: for the drop-downs' names.
function whenWords(utterance) {
  const time = clock(utterance.start);
  return time ? `at ${time}` : `(number ${utterance.index + 1})`;
}

function shortQuote(text) {
  return text.length > 60 ? `${text.slice(0, 57).trimEnd()}…` : text;
}

function labelChoice(utterance) {
  const select = el("select", { "aria-label": `Label of what ${utterance.speaker} said ${whenWords(utterance)}`, "data-index": utterance.index });
  for (const label of LABEL_ORDER) select.append(el("option", { value: label, text: LABEL_WORDS[label] }));
  select.value = utterance.label;
  select.dataset.saved = utterance.label;
  select.addEventListener("change", () => correct(select, utterance));
  return select;
}

// A line of the transcript as the service rendered it: a member's label becomes a drop-down to correct it; the others'
// stay as they are.
function correctable(utterances) {
  return (row) => {
    const utterance = utterances.get(Number(row.dataset.index));
    if (!utterance || utterance.role !== "member") return;
    row.querySelector(".label-cell .tag").replaceWith(labelChoice(utterance));
  };
}

function showHeading(report) {
  const day = dayText(report.date);
  sessionDay = day;
  document.title = `Coach: ${report.set_name}, ${day}`;
  document.getElementById("session-title").textContent = `Session of ${day}`;
  document.getElementById("crumb-set").replaceChildren(" › ", el("a", { href: setPage(), text: report.set_name }));
  const roles = report.roles || {};
  const who = [roles.presenter && `Presenter: ${roles.presenter}.`, roles.facilitator && `Facilitator: ${roles.facilitator}.`];
  document.getElementById("session-meta").replaceChildren(`Saved in `, el("a", { href: setPage(), text: report.set_name }),
    `. ${who.filter(Boolean).join(" ")}`);
}

// The report's note on guessed roles points to the analyse page's boxes; a saved session's roles stay as saved.
function savedRolesNote(report) {
  const roles = report.roles || {};
  if (!roles.how_to_override) return report;
  const note = rewordRoleFix(roles.how_to_override, () => "");
  const how = "To change who was who, delete this session and save it again with their names filled in.";
  return { ...report, roles: { ...roles, how_to_override: `${note} ${how}` } };
}

// The notes asking whether the meeting, or one presenter's slot, was planned time, answered here: each gets a button
// for planned time and one for open time, which tell the service (PUT .../modes); the report and the set's trend
// follow, and the note goes.
function modeQuestions(report) {
  const slotOf = new Map((report.slots || []).map((slot, number) => [slot.planned_time_check?.note, number]));
  return (node) => {
    const number = slotOf.get(node.textContent);
    const presenter = number === undefined ? null : report.slots[number].presenter;
    node.textContent = rewordModeFix(node.textContent, { meeting: "say so here", slot: "say so here", open: "say so here" });
    const answers = ["planned", "open"].map((mode) => {
      const text = presenter ? `${presenter}'s slot was ${mode} time` : `It was ${mode} time`;
      const button = el("button", { type: "button", class: "secondary small", text });
      button.addEventListener("click", () => answerMode(button, mode, number));
      return button;
    });
    node.append(" ", answers[0], " ", answers[1]);
  };
}

// The report, with its labelled transcript at the end, where members' labels can be corrected.
function showReport(report) {
  const utterances = new Map((report.utterances || []).map((u) => [u.index, u]));
  return renderReport(savedRolesNote(report), reportBox,
    { decorateLine: correctable(utterances), transcriptIntro, plannedNote: modeQuestions(report) });
}

// Say the meeting (or slot number `slot`) was open or planned time; the figures are drawn again from the report that
// comes back, and the keyboard goes to them.
async function answerMode(button, mode, slot) {
  button.disabled = true;
  message.replaceChildren(el("p", { class: "status", role: "status", text: "Saving your answer…" }));
  try {
    const body = slot === undefined ? { mode } : { mode, slot };
    const response = await sendJson(`${sessionPath()}/modes`, "PUT", body);
    if (!response.ok) {
      message.replaceChildren();
      showError(message, await errorMessage(response));
      button.disabled = false;
      return;
    }
    const report = await response.json();
    const where = slot === undefined ? "The meeting" : `${report.slots[slot].presenter}'s slot`;
    const counts = mode === "planned" ? "no advice or story in it counts against members" : "it counts as before";
    message.replaceChildren(el("p", { class: "status", role: "status",
      text: `Saved: ${where} is now read as ${mode} time, so ${counts}. The figures below are updated.` }));
    (await showReport(report))?.focus();
  } catch {
    message.replaceChildren();
    showError(message, "Could not reach the Coach service. Is it still running?");
    button.disabled = false;
  }
}

// Send one member's corrected label; the figures are drawn again from the report that comes back.
async function correct(select, utterance) {
  const label = select.value;
  select.disabled = true;
  correctionStatus.textContent = "Saving your correction…";
  message.replaceChildren();
  try {
    const response = await sendJson(`${sessionPath()}/utterances/${utterance.index}`, "PATCH", { label });
    if (!response.ok) {
      select.value = select.dataset.saved;
      correctionStatus.textContent = "";
      showError(message, await errorMessage(response));
      return;
    }
    const report = await response.json();
    await showReport(report);  // the transcript too, shown again with the new label: the keyboard goes back to its drop-down
    const now = (report.utterances || []).find((u) => u.index === utterance.index) || { ...utterance, label };
    const again = reportBox.querySelector(`select[data-index="${utterance.index}"]`);
    if (again && !again.closest("tr").hidden) again.focus();
    else document.getElementById("transcript-label-filter")?.focus();  // the line left the label shown
    correctionStatus.textContent = `Saved: ${utterance.speaker}'s “${shortQuote(utterance.text)}” is now labelled ${LABEL_WORDS[now.label]}. The figures above are updated.`;
  } catch {
    select.value = select.dataset.saved;
    correctionStatus.textContent = "";
    showError(message, "Could not reach the Coach service. Is it still running?");
  } finally {
    select.disabled = false;
  }
}

async function load() {
  if (!setId || !sessionId) {
    showError(message, "No saved session was named in the address. Choose one from your sets.");
    return;
  }
  message.replaceChildren(el("p", { class: "status", role: "status", text: "Loading the session…" }));
  const notFound = "This session was not found: it may have been deleted. Choose one from your sets.";
  const report = await getJson(sessionPath(), message, notFound);
  if (!report) return;
  message.replaceChildren();
  showHeading(report);
  showReport(report);
  document.getElementById("delete-card").hidden = false;
}

async function deleteSession() {
  if (!confirm(`Delete the session of ${sessionDay} from the set, with its transcript? This cannot be undone.`)) return;
  const button = document.getElementById("delete-session");
  button.disabled = true;
  try {
    const response = await api(sessionPath(), { method: "DELETE" });
    if (!response.ok && response.status !== 404) {
      showError(message, await errorMessage(response));
      return;
    }
    location.assign(setPage());
  } catch {
    showError(message, "Could not reach the Coach service. Is it still running?");
  } finally {
    button.disabled = false;
  }
}

document.getElementById("delete-session").addEventListener("click", deleteSession);
load();
