// The benchmark: sizes, time to the first interactive screen (cold cache), click-to-paint
// latency over a scripted full run, scoring time, and wasm memory, in headless Chromium on a
// local server. Prints a table. Timings vary by machine; only sizes are gated (scripts/size.mjs).
//
// Two rows measure the browser rather than the widget, so the others can be read against them:
// an empty page's navigation to `load` (cold cache), and a click that changes nothing to the next
// paint (which waits for the next frame, up to 16.7 ms at 60 Hz, however little work a click does).
import { existsSync, mkdtempSync, openSync, writeSync, closeSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, startServer, answerAll, TABLE } from "../tests/pages/harness.mjs";
import { sizes } from "./size.mjs";
import { firstScreenRows, routes } from "./bench-first-screen.mjs";

const RUNS = Number(process.env.BENCH_RUNS || 10);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const ms = (x) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;
const browser = await launch();
const site = await startServer({ routes });
// The package's folder on another origin, as a CDN serves it; and the Vite production app that
// scripts/bench.sh builds with the package, if it could.
const cdn = await startServer({ root: "pkg" });
const VITE_APP = "target/bench-vite/dist";
const vite = existsSync(`${VITE_APP}/index.html`) ? await startServer({ root: VITE_APP }) : null;
const rows = [];

// 1. Navigation start → first screen interactive (the `ready` event), cold cache each run, on the
// demo page and on a page that holds nothing but the widget; and an empty page's navigation
// start → load, the floor this browser and machine set.
const firstScreen = [];
const plainScreen = [];
const firstQuestion = [];
const emptyPage = [];
const plainWork = [];
const emptyWork = [];
const elementSlow = [];
const elementSlowDe = [];
/** A fresh page with the cache off; `ready` is when the widget's ready event came, if it did. */
async function coldPage(path, { latency = 0, locale } = {}) {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (latency) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
  // A route makes Playwright intercept every request of the page, so only the empty page has one.
  if (path === "__empty.html") await page.route("**/__empty.html", (r) => r.fulfill({ contentType: "text/html", body: "<!doctype html><title>empty</title>" }));
  await page.addInitScript(() => {
    document.addEventListener("cx-scorecard:ready", () => (window.__ready = performance.now()), { once: true });
  });
  await page.goto(`${site.origin}/${path}`, { waitUntil: "load" });
  const ready = () => page.waitForFunction(() => window.__ready).then(() => page.evaluate(() => window.__ready));
  // The main thread's CPU time so far, in ms: all tasks, and of that script, and style and layout.
  const work = async () => {
    const m = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((x) => [x.name, x.value * 1000]));
    return { tasks: m.TaskDuration, script: m.ScriptDuration, layout: m.RecalcStyleDuration + m.LayoutDuration };
  };
  return { context, page, ready, work };
}
for (let i = 0; i < RUNS; i++) {
  {
    const { context, page, work } = await coldPage("__empty.html");
    emptyPage.push(await page.evaluate(() => performance.getEntriesByType("navigation")[0].loadEventEnd));
    emptyWork.push(await work());
    await context.close();
  }
  {
    const { context, ready, work } = await coldPage("embed.html");
    plainScreen.push(await ready());
    plainWork.push(await work());
    await context.close();
  }
  {
    // The custom element, one script tag and no preload hints, over a 100 ms round trip: the
    // requests it makes one after another show here.
    const { context, ready } = await coldPage("element.html", { latency: 100 });
    elementSlow.push(await ready());
    await context.close();
  }
  {
    // The same for a visitor whose browser is in German: the language pack is one more request.
    const { context, ready } = await coldPage("element.html", { latency: 100, locale: "de-DE" });
    elementSlowDe.push(await ready());
    await context.close();
  }
  const { context, page, ready } = await coldPage("index.html");
  firstScreen.push(await ready());
  // Start → the first statement on screen (through the optional profile page).
  const t = await page.evaluate(async () => {
    const w = document.getElementById("widget");
    const frame = () => new Promise((ok) => requestAnimationFrame(() => { const c = new MessageChannel(); c.port1.onmessage = ok; c.port2.postMessage(0); }));
    const t0 = performance.now();
    w.querySelector(".cxs-intro button").click();
    while (!w.querySelector(".cxs-profile")) await frame();
    w.querySelector(".cxs-profile button[type=submit]").click();
    while (!w.querySelector("fieldset.cxs-item")) await frame();
    await frame();
    return performance.now() - t0;
  });
  firstQuestion.push(t);
  await context.close();
}
rows.push(["navigation → first screen interactive, cold cache, demo page (p50 / p95)", `${ms(pct(firstScreen, 50))} / ${ms(pct(firstScreen, 95))}`, "< 150 ms"]);
rows.push(["  the same on a page with only the widget (embed.html)", `${ms(pct(plainScreen, 50))} / ${ms(pct(plainScreen, 95))}`, "< 150 ms"]);
const p50 = (key) => ms(pct(plainWork.map((w) => w[key]), 50));
rows.push(["  main-thread CPU until then on embed.html, p50: all tasks / script / style and layout", `${p50("tasks")} / ${p50("script")} / ${p50("layout")}`, ""]);
rows.push(["  the custom element (element.html) over a 100 ms round trip", `${ms(pct(elementSlow, 50))} / ${ms(pct(elementSlow, 95))}`, ""]);
rows.push(["  the same for a visitor in German (plus the language pack)", `${ms(pct(elementSlowDe, 50))} / ${ms(pct(elementSlowDe, 95))}`, ""]);
rows.push(["  for reference: an empty page, navigation → load (p50 / p95)", `${ms(pct(emptyPage, 50))} / ${ms(pct(emptyPage, 95))}`, ""]);
rows.push(["  and its main-thread CPU, all tasks (p50)", ms(pct(emptyWork.map((w) => w.tasks), 50)), ""]);
rows.push(["start → first question painted (p50 / p95)", `${ms(pct(firstQuestion, 50))} / ${ms(pct(firstQuestion, 95))}`, ""]);

