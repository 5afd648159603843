// The live page: a WebSocket to /v1/live; labels, rolling figures and sparse, dismissible nudges; the report at the end.
"use strict";

const SESSION_KEY = "coach-live-session";
const TOKEN_KEY = "coach-live-resume-token";
const POLICY_VIOLATION = 1008;
const RESUME_REFUSED = 4404;
// A nudge fades after this long, so that an old one never reads as news.
const NUDGE_SHOWN_MS = 60_000;
const NUDGE_FADE_MS = 1_000;
const statusLine = document.getElementById("status");
const feed = document.getElementById("feed");
const message = document.getElementById("message");
const textInput = document.getElementById("text");
const nudges = document.getElementById("nudges");
const presenterInput = document.getElementById("presenter");
const facilitatorInput = document.getElementById("facilitator");
let socket = null;
let ended = false;
let retries = 0;
// True once this connection's "session" message has come: an error before it is about connecting at all.
let started = false;
let earlyError = null;

function connect() {
  const url = new URL("/v1/live", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  const previous = sessionStorage.getItem(SESSION_KEY);
  if (previous) {
    url.searchParams.set("session", previous);
    url.searchParams.set("resume_token", sessionStorage.getItem(TOKEN_KEY) || "");
  }
  if (apiKey()) url.searchParams.set("api_key", apiKey());
  started = false;
  earlyError = null;
  socket = new WebSocket(url);
  socket.addEventListener("open", () => { retries = 0; });
  socket.addEventListener("message", (event) => handle(JSON.parse(event.data)));
  socket.addEventListener("close", (event) => {
    if (ended) return;
    if (event.code === POLICY_VIOLATION) {
      statusLine.textContent = "Not connected.";
      showError(message, event.reason || earlyError || "The Coach service refused the connection.");
      return;
    }
    if (event.code === RESUME_REFUSED) {
      forget();
      statusLine.textContent = "Not connected.";
      offerNewSession();
      return;
    }
    if (earlyError) showError(message, earlyError);
    statusLine.textContent = "Connection lost; reconnecting…";
    retries += 1;
    setTimeout(connect, Math.min(10000, 500 * 2 ** retries));
  });
}

function forget() {
  sessionStorage.removeItem(SESSION_KEY);
  sessionStorage.removeItem(TOKEN_KEY);
}

// The session this tab was in has ended or expired (or was never this tab's): say so, and let a new one start.
function offerNewSession() {
  const start = el("button", { type: "button", id: "start-new", text: "Start a new session" });
  start.addEventListener("click", () => {
    message.replaceChildren();
    feed.replaceChildren();
    nudges.replaceChildren();
    statusLine.textContent = "Connecting…";
    textInput.focus();
    connect();
  });
  message.replaceChildren(el("div", { class: "error", role: "alert" },
    el("p", { text: "The session this page was showing has ended or expired, so it cannot be picked up again. What was said in it is not kept." }),
    el("p", {}, start)));
}

// "14:05", the time on this computer's clock: for a nudge the service could not place in the session's own time.
function localTime() {
  const now = new Date();
  return `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
}

// A nudge: what it says, when (m:ss into the session, else the local time) and who it is about. It can be dismissed,
// and fades away by itself after a minute.
function nudgeBox(msg) {
  const when = msg.at === null || msg.at === undefined ? `at ${localTime()}` : `${clock(msg.at)} into the session`;
  const about = msg.speaker ? `, about ${msg.speaker}` : "";
  const box = el("div", { class: "nudge", role: "note" },
    el("div", {}, el("span", { class: "nudge-text", text: msg.message }), el("span", { class: "nudge-when who", text: ` (${when}${about})` })));
  const close = el("button", { type: "button", class: "secondary small", "aria-label": `Dismiss: ${msg.message}`, text: "Dismiss" });
  close.addEventListener("click", () => {
    box.remove();
    textInput.focus();
  });
  box.append(close);
  fadeLater(box);
  return box;
}

function fadeLater(box) {
  setTimeout(() => {
    if (!box.isConnected) return;
    if (box.contains(document.activeElement)) {  // someone is about to dismiss it: leave it to them
      fadeLater(box);
      return;
    }
    box.classList.add("fading");
    setTimeout(() => box.remove(), NUDGE_FADE_MS);
  }, NUDGE_SHOWN_MS);
}

function roleSuffix(role) {
  return role && role !== "member" ? ` (${role})` : "";
}

function feedItem(msg) {
  return el("li", { "data-index": msg.index, "data-label": msg.label, "data-speaker": msg.speaker, "data-role": msg.role || "member" }, labelTag(msg.label), " ",
    el("strong", { class: "speaker", text: `${msg.speaker}${roleSuffix(msg.role)}: ` }), el("span", { text: msg.text }),
    msg.leading ? el("em", { text: " (advice dressed as a question)" }) : null);
}

// After new roles the service counts the earlier turns with them too: the feed marks the named people the same way.
// Someone who held a role now given to another is shown as a member again.
function showRolesInFeed(presenter, facilitator) {
  const same = (a, b) => Boolean(a) && a.toLowerCase() === b.toLowerCase();
  for (const item of feed.children) {
    const speaker = item.dataset.speaker;
    let role = item.dataset.role;
    if (same(presenter, speaker)) role = "presenter";
    else if (same(facilitator, speaker)) role = "facilitator";
    else if (role === "presenter" || role === "facilitator") role = "member";
    item.dataset.role = role;
    item.querySelector(".speaker").textContent = `${speaker}${roleSuffix(role)}: `;
  }
}

// A label for an utterance already in the feed (the service telling it again) takes its place; a new one goes last.
function showLabel(msg) {
  const item = feedItem(msg);
  const known = Number.isInteger(msg.index) ? feed.querySelector(`li[data-index="${msg.index}"]`) : null;
  if (known) {
    known.replaceWith(item);
    return;
  }
  feed.append(item);
  feed.scrollTop = feed.scrollHeight;
}

const PHASE_WORDS = {
  opening: "the opening", report_back: "report-back", discussion: "a planned discussion", closing: "the close",
  presenting: "the presenter's account", questioning: "questioning", actions: "the presenter's actions",
  process_review: "a review of how the set worked",
};

// Where the meeting is: its slots so far (the latest presenter is the one in the roles' box) and what is happening now.
function showMeeting(msg) {
  const line = document.getElementById("meeting");
  const latest = msg.parts[msg.parts.length - 1];
  // A part marked before anyone spoke in it starts with the next thing said.
  const next = latest && latest.start_index >= Number(document.getElementById("count").textContent)
    ? ` ${latest.mode === "planned" ? "Planned" : "Open"} time starts with the next thing said.` : "";
  if (!msg.slots.length) {
    line.textContent = next.trim();
    return;
  }
  // A slot marked before anyone spoke in it ends before it starts.
  const slots = msg.slots.map((slot) => slot.end_index < slot.start_index
    ? `${slot.presenter} (starting with the next thing said)` : slot.presenter).join(", then ");
  const now = msg.phase ? ` Now: ${PHASE_WORDS[msg.phase] || msg.phase}, ${msg.mode} time.` : "";
  line.textContent = `Slots: ${slots}.${now}${next}`;
  presenterInput.value = msg.slots[msg.slots.length - 1].presenter;
}

// The service words some errors for programs ('End it with {"type": "end"}'); on this page, name the button.
function pageError(text) {
  return text.replace(/End it with \{"type": "end"\}/g, "End it with the “End the session” button");
}

function handle(msg) {
  if (msg.type === "session") {
    started = true;
    earlyError = null;
    sessionStorage.setItem(SESSION_KEY, msg.session_id);
    sessionStorage.setItem(TOKEN_KEY, msg.resume_token);
    // What was said so far comes again (one label each, then the figures), so the feed starts empty either way.
    feed.replaceChildren();
    if (msg.resumed) {
      if ("presenter" in msg) presenterInput.value = msg.presenter || "";
      if ("facilitator" in msg) facilitatorInput.value = msg.facilitator || "";
      const said = msg.utterances;
      statusLine.textContent = `Connected again; ${said} ${said === 1 ? "thing" : "things"} said so far.`;
    } else {
      statusLine.textContent = "Connected. Ready.";
    }
  } else if (msg.type === "label") {
    showLabel(msg);
  } else if (msg.type === "summary") {
    const f = msg.figures;
    document.getElementById("ratio").textContent = percent(f.questioning_ratio);
    document.getElementById("open").textContent = percent(f.open_ratio);
    document.getElementById("count").textContent = String(f.utterances);
    document.getElementById("count-name").textContent = f.utterances === 1 ? "thing said" : "things said";
  } else if (msg.type === "slots") {
    showMeeting(msg);
  } else if (msg.type === "nudge") {
    nudges.replaceChildren(nudgeBox(msg));
  } else if (msg.type === "error") {
    if (started) showError(message, pageError(msg.message));
    else earlyError = msg.message;  // the close that follows says what it means for this page
  } else if (msg.type === "report") {
    ended = true;
    forget();
    statusLine.textContent = "Session ended. Nothing from it is kept.";
    for (const control of document.querySelectorAll("main input, main button")) control.disabled = true;
    nudges.replaceChildren();
    document.getElementById("again").hidden = false;
    document.getElementById("print").disabled = false;
    // The session is over, so there are no boxes left to fill in: the note on guessed roles just says what was assumed.
    const rolesWords = (note) => rewordRoleFix(note, () => "");
    const plannedNote = (node) => {
      node.textContent = rewordModeFix(node.textContent, {
        meeting: "press “Planned time from now” as it starts next time",
        slot: "press “Planned time from now” as they do next time",
        open: "press “Open time from now” as it starts next time",
      });
    };
    socket.close();
    renderReport(msg.report, document.getElementById("report"), { rolesWords, plannedNote })
      .then((heading) => heading?.focus());
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
  const presenter = presenterInput.value.trim() || null;
  const facilitator = facilitatorInput.value.trim() || null;
  if (presenter && facilitator && presenter.toLowerCase() === facilitator.toLowerCase()) {
    showError(message, "The presenter and the facilitator are two different people: give two names, or leave one empty.");
    facilitatorInput.focus();
    return;
  }
  if (send({ type: "roles", presenter, facilitator })) {
    message.replaceChildren();
    showRolesInFeed(presenter, facilitator);
    const named = [presenter && `${presenter} presents`, facilitator && `${facilitator} facilitates`].filter(Boolean);
    statusLine.textContent = named.length
      ? `Roles set: ${named.join(", ")}. The figures count them from the start.`
      : "Roles cleared: everyone counts as a member.";
  }
});

document.getElementById("next-slot").addEventListener("click", () => {
  const nextInput = document.getElementById("next-presenter");
  const presenter = nextInput.value.trim();
  if (!presenter) {
    showError(message, "Type the name of the presenter whose slot starts now.");
    nextInput.focus();
    return;
  }
  if (send({ type: "slot", presenter })) {
    message.replaceChildren();
    nextInput.value = "";
    statusLine.textContent = `${presenter}'s slot starts with the next thing said.`;
    textInput.focus();
  }
});

for (const [id, mode] of [["planned-now", "planned"], ["open-now", "open"]]) {
  document.getElementById(id).addEventListener("click", () => {
    if (send({ type: "part", mode })) {
      message.replaceChildren();
      statusLine.textContent = `${mode === "planned" ? "Planned" : "Open"} time starts with the next thing said.`;
      textInput.focus();
    }
  });
}

document.getElementById("end").addEventListener("click", () => send({ type: "end" }));
document.getElementById("print").addEventListener("click", () => window.print());
connect();
