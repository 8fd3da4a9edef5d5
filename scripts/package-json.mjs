// Makes pkg/ an npm package: copies the custom-element loader, the prerender module and the
// iframe frame helper from www/ into pkg/ (their `pkg/...` URLs rewritten to sit beside the glue) and writes
// pkg/package.json, with name, version, description and license from Cargo.toml's [package].
// Run by scripts/build.sh once everything else in pkg/ is there; fails loudly on any surprise.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

function fail(message) {
  console.error(`package-json: ${message}`);
  process.exit(1);
}

// --- Cargo.toml's [package] table (only `key = "string"` lines are needed) ---
const cargo = {};
let section = "";
for (const line of readFileSync("Cargo.toml", "utf8").split("\n")) {
  const header = line.match(/^\s*\[([^\]]+)\]\s*$/);
  if (header) section = header[1].trim();
  const kv = section === "package" && line.match(/^\s*(\w+)\s*=\s*"([^"]*)"\s*$/);
  if (kv) cargo[kv[1]] = kv[2];
}
for (const key of ["version", "description", "license"]) if (!cargo[key]) fail(`no ${key} in Cargo.toml's [package]`);

// --- the loader and the frame helper, rewritten to find the glue, wasm and packs beside them ---
// Each expected specifier must occur exactly once; afterwards no `pkg/` URL may remain.
const COPIES = {
  "cx-scorecard.js": [
    ['"pkg/cx_scorecard_bg.wasm"', '"./cx_scorecard_bg.wasm"'],
    ['"pkg/cx_scorecard.js"', '"./cx_scorecard.js"'],
    ['"pkg/cx_scorecard_team_bg.wasm"', '"./cx_scorecard_team_bg.wasm"'],
    ['"pkg/cx_scorecard_team.js"', '"./cx_scorecard_team.js"'],
    ["`pkg/locales/", "`./locales/"],
    ['"./pkg/intro.js"', '"./intro.js"'],
  ],
  "cx-scorecard-prerender.js": [],
  "cx-scorecard-frame.js": [],
};
const PKG_URL = /["'`](?:\.\/)?pkg\//;
for (const [name, rewrites] of Object.entries(COPIES)) {
  let text = readFileSync(`www/${name}`, "utf8");
  for (const [from, to] of rewrites) {
    const found = text.split(from).length - 1;
    if (found !== 1) fail(`www/${name}: expected ${from} once, found it ${found} times`);
    text = text.replace(from, to);
  }
  const left = text.split("\n").findIndex((l) => PKG_URL.test(l));
  if (left >= 0) fail(`www/${name}:${left + 1} still refers to pkg/, which the package does not have: ${text.split("\n")[left].trim()}`);
  writeFileSync(`pkg/${name}`, text);
}

// --- package.json ---
const pkg = {
  name: "cx-scorecard",
  version: cargo.version,
  description: cargo.description,
  license: cargo.license,
  type: "module",
  main: "./cx_scorecard.js",
  module: "./cx_scorecard.js",
  types: "./cx_scorecard.d.ts",
  exports: {
    ".": { types: "./cx_scorecard.d.ts", default: "./cx_scorecard.js" },
    // The team report's module (mountTeam), a download of its own.
    "./team": { types: "./cx_scorecard_team.d.ts", default: "./cx_scorecard_team.js" },
    "./element": "./cx-scorecard.js",
    "./frame": "./cx-scorecard-frame.js",
    // The prerendered first screen and the swap to the live widget, for hosts that call mount().
    "./prerender": "./cx-scorecard-prerender.js",
    "./intro.js": "./intro.js",
    "./intro/*.html": "./intro.*.html",
    "./cx-scorecard.css": "./cx-scorecard.css",
    "./wasm": "./cx_scorecard_bg.wasm",
    "./schema/*": "./schema/*",
    "./locales/*": "./locales/*",
    "./package.json": "./package.json",
  },
  // Only the loader has an effect on import: it defines <cx-scorecard>.
  sideEffects: ["./cx-scorecard.js"],
  files: [
    "cx_scorecard.js",
    "cx_scorecard.d.ts",
    "cx_scorecard_bg.wasm",
    "cx_scorecard_bg.wasm.d.ts",
    "cx_scorecard_team.js",
    "cx_scorecard_team.d.ts",
    "cx_scorecard_team_bg.wasm",
    "cx_scorecard_team_bg.wasm.d.ts",
    "cx-scorecard.js",
    "cx-scorecard-frame.js",
    "cx-scorecard-prerender.js",
    "cx-scorecard.css",
    "intro.js",
    "intro.*.html",
    "snippet*.html",
    "schema/",
    "locales/",
  ],
};
for (const file of pkg.files) if (!file.includes("*") && !existsSync(`pkg/${file}`)) fail(`pkg/${file} (listed in files) is missing`);
writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
console.log(`package-json: pkg/package.json (${pkg.name}@${pkg.version}, ${pkg.files.length} entries in files)`);
