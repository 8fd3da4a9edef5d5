// Logs every cx-scorecard event reaching the document, and shows the last result.
const log = document.getElementById("log");
const resultBox = document.getElementById("result");

/** Adds a line to the page's event log. */
export function entry(text, className) {
  if (!log) return;
  const li = document.createElement("li");
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  if (className) li.className = className;
  log.append(li);
  li.scrollIntoView({ block: "nearest" });
}

window.cxEvents = [];
// The host's own data layer, which the widget must push onto, never replace.
window.dataLayer = window.dataLayer || [];
window.dataLayer.push({ event: "host-page-view" });
window.hostDataLayer = window.dataLayer;
for (const name of ["ready", "progress", "complete", "lead", "error"]) {
  document.addEventListener(`cx-scorecard:${name}`, (e) => {
    window.cxEvents.push({ type: e.type, detail: e.detail, target: e.target.id || e.target.tagName });
    const d = e.detail || {};
    if (name === "progress") entry(`progress ${d.answered}/${d.total}`);
    else if (name === "complete") {
      entry(`complete: level ${d.result.overall.level ?? "—"} (${d.result.overall.levelName ?? "not assessed"})`);
      if (resultBox) resultBox.textContent = JSON.stringify(d.result, null, 2);
    } else entry(`${name} ${JSON.stringify(d)}`);
  });
}
