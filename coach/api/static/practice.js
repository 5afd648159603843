// The practice page: one question at a time, its label and why, open rephrasings, and a history kept in this tab
// only (sessionStorage: it survives a reload and goes when the tab is closed; the service keeps nothing).
"use strict";

const HISTORY_KEY = "coach-practice-history";
const HISTORY_LIMIT = 50;
const input = document.getElementById("question");
const result = document.getElementById("result");
const answerBox = document.getElementById("answer");
const message = document.getElementById("message");

function attempts() {
  try {
    const saved = JSON.parse(sessionStorage.getItem(HISTORY_KEY));
    return Array.isArray(saved) ? saved : [];
  } catch {
    return [];
  }
}

function remember(text, label) {
  try {
    sessionStorage.setItem(HISTORY_KEY, JSON.stringify([...attempts(), { text, label }].slice(-HISTORY_LIMIT)));
  } catch {
    // Storage may be off or full; the result is still on the page.
  }
}

function showHistory() {
  const items = attempts();
  const list = document.getElementById("history");
  list.replaceChildren(...items.slice().reverse().map((item) => el("li", {}, labelTag(item.label), " ", el("span", { text: item.text }))));
  const open = items.filter((item) => item.label === "open_question").length;
  document.getElementById("progress").textContent = items.length
    ? `${open} of your ${items.length} attempts were open questions.`
    : "No attempts yet.";
  document.getElementById("clear").hidden = !items.length;
}

function showResult(answer) {
  const parts = [
    el("p", { class: "quoted", text: answer.text }),
    el("p", {}, labelTag(answer.label), answer.leading ? el("strong", { text: " advice dressed as a question" }) : null),
    el("p", { "data-testid": "explanation", text: answer.explanation }),
  ];
  if (answer.rephrasings.length) {
    parts.push(el("p", { text: "You could ask it openly, for example:" }));
    parts.push(el("ul", {}, ...answer.rephrasings.map((text) => el("li", { text }))));
  }
  answerBox.replaceChildren(...parts);
  result.hidden = false;
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
  try {
    const response = await fetch("/v1/practice", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }),
    });
    if (!response.ok) {
      showError(message, await errorMessage(response));
      return;
    }
    message.replaceChildren();
    const answer = await response.json();
    showResult(answer);
    remember(text, answer.label);
    showHistory();
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
showHistory();
