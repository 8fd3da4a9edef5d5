// Measures what a host downloads to show the widget, gzipped: the wasm (which holds the CSS, the
// default definition and every locale), the JS glue, and the custom-element loader. With
// --budget KB it fails when the total is over the budget.
import { readFileSync, existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const FILES = ["pkg/cx_scorecard_bg.wasm", "pkg/cx_scorecard.js", "www/cx-scorecard.js"];

export function sizes() {
  const files = FILES.filter(existsSync).map((f) => {
    const raw = readFileSync(f);
    return { file: f, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
  });
  return { files, total: files.reduce((n, f) => n + f.gzip, 0) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, total } = sizes();
  const kb = (n) => (n / 1024).toFixed(1) + " KB";
  console.log("size (what a host downloads):");
  for (const f of files) console.log(`  ${f.file.padEnd(28)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzipped`);
  console.log(`  ${"total".padEnd(28)} ${"".padStart(14)} ${kb(total).padStart(10)} gzipped`);
  const i = process.argv.indexOf("--budget");
  if (i > 0) {
    const budget = Number(process.argv[i + 1]) * 1024;
    if (total > budget) {
      console.error(`size: ${kb(total)} is over the budget of ${kb(budget)}`);
      process.exit(1);
    }
    console.log(`size: within the budget of ${kb(budget)}`);
  }
}