// 2. Click-to-paint over a scripted full run.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__latency = [];
    addEventListener("click", (e) => {
      const t0 = e.timeStamp;
      // A click on a label also clicks its radio; count the label's click once.
      if (e.target.tagName === "INPUT") return;
      const kind = e.target.closest?.("label") ? "answer" : e.target.closest?.("button") ? "page" : "none";
      requestAnimationFrame(() => {
        const c = new MessageChannel();
        c.port1.onmessage = () => window.__latency.push({ kind, ms: performance.now() - t0 });
        c.port2.postMessage(0);
      });
    }, true);
  });
  await page.goto(`${site.origin}/index.html`);
  const w = page.locator("#widget");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w, TABLE);
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  // Clicks on text that does nothing: the same measure with no work behind it.
  const still = w.locator(".cxs-kicker");
  for (let i = 0; i < 36; i++) {
    const before = await page.evaluate(() => window.__latency.length);
    await still.click();
    await page.waitForFunction((n) => window.__latency.length > n, before);
  }
  const lat = await page.evaluate(() => window.__latency);
  const answers = lat.filter((l) => l.kind === "answer").map((l) => l.ms);
  const pages = lat.filter((l) => l.kind === "page").map((l) => l.ms);
  const idle = lat.filter((l) => l.kind === "none").map((l) => l.ms);
  rows.push([`answer click → next paint, ${answers.length} clicks (p50 / p95)`, `${ms(pct(answers, 50))} / ${ms(pct(answers, 95))}`, "p95 < 16 ms"]);
  rows.push([`  for reference: a click that changes nothing → next paint, ${idle.length} clicks (p50 / p95)`, `${ms(pct(idle, 50))} / ${ms(pct(idle, 95))}`, ""]);
  rows.push([`page change click → next paint, ${pages.length} clicks (p50 / p95)`, `${ms(pct(pages, 50))} / ${ms(pct(pages, 95))}`, ""]);
  // The benchmark's own build (scripts/bench.sh): the shipped one has no benchmarkScoring.
  const scoring = await page.evaluate(async () => {
    const bench = await import("/bench-pkg/cx_scorecard.js");
    await bench.default();
    return bench.benchmarkScoring(2000);
  });
  rows.push(["scoring, caps, recommendations and result JSON (mean of 2000)", ms(scoring), "< 1 ms"]);
  await context.close();
}

