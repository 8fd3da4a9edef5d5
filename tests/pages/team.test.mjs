// The team report in Chromium: <cx-scorecard-team> and mountTeam (pkg/cx_scorecard_team.js), read
// against the engine's own report of the same fixture (tests/golden/team-report.json, made by the
// native test `the_forty_results_fixture_gives_the_golden_report`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setup, openPage } from "./harness.mjs";

const env = setup();
const GOLDEN = JSON.parse(readFileSync(new URL("../golden/team-report.json", import.meta.url), "utf8"));
const FIXTURE = JSON.parse(readFileSync(new URL("../../www/team-results.json", import.meta.url), "utf8"));
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Records every cx-scorecard:* event on the page, from before any script runs; and gives the page
 * `__mountTeam(options)`, which loads the team module and mounts a report into a new box. */
async function recording(page) {
  await page.addInitScript(() => {
    window.__mountTeam = async (options) => {
      const { default: init, mountTeam } = await import("/team.js");
      await init();
      const box = document.createElement("div");
      document.body.append(box);
      return mountTeam(box, options);
    };
    window.__events = [];
    for (const name of ["team-report", "error"]) {
      document.addEventListener(`cx-scorecard:${name}`, (e) => window.__events.push({ name, detail: e.detail }), true);
    }
  });
}

/** The last team report event once it has `respondents` respondents. */
async function reportWith(page, respondents) {
  await page.waitForFunction((n) => window.__events.some((e) => e.name === "team-report" && e.detail.report.respondents === n), respondents);
  return page.evaluate((n) => window.__events.filter((e) => e.name === "team-report" && e.detail.report.respondents === n).at(-1).detail.report, respondents);
}

