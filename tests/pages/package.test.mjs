// The npm package: pkg/ packed with `npm pack`, installed offline into a scratch project, and used
// from there in Chromium through its package paths (the element loader) and by bare specifier
// through an import map (the glue).
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
  assert.equal(pkg.types, "./cx_scorecard.d.ts");
  assert.equal(pkg.main, "./cx_scorecard.js");
  assert.deepEqual(pkg.sideEffects, ["./cx-scorecard.js"]);
  assert.deepEqual(Object.keys(pkg.exports), [
    ".", "./team", "./element", "./frame", "./prerender", "./intro.js", "./intro/*.html", "./cx-scorecard.css", "./wasm", "./schema/*",
    "./locales/*", "./package.json",
  ]);
  assert.deepEqual(Object.keys(pkg.exports["."]), ["types", "default"], "types comes first");
  assert.equal(pkg.exports["."].default, "./cx_scorecard.js");
  assert.deepEqual(pkg.exports["./team"], { types: "./cx_scorecard_team.d.ts", default: "./cx_scorecard_team.js" });
  assert.equal(pkg.exports["./element"], "./cx-scorecard.js");
  assert.equal(pkg.exports["./frame"], "./cx-scorecard-frame.js");

  // Every `files` entry and every export target is in the installed package (a wildcard's folder
  // holds files), and what was installed is exactly `files` plus package.json.
  const shipped = walk(installed).sort();
  // A pattern (`intro.*.html`) stands for the files it matches, of which there must be some.
  const pattern = (p) => new RegExp(`^${p.replace(/^\.\//, "").replace(/[.]/g, "\\.").replace(/\*/g, "[^/]*")}${p.endsWith("/") ? "" : "$"}`);
  const present = (p) => (p.includes("*") ? shipped.some((f) => pattern(p).test(f)) : existsSync(join(installed, p)));
  for (const entry of pkg.files) assert.ok(present(entry), `files: ${entry} was not installed`);
  const targets = [pkg.main, pkg.module, pkg.types, ...Object.values(pkg.exports).flatMap((t) => (typeof t === "string" ? [t] : Object.values(t)))];
  for (const target of targets) {
    if (target.endsWith("/*")) {
      const path = join(installed, target.replace(/\*$/, ""));
      assert.ok(existsSync(path) && readdirSync(path).length > 0, `${target} is empty or missing`);
    } else assert.ok(present(target), `${target} was not installed`);
  }
  const listed = shipped.filter((f) => f === "package.json" || pkg.files.some((e) => pattern(e).test(f)));
  assert.deepEqual(shipped, listed, "only what `files` lists is shipped");
  assert.ok(shipped.includes("locales/de.json") && shipped.includes("schema/result.schema.json"), shipped.join(" "));

  // Node resolves the package's subpaths from the scratch project.
  const require = createRequire(join(project, "package.json"));
  const resolved = (s) => require.resolve(s).slice(installed.length + 1);
  assert.equal(resolved("cx-scorecard"), "cx_scorecard.js");
  assert.equal(resolved("cx-scorecard/element"), "cx-scorecard.js");
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
  assert.match(types, /export default function __wbg_init/);
  // The copied loader looks for nothing in a pkg/ folder, which the package does not have.
  assert.doesNotMatch(readFileSync(join(installed, "cx-scorecard.js"), "utf8"), /["'`]pkg\//);
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
  // The glue and the wasm came from the package folder.
  const requests = await fetched(p);
  for (const file of ["cx_scorecard.js", "cx_scorecard_bg.wasm"]) assert.ok(requests.includes(`/node_modules/cx-scorecard/${file}`), requests.join(" "));
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
  assert.deepEqual((await fetched(p)).filter((r) => r.includes("/locales/")), ["/node_modules/cx-scorecard/locales/de.json"]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the glue imports by bare specifier through an import map, with init, validateDefinition and mount", async () => {
  const { page: p, context, problems } = await page("glue.html", `
<script type="importmap">{ "imports": { "cx-scorecard": "/node_modules/cx-scorecard/cx_scorecard.js" } }</script>
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
