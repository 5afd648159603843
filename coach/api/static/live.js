// The live page: a WebSocket to /v1/live; labels, rolling figures and sparse, dismissible nudges; the report at the end.
"use strict";

const SESSION_KEY = "coach-live-session";
const TOKEN_KEY = "coach-live-resume-token";
const POLICY_VIOLATION = 1008;
const RESUME_REFUSED = 4404;
const statusLine = document.getElementById("status");
const feed = document.getElementById("feed");
const message = document.getElementById("message");
const textInput = document.getElementById("text");
let socket = null;
let ended = false;
let retries = 0;

function connect() {
  const url = new URL("/v1/live", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const previous = sessionStorage.getItem(SESSION_KEY);
  if (previous) {
    url.searchParams.set("session", previous);
    url.searchParams.set("resume_token", sessionStorage.getItem(TOKEN_KEY) || "");
  }
  if (apiKey()) url.searchParams.set("api_key", apiKey());
  socket = new WebSocket(url);
  socket.addEventListener("open", () => { retries = 0; });
  socket.addEventListener("message", (event) => handle(JSON.parse(event.data)));
  socket.addEventListener("close", (event) => {
    if (ended) return;
    if (event.code === POLICY_VIOLATION) {
      statusLine.textContent = "Not connected.";
      showError(message, event.reason || "The Coach service refused the connection.");
      return;
    }
    if (event.code === RESUME_REFUSED) {
      forget();
      showError(message, "The earlier session had ended or expired, so a new one has started.");
      connect();
      return;
    }
    statusLine.textContent = "Connection lost; reconnecting…";
    retries += 1;
    setTimeout(connect, Math.min(10000, 500 * 2 ** retries));
  });
}

function forget() {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
}

function dismissible(text) {
  const box = el("div", { class: "nudge", role: "note" }, el("span", { text }));
  const close = el("button", { type: "button", class: "secondary small", "aria-label": `Dismiss: ${text}`, text: "Dismiss" });
  close.addEventListener("click", () => {
    box.remove();
    textInput.focus();
  });
  box.append(close);
  return box;
}

function handle(msg) {
  if (msg.type === "session") {
    sessionStorage.setItem(SESSION_KEY, msg.session_id);
    sessionStorage.setItem(TOKEN_KEY, msg.resume_token);
    statusLine.textContent = msg.resumed ? `Connected again; ${msg.utterances} things said so far.` : "Connected. Ready.";
  } else if (msg.type === "label") {
    const role = msg.role && msg.role !== "member" ? ` (${msg.role})` : "";
    const item = el("li", { "data-label": msg.label }, labelTag(msg.label), " ",
      el("strong", { text: `${msg.speaker}${role}: ` }), el("span", { text: msg.text }),
      msg.leading ? el("em", { text: " (advice dressed as a question)" }) : null);
    feed.append(item);
    feed.scrollTop = feed.scrollHeight;
  } else if (msg.type === "summary") {
    const f = msg.figures;
    document.getElementById("ratio").textContent = percent(f.questioning_ratio);
    document.getElementById("open").textContent = percent(f.open_ratio);
    document.getElementById("count").textContent = String(f.utterances);
  } else if (msg.type === "nudge") {
    document.getElementById("nudges").replaceChildren(dismissible(msg.message));
  } else if (msg.type === "error") {
    showError(message, msg.message);
  } else if (msg.type === "report") {
    ended = true;
    forget();
    statusLine.textContent = "Session ended. Nothing from it is kept.";
    for (const control of document.querySelectorAll("input, button")) control.disabled = true;
    document.getElementById("nudges").replaceChildren();
    document.getElementById("again").hidden = false;
    renderReport(msg.report, document.getElementById("report")).focus();
    socket.close();
  }
}

function send(payload) {
  if (ended) {
    showError(message, "This session has ended. Start a new one to carry on.");
    return false;
  }
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    showError(message, "Not connected to the Coach service yet; try again in a moment.");
    return false;
  }
  socket.send(JSON.stringify(payload));
  return true;
}

document.getElementById("say-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const speaker = document.getElementById("speaker").value.trim();
  if (!speaker || !textInput.value.trim()) {
    showError(message, "Say who is speaking and what they said.");
    (speaker ? textInput : document.getElementById("speaker")).focus();
    return;
  }
  message.replaceChildren();
  if (send({ type: "utterance", speaker, text: textInput.value.trim() })) {
    textInput.value = "";
    textInput.focus();
  }
});

document.getElementById("set-roles").addEventListener("click", () => {
  const presenter = document.getElementById("presenter").value.trim() || null;
  const facilitator = document.getElementById("facilitator").value.trim() || null;
  if (send({ type: "roles", presenter, facilitator })) {
    const named = [presenter && `${presenter} presents`, facilitator && `${facilitator} facilitates`].filter(Boolean);
    statusLine.textContent = named.length ? `Roles set: ${named.join(", ")}.` : "Roles cleared: everyone counts as a member.";
  }
});

document.getElementById("end").addEventListener("click", () => send({ type: "end" }));
connect();
