// The analyse page: a transcript in (pasted or a file), the report out, with downloads.
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
let urls = [];

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
  const button = document.getElementById("analyse");
  button.disabled = true;
  clearReport();
  message.replaceChildren(el("p", { class: "status", role: "status", text: "Reading the transcript…" }));
  let report;
  try {
    const response = await api("/v1/sessions/analyze", { method: "POST", body: data });
    if (!response.ok) {
      showError(message, await errorMessage(response));
      return;
    }
    report = await response.json();
  } catch (error) {
    showError(message, "Could not reach the Coach service. Is it still running?");
    return;
  } finally {
    button.disabled = false;
  }
  message.replaceChildren();
  renderReport(report, reportBox).focus();
  offerDownloads(report);
}

// The JSON download is the report itself; the web page is asked for separately and offered once it has come.
async function offerDownloads(report) {
  urls = [URL.createObjectURL(new Blob([JSON.stringify(report, null, 1)], { type: "application/json" }))];
  jsonLink.href = urls[0];
  downloads.hidden = false;
  const data = upload();
  if (!data) return;
  try {
    const response = await api("/v1/sessions/analyze?format=html", { method: "POST", body: data });
    if (!response.ok || urls.length !== 1 || urls[0] !== jsonLink.href) return;
    urls.push(URL.createObjectURL(await response.blob()));
    htmlLink.href = urls[1];
    htmlLink.hidden = false;
  } catch {
    // The report is on the page and its data can be downloaded; only the web page version is missing.
  }
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
form.addEventListener("submit", analyse);
