// Logs every cx-scorecard event reaching the document, and shows the last result.
const log = document.getElementById("log");
const resultBox = document.getElementById("result");

const two = (n) => String(n).padStart(2, "0");

/** Adds a line to the page's event log. The time is formatted by hand (the first
 * toLocaleTimeString() loads locale data, ~40 ms), and the line is added after the event has been
 * handled, so that logging never delays the widget. */
export function entry(text, className) {
  if (!log) return;
  const t = new Date();
  const time = `${two(t.getHours())}:${two(t.getMinutes())}:${two(t.getSeconds())}`;
  setTimeout(() => {
    const li = document.createElement("li");
    li.textContent = `${time}  ${text}`;
    if (className) li.className = className;
    log.append(li);
    // The log scrolls to its last line; the page stays where the user has it.
    log.scrollTop = log.scrollHeight;
  });
}

window.cxEvents = [];
// The host's own data layer, which the widget must push onto, never replace.
window.dataLayer = window.dataLayer || [];
window.dataLayer.push({ event: "host-page-view" });
window.hostDataLayer = window.dataLayer;
for (const name of ["ready", "start", "page", "progress", "lead-shown", "cta", "complete", "lead", "error"]) {
  document.addEventListener(`cx-scorecard:${name}`, (e) => {
    window.cxEvents.push({ type: e.type, detail: e.detail, target: e.target.id || e.target.tagName });
    const d = e.detail || {};
    if (name === "progress") entry(`progress ${d.answered}/${d.total}`);
    else if (name === "page") entry(`page ${d.index + 1} of ${d.total} (${d.dimensionId})`);
    else if (name === "complete") {
      entry(`complete: level ${d.result.overall.level ?? "—"} (${d.result.overall.levelName ?? "not assessed"})`);
      if (resultBox) resultBox.textContent = JSON.stringify(d.result, null, 2);
    } else entry(`${name} ${JSON.stringify(d)}`);
  });
}
