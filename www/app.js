// The standalone page: the whole assessment, working offline once loaded (service worker).
import init, { mount } from "./pkg/cx_scorecard.js";

const status = document.getElementById("offline-status");
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("sw.js").then(
    () => navigator.serviceWorker.ready.then(() => (status.textContent = "This page now works offline.")),
    (e) => (status.textContent = `Offline use is not available here (${e.message}).`),
  );
} else status.textContent = "Offline use is not available in this browser.";

const widget = document.getElementById("widget");
widget.addEventListener("cx-scorecard:complete", (e) => (window.cxResult = e.detail.result));
try {
  await init({ module_or_path: new URL("./pkg/cx_scorecard_bg.wasm", import.meta.url) });
  const params = new URLSearchParams(location.search);
  window.cxScorecard = mount(widget, params.get("locale") ? { locale: params.get("locale") } : {});
} catch (e) {
  widget.className = "app-error";
  widget.setAttribute("role", "alert");
  widget.textContent = `The assessment could not be shown. ${e.message || e}`;
}
