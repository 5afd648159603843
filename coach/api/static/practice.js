// The practice page: one question at a time, its label, how sure Coach is and why, open rephrasings, drills with a
// presenter's situation, and a history kept in this tab only (sessionStorage: it survives a reload and goes when the
// tab is closed; the service keeps nothing).
"use strict";

const HISTORY_KEY = "coach-practice-history";
const ROUND_KEY = "coach-practice-round";
const HISTORY_LIMIT = 50;
const ROUND_LENGTH = 5;
const GOOD_MOVES = new Set(["open_question", "reflection"]);
const input = document.getElementById("question");
const result = document.getElementById("result");
const answerBox = document.getElementById("answer");
const message = document.getElementById("message");
const drillSelect = document.getElementById("drill");
let drillsById = new Map();

function load(key, fallback) {
  try {
    const saved = JSON.parse(sessionStorage.getItem(key));
    return saved ?? fallback;
  } catch {
    return fallback;
  }
}

function save(key, value) {
  try {
    sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage may be off or full; the result is still on the page.
  }
}

function attempts() {
  const saved = load(HISTORY_KEY, []);
  return Array.isArray(saved) ? saved : [];
}

// The round in progress: which drill, and the questions asked so far.
function round() {
  const saved = load(ROUND_KEY, null);
  return saved && typeof saved.drill === "string" && Array.isArray(saved.questions) ? saved : null;
}

function certainty(answer) {
  const sure = `${percent(answer.confidence)} sure`;
  return answer.uncertain
    ? el("span", { class: "uncertain", text: `Unsure (${sure}): this one could be read either way` })
    : el("span", { class: "status", text: sure });
}

function rephrasingList(answer) {
  const details = answer.rephrasing_details || answer.rephrasings.map((text) => ({ text, generic: false }));
  return el("ul", { class: "rephrasings" }, ...details.map((item) => el("li", {},
    el("span", { text: item.text }), item.generic ? el("span", { class: "status", text: " (a general question)" }) : null)));
}

function showHistory() {
  const items = attempts();
  const list = document.getElementById("history");
  list.replaceChildren(...items.slice().reverse().map((item) => {
    const parts = [labelTag(item.label), " ", el("span", { text: item.text })];
    if (item.explanation) {
      const more = el("details", {}, el("summary", { text: "Why, and other ways to ask" }), el("p", { text: item.explanation }));
      if (item.rephrasings && item.rephrasings.length) more.append(rephrasingList(item));
      parts.push(more);
    }
    return el("li", {}, ...parts);
  }));
  const good = items.filter((item) => GOOD_MOVES.has(item.label)).length;
  document.getElementById("progress").textContent = items.length
    ? `Open questions or reflections: ${good} of your ${items.length} ${items.length === 1 ? "attempt" : "attempts"}.`
    : "No attempts yet.";
  document.getElementById("clear").hidden = !items.length;
}

function showResult(answer) {
  const parts = [
    el("p", { class: "quoted", text: answer.text }),
    el("p", {}, labelTag(answer.label), answer.leading ? el("strong", { text: " advice dressed as a question" }) : null,
      " ", certainty(answer)),
    el("p", { "data-testid": "explanation", text: answer.explanation }),
  ];
  if (answer.rephrasings.length) {
    parts.push(el("p", { text: "You could ask it openly, for example:" }));
    parts.push(rephrasingList(answer));
  } else if (GOOD_MOVES.has(answer.label)) {
    parts.push(el("p", { text: "A good move: it leaves the presenter room to think." }));
  }
  answerBox.replaceChildren(...parts);
  result.hidden = false;
}

