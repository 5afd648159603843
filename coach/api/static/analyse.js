// The analyse page: a transcript in (pasted or a file), the report out, with downloads.
"use strict";

const form = document.getElementById("analyse-form");
const fileInput = document.getElementById("file");
const drop = document.getElementById("drop");
const message = document.getElementById("message");
const reportBox = document.getElementById("report");
const downloads = document.getElementById("downloads");
let urls = [];

function guessName(text) {
  const start = text.trimStart();
  if (start.startsWith("WEBVTT")) return "pasted.vtt";
  if (start.startsWith("{")) return "pasted.json";
  if (/^\d+\s*\r?\n\d{1,2}:\d{2}:\d{2}[,.]\d{3}\s*-->/.test(start)) return "pasted.srt";
  return "pasted.txt";
}

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

async function analyse(event) {
  event.preventDefault();
  const data = upload();
  if (!data) {
    showError(message, "Paste a transcript or choose a file first.");
    return;
  }
  const button = document.getElementById("analyse");
  button.disabled = true;
  message.replaceChildren(el("p", { class: "status", text: "Reading the transcript…" }));
  try {
    const response = await fetch("/v1/sessions/analyze", { method: "POST", body: data });
    if (!response.ok) {
      showError(message, await errorMessage(response));
      return;
    }
    const report = await response.json();
    message.replaceChildren();
    renderReport(report, reportBox);
    await offerDownloads(report);
  } catch (error) {
    showError(message, "Could not reach the Coach service. Is it still running?");
  } finally {
    button.disabled = false;
  }
}

async function offerDownloads(report) {
  for (const url of urls) URL.revokeObjectURL(url);
  urls = [URL.createObjectURL(new Blob([JSON.stringify(report, null, 1)], { type: "application/json" }))];
  document.getElementById("download-json").href = urls[0];
  const response = await fetch("/v1/sessions/analyze?format=html", { method: "POST", body: upload() });
  if (response.ok) {
    urls.push(URL.createObjectURL(await response.blob()));
    document.getElementById("download-html").href = urls[1];
  }
  downloads.hidden = false;
}

fileInput.addEventListener("change", () => {
  document.getElementById("file-name").textContent = fileInput.files[0] ? `Chosen: ${fileInput.files[0].name}` : "";
});
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  if (event.dataTransfer.files.length) {
    fileInput.files = event.dataTransfer.files;
    fileInput.dispatchEvent(new Event("change"));
  }
});
form.addEventListener("submit", analyse);
