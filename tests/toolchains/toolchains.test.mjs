// The toolchain matrix: pkg/ packed with `npm pack`, installed into small apps made with the
// toolchains the package's users have (Vite 8 with vanilla TypeScript, React 19 in StrictMode and
// Vue 3; webpack 5; Next.js 16 with the app router), and each app type-checked, run in its dev
// server and as a production build, and driven in headless Chromium:
// - a whole run of <cx-scorecard> heard by the framework's own listener;
// - object properties passed the framework's way (a definition and a theme) taking effect;
// - mount() in the framework's effect leaving exactly one widget in its container;
// - setLocale("de") on the element and on mount()'s handle loading the German pack;
// - one wasm download and one copy of the glue per page; no console or page errors, no 404s;
// - for Next.js, the page rendered on the server too.
//
// Each fixture (a folder here) pins its toolchain exactly and has its lockfile, which never names
// the package: the test copies the fixture into a scratch folder, installs the lockfile
// (`npm ci`, from npm's cache where it can), then the tarball with `--no-save`.
//
// Run: node --test tests/toolchains/   (pkg/ must be built; 1.5-2.5 minutes with a warm npm cache)
// By hand, in a copy of a fixture: npm ci; npm install --no-save <the tarball>; copy
// www/quick-check.json to the fixture's src/ (app/ for next); then its scripts (dev, build,
// typecheck).
// CX_TOOLCHAINS=vite-react,next runs only those fixtures; CX_TOOLCHAINS_KEEP=1 keeps the scratch
// folder (its path is printed); CX_TOOLCHAINS_PKG=<dir> packs another build than pkg/.
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, answerAll } from "../pages/harness.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(HERE, "../..");
const PKG = resolve(process.env.CX_TOOLCHAINS_PKG ?? join(ROOT, "pkg"));
const QUICK_CHECK = join(ROOT, "www", "quick-check.json");

/** The accent of the theme object the fixtures pass, as the browser computes it. */
const ACCENT = "rgb(123, 31, 162)"; // #7b1fa2
/** Text that is in the German language pack and in no other module the page loads. */
const DE_PACK = "Netzdiagramm der Dimensionswerte";
/** Text that is in the JS glue once (and in the team glue, which these pages never load). */
const GLUE = "__wbindgen_start";

const BIN = {
  vite: "node_modules/vite/bin/vite.js",
  tsc: "node_modules/typescript/bin/tsc",
  vueTsc: "node_modules/vue-tsc/bin/vue-tsc.js",
  webpack: "node_modules/webpack-cli/bin/cli.js",
  next: "node_modules/next/dist/bin/next",
};
const TSC = [BIN.tsc, "--strict", "--noEmit", "-p", "."];
const vite = {
  definition: "src/quick-check.json",
  typecheck: TSC,
  dev: (port) => [BIN.vite, "--port", port, "--strictPort", "--host", "127.0.0.1"],
  build: [BIN.vite, "build"],
  dist: "dist",
};
const FIXTURES = [
  { name: "vite-vanilla", ...vite, listener: "addEventListener(\"cx-scorecard:complete\")" },
  { name: "vite-react", ...vite, listener: "the React prop oncx-scorecard:complete" },
  { name: "vite-vue", ...vite, typecheck: [BIN.vueTsc, "--strict", "--noEmit", "-p", "."], listener: "Vue's @cx-scorecard:complete" },
  {
    name: "webpack",
    definition: "src/quick-check.json",
    typecheck: TSC,
    dev: (port) => [BIN.webpack, "serve", "--mode", "development", "--port", port, "--host", "127.0.0.1"],
    build: [BIN.webpack, "--mode", "production"],
    dist: "dist",
    listener: "addEventListener(\"cx-scorecard:complete\")",
  },
  {
    name: "next",
    definition: "app/quick-check.json",
    typecheck: TSC,
    dev: (port) => [BIN.next, "dev", "--port", port, "--hostname", "127.0.0.1"],
    build: [BIN.next, "build"],
    start: (port) => [BIN.next, "start", "--port", port, "--hostname", "127.0.0.1"],
    ssr: true,
    listener: "the React prop oncx-scorecard:complete",
  },
];
const only = process.env.CX_TOOLCHAINS?.split(",").map((s) => s.trim()).filter(Boolean);
const selected = only ? FIXTURES.filter((f) => only.includes(f.name)) : FIXTURES;
if (only && selected.length !== only.length) throw new Error(`CX_TOOLCHAINS names no fixture: ${only.filter((n) => !FIXTURES.some((f) => f.name === n))}`);