// 3. wasm memory after a full run and across 200 mount/destroy cycles.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/many.html`);
  await page.waitForFunction(() => window.cx);
  const w = page.locator("#first");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w, TABLE);
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  const mem = await page.evaluate(async () => ({
    afterRun: window.cx.memoryBytes(),
    after200: await window.cx.cycles(200),
    after400: await window.cx.cycles(200),
  }));
  const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
  rows.push(["wasm memory after a full run", kb(mem.afterRun), ""]);
  rows.push(["wasm memory after 200 / 400 mount-destroy cycles", `${kb(mem.after200)} / ${kb(mem.after400)}`, "flat"]);
  await context.close();
}
// 4. The team report: aggregating 1,000 and 10,000 results (the fixture's 40, repeated with new
// ids) through mountTeam's add(), as objects and as NDJSON text; and the wasm memory after each.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/team-codes.html?team`);
  const team = await page.evaluate(async (runs) => {
    const { default: init, mountTeam } = await import("/team.js");
    const wasm = await init();
    const fixture = await (await fetch("/team-results.json")).json();
    const many = (n) => Array.from({ length: n }, (_, i) => ({ ...fixture[i % 40], id: i.toString(16).padStart(32, "0") }));
    const out = {};
    for (const n of [1000, 10000]) {
      const results = many(n);
      const ndjson = results.map((r) => JSON.stringify(r)).join("\n");
      const times = { objects: [], text: [] };
      // Each kind's runs together, so that one kind's garbage is not collected in the other's time.
      for (const [kind, input] of [["text", ndjson], ["objects", results]]) {
        for (let run = 0; run < runs; run++) {
          const box = document.createElement("div");
          document.body.append(box);
          const h = mountTeam(box, { locale: "en" });
          const t0 = performance.now();
          const report = h.add(input);
          times[kind].push(performance.now() - t0);
          if (report.respondents !== n) throw new Error(`expected ${n} respondents, got ${report.respondents}`);
          h.destroy();
          box.remove();
        }
      }
      out[n] = { ...times, memory: wasm.memory.buffer.byteLength };
    }
    return out;
  }, Math.max(3, Math.min(RUNS, 10)));
  const kb = (b) => `${(b / 1024).toFixed(0)} KiB`;
  for (const n of [1000, 10000]) {
    const t = team[n];
    rows.push([`team report: ${n.toLocaleString("en")} results added as objects / as NDJSON (p50)`, `${ms(pct(t.objects, 50))} / ${ms(pct(t.text, 50))}`, n === 10000 ? "< 100 ms" : ""]);
    rows.push([`  wasm memory of the team module after ${n.toLocaleString("en")}`, kb(t.memory), "proportional"]);
  }
  await context.close();
}
// 4b. A 200 MB NDJSON file (about 94,000 results) chosen in <cx-scorecard-team>: read in pieces,
// the time until its report, and the longest task meanwhile (the page must stay responsive).
{
  const dir = mkdtempSync(join(tmpdir(), "cxs-bench-"));
  const file = join(dir, "big.ndjson");
  const fixture = JSON.parse(readFileSync("www/team-results.json", "utf8"));
  const out = openSync(file, "w");
  let size = 0;
  let count = 0;
  while (size < 200 * 1024 * 1024) {
    const line = `${JSON.stringify({ ...fixture[count % 40], id: `b${count.toString(16).padStart(31, "0")}` })}\n`;
    writeSync(out, line);
    size += line.length;
    count++;
  }
  closeSync(out);
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.origin}/team.html?locale=en`);
  const team = page.locator("cx-scorecard-team");
  await team.getByRole("heading", { name: "Respondents: 40" }).waitFor();
  await page.evaluate(() => {
    window.__tasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__tasks.push(e.duration); }).observe({ type: "longtask" });
    document.querySelector("cx-scorecard-team").addEventListener("cx-scorecard:team-report", (e) => { window.__done = [e.detail.report.respondents, performance.now()]; });
  });
  await team.locator("input[type=file]").setInputFiles(file);
  const start = await page.evaluate(() => performance.now());
  await page.waitForFunction((n) => window.__done?.[0] === n, 40 + count, { timeout: 300_000 });
  const [, end] = await page.evaluate(() => window.__done);
  const longest = await page.evaluate(() => Math.max(0, ...window.__tasks));
  rows.push([`team report: a 200 MB file (${count.toLocaleString("en")} results) read / its longest task`, `${ms(end - start)} / ${ms(longest)}`, "longest < 200 ms"]);
  rmSync(dir, { recursive: true, force: true });
  await context.close();
}
// 5. The first screen per embed path, against SurveyJS running the same assessment.
rows.push(...(await firstScreenRows(browser, site.origin, RUNS, { ms, pct }, { cdn: cdn.origin, vite: vite?.origin })));
await browser.close();
for (const s of [site, cdn, vite]) s?.server.close();

const size = sizes();
rows.unshift(
  ["download to show the widget (gzipped), English", `${(size.total / 1024).toFixed(1)} KB`, "< 150 KB (aim 120 KB)"],
  ["the same in another language (plus its pack)", `${(size.withPack / 1024).toFixed(1)} KB`, "< 150 KB (aim 120 KB)"],
  ["  for information: the same two with Brotli, as most servers send them", `${(size.totalBr / 1024).toFixed(1)} / ${(size.withPackBr / 1024).toFixed(1)} KB`, ""],
);
const w1 = Math.max(...rows.map((r) => r[0].length));
const w2 = Math.max(...rows.map((r) => r[1].length));
console.log(`${"measure".padEnd(w1)}  ${"value".padEnd(w2)}  target`);
console.log(`${"-".repeat(w1)}  ${"-".repeat(w2)}  ------`);
for (const [a, b, c] of rows) console.log(`${a.padEnd(w1)}  ${b.padEnd(w2)}  ${c}`);
