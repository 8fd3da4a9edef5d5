// The documentation's code blocks: every fenced block of README.md and docs/*.md is checked, so a
// snippet that stops compiling or working fails here, naming the file, the line and the reason.
//
//   ts, tsx, js, jsx, mjs  type-checked with `tsc --strict` (through vue-tsc, which is tsc that also
//                          reads .vue files) against the package's own declarations: `cx-scorecard`
//                          and its subpaths resolve to pkg/ through its package.json `exports`, as in
//                          a project that installed it; JS with checkJs; TSX with React's types.
//   vue                    the same program (vue-tsc checks the <script> and the template's bindings)
//   svelte                 svelte-check (the script and the template's bindings); warnings fail too
//   html                   run in headless Chromium: the page (a fragment is put in <body>; a fragment
//                          with no script gets the package's script tag) is served beside the package,
//                          and must load with no console or page error, no failed request and no
//                          unused preload hint; where it holds the widget, the widget must start (its
//                          "Start the assessment" button, and cx-scorecard:ready); a team report must
//                          report; no cx-scorecard:error may fire
//   css                    parsed by Chromium: every property the block sets must survive parsing
//   json                   parsed
//   sh                     what can be checked without a network: `npm install` names this package
//                          (and only packages that exist); scripts run with bash or node exist; files
//                          copied out of node_modules/cx-scorecard exist; a `sed` that makes a page
//                          out of one of the package's files is run, and its page is run as html
//   text                   not checked: the one opt-out, for output and prose-like blocks
//
// Where a page finds the package (the convention the guides follow):
//   /cx-scorecard/…                      the package's folder served by the site itself
//   /node_modules/cx-scorecard/…         likewise (a site that serves its node_modules)
//   https://cdn.example/cx-scorecard@V/… a CDN, answered by the test as public npm CDNs answer (CORS
//                                        headers; HTML as plain text); V must be the package's version
//                                        (or a prefix of it, such as 0.1)
//   https://widget.example/cx-scorecard/… the widget's own origin, for the partner iframe
// and a few files a snippet may name: /results.ndjson, /last-quarter.json, /quick-check.json.
// A typed block's info string may give its file name, ```tsx title="app/page.tsx", so that the
// blocks of one guide can import each other. The documents' relative links must lead to files and
// headings that exist, their prose lines are at most 120 characters, and the README's first section
// is the two commands.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, relative } from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { launch, startServer } from "./harness.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PKG = join(ROOT, "pkg");
const run = promisify(execFile);

/** The documents: the README and every guide. */
const DOCS = [
  "README.md",
  ...(existsSync(join(ROOT, "docs")) ? readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).sort().map((f) => `docs/${f}`) : []),
];

const TYPED = { ts: ".ts", tsx: ".tsx", js: ".js", jsx: ".jsx", mjs: ".mjs", vue: ".vue" };
const CHECKED = new Set([...Object.keys(TYPED), "svelte", "html", "css", "json", "sh", "text"]);
/** The widget's Start button in each language it speaks. */
const START = /^(Start the assessment|Bewertung starten|Commencer l’évaluation|Empezar la evaluación)$/;

/**
 * The fenced code blocks of a Markdown text: `{doc, line, lang, title, text}`, `line` being the
 * opening fence's (1-based). A fence may be indented (inside a list item); its lines lose that
 * indentation.
 */
export function blocksOf(doc, markdown) {
  const lines = markdown.split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^( *)(`{3,}|~{3,})(.*)$/);
    if (!open) continue;
    const [, indent, fence, info] = open;
    const body = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = lines[j].match(/^ *(`{3,}|~{3,})\s*$/);
      if (close && close[1][0] === fence[0] && close[1].length >= fence.length) break;
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    const [lang = ""] = info.trim().split(/\s+/);
    const title = info.match(/\btitle="([^"]+)"/)?.[1];
    blocks.push({ doc, line: i + 1, lang, title, text: `${body.join("\n")}\n`, closed: j < lines.length });
    i = j;
  }
  return blocks;
}

const BLOCKS = DOCS.flatMap((doc) => blocksOf(doc, readFileSync(join(ROOT, doc), "utf8")));
const where = (b) => `${b.doc}:${b.line}`;
const slug = (doc) => doc.replace(/\.md$/, "").replace(/[^A-Za-z0-9]+/g, "-");

