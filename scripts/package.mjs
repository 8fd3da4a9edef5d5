// Makes pkg/ the npm package, once the glue, the wasm, the packs and the prerendered screens are
// there (scripts/build.sh): copies the package's modules and their declarations from www/, writes
// pkg/options.js and pkg/custom-elements.json (scripts/manifest.mjs), bundles the script-tag
// edition pkg/cx-scorecard.js (esbuild), minifies the modules (terser), and writes
// pkg/package.json with name, version, description and license from Cargo.toml's [package].
// Fails loudly on any surprise.
import { copyFileSync, cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { execFileSync } from "node:child_process";
import * as esbuild from "esbuild";

function fail(message) {
  console.error(`package: ${message}`);
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

// --- the modules, each with its declarations, as they are in www/ (their imports name files of the package) ---
const MODULES = [
  "index", "team", "start", "wasm", "loader", "element-base", "scorecard-element", "team-element", "define", "element",
  "react", "cx-scorecard-prerender", "cx-scorecard-frame",
];
const DECLARATIONS_ONLY = ["intro", "style", "cx-scorecard"]; // modules the build makes
const GUEST = ["embed.js", "embed.css", "favicon.svg"]; // the iframe guest's files (embed.html is the prerender's)
/** Modules only the package's own modules import: no declarations. */
const INTERNAL = ["start", "wasm", "loader"];
for (const name of MODULES) {
  copyFileSync(`www/${name}.js`, `pkg/${name}.js`);
  if (!INTERNAL.includes(name)) copyFileSync(`www/${name}.d.ts`, `pkg/${name}.d.ts`);
}
for (const name of DECLARATIONS_ONLY) copyFileSync(`www/${name}.d.ts`, `pkg/${name}.d.ts`);
for (const file of GUEST) copyFileSync(`www/${file}`, `pkg/${file}`);
copyFileSync("README.md", "pkg/README.md");
cpSync("docs", "pkg/docs", { recursive: true });
copyFileSync("LICENSE", "pkg/LICENSE");
// The glue names its wasm relative to itself; written as "./…" every bundler sees it as a file.
for (const glue of ["cx_scorecard.js", "cx_scorecard_team.js"]) {
  const text = readFileSync(`pkg/${glue}`, "utf8");
  const wasm = glue.replace(/\.js$/, "_bg.wasm");
  const found = text.split(`new URL("${wasm}",import.meta.url)`).length - 1;
  const done = text.split(`new URL("./${wasm}",import.meta.url)`).length - 1;
  if (found + done !== 1) fail(`pkg/${glue}: expected new URL("${wasm}",import.meta.url) once, found it ${found + done} times`);
  writeFileSync(`pkg/${glue}`, text.replace(`new URL("${wasm}",`, `new URL("./${wasm}",`));
}

execFileSync(process.execPath, ["scripts/manifest.mjs"], { stdio: "inherit" });

// --- the script-tag edition: www/cx-scorecard.js and all it imports in one file, but the team
// report's module and the language packs, which stay files of their own, loaded when needed ---
const pkg = resolve("pkg");
const separate = {
  name: "separate",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      const file = resolve(args.resolveDir, args.path);
      const own = relative(pkg, file);
      if (own === "team.js" || /^locales\/[a-z]{2}\.js$/.test(own)) return { path: `./${own}`, external: true };
      return undefined;
    });
  },
};
await esbuild.build({
  stdin: { contents: readFileSync("www/cx-scorecard.js", "utf8"), resolveDir: pkg, sourcefile: "www/cx-scorecard.js", loader: "js" },
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  legalComments: "none",
  outfile: "pkg/cx-scorecard.js",
  plugins: [separate],
  logLevel: "warning",
});

