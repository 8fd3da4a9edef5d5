// The demo page: mounts the widget programmatically; host-log.js logs every event it emits.
import init, { mount } from "./index.js";
import { entry } from "./host-log.js";

const widget = document.getElementById("widget");

try {
  await init();
  window.cxHandle = mount(widget, {});
} catch (err) {
  entry(String(err.message || err), "demo-error");
  widget.textContent = `The assessment could not start: ${err.message || err}`;
}
