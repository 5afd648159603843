// The labelled transcript of a Coach report: its filters by label and speaker, and the "see it in the transcript"
// links that open it at a line. The self-contained HTML report carries this script inline; the web pages load it as
// /report.js and call setUpTranscript on each report they show.
"use strict";

// Shows only the lines with the chosen label and speaker, and says how many that is.
function filterTranscript(section) {
  const label = section.querySelector(".label-filter").value;
  const speaker = section.querySelector(".speaker-filter").value;
  const rows = [...section.querySelectorAll("table.transcript tbody tr")];
  let shown = 0;
  for (const row of rows) {
    row.hidden = Boolean((label && row.dataset.label !== label) || (speaker && row.dataset.speaker !== speaker));
    if (!row.hidden) shown += 1;
  }
  const total = rows.length === 1 ? "1 utterance" : `${rows.length} utterances`;
  section.querySelector(".transcript-shown").textContent = `Showing ${shown} of ${total}`;
}

// Wires up the transcript under root (a report just shown) and, given state (from transcriptState), opens and filters
// it as the reader had it before the report was shown again.
function setUpTranscript(root, state = null) {
  const section = root.querySelector(".transcript-card");
  if (!section) return;
  for (const select of section.querySelectorAll(".label-filter, .speaker-filter")) {
    select.addEventListener("change", () => filterTranscript(section));
  }
  if (state) {
    section.querySelector("details").open = state.open;
    for (const [selector, value] of [[".label-filter", state.label], [".speaker-filter", state.speaker]]) {
      const select = section.querySelector(selector);
      if ([...select.options].some((option) => option.value === value)) select.value = value;
    }
    if (state.targeted) section.querySelector(`tr[id="${state.targeted}"]`)?.classList.add("targeted");
  }
  filterTranscript(section);
}

// What a reader had set in the transcript under root (open, filters, the line last linked to), to keep when the
// report is shown again (the roles chosen again, a label corrected).
function transcriptState(root) {
  const section = root.querySelector(".transcript-card");
  if (!section) return null;
  return {
    open: section.querySelector("details").open,
    label: section.querySelector(".label-filter").value,
    speaker: section.querySelector(".speaker-filter").value,
    targeted: section.querySelector("tr.targeted")?.id || null,
  };
}

// Opens the transcript at line u-{index}: the filters are cleared if they hide it, and the line is scrolled into
// view, marked and given the keyboard focus. False when the page has no such line.
function showUtterance(index) {
  const row = document.getElementById(`u-${index}`);
  const section = row?.closest(".transcript-card");
  if (!row || !section) return false;
  section.querySelector("details").open = true;
  if (row.hidden) {
    section.querySelector(".label-filter").value = "";
    section.querySelector(".speaker-filter").value = "";
    filterTranscript(section);
  }
  for (const other of section.querySelectorAll("tr.targeted")) other.classList.remove("targeted");
  row.classList.add("targeted");
  row.setAttribute("tabindex", "-1");
  row.scrollIntoView({ block: "center", inline: "nearest" });
  row.focus({ preventScroll: true });
  return true;
}

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href^="#u-"]') : null;
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const match = /^#u-(\d+)$/.exec(link.getAttribute("href"));
  if (match && showUtterance(match[1])) event.preventDefault();
});

// A print shows the whole transcript, open or not (the stylesheet shows a closed one's lines too, where it can).
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll(".transcript-details:not([open])")) {
    details.open = true;
    details.dataset.openedToPrint = "true";
  }
});
window.addEventListener("afterprint", () => {
  for (const details of document.querySelectorAll(".transcript-details[data-opened-to-print]")) {
    details.open = false;
    delete details.dataset.openedToPrint;
  }
});
