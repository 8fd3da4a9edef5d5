// Measures what a host downloads to show the widget, gzipped: the wasm (the default definition in
// English and the widget's own strings) and the script-tag edition, cx-scorecard.js, which holds
// the element, the prerendered first screens, the stylesheet (which the wasm adopts too) and the JS
// glue. A visitor in German, French or Spanish also downloads that language's pack of assessment
// texts (locales/<lang>.js), listed separately. With --budget KB it fails when the gzipped total
// plus the largest pack is over the budget, and with --budget-english KB when the gzipped total
// alone is. The Brotli figures (what most servers and CDNs send browsers that ask for it) are
// printed for information only.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { fileURLToPath } from "node:url";

const FILES = ["pkg/cx_scorecard_bg.wasm", "pkg/cx-scorecard.js"];
// The team report's module: its own wasm and glue with the modules they import, loaded only by a
// page with <cx-scorecard-team> or mountTeam (the element's file is counted above), never by a
// respondent's widget.
const TEAM_FILES = [
  "pkg/cx_scorecard_team_bg.wasm", "pkg/cx_scorecard_team.js", "pkg/team.js", "pkg/start.js", "pkg/wasm.js", "pkg/style.js",
];
/** A file's size raw, gzipped (level 9) and with Brotli (quality 11). */
function measure(file) {
  const raw = readFileSync(file);
  const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, br };
}

export function sizes() {
  const files = FILES.filter(existsSync).map(measure);
  const packs = existsSync("pkg/locales")
    ? readdirSync("pkg/locales").filter((name) => /^[a-z]{2}\.js$/.test(name)).sort().map((name) => measure(`pkg/locales/${name}`))
    : [];
  const total = files.reduce((n, f) => n + f.gzip, 0);
  const totalBr = files.reduce((n, f) => n + f.br, 0);
  const team = TEAM_FILES.filter(existsSync).map(measure);
  return {
    files, packs, total, totalBr, team, teamTotal: team.reduce((n, f) => n + f.gzip, 0),
    withPack: total + Math.max(0, ...packs.map((p) => p.gzip)),
    withPackBr: totalBr + Math.max(0, ...packs.map((p) => p.br)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, packs, total, totalBr, withPack, withPackBr, team, teamTotal } = sizes();
  const kb = (n) => (n / 1024).toFixed(1) + " KB";
  const row = (f) => console.log(`  ${f.file.padEnd(28)} ${kb(f.raw).padStart(10)} raw ${kb(f.gzip).padStart(10)} gzipped ${kb(f.br).padStart(10)} brotli`);
  console.log("size (what a host downloads):");
  files.forEach(row);
  console.log(`  ${"total, English".padEnd(28)} ${"".padStart(14)} ${kb(total).padStart(10)} gzipped ${kb(totalBr).padStart(10)} brotli`);
  if (packs.length) {
    console.log("  plus one language pack for a visitor in another language:");
    packs.forEach(row);
    console.log(`  ${"total, another language".padEnd(28)} ${"".padStart(14)} ${kb(withPack).padStart(10)} gzipped ${kb(withPackBr).padStart(10)} brotli`);
  }
  if (team.length) {
    console.log("team report module (its own download; a respondent's widget does not load it):");
    team.forEach(row);
    console.log(`  ${"total, team report".padEnd(28)} ${"".padStart(14)} ${kb(teamTotal).padStart(10)} gzipped`);
  }
  const budgets = [
    ["--budget-english", total, "in English"], ["--budget", withPack, "with the largest pack"],
    ["--budget-team", teamTotal, "for the team report"],
  ];
  const within = [];
  for (const [flag, size, what] of budgets) {
    const i = process.argv.indexOf(flag);
    if (i < 0) continue;
    const budget = Number(process.argv[i + 1]) * 1024;
    if (!(budget > 0)) {
      console.error(`size: ${flag} needs a number of KB, got ${process.argv[i + 1]}`);
      process.exit(1);
    }
    if (size > budget) {
      console.error(`size: ${kb(size)} ${what} is over the budget of ${kb(budget)}`);
      process.exit(1);
    }
    within.push(`${kb(size)} ${what} (budget ${kb(budget)})`);
  }
  if (within.length) console.log(`size: within the budgets: ${within.join(", ")}`);
}
