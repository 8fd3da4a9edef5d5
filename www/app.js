// The standalone page: the whole assessment, working offline once loaded (service worker).
import { showTemplate, swap } from "./cx-scorecard-prerender.js";

// The glue and the wasm are fetched at once; the first screen (prerendered in this page) does not
// wait for them.
const glue = import("./pkg/cx_scorecard.js");
const wasm = fetch(new URL("./pkg/cx_scorecard_bg.wasm", import.meta.url));
wasm.catch(() => {}); // a failure is reported by init below
glue.catch(() => {});

const status = document.getElementById("offline-status");
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").then(
    () => navigator.serviceWorker.ready.then(() => (status.textContent = "This page now works offline.")),
    (e) => (status.textContent = `Offline use is not available here (${e.message}).`),
  );
} else status.textContent = "Offline use is not available in this browser.";

const widget = document.getElementById("widget");
widget.addEventListener("cx-scorecard:complete", (e) => (window.cxResult = e.detail.result));
const params = new URLSearchParams(location.search);
const options = params.get("locale") ? { locale: params.get("locale") } : {};
const first = showTemplate(widget, options);
try {
  const { default: init, mount } = await glue;
  await init({ module_or_path: wasm });
  window.cxScorecard = first ? swap(first.shown, first.kept, (box) => mount(box, options)) : mount(widget, options);
} catch (e) {
  first?.shown.remove();
  widget.className = "app-error";
  widget.setAttribute("role", "alert");
  widget.textContent = `The assessment could not be shown. ${e.message || e}`;
}