// --- the modules hosts load one by one (the iframe guest, bundlers), minified like the glue ---
// Bundlers' own comments stay: `import(/* webpackIgnore: true */ …)` for an asset base's URL; and
// so do directives (react.js is "use client", for Next.js's server components).
for (const file of [...MODULES.map((m) => `pkg/${m}.js`), "pkg/embed.js"]) {
  execFileSync("node_modules/.bin/terser", [
    file, "--module", "--compress", "directives=false", "--mangle", "--comments", "/webpackIgnore|turbopackIgnore|@vite-ignore/",
    "-o", file,
  ]);
}

// --- package.json ---
const module = (name) => ({ types: `./${name}.d.ts`, default: `./${name}.js` });
const json = {
  name: "cx-scorecard",
  version: cargo.version,
  description: cargo.description,
  license: cargo.license,
  type: "module",
  main: "./index.js",
  module: "./index.js",
  types: "./index.d.ts",
  exports: {
    // init, mount, validateDefinition, registerLocale and the types of everything that crosses.
    ".": module("index"),
    // The team report's module (init, mountTeam): a download of its own.
    "./team": module("team"),
    // Defines <cx-scorecard> and <cx-scorecard-team> (side effect) and exports their classes.
    "./element": module("element"),
    // The classes and the define functions alone, without the side effect.
    "./define": module("define"),
    "./scorecard-element": module("scorecard-element"),
    "./team-element": module("team-element"),
    // Both elements as React components (React 18 and 19, server rendering).
    "./react": module("react"),
    // The partner page's iframe helper; the guest page it frames is embed.html.
    "./frame": module("cx-scorecard-frame"),
    // The prerendered first screen and the swap to the live widget, for hosts that call mount().
    "./prerender": module("cx-scorecard-prerender"),
    "./intro.js": module("intro"),
    "./style.js": module("style"),
    "./intro/*.html": "./intro.*.html",
    "./cx-scorecard.css": "./cx-scorecard.css",
    "./embed.html": "./embed.html",
    "./wasm": "./cx_scorecard_bg.wasm",
    "./team-wasm": "./cx_scorecard_team_bg.wasm",
    "./schema/*": "./schema/*",
    "./locales/*": "./locales/*",
    "./custom-elements.json": "./custom-elements.json",
    "./package.json": "./package.json",
  },
  customElements: "custom-elements.json",
  // Only cx-scorecard/react imports React.
  peerDependencies: { react: ">=18" },
  peerDependenciesMeta: { react: { optional: true } },
  // What has an effect on import: the two that define the elements, the iframe guest's script
  // (embed.html's), and the stylesheets.
  sideEffects: ["./element.js", "./cx-scorecard.js", "./embed.js", "*.css"],
  files: [
    "*.js",
    "*.d.ts",
    "*.wasm",
    "*.css",
    "favicon.svg",
    "embed.html",
    "intro.*.html",
    "snippet*.html",
    "custom-elements.json",
    "schema/",
    "locales/",
    "README.md",
    "LICENSE",
    // The guides the README links to, and its screenshot.
    "docs/",
  ],
  keywords: ["web-component", "custom-element", "assessment", "customer-experience", "wasm", "yew"],
};
const listed = [
  "index.js", "team.js", "element.js", "define.js", "cx-scorecard.js", "embed.html", "custom-elements.json",
  "cx_scorecard_bg.wasm", "cx_scorecard_team_bg.wasm", "options.js", "style.js", "intro.js", "locales/index.js",
  ...MODULES.flatMap((m) => (INTERNAL.includes(m) ? [`${m}.js`] : [`${m}.js`, `${m}.d.ts`])),
];
for (const file of listed) if (!existsSync(`pkg/${file}`)) fail(`pkg/${file} is missing`);
for (const [entry, target] of Object.entries(json.exports)) {
  for (const file of typeof target === "string" ? [target] : Object.values(target)) {
    if (!file.includes("*") && file !== "./package.json" && !existsSync(resolve(pkg, file))) fail(`exports["${entry}"] names ${file}, which is not in pkg/`);
  }
}
writeFileSync("pkg/package.json", JSON.stringify(json, null, 2) + "\n");
console.log(`package: pkg/package.json (${json.name}@${json.version}, ${Object.keys(json.exports).length} exports)`);