async function open(path) {
  // A page of the same origin first, so that the recorder is in place before the real one loads.
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/privacy.html`);
  await recording(page);
  await page.goto(`${env.site.origin}${path}`);
  return { page, context, problems };
}

test("40 results through results-src give the engine's report, shown as groups, chart, table and findings", async () => {
  const { page, context, problems } = await open("/team.html?locale=en");
  const report = await reportWith(page, 40);
  assert.deepEqual(report, GOLDEN);
  const team = page.locator("cx-scorecard-team");
  await team.getByRole("heading", { name: "Respondents: 40" }).waitFor();
  for (const text of ["Leaders: 9", "Front line: 16", "Support functions: 13"]) await team.getByText(text, { exact: true }).waitFor();
  // The chart is an image with a label; the table holds its figures.
  const chart = team.locator("svg.cxs-team-chart[role=img]");
  assert.match(await chart.getAttribute("aria-label"), /The table below holds the same figures/);
  const d4 = GOLDEN.dimensions[3];
  const row = team.getByRole("row", { name: `${d4.title} · Whole team` });
  const cells = await row.getByRole("cell").allTextContents();
  assert.deepEqual(cells.slice(0, 4), [String(d4.n), String(d4.mean), `${d4.q1}–${d4.q3}`, String(d4.sd)]);
  const leaders = await team.getByRole("row", { name: `${d4.title} · Leaders` }).getByRole("cell").allTextContents();
  assert.equal(leaders[1], String(d4.groups.find((g) => g.id === "leaders").mean));
  // The largest gap, in words, with both means.
  const gap = GOLDEN.gaps[0];
  const mean = (id) => GOLDEN.dimensions.find((d) => d.id === gap.dimensionId).groups.find((g) => g.id === id).mean;
  await team.getByText(`Leaders score ${GOLDEN.dimensions.find((d) => d.id === gap.dimensionId).title} ${gap.difference} points higher than Front line (${mean("leaders")} vs ${mean("front-line")})`).waitFor();
  assert.equal(await team.locator("ol.cxs-divided > li").count(), 5);
  assert.equal(await team.locator("ol.cxs-team-recs > li").count(), GOLDEN.recommendations.length);
  await team.getByText(`${GOLDEN.overall.level} · ${GOLDEN.overall.levelName} · ${GOLDEN.overall.score}`).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test("dropped and chosen files: each rejection listed with its reason, the good ones kept, nothing twice", async () => {
  const { page, context, problems } = await open("/team.html?locale=en");
  await reportWith(page, 40);
  const team = page.locator("cx-scorecard-team");
  const fresh = (i) => ({ ...FIXTURE[i], id: `ffff${FIXTURE[i].id.slice(4)}` });
  const other = { ...FIXTURE[1], id: "e".repeat(32), assessment: { ...FIXTURE[1].assessment, id: "another" } };
  // Dropped: a good file of two new results, a duplicate, another assessment's result, and not JSON.
  await team.locator(".cxs-drop").evaluate((zone, files) => {
    const data = new DataTransfer();
    for (const [name, text] of files) data.items.add(new File([text], name, { type: "application/json" }));
    zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  }, [
    ["good.json", JSON.stringify([fresh(0), fresh(1)])],
    ["again.json", JSON.stringify(FIXTURE[5])],
    ["other.json", JSON.stringify(other)],
    ["notes.json", "these are my notes, not JSON"],
  ]);
  await reportWith(page, 42);
  // Chosen: NDJSON, one line good, one line broken.
  await team.locator("input[type=file]").setInputFiles({
    name: "more.ndjson", mimeType: "application/x-ndjson", buffer: Buffer.from(`${JSON.stringify(fresh(2))}\n{broken\n`),
  });
  const report = await reportWith(page, 43);
  assert.deepEqual(report.rejected, [
    { source: "again.json, line 1", reason: "a duplicate of a result already added", code: "duplicate" },
    { source: "other.json, line 1", reason: "a result of another assessment", code: "other-assessment" },
    { source: "notes.json", reason: "not JSON", code: "not-json" },
    { source: "more.ndjson, line 2", reason: "not JSON", code: "not-json" },
  ]);
  const listed = await team.locator(".cxs-rejected li").allTextContents();
  assert.deepEqual(listed, report.rejected.map((r) => `${r.source}: ${r.reason}`));
  // The same file again: all duplicates, nothing lost, nothing counted twice.
  await team.locator("input[type=file]").setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([fresh(0), fresh(1)])) });
  await page.waitForFunction(() => window.__events.at(-1).detail.report.rejected.length === 6);
  const last = await page.evaluate(() => window.__events.at(-1).detail.report);
  assert.equal(last.respondents, 43);
  assert.deepEqual(last.rejected.slice(4).map((r) => r.source), ["good.json, result 1", "good.json, result 2"]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("pasted result codes from three real widget completions produce their report", async () => {
  const { page, context, problems } = await open("/team-codes.html");
  // Three completions of the widget with a result code each.
  const codes = [];
  const results = [];
  for (const [role, value] of [["executive", "5"], ["front-line-staff", "2"], ["cx", "3"]]) {
    await page.goto(`${env.site.origin}/team-codes.html`);
    const w = page.locator("cx-scorecard");
    await w.getByRole("button", { name: "Start the assessment" }).click();
    await w.getByLabel("Your role").selectOption(role);
    await w.getByRole("button", { name: "Next" }).click();
    for (let p = 0; p < 7; p++) {
      const items = w.locator("fieldset.cxs-item");
      await items.first().waitFor();
      const heading = await w.locator("h2").textContent();
      for (let i = 0; i < (await items.count()); i++) await items.nth(i).locator(`label:has(input[value="${value}"])`).click();
      await w.locator("button[type=submit]").click();
      await w.locator("h2", { hasNotText: heading }).waitFor();
    }
    const code = await w.getByLabel("Your result code").inputValue();
    assert.match(code, /^cxr1\.[A-Za-z0-9_-]+$/);
    codes.push(code);
    results.push(await page.evaluate(() => document.querySelector("cx-scorecard").result()));
  }
  await page.goto(`${env.site.origin}/team-codes.html?team`);
  const team = page.locator("cx-scorecard-team");
  // Three respondents: as many as the smallest group allowed (the default is five).
  await page.evaluate(() => document.querySelector("cx-scorecard-team").setAttribute("min-group", "3"));
  await team.getByLabel("Paste result JSON or result codes").fill(`${codes.join("\n")}\n${codes[0].slice(0, -3)}xyz`);
  await team.getByRole("button", { name: "Add the pasted results" }).click();
  const fromCodes = await reportWith(page, 3);
  assert.deepEqual(fromCodes.rejected, [{ source: "pasted text, line 4", reason: "not a whole result code (it may have been cut short or changed in copying)", code: "not-a-code" }]);
  // The same three completions' result JSON gives the same report, and their codes added to it
  // are each a duplicate of its result.
  const viaJson = await page.evaluate(async ({ results, codes }) => {
    const h = await window.__mountTeam({ results, locale: "en", minGroup: 3 });
    return { before: h.report(), after: h.add(codes.join("\n")) };
  }, { results, codes });
  const none = { rejected: [], rejectedTotal: 0, rejectedCounts: {} };
  assert.deepEqual({ ...viaJson.before, ...none }, { ...fromCodes, ...none });
  assert.equal(viaJson.after.respondents, 3);
  assert.deepEqual(viaJson.after.rejected.map((r) => r.reason), Array(3).fill("a duplicate of a result already added"));
  // One respondent per role: no group is shown, and no figure is one person's. The team's mean
  // is the mean of the widget's own scores; the lowest and highest are never given.
  for (const [i, d] of fromCodes.dimensions.entries()) {
    const scores = results.map((r) => r.dimensions[i].score);
    assert.deepEqual(d.groups, []);
    assert.equal(d.mean, Math.round((scores.reduce((a, b) => a + b, 0) / 3) * 10) / 10);
    assert.deepEqual([d.min, d.max, d.median, d.q1, d.q3], [undefined, undefined, null, null, null]);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test("mountTeam: add() and report() are synchronous, a previous round gives the change, bad options and URLs are clear", async () => {
  const { page, context, problems } = await open("/team-codes.html");
  const out = await page.evaluate(async (fixture) => {
    const { default: init, mountTeam } = await import("/team.js");
    await init();
    const box = document.createElement("div");
    document.body.append(box);
    const reports = [];
    const h = mountTeam(box, { locale: "en", onReport: (r) => reports.push(r.respondents) });
    const first = h.add(fixture.slice(20));
    const now = h.report();
    const withPrevious = h.add(fixture.slice(0, 20), "previous");
    const alone = document.createElement("div");
    document.body.append(alone);
    const before = mountTeam(alone, { results: fixture.slice(0, 20), locale: "en" }).report();
    const errors = [];
    for (const options of [{ minGroup: "three" }, { groupBy: 3 }, { resultsSrc: "javascript:alert(1)" }, { colour: "red" }, { onReport: "yes" }]) {
      const b = document.createElement("div");
      document.body.append(b);
      try { mountTeam(b, options); errors.push(null); } catch (e) { errors.push(e.message); }
    }
    let addError = null;
    try { h.add(42); } catch (e) { addError = e.message; }
    h.destroy();
    let destroyed = null;
    try { h.add([]); } catch (e) { destroyed = e.message; }
    return { first, now, withPrevious, before, errors, addError, destroyed, reports };
  }, FIXTURE);
  assert.equal(out.first.respondents, 20);
  assert.deepEqual(out.now, out.first);
  // The mount's own (empty) report is not told after add() has told a newer one.
  assert.deepEqual(out.reports, [20, 20]);
  const p = out.withPrevious.previous;
  assert.equal(p.respondents, 20);
  for (const [i, d] of out.withPrevious.dimensions.entries()) {
    const then = out.before.dimensions[i];
    assert.equal(p.dimensions[i].before, then.mean);
    assert.equal(p.dimensions[i].now, d.mean);
    assert.equal(p.dimensions[i].change, Math.round((d.mean - then.mean) * 10) / 10);
  }
  assert.deepEqual(out.errors, [
    'cx-scorecard: options.minGroup must be a whole number of at least 3 (default 5), got "three"',
    "cx-scorecard: options.groupBy must be a string, got a number",
    'cx-scorecard: options.resultsSrc must be an http: or https: URL, got "javascript:alert(1)"',
    "cx-scorecard: options.colour is not an option of mountTeam (its options are results, resultsSrc, baseline, baselineSrc, definition, definitionSrc, locale, groupBy, minGroup, onReport, onError)",
    "cx-scorecard: options.onReport must be a function, got a string",
  ]);
  assert.equal(out.addError, "cx-scorecard: add(results): results must be an array of results, a result, or their JSON or NDJSON text, got a number");
  assert.equal(out.destroyed, "cx-scorecard: add(): this team report was destroyed");
  // A results URL that fails: said with "Try again", reported, and the rest kept.
  await page.goto(`${env.site.origin}/team.html?locale=en&baseline=missing.json`);
  await reportWith(page, 40);
  await page.waitForFunction(() => window.__events.some((e) => e.name === "error"));
  const error = await page.evaluate(() => window.__events.find((e) => e.name === "error").detail);
  assert.equal(error.code, "baseline-src");
  assert.match(error.message, /could not load results from http:\/\/127\.0\.0\.1:\d+\/missing\.json: HTTP 404/);
  const failed = page.locator("cx-scorecard-team .cxs-team-progress li", { hasText: /The results from http:\/\/127\.0\.0\.1:\d+\/missing\.json could not be loaded: HTTP 404\./ });
  await failed.getByRole("button", { name: "Try again" }).waitFor();
  assert.deepEqual(problems().filter((x) => !x.includes("404")), []);
  await context.close();
});

test("two reports on a page keep to their own controls; the first event's listener may add; each addition is said", async () => {
  const { page, context, problems } = await open("/team-codes.html");
  const out = await page.evaluate(async (fixture) => {
    await customElements.whenDefined("cx-scorecard-team");
    const made = [];
    for (let i = 0; i < 2; i++) {
      const el = document.createElement("cx-scorecard-team");
      el.setAttribute("locale", "en");
      document.body.append(el);
      made.push(el);
    }
    // The first report's listener adds to the element it came from.
    const added = await new Promise((resolve, reject) => {
      made[0].addEventListener("cx-scorecard:team-report", () => {
        try { resolve(made[0].add(fixture.slice(0, 5)).respondents); } catch (e) { reject(e); }
      }, { once: true });
    });
    return added;
  }, FIXTURE);
  assert.equal(out, 5);
  const [first, second] = [page.locator("cx-scorecard-team").nth(0), page.locator("cx-scorecard-team").nth(1)];
  await first.getByRole("heading", { name: "Respondents: 5" }).waitFor();
  await second.getByText("No results yet.", { exact: false }).waitFor();
  // Each report's ids are its own: the second's label leads to the second's paste box.
  const ids = await page.evaluate(() => [...document.querySelectorAll("cx-scorecard-team")].map((el) => [...el.shadowRoot.querySelectorAll("[id]")].map((x) => x.id)));
  assert.equal(new Set(ids.flat()).size, ids.flat().length, JSON.stringify(ids));
  await second.getByLabel("Paste result JSON or result codes").fill(`${JSON.stringify(FIXTURE[6])}\n${JSON.stringify(FIXTURE[7])}\n{"x": 1}`);
  await second.getByRole("button", { name: "Add the pasted results" }).click();
  await second.getByRole("heading", { name: "Respondents: 2" }).waitFor();
  await first.getByRole("heading", { name: "Respondents: 5" }).waitFor();
  // The addition is said in a status line, which screen readers announce.
  assert.equal(await second.getByRole("status").textContent(), "2 added, 1 not added");
  assert.equal(await second.locator(".cxs-rejected li").textContent(), "pasted text, line 3: not a result");
  // Added to the previous round: said the same way.
  await second.getByLabel("Add as the previous round (to compare with)").check();
  await second.getByLabel("Paste result JSON or result codes").fill(JSON.stringify(FIXTURE[8]));
  await second.getByRole("button", { name: "Add the pasted results" }).click();
  await second.getByRole("status").filter({ hasText: "1 added, 0 not added" }).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test("add(): a page's names on Object.prototype are never read as a result's fields", async () => {
  const { page, context, problems } = await open("/team-codes.html");
  const out = await page.evaluate(async (fixture) => {
    const h = await window.__mountTeam({ locale: "en" });
    const clean = h.add(fixture.slice(0, 2)).respondents;
    // Three results without an id, and one without answers, while the prototype offers both.
    const noId = fixture.slice(2, 5).map(({ id, ...rest }) => rest);
    const { answers, ...noAnswers } = { ...fixture[5], id: "f".repeat(32) };
    Object.prototype.id = "polluted";
    Object.prototype.answers = [];
    try {
      return { clean, polluted: h.add([...noId, noAnswers]) };
    } finally {
      delete Object.prototype.id;
      delete Object.prototype.answers;
    }
  }, FIXTURE);
  assert.equal(out.clean, 2);
  assert.equal(out.polluted.respondents, 5, "no id is taken from the prototype: none is a duplicate");
  assert.deepEqual(out.polluted.rejected, [{ source: "add(), result 4", reason: "not a result", code: "not-a-result" }]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the element: a URL attribute that is no URL is named; a module that failed to load is tried again", async () => {
  const { page, context, problems } = await open("/team-codes.html");
  let failed = 0;
  await page.route("**/cx_scorecard_team.js", (route) => (failed++ === 0 ? route.abort() : route.continue()));
  const first = await page.evaluate(async () => {
    const el = document.createElement("cx-scorecard-team");
    const error = new Promise((resolve) => el.addEventListener("cx-scorecard:error", (e) => resolve(e.detail), { once: true }));
    document.body.append(el);
    return error;
  });
  assert.equal(first.code, "mount");
  // The next element loads it.
  await page.evaluate(() => {
    const el = document.createElement("cx-scorecard-team");
    el.id = "second";
    el.setAttribute("locale", "en");
    document.body.append(el);
  });
  await page.locator("#second").getByText("No results yet.", { exact: false }).waitFor();
  const bad = await page.evaluate(() => {
    const el = document.createElement("cx-scorecard-team");
    el.id = "bad";
    el.setAttribute("results-src", "http://[");
    const error = new Promise((resolve) => el.addEventListener("cx-scorecard:error", (e) => resolve(e.detail), { once: true }));
    document.body.append(el);
    return error;
  });
  assert.deepEqual(bad, { code: "results-src", message: 'cx-scorecard: the results-src attribute is not a URL: "http://["' });
  await page.locator("#bad").getByText('the results-src attribute is not a URL: "http://["').waitFor();
  assert.deepEqual(problems().filter((x) => !x.includes("cx_scorecard_team.js") && !x.includes("dynamically imported module") && !x.includes("net::ERR_FAILED")), []);
  await context.close();
});

test("changing the language or the grouping keeps every result the user added, and counts them again", async () => {
  const { page, context, problems } = await open("/team.html?locale=en");
  await reportWith(page, 40);
  const team = page.locator("cx-scorecard-team");
  const fresh = (i) => ({ ...FIXTURE[i], id: `eeee${FIXTURE[i].id.slice(4)}` });
  await team.getByLabel("Paste result JSON or result codes").fill(JSON.stringify([fresh(0), fresh(1)]));
  await team.getByRole("button", { name: "Add the pasted results" }).click();
  await reportWith(page, 42);
  // By industry: the fixture's 14 retail answers and the two added (fresh copies of the first two).
  const retail = [FIXTURE[0], FIXTURE[1]].filter((r) => r.profile.industry === "retail").length + 14;
  await page.evaluate(() => document.querySelector("cx-scorecard-team").setAttribute("group-by", "industry"));
  await page.waitForFunction(() => window.__events.at(-1).detail.report.groupBy === "industry");
  const byIndustry = await page.evaluate(() => window.__events.at(-1).detail.report);
  assert.equal(byIndustry.respondents, 42);
  assert.deepEqual(byIndustry.groups.map((g) => [g.id, g.n]), [["retail", retail]]);
  await team.getByRole("heading", { name: "Respondents: 42" }).waitFor();
  // In German, and back to the roles: still the 42.
  await page.evaluate(() => {
    const el = document.querySelector("cx-scorecard-team");
    el.setAttribute("locale", "de");
    el.removeAttribute("group-by");
  });
  await team.getByRole("heading", { name: "Befragte: 42" }).waitFor();
  const last = await page.evaluate(() => window.__events.at(-1).detail.report);
  assert.deepEqual([last.locale, last.groupBy, last.respondents], ["de", "role", 42]);
  assert.deepEqual(last.groups.map((g) => g.title), ["Führungskräfte", "Frontline", "Unterstützende Funktionen"].slice(0, last.groups.length));
  // mountTeam's update() takes only these three, each checked.
  const errors = await page.evaluate(async () => {
    const h = await window.__mountTeam({ locale: "en" });
    const out = [];
    for (const o of [{ minGroup: "x" }, { minGroup: 2 }, { groupBy: "nothing" }, { resultsSrc: "/a.json" }, 3]) {
      try { h.update(o); out.push(null); } catch (e) { out.push(e.message); }
    }
    out.push(h.update({ minGroup: 3 }).minGroup);
    return out;
  });
  assert.deepEqual(errors, [
    'cx-scorecard: options.minGroup must be a whole number of at least 3 (default 5), got "x"',
    "cx-scorecard: options.minGroup must be a whole number of at least 3 (default 5), got 2",
    'cx-scorecard: options.groupBy must name a single-choice profile question of the assessment ("industry", "employees", "customers", "role", "failure-demand"), got "nothing"',
    "cx-scorecard: update(options): options.resultsSrc cannot change on a mounted team report (update takes locale, groupBy, minGroup; mount again for the rest)",
    "cx-scorecard: update(options): options must be an object, got a number",
    3,
  ]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("add(): a getter that calls the handle back gets a clear error, one that throws rejects its result alone", async () => {
  const { page, context, problems } = await open("/team-codes.html");
  const out = await page.evaluate(async (fixture) => {
    const h = await window.__mountTeam({ locale: "en" });
    const inner = [];
    const sneaky = { ...fixture[0] };
    Object.defineProperty(sneaky, "id", {
      enumerable: true,
      get() {
        for (const call of [() => h.add([]), () => h.update({ minGroup: 2 })]) {
          try { call(); inner.push(null); } catch (e) { inner.push(e.message); }
        }
        inner.push(h.report());
        return fixture[0].id;
      },
    });
    const first = h.add([sneaky, { ...fixture[1], id: undefined, profile: undefined }]);
    const after = h.add([fixture[2]]);
    // A getter that throws, and a proxy: each is rejected alone, and the report goes on.
    const throwing = { ...fixture[3] };
    Object.defineProperty(throwing, "answers", { enumerable: true, get() { throw new Error("no answers for you"); } });
    const proxy = new Proxy({ ...fixture[4] }, {});
    const bad = h.add([throwing, fixture[5], proxy]);
    const then = h.add(JSON.stringify(fixture[6]));
    return { inner, first: first.respondents, rejected: first.rejected, after: after.respondents, bad, then: then.respondents };
  }, FIXTURE);
  assert.deepEqual(out.inner, [
    "cx-scorecard: add(): the team report is busy adding results; call it once add() has returned",
    "cx-scorecard: update(): the team report is busy adding results; call it once add() has returned",
    null,
  ]);
  assert.deepEqual([out.first, out.rejected, out.after], [2, [], 3]);
  assert.equal(out.bad.respondents, 4);
  assert.deepEqual(out.bad.rejected, [
    { source: "add(), result 1", reason: "it could not be read", code: "unreadable" },
    { source: "add(), result 3", reason: "it could not be read", code: "unreadable" },
  ]);
  assert.equal(out.then, 5);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the report downloads as JSON and CSV, and prints without its inputs", async () => {
  const { page, context, problems } = await open("/team.html?locale=en");
  const report = await reportWith(page, 40);
  const team = page.locator("cx-scorecard-team");
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent("download"), team.getByRole("button", { name }).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
  };
  const json = await save("Download the report (JSON)");
  assert.equal(json.name, "cx-operations-team-report.json");
  assert.deepEqual(JSON.parse(json.text), report);
  const csv = await save("Download the table (CSV)");
  assert.equal(csv.name, "cx-operations-team-report.csv");
  const lines = csv.text.trimEnd().split("\r\n");
  assert.equal(lines.length, 1 + 7 * 4, "a header, then per dimension the team and its three groups");
  assert.equal(lines[0], "dimension_id,dimension,group_id,group,n,mean,median,q1,q3,sd,dont_know_share,left_out,previous_mean,change");
  const d1 = report.dimensions[0];
  assert.equal(lines[1], `d1,${d1.title},,,${d1.n},${d1.mean},${d1.median},${d1.q1},${d1.q3},${d1.sd},${d1.dontKnowShare},${d1.leftOut},,`);
  assert.equal(lines[2], `d1,${d1.title},leaders,Leaders,${d1.groups[0].n},${d1.groups[0].mean},,,,,,,,`);

  const file = join(mkdtempSync(join(tmpdir(), "cxs-team-")), "team.pdf");
  writeFileSync(file, await page.pdf({ format: "A4", printBackground: true }));
  const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString().replace(/\s+/g, " ");
  for (const expected of ["Team report", "Respondents: 40", "Team level", d1.title, "Gaps between groups", "Recommendations", report.recommendations[0].text.slice(0, 40)]) {
    assert.ok(text.includes(expected), `the PDF lacks "${expected}"`);
  }
  for (const absent of ["Add results", "Choose result files", "Download the report", "Print or save as PDF"]) {
    assert.ok(!text.includes(absent), `the PDF shows "${absent}"`);
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the report in German names its groups, reasons and findings in German", async () => {
  const { page, context, problems } = await open("/team.html?locale=de");
  const report = await reportWith(page, 40);
  assert.equal(report.locale, "de");
  assert.deepEqual(report.groups.map((g) => g.title), ["Führungskräfte", "Frontline", "Unterstützende Funktionen"]);
  const team = page.locator("cx-scorecard-team");
  await team.getByRole("heading", { name: "Teambericht" }).waitFor();
  await team.getByRole("heading", { name: "Befragte: 40" }).waitFor();
  await team.locator("ul.cxs-gaps li").first().filter({ hasText: /^Führungskräfte bewerten .+ Punkte höher als Frontline/ }).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no violations on the team report (${scheme})`, async () => {
    const { page, context, problems } = await open("/team.html?locale=en&baseline=team-results-previous.json");
    await page.emulateMedia({ colorScheme: scheme });
    await reportWith(page, 40);
    await page.locator("cx-scorecard-team").getByRole("columnheader", { name: "Change" }).waitFor();
    await page.addScriptTag({ path: AXE });
    const found = await page.evaluate(async () => {
      const r = await window.axe.run(document.querySelector("cx-scorecard-team"), {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
        rules: { region: { enabled: false } },
      });
      return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
    });
    assert.deepEqual(found, []);
    // Keyboard: the file chooser, the paste box and its button, the round, then the downloads.
    const names = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      names.push(await page.evaluate(() => {
        let el = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return `${el.tagName.toLowerCase()}${el.type ? `:${el.type}` : ""}`;
      }));
    }
    assert.deepEqual(names.slice(0, 4), ["input:file", "textarea:textarea", "button:button", "input:checkbox"]);
    assert.deepEqual(problems(), []);
    await context.close();
  });
}

