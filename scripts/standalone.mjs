// Writes pkg/cx-scorecard-offline.html: the whole widget in one file (JS glue inlined, wasm as
// base64) that works opened from disk (file://) with no network.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const glue = readFileSync("pkg/cx_scorecard.js", "utf8")
  .replace(/^export \{[^}]*\};?\s*$/m, "")
  .replace(/^export (function|class|const|let|async function) /gm, "$1 ");
if (/^\s*(import|export)\s/m.test(glue)) throw new Error("standalone: the glue still has an import or export");
const wasm = readFileSync("pkg/cx_scorecard_bg.wasm").toString("base64");
const css = readFileSync("www/app.css", "utf8");
// The widget's stylesheet, which the package's init would hand the wasm.
const style = JSON.stringify(readFileSync("pkg/cx-scorecard.css", "utf8"));
// The language packs, registered before mounting so that no request is made for them.
const packs = readdirSync("pkg/locales")
  .filter((f) => f.endsWith(".json"))
  .map((f) => `registerLocale(${JSON.stringify(readFileSync(`pkg/locales/${f}`, "utf8").trim())});`)
  .join("\n  ");

const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>CX Operations capability assessment</title>
<style>${css}</style>
</head>
<body>
<main id="widget"><p>Loading the assessment…</p></main>
<footer class="app-footer"><p>Single-file edition: everything runs in this browser, from this file; nothing is sent anywhere.</p></footer>
<script type="module">
${glue}
const widget = document.getElementById("widget");
widget.addEventListener("cx-scorecard:complete", (e) => (window.cxResult = e.detail.result));
try {
  const bytes = Uint8Array.from(atob("${wasm}"), (c) => c.charCodeAt(0));
  initSync({ module: bytes });
  __cxAssets(${style}, undefined);
  ${packs}
  widget.replaceChildren();
  window.cxScorecard = mount(widget, {});
} catch (e) {
  widget.className = "app-error";
  widget.setAttribute("role", "alert");
  widget.textContent = "The assessment could not be shown. " + (e.message || e);
}
</script>
</body>
</html>
`;
writeFileSync("pkg/cx-scorecard-offline.html", html);
console.log(`standalone: pkg/cx-scorecard-offline.html (${(html.length / 1024).toFixed(0)} KB)`);
