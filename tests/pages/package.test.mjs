// The npm package: pkg/ packed with `npm pack`, installed offline into a scratch project, and used
// from there in Chromium through its package paths (the script-tag edition) and by bare specifier
// through an import map (init and mount).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, startServer, openPage, answerAll } from "./harness.mjs";

const cargoVersion = readFileSync("Cargo.toml", "utf8").match(/^\[package\][^[]*?^version\s*=\s*"([^"]+)"/m)[1];
let scratch, project, installed, browser, site;

/** Runs npm with no registry to reach: anything that tried the network would fail. */
function npm(args, cwd) {
  return execFileSync("npm", [...args, "--cache", join(scratch, "npm-cache"), "--registry", "http://127.0.0.1:9/", "--loglevel=error"], {
    cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" },
  });
}

before(async () => {
  assert.ok(existsSync("pkg/package.json"), "pkg/package.json is missing: run scripts/build.sh first");
  scratch = mkdtempSync(join(tmpdir(), "cx-scorecard-package-"));
  mkdirSync(join(scratch, "tarball"));
  const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", join(scratch, "tarball")], "pkg"));
  const tarball = join(scratch, "tarball", packed.filename);
  project = join(scratch, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "scratch-host", version: "1.0.0", private: true, type: "module" }));
  npm(["install", "--offline", "--no-audit", "--no-fund", tarball], project);
  installed = join(project, "node_modules", "cx-scorecard");
  browser = await launch();
  site = await startServer({ root: project });
});
after(async () => {
  await browser?.close();
  site?.server.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it. */
function walk(dir, prefix = "") {
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? walk(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]);
}

test("the installed package has its name, version, exports and every file they name", () => {
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  assert.equal(pkg.name, "cx-scorecard");
  assert.equal(pkg.version, cargoVersion);
  assert.equal(pkg.type, "module");
  assert.equal(pkg.types, "./index.d.ts");
  assert.equal(pkg.main, "./index.js");
  assert.equal(pkg.customElements, "custom-elements.json");
  assert.deepEqual(pkg.sideEffects, ["./element.js", "./cx-scorecard.js", "./embed.js", "*.css"]);
  assert.deepEqual(Object.keys(pkg.exports), [
    ".", "./team", "./element", "./define", "./scorecard-element", "./team-element", "./react", "./frame", "./prerender",
    "./intro.js", "./style.js", "./intro/*.html", "./cx-scorecard.css", "./embed.html", "./wasm", "./team-wasm", "./schema/*", "./locales/*",
    "./custom-elements.json", "./package.json",
  ]);
  // Every module's export has its types, first.
  for (const [entry, target] of Object.entries(pkg.exports)) {
    if (typeof target === "string") assert.doesNotMatch(target, /\.js$/, `${entry} is a module without types`);
    else assert.deepEqual(Object.keys(target), ["types", "default"], `${entry}: types comes first`);
  }
  assert.deepEqual(pkg.exports["."], { types: "./index.d.ts", default: "./index.js" });
  assert.deepEqual(pkg.exports["./team"], { types: "./team.d.ts", default: "./team.js" });
  assert.deepEqual(pkg.exports["./element"], { types: "./element.d.ts", default: "./element.js" });
  assert.deepEqual(pkg.exports["./frame"], { types: "./cx-scorecard-frame.d.ts", default: "./cx-scorecard-frame.js" });

  // Every `files` entry and every export target is in the installed package (a wildcard's folder
  // holds files), and what was installed is exactly `files` plus package.json.
  const shipped = walk(installed).sort();
  // A pattern (`intro.*.html`) stands for the files it matches, of which there must be some.
  const pattern = (p) => new RegExp(`^${p.replace(/^\.\//, "").replace(/[.]/g, "\\.").replace(/\*/g, "[^/]*")}${p.endsWith("/") ? "" : "$"}`);
  const present = (p) => (p.includes("*") ? shipped.some((f) => pattern(p).test(f)) : existsSync(join(installed, p)));
  for (const entry of pkg.files) assert.ok(present(entry), `files: ${entry} was not installed`);
  const targets = [pkg.main, pkg.module, pkg.types, pkg.customElements, ...Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))];
  for (const target of targets) {
    if (target.endsWith("/*")) {
      const path = join(installed, target.replace(/\*$/, ""));
      assert.ok(existsSync(path) && readdirSync(path).length > 0, `${target} is empty or missing`);
    } else assert.ok(present(target), `${target} was not installed`);
  }
  const listed = shipped.filter((f) => f === "package.json" || pkg.files.some((e) => pattern(e).test(f)));
  assert.deepEqual(shipped, listed, "only what `files` lists is shipped");
  for (const file of ["README.md", "LICENSE", "custom-elements.json", "embed.html", "embed.js", "embed.css", "locales/de.js", "locales/de.json", "schema/result.schema.json"]) {
    assert.ok(shipped.includes(file), `${file} is not shipped: ${shipped.join(" ")}`);
  }
  assert.ok(!shipped.includes("cx-scorecard-offline.html"), "the single-file edition (1 MB) is a download of the demo, not of the package");
  assert.match(readFileSync(join(installed, "LICENSE"), "utf8"), /^MIT License/);
  // The React components are a client module for Next.js's server components, minified or not.
  assert.match(readFileSync(join(installed, "react.js"), "utf8"), /^"use client";/);
  assert.equal(readFileSync(join(installed, "README.md"), "utf8"), readFileSync("README.md", "utf8"));

  // Node resolves the package's subpaths from the scratch project.
  const require = createRequire(join(project, "package.json"));
  const resolved = (s) => require.resolve(s).slice(installed.length + 1);
  assert.equal(resolved("cx-scorecard"), "index.js");
  assert.equal(resolved("cx-scorecard/element"), "element.js");
  assert.equal(resolved("cx-scorecard/frame"), "cx-scorecard-frame.js");
  assert.equal(resolved("cx-scorecard/prerender"), "cx-scorecard-prerender.js");
  assert.equal(resolved("cx-scorecard/intro/de.dark.html"), "intro.de.dark.html");
  assert.equal(resolved("cx-scorecard/cx-scorecard.css"), "cx-scorecard.css");
  assert.equal(resolved("cx-scorecard/wasm"), "cx_scorecard_bg.wasm");
  assert.equal(resolved("cx-scorecard/locales/fr.json"), "locales/fr.json");
  assert.equal(resolved("cx-scorecard/schema/definition.schema.json"), "schema/definition.schema.json");

  // The types describe the glue's exports.
  const types = readFileSync(join(installed, "cx_scorecard.d.ts"), "utf8");
  for (const name of ["mount", "validateDefinition", "registerLocale"]) assert.match(types, new RegExp(`export function ${name}\\(`));
  assert.match(readFileSync(join(installed, "index.d.ts"), "utf8"), /export \{ default, initSync \} from "\.\/cx_scorecard\.js";/);
  // No module composes a URL of its own: every file the package loads is named by a literal.
  for (const file of shipped.filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(join(installed, file), "utf8");
    assert.doesNotMatch(text, /["'`]\.?\/?pkg\//, `${file} refers to a pkg/ folder, which the package does not have`);
    assert.doesNotMatch(text, /new URL\(\s*["'`]\.\/["'`]/, `${file} resolves its own folder`);
  }
});

/** Writes a page into the scratch project and opens it. */
async function page(name, html) {
  writeFileSync(join(project, name), `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n${html}`);
  return openPage(browser, `${site.origin}/${name}`);
}

/** The paths of everything the page has fetched (modules, the wasm, language packs). */
const fetched = (p) => p.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));

const EVENTS = `<script type="module">
  window.cxEvents = [];
  for (const name of ["ready", "complete", "error"])
    document.addEventListener("cx-scorecard:" + name, (e) => cxEvents.push({ type: e.type, detail: e.detail }));
</script>`;

test("the element loader, from node_modules, runs a whole assessment", async () => {
  const { page: p, context, problems } = await page("element.html", `${EVENTS}
<script type="module" src="/node_modules/cx-scorecard/cx-scorecard.js"></script>
</head>
<body><cx-scorecard id="widget"></cx-scorecard></body>
</html>`);
  const widget = p.locator("cx-scorecard");
  await widget.getByRole("button", { name: "Start the assessment" }).click();
  await widget.getByRole("heading", { name: "About your organisation" }).waitFor();
  await widget.getByRole("button", { name: "Next" }).click();
  await answerAll(widget);
  await widget.getByRole("heading", { name: "Your result" }).waitFor();
  await p.waitForFunction(() => window.cxEvents.some((e) => e.type === "cx-scorecard:complete"));
  const events = await p.evaluate(() => window.cxEvents);
  assert.deepEqual(events.filter((e) => e.type === "cx-scorecard:error"), []);
  const { result } = events.find((e) => e.type === "cx-scorecard:complete").detail;
  assert.equal(result.schemaVersion, 1);
  assert.equal(result.assessment.id, "cx-operations");
  assert.equal(result.answers.length, 36);
  assert.equal(result.dimensions.length, 7);
  assert.equal(result.overall.level, 3);
  assert.equal(result.overall.score, 58.3);
  assert.deepEqual(await p.evaluate(() => document.getElementById("widget").result()), result);
  // The script-tag edition holds the glue: the wasm is the one other file the widget fetched.
  const requests = await fetched(p);
  assert.deepEqual(requests.filter((r) => r.startsWith("/node_modules/")), [
    "/node_modules/cx-scorecard/cx-scorecard.js", "/node_modules/cx-scorecard/cx_scorecard_bg.wasm",
  ]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the element loader fetches a language pack from the package's locales/", async () => {
  const { page: p, context, problems } = await page("element-de.html", `
<script type="module" src="/node_modules/cx-scorecard/cx-scorecard.js"></script>
</head>
<body><cx-scorecard locale="de"></cx-scorecard></body>
</html>`);
  // The prerendered German screen and then the live widget (both, for a moment, during the swap).
  await p.locator('cx-scorecard .cxs[lang="de"]').first().waitFor();
  await p.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.includes("/locales/")));
  assert.deepEqual((await fetched(p)).filter((r) => r.includes("/locales/")), ["/node_modules/cx-scorecard/locales/de.js"]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the package imports by bare specifier through an import map, with init, validateDefinition and mount", async () => {
  const { page: p, context, problems } = await page("glue.html", `
<script type="importmap">{ "imports": { "cx-scorecard": "/node_modules/cx-scorecard/index.js" } }</script>
<script type="module">
  import init, { mount, validateDefinition } from "cx-scorecard";
  await init();
  window.cx = { mount, validateDefinition };
</script>
</head>
<body><div id="assessment"></div></body>
</html>`);
  await p.waitForFunction(() => window.cx);
  const quickCheck = readFileSync("www/quick-check.json", "utf8");
  const checks = await p.evaluate((quickCheck) => ({
    valid: window.cx.validateDefinition(quickCheck),
    invalid: window.cx.validateDefinition({ schemaVersion: 1 }),
  }), quickCheck);
  assert.deepEqual(checks.valid, []);
  assert.ok(checks.invalid.length > 0, "an empty definition has errors");
  for (const e of checks.invalid) assert.ok(typeof e.path === "string" && typeof e.message === "string" && e.message, JSON.stringify(e));
  await p.evaluate(() => window.cx.mount(document.getElementById("assessment"), {}));
  await p.getByRole("button", { name: "Start the assessment" }).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the script-tag edition from another origin (a CDN sending CORS headers) shows and completes the widget in every language", async () => {
  // The installed package folder on a second origin, as a public npm CDN serves it.
  const cdn = await startServer({ root: installed });
  try {
    const { page: p, context, problems } = await page("cdn.html", `
<script type="module" src="${cdn.origin}/cx-scorecard.js"></script>
</head>
<body>
<cx-scorecard id="en"></cx-scorecard>
<cx-scorecard id="de" locale="de" storage-key="de"></cx-scorecard>
<cx-scorecard id="fr" locale="fr" storage-key="fr"></cx-scorecard>
<cx-scorecard id="es" locale="es" storage-key="es"></cx-scorecard>
<cx-scorecard-team id="team" locale="en"></cx-scorecard-team>
</body>
</html>`);
    for (const [id, start] of [["de", "Bewertung starten"], ["fr", "Commencer l’évaluation"], ["es", "Empezar la evaluación"]]) {
      await p.locator(`#${id}`).getByRole("button", { name: start }).waitFor();
    }
    const widget = p.locator("#en");
    await widget.getByRole("button", { name: "Start the assessment" }).click();
    await widget.getByRole("button", { name: "Next" }).click();
    await answerAll(widget);
    await widget.getByRole("heading", { name: "Your result" }).waitFor();
    assert.equal(await p.evaluate(() => document.getElementById("en").result().overall.score), 58.3);
    await p.locator("#team").getByText("No results yet.", { exact: false }).waitFor();
    // Everything came from the CDN: the one file, the wasm once, one module per language, and the
    // team report's module with what it imports, its wasm once too.
    const requests = await p.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    assert.deepEqual(requests.filter((r) => r.startsWith(cdn.origin)).map((r) => new URL(r).pathname).sort(), [
      "/cx-scorecard.js", "/cx_scorecard_bg.wasm", "/cx_scorecard_team.js",
      "/cx_scorecard_team_bg.wasm", "/locales/de.js", "/locales/es.js", "/locales/fr.js", "/start.js", "/style.js", "/team.js",
      "/wasm.js",
    ]);
    assert.deepEqual(problems().filter((x) => !x.startsWith("request to another origin: " + cdn.origin)), []);
    await context.close();
  } finally {
    cdn.server.close();
  }
});

test("importing every module of the package in Node (as a server renders a page) throws nothing; mount() and init() say why they cannot run there", () => {
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  // (cx-scorecard/react needs React, which this scratch project does not have: the Next.js fixture of
  // tests/toolchains renders it on a server.)
  const modules = Object.entries(pkg.exports)
    .filter(([entry, target]) => typeof target !== "string" && entry !== "./react")
    .map(([entry]) => entry.replace(/^\./, "cx-scorecard"));
  assert.ok(modules.length >= 10, modules.join(" "));
  const script = `
    const out = {};
    for (const specifier of ${JSON.stringify(modules)}) {
      try { out[specifier] = Object.keys(await import(specifier)).sort(); } catch (e) { out[specifier] = "threw: " + e.message; }
    }
    const { default: init, mount } = await import("cx-scorecard");
    try { mount(null, {}); out.mount = "no error"; } catch (e) { out.mount = e.message; }
    out.init = await init().then(() => "resolved", (e) => e.message);
    const { mountTeam } = await import("cx-scorecard/team");
    try { mountTeam(null, {}); } catch (e) { out.mountTeam = e.message; }
    const { defineCxScorecard } = await import("cx-scorecard/element");
    defineCxScorecard();
    console.log(JSON.stringify(out));`;
  const run = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" });
  const out = JSON.parse(run);
  for (const specifier of modules) assert.ok(Array.isArray(out[specifier]), `${specifier}: ${out[specifier]}`);
  // Exactly what the declarations say: every function the glue declares, and nothing internal.
  const declared = (file) => [...readFileSync(join(installed, file), "utf8").matchAll(/^export function (\w+)/gm)].map(([, name]) => name);
  assert.deepEqual(out["cx-scorecard"], ["default", ...declared("cx_scorecard.d.ts")].sort());
  assert.deepEqual(out["cx-scorecard/team"], ["default", ...declared("cx_scorecard_team.d.ts")].sort());
  assert.ok(out["cx-scorecard"].includes("mount") && out["cx-scorecard"].includes("initSync"), out["cx-scorecard"].join());
  assert.deepEqual(out["cx-scorecard/element"], ["CxScorecardElement", "CxScorecardTeamElement", "defineCxScorecard", "defineCxScorecardTeam"]);
  const server = "needs a browser and this is a server (or a worker): call it in an effect or an event handler, not while rendering";
  assert.equal(out.mount, `cx-scorecard: mount() ${server}`);
  assert.equal(out.init, `cx-scorecard: init() ${server}`);
  assert.equal(out.mountTeam, `cx-scorecard: mountTeam() ${server}`);
});
