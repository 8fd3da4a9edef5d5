// The demo page: mounts the widget programmatically and logs every event it emits.
import init, { mount } from "./pkg/cx_scorecard.js";

const widget = document.getElementById("widget");
const log = document.getElementById("log");
const resultBox = document.getElementById("result");

function entry(text, className) {
  const li = document.createElement("li");
  li.textContent = `${new Date().toLocaleTimeString()}  ${text}`;
  if (className) li.className = className;
  log.append(li);
  li.scrollIntoView({ block: "nearest" });
}

for (const name of ["ready", "progress", "complete", "lead", "error"]) {
  widget.addEventListener(`cx-scorecard:${name}`, (e) => {
    const d = e.detail || {};
    if (name === "progress") entry(`progress ${d.answered}/${d.total}`);
    else if (name === "complete") {
      entry(`complete: level ${d.result.overall.level ?? "—"} (${d.result.overall.levelName ?? "not assessed"})`);
      resultBox.textContent = JSON.stringify(d.result, null, 2);
    } else entry(`${name} ${JSON.stringify(d)}`);
  });
}

try {
  await init({ module_or_path: new URL("./pkg/cx_scorecard_bg.wasm", import.meta.url) });
  window.cxHandle = mount(widget, {});
} catch (err) {
  entry(String(err.message || err), "demo-error");
  widget.textContent = `The assessment could not start: ${err.message || err}`;
}
