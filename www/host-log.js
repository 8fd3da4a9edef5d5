// Logs every cx-scorecard event reaching the document, and shows the last result.
const log = document.getElementById("log");
const resultBox = document.getElementById("result");
window.cxEvents = [];
// The host's own data layer, which the widget must push onto, never replace.
window.dataLayer = window.dataLayer || [];
window.dataLayer.push({ event: "host-page-view" });
window.hostDataLayer = window.dataLayer;
for (const name of ["ready", "progress", "complete", "lead", "error"]) {
  document.addEventListener(`cx-scorecard:${name}`, (e) => {
    window.cxEvents.push({ type: e.type, detail: e.detail, target: e.target.id || e.target.tagName });
    const li = document.createElement("li");
    li.textContent = `${e.type} ${name === "complete" ? `level ${e.detail.result.overall.level}` : JSON.stringify(e.detail)}`;
    log?.append(li);
    if (name === "complete" && resultBox) resultBox.textContent = JSON.stringify(e.detail.result, null, 2);
  });
}