let scratch;
/** Problems per block (by `where`), filled in `before` by the checkers that run everything at once. */
const found = new Map();
const note = (b, problem) => found.set(where(b), [...(found.get(where(b)) ?? []), problem]);
/** Pages made by `sed` lines of sh blocks, run as html blocks: `{block, html}`. */
const madePages = [];
let browser;
let site;

// --- ts, tsx, js, jsx, mjs, vue: one program, type-checked by vue-tsc ---

/** The file a typed block is written to, relative to `scratch`. */
function fileOf(b) {
  const name = b.title ? normalize(b.title) : `L${b.line}${TYPED[b.lang]}`;
  assert.ok(!name.startsWith(".."), `${where(b)}: title="${b.title}" leaves the guide's folder`);
  return join("blocks", slug(b.doc), name);
}

async function typecheck() {
  const typed = BLOCKS.filter((b) => TYPED[b.lang]);
  const byFile = new Map();
  for (const b of typed) {
    const file = fileOf(b);
    assert.ok(!byFile.has(file), `${where(b)}: ${file} is also the file of ${byFile.has(file) && where(byFile.get(file))}`);
    byFile.set(file, b);
    mkdirSync(join(scratch, dirname(file)), { recursive: true });
    writeFileSync(join(scratch, file), b.text);
  }
  writeFileSync(join(scratch, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "ES2022",
      lib: ["ES2022", "DOM", "DOM.Iterable"],
      module: "ESNext",
      moduleResolution: "Bundler",
      // As Vite's templates set it: a type is imported with `import type`.
      verbatimModuleSyntax: true,
      moduleDetection: "force",
      jsx: "react-jsx",
      resolveJsonModule: true,
      allowJs: true,
      checkJs: true,
      // As projects set it: the frameworks' declarations are theirs to check (and some need
      // @types/node); the package's own are checked by tests/pages/types.test.mjs.
      skipLibCheck: true,
      types: [],
    },
    include: ["blocks/**/*"],
  }, null, 2));
  if (typed.length === 0) return;
  const { status, output } = await tool("vue-tsc/bin/vue-tsc.js", ["-p", "tsconfig.json", "--pretty", "false"], scratch);
  // file(line,col): error TS…: message, continued on indented lines.
  let last = null;
  let diagnostics = 0;
  for (const text of output.split("\n")) {
    const d = text.match(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/);
    if (d) {
      diagnostics++;
      const [, file, line, col, code, message] = d;
      last = byFile.get(normalize(file)) ?? { doc: `outside the blocks: ${file}`, line: 0, lang: "?" };
      note(last, `${last.doc}:${last.line + Number(line)}:${col} (the ${last.lang} block at line ${last.line}): ${code} ${message}`);
    } else if (last && /^\s+\S/.test(text)) {
      const list = found.get(where(last));
      list[list.length - 1] += `\n    ${text.trim()}`;
    } else {
      last = null;
    }
  }
  if (status !== 0 && diagnostics === 0) note({ doc: "vue-tsc", line: 0 }, `failed (${status}) without a diagnostic:\n${output}`);
}

/** Runs a tool of node_modules with Node; returns its exit status and its output. */
async function tool(script, args, cwd) {
  return run(process.execPath, [join(ROOT, "node_modules", script), ...args], { cwd, maxBuffer: 64 << 20 }).then(
    ({ stdout, stderr }) => ({ status: 0, output: stdout + stderr }),
    (e) => ({ status: e.code ?? 1, output: `${e.stdout ?? ""}${e.stderr ?? ""}${e.stdout || e.stderr ? "" : e.message}` }),
  );
}

// --- svelte: svelte-check ---

async function svelteCheck() {
  const blocks = BLOCKS.filter((b) => b.lang === "svelte");
  if (blocks.length === 0) return;
  const dir = join(scratch, "svelte");
  mkdirSync(dir);
  const byFile = new Map();
  for (const b of blocks) {
    const file = `${slug(b.doc)}-L${b.line}.svelte`;
    byFile.set(file, b);
    writeFileSync(join(dir, file), b.text);
  }
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: "ES2022", lib: ["ES2022", "DOM", "DOM.Iterable"], module: "ESNext",
      moduleResolution: "Bundler", verbatimModuleSyntax: true, skipLibCheck: true, types: [], allowJs: true, checkJs: true,
    },
    include: ["*.svelte"],
  }));
  const { output } = await tool("svelte-check/bin/svelte-check", [
    "--workspace", dir, "--tsconfig", join(dir, "tsconfig.json"), "--output", "machine",
  ], dir);
  for (const text of output.split("\n")) {
    const d = text.match(/^\d+ (ERROR|WARNING) "(.+?)" (\d+):(\d+) (".*")$/);
    if (!d) continue;
    const [, kind, file, line, col, message] = d;
    const b = byFile.get(file) ?? { doc: file, line: 0, lang: "svelte" };
    note(b, `${b.doc}:${b.line + Number(line)}:${col} (the svelte block at line ${b.line}): ${kind.toLowerCase()} ${JSON.parse(message)}`);
  }
  if (!/COMPLETED/.test(output)) note({ doc: "svelte-check", line: 0 }, `did not complete:\n${output}`);
}