test("at 390 px the table's words stay whole, it scrolls sideways with its first column in view, the legend keeps its size", async () => {
  const { page, context, problems } = await open("/team.html?locale=de");
  await page.setViewportSize({ width: 390, height: 844 });
  await reportWith(page, 40);
  const team = page.locator("cx-scorecard-team");
  await team.locator("table.cxs-table").waitFor();
  const out = await page.evaluate(() => {
    const root = document.querySelector("cx-scorecard-team").shadowRoot;
    // A word is broken when its characters lie on more than one line.
    const broken = [];
    for (const cell of root.querySelectorAll("table.cxs-table th")) {
      const text = cell.firstChild;
      if (!text || text.nodeType !== Node.TEXT_NODE) continue;
      for (const m of text.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(text, m.index);
        range.setEnd(text, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
    const wrap = root.querySelector(".cxs-table-wrap");
    const scrolls = wrap.scrollWidth > wrap.clientWidth;
    wrap.scrollLeft = wrap.scrollWidth;
    const first = root.querySelector("table.cxs-table tbody th").getBoundingClientRect();
    const marks = [...root.querySelectorAll(".cxs-legend svg")].map((s) => [Math.round(s.getBoundingClientRect().width), Number(s.getAttribute("width"))]);
    const labels = [...root.querySelectorAll("svg.cxs-team-chart > g > text > title")].map((t) => t.textContent);
    return { broken, scrolls, firstLeft: Math.round(first.left), wrapLeft: Math.round(wrap.getBoundingClientRect().left), marks, labels };
  });
  assert.deepEqual(out.broken, []);
  assert.equal(out.scrolls, true);
  assert.equal(out.firstLeft, out.wrapLeft, "the first column stays in view");
  for (const [shown, intended] of out.marks) assert.equal(shown, intended);
  assert.equal(out.labels.length, 7, "each chart label carries its full name");
  assert.ok(out.labels.every((l) => !l.endsWith("…")));
  assert.deepEqual(problems(), []);
  await context.close();
});
