// The iframe guest: embed.html?parentOrigin=https://partner.example&locale=fr
// Messages go only to the allow-listed parent origin(s); commands are taken only from them.
import { showTemplate, swap } from "./cx-scorecard-prerender.js";

const params = new URLSearchParams(location.search);
const widget = document.getElementById("widget");
const options = Object.create(null);
const origins = params.get("parentOrigin") ?? params.get("targetOrigins");
// An empty list is refused by mount(); in a frame, none at all would leave the partner deaf.
if (origins !== null) options.targetOrigins = origins;
const framed = window.parent !== window;
for (const key of ["locale", "theme"]) if (params.get(key)) options[key] = params.get(key);
// Attribution: the UTM parameters the partner passed in this URL (see the frame helper's option).
if (params.has("attribution")) options.attribution = params.get("attribution");
// The result code: "Copy my result code" on the results (see the frame helper's option).
if (params.has("resultCode")) options.resultCode = params.get("resultCode");

// The glue, the wasm and the visitor's language pack load at once; the first screen (prerendered
// in this page) does not wait for them.
// (Imported dynamically, so that the first screen does not wait for the loader's modules.)
const loading = import("./loader.js").then(({ loadWidget, preparePack }) =>
  Promise.all([loadWidget(), preparePack(options.locale)]));
loading.catch(() => {}); // a failure is reported below

const misplaced = framed && origins === null;
const first = misplaced ? null : showTemplate(widget, options);

let live;
try {
  if (misplaced) {
    throw Object.assign(new Error("cx-scorecard: embed.html in a frame needs ?parentOrigin= the partner page's origin (such as https://partner.example), or the partner hears nothing from it"), { code: "options" });
  }
  const [{ mount }] = await loading;
  window.cxScorecard = first ? swap(first.shown, first.kept, (box) => mount((live = box), options)) : mount(widget, options);
} catch (e) {
  // mount() shows (and reports) a bad option itself; anything else is ours to show and report.
  first?.shown.remove();
  if (live && !live.hasChildNodes()) live.remove();
  if (!widget.hasChildNodes()) {
    widget.className = "embed-error";
    widget.setAttribute("role", "alert");
    widget.textContent = `The assessment could not be shown. ${e.message || e}`;
    widget.dispatchEvent(new CustomEvent("cx-scorecard:error", {
      detail: { code: e.code || "mount", message: e.message || String(e) }, bubbles: true, composed: true,
    }));
  }
}
