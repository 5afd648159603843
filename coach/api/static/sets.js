// The sets page: the person's sets, each linking to its page, and a form to start a new one.
"use strict";

const setList = document.getElementById("sets");
const listStatus = document.getElementById("list-status");
const createForm = document.getElementById("create-form");
const nameInput = document.getElementById("set-name");
const message = document.getElementById("message");

function sessionCount(count) {
  return count === 1 ? "1 session" : `${count} sessions`;
}

function setItem(set) {
  const link = el("a", { href: `/sets/view?id=${encodeURIComponent(set.id)}`, text: set.name });
  return el("li", { "data-set-id": set.id }, link, el("span", { class: "status", text: ` · ${sessionCount(set.sessions)}` }));
}

function showSets(sets) {
  setList.replaceChildren(...sets.map(setItem));
  listStatus.textContent = sets.length ? "" : "No sets yet. Start one below, or save a session to a new set from the Session report page.";
}

async function loadSets() {
  try {
    const response = await api("/v1/sets");
    if (!response.ok) {
      listStatus.textContent = "";
      showError(message, await errorMessage(response));
      return;
    }
    showSets((await response.json()).sets || []);
  } catch {
    listStatus.textContent = "";
    showError(message, "Could not reach the Coach service. Is it still running?");
  }
}

async function createSet(event) {
  event.preventDefault();
  const name = nameInput.value.trim();
  if (!name) {
    showError(message, "Give the set a name first.");
    nameInput.focus();
    return;
  }
  const button = document.getElementById("create");
  button.disabled = true;
  try {
    const response = await sendJson("/v1/sets", "POST", { name });
    if (!response.ok) {
      showError(message, await errorMessage(response));
      nameInput.focus();
      return;
    }
    const created = await response.json();
    nameInput.value = "";
    message.replaceChildren(el("p", { class: "notice", role: "status" }, `Created ${created.name}. `,
      el("a", { href: `/sets/view?id=${encodeURIComponent(created.id)}`, text: `Open ${created.name}` })));
    await loadSets();
  } catch {
    showError(message, "Could not reach the Coach service. Is it still running?");
  } finally {
    button.disabled = false;
  }
}

createForm.addEventListener("submit", createSet);
loadSets();