// --- sh: what can be checked without a network ---

/** Packages a guide may tell people to install beside this one: those this repository installs. */
const knownPackage = (name) => existsSync(join(ROOT, "node_modules", name, "package.json"));
const pkgVersion = () => JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version;
/** A file of the package named as node_modules/cx-scorecard/…, or null if it is not there. */
const packageFile = (path) => {
  const rest = normalize(path).replace(/^node_modules\/cx-scorecard\/?/, "");
  return rest.startsWith("..") || !existsSync(join(PKG, rest)) ? null : join(PKG, rest);
};

function checkShell(b) {
  // Continuation lines joined, comments and blank lines dropped.
  const commands = b.text.replace(/\\\n/g, " ").split("\n").map((l, i) => ({ line: b.line + 1 + i, text: l.replace(/(^|\s)#.*$/, "").trim() }))
    .filter((c) => c.text);
  for (const { line, text } of commands) {
    const at = `${b.doc}:${line}`;
    const words = text.replace(/^(\w+=\S*\s+)+/, "").split(/\s+/);
    const [command, ...args] = words;
    const operands = args.filter((a) => !a.startsWith("-"));
    if (command === "npm" && ["install", "i", "add"].includes(args[0])) {
      const names = operands.slice(1);
      // The package by name (and version), or a tarball that `npm pack` made of it.
      const tarball = (n) => /(^|\/)cx-scorecard-[\w.-]+\.tgz$/.test(n);
      if (!names.some((n) => n === "cx-scorecard" || n.startsWith("cx-scorecard@") || tarball(n))) {
        note(b, `${at}: \`${text}\` does not install cx-scorecard`);
      }
      for (const n of names.filter(tarball)) {
        if (!n.endsWith(`cx-scorecard-${pkgVersion()}.tgz`)) note(b, `${at}: ${n} is not the name \`npm pack\` gives the package (cx-scorecard-${pkgVersion()}.tgz)`);
      }
      for (const n of names.filter((n) => !tarball(n))) {
        const [name, version] = n.startsWith("@") ? [`@${n.slice(1).split("@")[0]}`, n.slice(1).split("@")[1]] : n.split("@");
        if (name === "cx-scorecard") {
          if (version && !`${pkgVersion()}.`.startsWith(`${version}.`)) note(b, `${at}: installs cx-scorecard@${version}, but the package is ${pkgVersion()}`);
        } else if (!knownPackage(name)) note(b, `${at}: \`${text}\` names ${name}, which is not a package this repository knows`);
      }
    } else if (command === "npm" && args[0] === "pack") {
      // Run in the package's folder (pkg/ here): nothing to check.
    } else if (["bash", "sh", "node"].includes(command)) {
      if (!operands[0] || !existsSync(join(ROOT, operands[0]))) note(b, `${at}: \`${text}\`: ${operands[0]} does not exist`);
    } else if (command === "cp") {
      for (const source of operands.slice(0, -1)) {
        if (source.startsWith("node_modules/cx-scorecard") && !packageFile(source)) note(b, `${at}: \`${text}\`: the package has no ${source}`);
      }
    } else if (command === "sed") {
      const sed = text.match(/^sed\s+'([^']*)'\s+(node_modules\/cx-scorecard\/[\w./-]+)\s*>\s*([\w.-]+)$/);
      const source = sed && packageFile(sed[2]);
      if (!sed) note(b, `${at}: \`${text}\`: a sed line must read \`sed '<script>' node_modules/cx-scorecard/<file> > <file>\``);
      else if (!source) note(b, `${at}: \`${text}\`: the package has no ${sed[2]}`);
      else {
        const made = execFileSync("sed", [sed[1], source], { encoding: "utf8" });
        if (made === readFileSync(source, "utf8")) note(b, `${at}: \`${text}\` changes nothing in ${sed[2]}`);
        if (sed[3].endsWith(".html")) madePages.push({ block: b, at, html: made });
      }
    } else if (command === "npx") {
      if (!existsSync(join(ROOT, "node_modules/.bin", operands[0] ?? ""))) note(b, `${at}: \`${text}\`: no package here provides ${operands[0]}`);
    } else if (command === "cd") {
      // Nothing to check.
    } else {
      note(b, `${at}: \`${text}\`: no check for this command (a block that is not commands to run is \`\`\`text)`);
    }
  }
}

// --- html: pages in Chromium ---

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8", ".wasm": "application/wasm", ".svg": "image/svg+xml",
};

/** The site the pages are served from: the package at /cx-scorecard/ and /node_modules/cx-scorecard/, and the fixtures. */
function makeSite() {
  const root = join(scratch, "site");
  mkdirSync(join(root, "node_modules"), { recursive: true });
  symlinkSync(PKG, join(root, "cx-scorecard"));
  symlinkSync(PKG, join(root, "node_modules", "cx-scorecard"));
  writeFileSync(join(root, "favicon.ico"), "");
  const results = JSON.parse(readFileSync(join(ROOT, "www/team-results.json"), "utf8"));
  writeFileSync(join(root, "results.ndjson"), `${results.map((r) => JSON.stringify(r)).join("\n")}\n`);
  writeFileSync(join(root, "last-quarter.json"), JSON.stringify(results.slice(0, 20)));
  writeFileSync(join(root, "quick-check.json"), readFileSync(join(ROOT, "www/quick-check.json")));
  return root;
}

/** A block's page: a whole document as it is; a fragment in <body>, with the script tag if it has no script. */
function pageOf(html) {
  if (/^\s*(<!doctype|<html)/i.test(html)) return html;
  const script = /<script\b/i.test(html) ? "" : '<script type="module" src="/cx-scorecard/cx-scorecard.js"></script>\n';
  return `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>A block of the documentation</title></head>\n<body>\n${script}${html}</body>\n</html>\n`;
}

/** Answers requests to the CDN and the widget's origin from pkg/, with CORS headers, as they would. */
async function routeOrigins(context, problems) {
  await context.route(/^https:\/\/(cdn|widget)\.example\//, (route) => {
    const url = new URL(route.request().url());
    const cdn = url.hostname === "cdn.example" && url.pathname.match(/^\/cx-scorecard@([^/]+)\/(.*)$/);
    const own = url.hostname === "widget.example" && url.pathname.match(/^\/cx-scorecard\/(.*)$/);
    if (cdn && !`${pkgVersion()}.`.startsWith(`${cdn[1]}.`)) problems.push(`${url.href} names version ${cdn[1]}, but the package is ${pkgVersion()}`);
    const rest = cdn ? cdn[2] : own ? own[1] : null;
    const file = rest !== null && !normalize(rest).startsWith("..") ? join(PKG, normalize(rest)) : null;
    if (!file || !existsSync(file) || rest === "") return route.fulfill({ status: 404, body: "not found", headers: { "access-control-allow-origin": "*" } });
    // Public npm CDNs serve HTML as plain text, so that nobody can host pages on them.
    const type = cdn && extname(file) === ".html" ? "text/plain; charset=utf-8" : TYPES[extname(file)] ?? "application/octet-stream";
    return route.fulfill({
      status: 200,
      body: readFileSync(file),
      headers: { "content-type": type, "access-control-allow-origin": "*", "cache-control": "no-store" },
    });
  });
}

/** Records the widget's events in every frame (they bubble and are composed, so the window hears them). */
function recordEvents() {
  window.__cxDocs = { ready: 0, team: 0, errors: [] };
  addEventListener("cx-scorecard:ready", () => window.__cxDocs.ready++, true);
  addEventListener("cx-scorecard:team-report", (e) => {
    window.__cxDocs.team++;
    window.__cxDocs.respondents = Math.max(window.__cxDocs.respondents ?? 0, e.detail.report.respondents);
  }, true);
  addEventListener("cx-scorecard:error", (e) => window.__cxDocs.errors.push(e.detail), true);
}

/** Opens a page's HTML and returns what went wrong (an empty list when all is well). */
async function runPage(name, html) {
  writeFileSync(join(scratch, "site", `${name}.html`), pageOf(html));
  const context = await browser.newContext();
  const problems = [];
  await routeOrigins(context, problems);
  await context.addInitScript(recordEvents);
  const page = await context.newPage();
  page.on("console", (m) => {
    // A failed request is reported once, below, with its URL.
    if ((m.type() === "error" || m.type() === "warning") && !m.text().startsWith("Failed to load resource")) {
      problems.push(`console ${m.type()}: ${m.text()}`);
    }
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // A team report reads its results as they arrive (a stream): Chromium under Playwright's
    // routing can call such a request aborted after its last byte was read (microsoft/playwright
    // #42742). Whether the results arrived is checked below, by the report's count.
    if (/\/(results\.ndjson|last-quarter\.json)$/.test(r.url()) && r.failure()?.errorText === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400) problems.push(`${r.status()} for ${r.url()}`);
  });
  const widget = /<cx-scorecard[\s>]|\bmount\(|\bframe\(/.test(html);
  const team = /<cx-scorecard-team[\s>]|\bmountTeam\(/.test(html);
  try {
    await page.goto(`${site.origin}/${name}.html`, { waitUntil: "load" });
    const loaded = Date.now();
    const deadline = Date.now() + 20000;
    const state = async () => {
      const counts = await page.evaluate(() => window.__cxDocs);
      let start = 0;
      for (const frame of page.frames()) start += await frame.getByRole("button", { name: START }).count().catch(() => 0);
      return { ...counts, start };
    };
    let now = await state();
    while (Date.now() < deadline && ((widget && !(now.ready > 0 && now.start > 0)) || (team && now.team === 0))) {
      await page.waitForTimeout(100);
      now = await state();
    }
    if (widget && now.start === 0) problems.push("the widget's Start button never showed");
    else if (widget && now.ready === 0) problems.push("the widget never fired cx-scorecard:ready");
    if (team && now.team === 0) problems.push("the team report never fired cx-scorecard:team-report");
    // Chromium says that a preload went unused 3 s after the load event.
    const settle = /rel=["']?preload/i.test(html) ? loaded + 3500 - Date.now() : 300;
    if (settle > 0) await page.waitForTimeout(settle);
    // A team report loads its results after its first report: closing before they arrive would
    // cut their requests off.
    if (team) await page.waitForLoadState("networkidle", { timeout: 10000 }).catch(() => problems.push("the team report's requests never ended"));
    if (/results-src=/.test(html) && !((await page.evaluate(() => window.__cxDocs.respondents)) > 0)) problems.push("the team report's results-src never arrived");
    for (const frame of page.frames()) {
      const errors = await frame.evaluate(() => window.__cxDocs?.errors ?? []).catch(() => []);
      for (const e of errors) problems.push(`cx-scorecard:error ${JSON.stringify(e)}`);
    }
  } catch (e) {
    problems.push(`could not run the page: ${e.message.split("\n")[0]}`);
  } finally {
    await context.close();
  }
  return problems;
}

async function runPages() {
  const pages = [
    ...BLOCKS.filter((b) => b.lang === "html").map((b) => ({ block: b, at: where(b), html: b.text })),
    ...madePages,
  ];
  // A few at a time: each compiles the wasm.
  const queue = [...pages];
  await Promise.all(Array.from({ length: 4 }, async () => {
    for (let p = queue.shift(); p; p = queue.shift()) {
      const problems = await runPage(`${slug(p.block.doc)}-L${p.at.split(":")[1]}`, p.html);
      for (const problem of problems) note(p.block, `${p.at}: ${problem}`);
    }
  }));
}

// --- css: parsed by Chromium ---

async function checkCss() {
  const blocks = BLOCKS.filter((b) => b.lang === "css");
  if (blocks.length === 0) return;
  const page = await browser.newPage();
  for (const b of blocks) {
    const parsed = await page.evaluate((css) => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      return [...sheet.cssRules].map((r) => r.cssText).join("\n");
    }, b.text);
    const declared = [...b.text.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([\w-]+)\s*:[^;{}]+[;}]/g)].map((m) => m[1]);
    if (declared.length === 0) note(b, `${where(b)}: no declaration found`);
    for (const property of declared) {
      if (!parsed.includes(`${property}:`)) note(b, `${where(b)}: Chromium drops \`${property}\` (an invalid value?): it parsed ${parsed || "nothing"}`);
    }
  }
  await page.close();
}

// --- the tests: one per block, and the documents' own rules ---

before(async () => {
  assert.ok(existsSync(join(PKG, "package.json")), "pkg/package.json is missing: run scripts/build.sh first");
  for (const bin of ["vue-tsc/bin/vue-tsc.js", "svelte-check/bin/svelte-check"]) {
    assert.ok(existsSync(join(ROOT, "node_modules", bin)), `node_modules/${bin} is missing: run scripts/setup.sh (npm ci)`);
  }
  scratch = mkdtempSync(join(tmpdir(), "cx-scorecard-docs-"));
  // A project that has installed the package: its node_modules holds what the repository's does,
  // and cx-scorecard is the built package.
  mkdirSync(join(scratch, "node_modules"));
  for (const name of readdirSync(join(ROOT, "node_modules"))) {
    if (name !== ".bin" && !name.startsWith(".")) symlinkSync(join(ROOT, "node_modules", name), join(scratch, "node_modules", name));
  }
  symlinkSync(PKG, join(scratch, "node_modules", "cx-scorecard"));
  for (const b of BLOCKS) if (b.lang === "sh") checkShell(b);
  browser = await launch();
  site = await startServer({ root: makeSite() });
  await Promise.all([typecheck(), svelteCheck(), runPages(), checkCss()]);
});

after(async () => {
  await browser?.close();
  site?.server.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});


test("the documentation has code blocks, each with a language this test checks", () => {
  assert.ok(BLOCKS.length > 0, "no code blocks found in README.md and docs/*.md");
  const bad = BLOCKS.filter((b) => !CHECKED.has(b.lang) || !b.closed)
    .map((b) => `${where(b)}: ${!b.closed ? "the block is never closed" : b.lang ? `\`\`\`${b.lang} is a language this test does not check` : "a block without a language"} (checked: ${[...CHECKED].join(", ")}; \`\`\`text opts out)`);
  assert.deepEqual(bad, []);
});

for (const b of BLOCKS.filter((b) => b.lang !== "text")) {
  test(`${where(b)} ${b.lang}`, () => {
    if (b.lang === "json") {
      try {
        JSON.parse(b.text);
      } catch (e) {
        note(b, `${where(b)}: not JSON: ${e.message}`);
      }
    }
    const problems = found.get(where(b)) ?? [];
    if (problems.length > 0) assert.fail(`${where(b)} (a ${b.lang} block):\n${problems.join("\n")}`);
  });
}

test("nothing went wrong outside the blocks (the package's declarations, the checkers)", () => {
  const outside = [...found].filter(([w]) => !BLOCKS.some((b) => where(b) === w));
  assert.deepEqual(outside, []);
});

test("README.md starts with the two commands, right after its first screen", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const headings = [...readme.matchAll(/^## (.*)$/gm)].map((m) => m[1]);
  assert.equal(headings[0], "The two commands", `the first section is "${headings[0]}"`);
  const section = readme.slice(readme.indexOf("## The two commands"));
  for (const script of ["scripts/demo.sh", "scripts/test.sh"]) {
    assert.match(section.slice(0, 400), new RegExp(`bash ${script.replace(".", "\\.")}`), `the two commands name ${script}`);
    assert.ok(existsSync(join(ROOT, script)), `${script} does not exist`);
  }
});

test("the documents' links lead to files and headings that exist, and their prose lines are at most 120 characters", () => {
  const problems = [];
  for (const doc of DOCS) {
    const text = readFileSync(join(ROOT, doc), "utf8");
    let inside = false;
    text.split("\n").forEach((line, i) => {
      if (/^ *(`{3,}|~{3,})/.test(line)) inside = !inside;
      else if (!inside && line.length > 120) problems.push(`${doc}:${i + 1}: ${line.length} characters`);
    });
    const prose = text.replace(/^ *(`{3,}|~{3,})[\s\S]*?^ *\1\s*$/gm, "");
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target)) continue;
      const [path, anchor] = target.split("#");
      const file = path ? join(ROOT, dirname(doc), path) : join(ROOT, doc);
      if (!existsSync(file)) {
        problems.push(`${doc}: the link to ${target} leads nowhere`);
      } else if (anchor && file.endsWith(".md")) {
        const slugs = [...readFileSync(file, "utf8").matchAll(/^#+ (.*)$/gm)].map((m) => m[1].toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, "").replace(/ /g, "-"));
        if (!slugs.includes(anchor)) problems.push(`${doc}: the link to ${target}: no such heading in ${relative(ROOT, file)}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