const ENV = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NO_COLOR: "1",
  FORCE_COLOR: "0",
  BROWSERSLIST_IGNORE_OLD_DATA: "1",
  npm_config_update_notifier: "false",
  npm_config_fund: "false",
  npm_config_audit: "false",
};

// ---------------------------------------------------------------------------------------------
// Processes: each in its own process group, killed as a group (and at exit, whatever happened).

const running = new Set();
process.on("exit", () => {
  for (const child of running) killGroup(child, "SIGKILL");
});
// Interrupted (Ctrl-C, or the runner stopping this file): the servers go too, then the signal's own end.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    for (const child of running) killGroup(child, "SIGKILL");
    if (scratch && !process.env.CX_TOOLCHAINS_KEEP) rmSync(scratch, { recursive: true, force: true });
    process.kill(process.pid, signal);
  });
}

function killGroup(child, signal) {
  if (!(child.pid > 1)) return; // never spawned: there is no group (and -0 would be our own)
  try {
    process.kill(-child.pid, signal);
  } catch (e) {
    if (e.code !== "ESRCH") throw e;
  }
}

/** Starts `command args` in `cwd` in a process group of its own; its output is collected. */
function start(command, args, cwd) {
  const child = spawn(command, args, { cwd, env: ENV, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  child.output = () => output;
  child.command = `${command === process.execPath ? "node" : command} ${args.join(" ")}`;
  running.add(child);
  child.exited = new Promise((resolve) =>
    child.on("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  child.on("error", (e) => (output += `\n[spawn error] ${e.message}`));
  return child;
}

/** Stops a started process and everything it started: SIGTERM, then SIGKILL after 5 s. */
async function stop(child) {
  if (!child) return;
  killGroup(child, "SIGTERM");
  const timer = setTimeout(() => killGroup(child, "SIGKILL"), 5000);
  await child.exited;
  clearTimeout(timer);
  killGroup(child, "SIGKILL"); // any straggler in the group
}

const plain = (text) => text.replace(/\x1b\[[0-9;]*m/g, "");
/** A failed command's output, briefly: its error lines first (a code frame can hide them), then its end. */
function excerpt(text) {
  const lines = plain(text).trimEnd().split("\n");
  const errors = lines.filter((l) => /\berror\b|⨯|failed/i.test(l)).slice(0, 8);
  const end = lines.slice(-25);
  return errors.length && !errors.every((l) => end.includes(l))
    ? `${errors.join("\n")}\n  [...]\n${end.join("\n")}`
    : end.join("\n");
}
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a command to its end; throws with its output's tail when it fails or times out. */
async function run(label, command, args, cwd, timeoutMs) {
  const started = Date.now();
  const child = start(command, args, cwd);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child, "SIGKILL");
  }, timeoutMs);
  const { code, signal } = await child.exited;
  clearTimeout(timer);
  const output = child.output();
  if (timedOut) throw new Error(`${label}: \`${child.command}\` took longer than ${seconds(timeoutMs)}:\n${excerpt(output)}`);
  if (code !== 0) throw new Error(`${label}: \`${child.command}\` failed (${signal ?? `exit code ${code}`}):\n${excerpt(output)}`);
  return { output, ms: Date.now() - started };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a server process and waits until `url` answers (or the process ends: then it throws). */
async function startServer(label, command, cwd, port, timeoutMs = 120_000) {
  const child = start(process.execPath, command(String(port)), cwd);
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  child.exited.then(() => (ended = true));
  for (;;) {
    if (ended) {
      await stop(child); // what it started may still run
      throw new Error(`${label}: \`${child.command}\` ended before it served ${url}:\n${excerpt(child.output())}`);
    }
    if (Date.now() > deadline) {
      await stop(child);
      throw new Error(`${label}: \`${child.command}\` did not answer at ${url} within ${seconds(timeoutMs)}:\n${excerpt(child.output())}`);
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())) });
      return { child, url };
    } catch {
      // not listening yet: poll again
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

// A production build served as plain files: no fallback (a missing file is a 404) and the types
// a host must send, `application/wasm` among them.
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".map": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

function serveStatic(dir) {
  const root = resolve(dir);
  const server = http.createServer((req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = resolve(join(root, path));
    const stat = file.startsWith(root + sep) && existsSync(file) ? statSync(file) : null;
    if (!stat?.isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end(`404 ${path}`);
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-length": stat.size });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((r) => server.close(r)) }),
    ),
  );
}

/** Server log lines that report an error (Next.js marks them ⨯). */
const serverErrors = (output) =>
  plain(output).split("\n").filter((line) => /⨯|\berror\b|\bERR!/i.test(line) && !/\b0 errors?\b/i.test(line));

// ---------------------------------------------------------------------------------------------
// The page: what every fixture renders, driven the same way in every fixture and mode.
//
// #run       <cx-scorecard>, default assessment; the framework's listener puts what it heard of
//            cx-scorecard:complete in window.cxHeard ({level, answers, result, method: result()})
// #custom    <cx-scorecard> with definition = the quick check object, theme = {accent: "#7b1fa2"}
// #mounted   a <div> the app mount()s into (in the framework's effect, with cleanup)
// #de        a button: setLocale("de") on #run's element and on the mount() handle

async function exercise(browser, label, url, listener) {
  const context = await browser.newContext({ locale: "en-US" });
  const page = await context.newPage();
  const problems = [];
  const warnings = [];
  const responses = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()} (at ${m.location().url || "?"})`);
    if (m.type() === "warning") warnings.push(`console warning: ${m.text().split("\n").slice(0, 3).join(" / ")}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on("response", (r) => {
    responses.push(r);
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  await context.addInitScript(() => {
    window.cxErrors = [];
    addEventListener("cx-scorecard:error", (e) => window.cxErrors.push({ on: e.target?.id, detail: e.detail }), true);
  });

  /** What each widget shows (its heading and buttons) and the element's option properties. */
  const shown = () =>
    page.evaluate(() =>
      ["run", "custom", "mounted"].map((id) => {
        const el = document.getElementById(id);
        const root = el?.shadowRoot ?? el;
        if (!root) return `#${id}: missing`;
        const heading = root.querySelector("h2")?.textContent;
        const buttons = [...root.querySelectorAll("button")].map((b) => b.textContent);
        const props = id === "mounted" ? "" : `, .definition is ${typeof el.definition}, .theme is ${JSON.stringify(el.theme)}`;
        return `#${id}: heading ${JSON.stringify(heading)}, buttons ${JSON.stringify(buttons)}${props}`;
      }),
    ).catch((e) => [`(could not read the page: ${e.message})`]);

  /**
   * Waits for something; on failure, says what, why (Playwright's first lines, and what blocked
   * a click), what the widgets show, and everything that went wrong on the page so far.
   */
  const expect = async (what, promise) => {
    try {
      return await promise;
    } catch (e) {
      const lines = plain(e.message).split("\n").map((l) => l.trim());
      const why = [...new Set([lines[0], ...lines.slice(1).filter((l) => /intercepts pointer events|not visible|not enabled|detached/.test(l))])].slice(0, 3);
      const seen = [...(await shown()), ...problems, ...warnings];
      throw new Error(`${label}: ${what}: ${why.join("\n  ")}\n  on the page:\n    ${seen.join("\n    ")}`);
    }
  };
  const timeout = 30_000;

  try {
    await expect(`loading ${url}`, page.goto(url));
    const run = page.locator("#run");
    const custom = page.locator("#custom");
    const mounted = page.locator("#mounted");

    // Object properties, passed the framework's way.
    await expect(
      "the definition object set on #custom does not show (no heading \"CX quick check\")",
      custom.getByRole("heading", { name: "CX quick check" }).waitFor({ timeout }),
    );
    const accent = await custom.locator(".cxs-primary").first().evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.equal(accent, ACCENT, `${label}: the theme object set on #custom: the primary button's background`);
    const defaultAccent = await run.locator(".cxs-primary").first().evaluate((b) => getComputedStyle(b).backgroundColor);
    assert.notEqual(defaultAccent, ACCENT, `${label}: #run, which has no theme, has the accent too`);

    // mount() in the framework's effect: exactly one widget in its container.
    await expect(
      "mount() in the app's effect shows no widget in #mounted",
      mounted.getByRole("button", { name: "Start the assessment" }).first().waitFor({ timeout }),
    );
    const widgetsIn = () => page.evaluate(() => {
      const box = document.getElementById("mounted");
      return { children: box.children.length, roots: box.querySelectorAll(".cxs").length };
    });
    assert.deepEqual(await widgetsIn(), { children: 1, roots: 1 }, `${label}: #mounted after mount() in the app's effect`);

    // A whole run, heard by the framework's own listener.
    await expect("#run: Start", run.getByRole("button", { name: "Start the assessment" }).click({ timeout }));
    await expect("#run: the profile page", run.getByRole("heading", { name: "About your organisation" }).waitFor({ timeout }));
    await run.getByRole("button", { name: "Next" }).click();
    await expect("#run: answering the statements", answerAll(run));
    await expect("#run: the result", run.getByRole("heading", { name: "Your result" }).waitFor({ timeout }));
    await expect(
      `the app's listener (${listener}) never received cx-scorecard:complete`,
      page.waitForFunction(() => window.cxHeard?.length > 0, null, { timeout: 10_000 }),
    );
    const heard = await page.evaluate(() => window.cxHeard);
    assert.equal(heard.length, 1, `${label}: the app's listener (${listener}) heard cx-scorecard:complete ${heard.length} times`);
    const [{ level, answers, result, method }] = heard;
    assert.equal(level, 3, `${label}: result.overall.level as the app's listener read it`);
    assert.equal(answers, 36, `${label}: result.answers.length as the app's listener read it`);
    assert.equal(result.overall.score, 58.3, `${label}: result.overall.score`);
    assert.equal(result.assessment.id, "cx-operations", `${label}: result.assessment.id`);
    assert.deepEqual(method, result, `${label}: document.querySelector("cx-scorecard").result() in the listener`);

    // setLocale("de") on the element and on the handle: the German pack, loaded on demand.
    const bodies = await scriptBodies(responses);
    assert.deepEqual(bodies.filter((b) => b.text?.includes(DE_PACK)).map((b) => b.url), [], `${label}: the German pack was loaded before setLocale("de")`);
    await page.locator("#de").click();
    await expect("#run after setLocale(\"de\") (heading \"Ihr Ergebnis\")", run.getByRole("heading", { name: "Ihr Ergebnis" }).waitFor({ timeout }));
    await expect(
      "#mounted after handle.setLocale(\"de\") (button \"Bewertung starten\")",
      mounted.getByRole("button", { name: "Bewertung starten" }).waitFor({ timeout }),
    );
    assert.deepEqual(await page.evaluate(() => document.getElementById("run").result()), result, `${label}: #run.result() after setLocale("de")`);
    assert.deepEqual(await widgetsIn(), { children: 1, roots: 1 }, `${label}: #mounted at the end`);
    await expect("waiting for the network to settle", page.waitForLoadState("networkidle", { timeout }));

    // What the page fetched.
    const all = await scriptBodies(responses);
    const dePacks = all.filter((b) => b.text?.includes(DE_PACK)).map((b) => b.url);
    assert.equal(dePacks.length, 1, `${label}: modules with the German pack: ${JSON.stringify(dePacks)}`);
    // The glue names its start function once: a bundle that holds two copies names it twice.
    const glues = all.flatMap((b) => (b.text?.split(GLUE).length ?? 1) > 1 ? [`${b.url} (${b.text.split(GLUE).length - 1}×)`] : []);
    const copies = all.reduce((n, b) => n + (b.text?.split(GLUE).length ?? 1) - 1, 0);
    assert.equal(copies, 1, `${label}: copies of the glue (${GLUE} in the scripts): ${JSON.stringify(glues)}`);
    const unread = all.filter((b) => b.text === null).map((b) => b.url);
    assert.deepEqual(unread, [], `${label}: scripts whose text could not be read (to count the glue and the packs)`);
    const wasm = responses.filter((r) => new URL(r.url()).pathname.endsWith(".wasm"));
    assert.equal(wasm.length, 1, `${label}: wasm downloads: ${JSON.stringify(wasm.map((r) => `${r.status()} ${r.url()}`))}`);
    assert.equal(wasm[0].headers()["content-type"]?.split(";")[0], "application/wasm", `${label}: the content type of ${wasm[0].url()}`);
    assert.deepEqual(await page.evaluate(() => window.cxErrors), [], `${label}: cx-scorecard:error events`);
    assert.deepEqual(problems, [], `${label}: console errors, page errors, failed requests and HTTP errors`);
    return { wasm: wasm[0].url(), glue: glues[0], dePack: dePacks[0] };
  } finally {
    await context.close();
  }
}

/** The text of every script the page received (by URL, each once). */
async function scriptBodies(responses) {
  const seen = new Map();
  for (const r of responses) {
    const type = r.headers()["content-type"] ?? "";
    if (!/javascript|ecmascript/.test(type) || seen.has(r.url()) || r.status() !== 200) continue;
    let text = null;
    try {
      text = (await r.body()).toString("utf8");
    } catch {
      // reported by the caller
    }
    seen.set(r.url(), text);
  }
  return [...seen].map(([url, text]) => ({ url, text }));
}

// ---------------------------------------------------------------------------------------------

let scratch, tarball, browser;
const timings = {};

before(async () => {
  assert.ok(existsSync(join(PKG, "package.json")), "pkg/package.json is missing: build the package (scripts/build.sh) first");
  assert.ok(existsSync(QUICK_CHECK), `${QUICK_CHECK} is missing`);
  scratch = mkdtempSync(join(tmpdir(), "cx-toolchains-"));
  const packDir = join(scratch, "tarball");
  mkdirSync(packDir);
  const { output } = await run("npm pack", "npm", ["pack", PKG, "--pack-destination", packDir, "--json", "--loglevel=error"], ROOT, 120_000);
  const [packed] = JSON.parse(output.slice(output.indexOf("[")));
  tarball = join(packDir, packed.filename);
  assert.ok(existsSync(tarball), `npm pack wrote no ${tarball}`);
  const files = packed.files.map((f) => f.path);
  const needed = ["index.js", "element.js", "cx_scorecard.js", "cx_scorecard_bg.wasm", "locales/de.js", "element.d.ts", "index.d.ts"];
  const missing = needed.filter((f) => !files.includes(f));
  assert.deepEqual(missing, [], `${PKG} lacks files the fixtures use (a build in progress?)`);
  browser = await launch();
});

after(async () => {
  // Whatever a failed or timed-out test left running.
  await Promise.all([...running].map(stop));
  await browser?.close();
  const names = Object.keys(timings);
  if (names.length) {
    const keys = ["install", "typecheck", "dev", "build", "prod"];
    const cell = (t) => (t ? `${(t.ms / 1000).toFixed(1)}${t.ok ? " " : "!"}` : "- ").padStart(10);
    const row = (n) => keys.map((k) => cell(timings[n][k])).join("");
    console.log(
      `toolchain timings in seconds (! = failed)\n  ${"".padEnd(14)}${keys.map((k) => k.padStart(10)).join("")}\n` +
        names.map((n) => `  ${n.padEnd(14)}${row(n)}`).join("\n"),
    );
  }
  if (scratch && !process.env.CX_TOOLCHAINS_KEEP) rmSync(scratch, { recursive: true, force: true });
  else if (scratch) console.log(`scratch kept: ${scratch}`);
});

for (const fixture of selected) {
  describe(fixture.name, () => {
    const source = join(HERE, fixture.name);
    let dir;
    /** Runs a step and keeps its time (marked failed if it throws). */
    const timed = async (key, step) => {
      const started = Date.now();
      let ok = false;
      try {
        const value = await step();
        ok = true;
        return value;
      } finally {
        (timings[fixture.name] ??= {})[key] = { ms: Date.now() - started, ok };
      }
    };

    before(() =>
      timed("install", async () => {
        dir = join(scratch, fixture.name);
        // The fixture's own files only: never what a hand run left in it.
        cpSync(source, dir, {
          recursive: true,
          filter: (path) => !/^(node_modules|dist|\.next|next-env\.d\.ts|AGENTS\.md|CLAUDE\.md)$/.test(relative(source, path).split(sep)[0]),
        });
        copyFileSync(QUICK_CHECK, join(dir, fixture.definition));
        const lock = readFileSync(join(dir, "package-lock.json"), "utf8");
        const manifest = readFileSync(join(dir, "package.json"), "utf8");
        const flags = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];
        await run(`${fixture.name} install`, "npm", ["ci", ...flags], dir, 300_000);
        await run(`${fixture.name} install`, "npm", ["install", "--no-save", ...flags, tarball], dir, 120_000);
        assert.equal(readFileSync(join(dir, "package-lock.json"), "utf8"), lock, `${fixture.name}: installing the tarball changed the fixture's lockfile`);
        assert.equal(readFileSync(join(dir, "package.json"), "utf8"), manifest, `${fixture.name}: installing the tarball changed the fixture's package.json`);
        const installed = JSON.parse(readFileSync(join(dir, "node_modules/cx-scorecard/package.json"), "utf8"));
        assert.equal(installed.version, JSON.parse(readFileSync(join(PKG, "package.json"), "utf8")).version, `${fixture.name}: the installed cx-scorecard`);
      }),
    );

    test("type-checks with the package's own types", { timeout: 180_000 }, () =>
      timed("typecheck", () => run(`${fixture.name} typecheck`, process.execPath, fixture.typecheck, dir, 170_000)),
    );

    /** Runs a server (dev, or `next start`) and drives the page it serves. */
    async function serveAndExercise(t, label, args) {
      const port = await freePort();
      const { child, url } = await startServer(label, args, dir, port);
      try {
        if (fixture.ssr) await checkServerRender(label, url, child);
        const seen = await exercise(browser, label, url, fixture.listener);
        t.diagnostic(`wasm ${seen.wasm}, glue ${seen.glue}, de pack ${seen.dePack}`);
        assert.deepEqual(serverErrors(child.output()), [], `${label}: errors in the server's log`);
      } finally {
        await stop(child);
      }
    }

    test("dev server", { timeout: 300_000 }, (t) => timed("dev", () => serveAndExercise(t, `${fixture.name} dev`, fixture.dev)));

    test("production build", { timeout: 420_000 }, async (t) => {
      const label = `${fixture.name} prod`;
      const built = await timed("build", () => run(`${fixture.name} build`, process.execPath, fixture.build, dir, 400_000));
      const warnings = plain(built.output).split("\n").filter((l) => /warn/i.test(l));
      if (warnings.length) t.diagnostic(`build warnings:\n${warnings.join("\n")}`);
      await timed("prod", async () => {
        if (fixture.start) return serveAndExercise(t, label, fixture.start);
        const site = await serveStatic(join(dir, fixture.dist));
        try {
          const seen = await exercise(browser, label, site.url, fixture.listener);
          t.diagnostic(`wasm ${seen.wasm}, glue ${seen.glue}, de pack ${seen.dePack}`);
        } finally {
          await site.close();
        }
      });
    });
  });
}

/** The page as the server renders it: 200, with the element in the HTML. */
async function checkServerRender(label, url, server) {
  const res = await fetch(url);
  const html = await res.text();
  assert.equal(res.status, 200, `${label}: the server answered GET ${url} with ${res.status}; its log:\n${excerpt(server.output())}`);
  assert.match(html, /<cx-scorecard[\s>]/, `${label}: the server-rendered HTML has no <cx-scorecard>`);
  assert.match(html, /<div id="mounted"/, `${label}: the server-rendered HTML has no #mounted`);
}
