// Prints the gzipped size of each file a host downloads to show the widget, and the total.
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";

const files = ["pkg/cx_scorecard_bg.wasm", "pkg/cx_scorecard.js", "www/cx-scorecard.js"].filter(existsSync);
let total = 0;
const rows = files.map((f) => {
  const raw = readFileSync(f);
  const gz = gzipSync(raw, { level: 9 }).length;
  total += gz;
  return [f, raw.length, gz];
});
const kb = (n) => (n / 1024).toFixed(1) + " KB";
console.log("size (what a host downloads):");
for (const [f, raw, gz] of rows) console.log(`  ${f.padEnd(28)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzipped`);
console.log(`  ${"total".padEnd(28)} ${"".padStart(14)} ${kb(total).padStart(10)} gzipped`);
