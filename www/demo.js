// The demo page: mounts the widget programmatically; host-log.js logs every event it emits.
import init, { mount } from "./pkg/cx_scorecard.js";
import { entry } from "./host-log.js";

const widget = document.getElementById("widget");

try {
  await init({ module_or_path: new URL("./pkg/cx_scorecard_bg.wasm", import.meta.url) });
  window.cxHandle = mount(widget, {});
} catch (err) {
  entry(String(err.message || err), "demo-error");
  widget.textContent = `The assessment could not start: ${err.message || err}`;
}