function showSituation() {
  const drill = drillsById.get(drillSelect.value);
  const box = document.getElementById("situation");
  box.hidden = !drill;
  if (!drill) return;
  document.getElementById("situation-meta").textContent = `${drill.presenter} · ${drill.title} · ${drill.sector}`;
  document.getElementById("situation-text").textContent = drill.situation;
  const asked = round()?.questions.length || 0;
  document.getElementById("round-progress").textContent = asked < ROUND_LENGTH
    ? `Question ${asked + 1} of ${ROUND_LENGTH}: ask ${drill.presenter} something.`
    : `That's ${ROUND_LENGTH} questions: the summary is below.`;
  document.getElementById("finish").hidden = asked === 0;
}

async function loadDrills() {
  try {
    const response = await api("/v1/practice/drills");
    if (!response.ok) return;
    const { drills } = await response.json();
    drillsById = new Map(drills.map((drill) => [drill.id, drill]));
    drillSelect.append(...drills.map((drill) => el("option", { value: drill.id, text: `${drill.title} (${drill.presenter})` })));
    const current = round();
    if (current && drillsById.has(current.drill)) drillSelect.value = current.drill;
    showSituation();
  } catch {
    // Without drills the page still checks single questions.
  }
}

function startRound() {
  document.getElementById("summary").hidden = true;
  if (drillSelect.value) save(ROUND_KEY, { drill: drillSelect.value, questions: [] });
  else sessionStorage.removeItem(ROUND_KEY);
  showSituation();
}

async function finishRound() {
  const current = round();
  if (!current || !current.questions.length) return;
  const response = await api("/v1/practice/round", {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ questions: current.questions, drill_id: current.drill }),
  });
  if (!response.ok) {
    showError(message, await errorMessage(response));
    return;
  }
  const summary = await response.json();
  const body = [
    el("p", { "data-testid": "round-message", text: summary.message }),
    el("ul", {},
      el("li", { text: `Open questions: ${summary.open_questions}` }),
      el("li", { text: `Reflections: ${summary.reflections}` }),
      el("li", { text: `Closed questions: ${summary.closed_questions}` }),
      el("li", { text: `Questions that carried a solution: ${summary.carried_solution}` })),
  ];
  if (summary.best_question) body.push(el("p", {}, el("strong", { text: "Your best question: " }), el("span", { class: "quoted", text: summary.best_question })));
  body.push(el("p", {}, el("button", { type: "button", id: "again", text: "Start another round" })));
  document.getElementById("summary-body").replaceChildren(...body);
  document.getElementById("summary").hidden = false;
  document.getElementById("again").addEventListener("click", startRound);
  save(ROUND_KEY, { drill: current.drill, questions: [] });
  showSituation();
}

async function check(event) {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) {
    showError(message, "Type a question first.");
    input.focus();
    return;
  }
  const button = document.getElementById("check");
  button.disabled = true;
  const drill = drillSelect.value || null;
  try {
    const response = await api("/v1/practice", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text, drill_id: drill }),
    });
    if (!response.ok) {
      showError(message, await errorMessage(response));
      return;
    }
    message.replaceChildren();
    const answer = await response.json();
    showResult(answer);
    const { label, confidence, uncertain, explanation, rephrasings, rephrasing_details } = answer;
    save(HISTORY_KEY, [...attempts(), { text, label, confidence, uncertain, explanation, rephrasings, rephrasing_details }]
      .slice(-HISTORY_LIMIT));
    showHistory();
    if (drill) {
      const saved = round();
      const current = saved && saved.drill === drill ? saved : { drill, questions: [] };
      current.questions.push(text);
      save(ROUND_KEY, current);
      showSituation();
      if (current.questions.length >= ROUND_LENGTH) await finishRound();
    }
  } catch {
    showError(message, "Could not reach the Coach service. Is it still running?");
  } finally {
    button.disabled = false;
    input.focus();
    input.select();
  }
}

document.getElementById("practice-form").addEventListener("submit", check);
document.getElementById("clear").addEventListener("click", () => {
  sessionStorage.removeItem(HISTORY_KEY);
  showHistory();
  input.focus();
});
drillSelect.addEventListener("change", startRound);
document.getElementById("finish").addEventListener("click", finishRound);
showHistory();
loadDrills();
