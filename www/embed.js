// The iframe guest: embed.html?parentOrigin=https://partner.example&locale=fr
// Messages go only to the allow-listed parent origin(s); commands are taken only from them.
import init, { mount } from "./pkg/cx_scorecard.js";

const params = new URLSearchParams(location.search);
const widget = document.getElementById("widget");
const options = {};
const origins = params.get("parentOrigin") || params.get("targetOrigins");
if (origins) options.targetOrigins = origins;
for (const key of ["locale", "theme"]) if (params.get(key)) options[key] = params.get(key);

try {
  await init({ module_or_path: new URL("./pkg/cx_scorecard_bg.wasm", import.meta.url) });
  window.cxScorecard = mount(widget, options);
} catch (e) {
  widget.className = "embed-error";
  widget.setAttribute("role", "alert");
  widget.textContent = `The assessment could not be shown. ${e.message || e}`;
}
