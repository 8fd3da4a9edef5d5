// The iframe guest: embed.html?parentOrigin=https://partner.example&locale=fr
// Messages go only to the allow-listed parent origin(s); commands are taken only from them.
import { showTemplate, swap } from "./cx-scorecard-prerender.js";

// The glue and the wasm are fetched at once; the first screen (prerendered in this page) does not
// wait for them.
const glue = import("./pkg/cx_scorecard.js");
const wasm = fetch(new URL("./pkg/cx_scorecard_bg.wasm", import.meta.url));
wasm.catch(() => {}); // a failure is reported by init below
glue.catch(() => {});

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

// The visitor's language pack (German, French or Spanish), fetched while the wasm loads; the widget
// would otherwise fetch it only once running. If it cannot be had or used, the widget fetches it
// itself and reports why.
const PACKS = ["de", "fr", "es"];
const language = (options.locale || navigator.language || "").split(/[-_]/)[0].toLowerCase();
const pack = PACKS.includes(language)
  ? fetch(new URL(`./pkg/locales/${language}.json`, import.meta.url)).then((r) => (r.ok ? r.text() : null), () => null)
  : null;

const misplaced = framed && origins === null;
const first = misplaced ? null : showTemplate(widget, options);

let live;
try {
  if (misplaced) {
    throw Object.assign(new Error("cx-scorecard: embed.html in a frame needs ?parentOrigin= the partner page's origin (such as https://partner.example), or the partner hears nothing from it"), { code: "options" });
  }
  const { default: init, mount, registerLocale } = await glue;
  await init({ module_or_path: wasm });
  const texts = await pack;
  try {
    if (texts) registerLocale(texts);
  } catch {
    // Not a pack this build can use: the widget fetches it again and says why.
  }
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
