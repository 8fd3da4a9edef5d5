// The standalone page: the whole assessment, working offline once loaded (service worker).
import { showTemplate, swap } from "./cx-scorecard-prerender.js";

const status = document.getElementById("offline-status");
/**
 * The worker's URL. Under Trusted Types (`require-trusted-types-for 'script'`) it must be a
 * TrustedScriptURL: a policy that lets through this page's own worker and nothing else.
 */
function workerUrl() {
  if (!window.trustedTypes) return "sw.js";
  const policy = trustedTypes.createPolicy("cx-scorecard-worker", {
    createScriptURL: (url) => {
      if (url !== "sw.js") throw new TypeError(`not this page's service worker: ${url}`);
      return url;
    },
  });
  return policy.createScriptURL("sw.js");
}

if ("serviceWorker" in navigator) {
  Promise.resolve().then(() => navigator.serviceWorker.register(workerUrl())).then(
    () => navigator.serviceWorker.ready.then(() => (status.textContent = "This page now works offline.")),
    (e) => (status.textContent = `Offline use is not available here (${e.message}).`),
  );
} else status.textContent = "Offline use is not available in this browser.";

const widget = document.getElementById("widget");
widget.addEventListener("cx-scorecard:complete", (e) => (window.cxResult = e.detail.result));
const params = new URLSearchParams(location.search);
const options = params.get("locale") ? { locale: params.get("locale") } : {};
// The glue, the wasm and the visitor's language pack load at once; the first screen (prerendered
// in this page) does not wait for them.
// (Imported dynamically, so that the first screen does not wait for the loader's modules.)
const loading = import("./loader.js").then(({ loadWidget, preparePack }) =>
  Promise.all([loadWidget(), preparePack(options.locale)]));
loading.catch(() => {}); // a failure is reported below
const first = showTemplate(widget, options);
try {
  const [{ mount }] = await loading;
  window.cxScorecard = first ? swap(first.shown, first.kept, (box) => mount(box, options)) : mount(widget, options);
} catch (e) {
  first?.shown.remove();
  widget.className = "app-error";
  widget.setAttribute("role", "alert");
  widget.textContent = `The assessment could not be shown. ${e.message || e}`;
}
