// The team report never loses what was added, and reads what it is given however it comes: bad
// option values refused in place, a team too small to show, sources that hang, files of a
// million rejections or of a gigabyte, in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync, openSync, closeSync, ftruncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setup, openPage } from "./harness.mjs";

const env = setup();
const FIXTURE = JSON.parse(readFileSync(new URL("../../www/team-results.json", import.meta.url), "utf8"));

/** Opens `path` with every cx-scorecard:* event recorded from the start. */
async function open(path, { clock = false } = {}) {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/privacy.html`);
  if (clock) await page.clock.install();
  await page.addInitScript(() => {
    window.__events = [];
    for (const name of ["team-report", "error"]) {
      document.addEventListener(`cx-scorecard:${name}`, (e) => window.__events.push({ name, detail: e.detail }), true);
    }
  });
  await page.goto(`${env.site.origin}${path}`);
  return { page, context, problems, team: page.locator("cx-scorecard-team") };
}

const lastReport = (page) => page.evaluate(() => window.__events.filter((e) => e.name === "team-report").at(-1)?.detail.report);

/** Waits for a report for which `check(report, arg)` holds, and returns it. */
async function reportWhere(page, check, arg = null) {
  const fn = `(${check})`;
  const found = ([f, a]) => window.__events.filter((e) => e.name === "team-report" && eval(f)(e.detail.report, a)).at(-1)?.detail.report;
  await page.waitForFunction(`(${found})(${JSON.stringify([fn, arg])}) !== undefined`);
  return page.evaluate(found, [fn, arg]);
}

/** Records the texts the progress list shows, as they change. */
async function watchProgress(page) {
  await page.evaluate(() => {
    window.__progress = [];
    const root = document.querySelector("cx-scorecard-team").shadowRoot;
    new MutationObserver(() => {
      for (const li of root.querySelectorAll(".cxs-team-progress li")) window.__progress.push(li.textContent);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}

const fresh = (r, prefix) => ({ ...r, id: `${prefix}${r.id.slice(prefix.length)}` });

test("a bad min-group, group-by or locale is refused with a message, and the report keeps all that was added", async () => {
  const { page, context, problems, team } = await open("/team.html?locale=en");
  await reportWhere(page, (r) => r.respondents === 40);
  await team.getByLabel("Paste result JSON or result codes").fill(JSON.stringify([fresh(FIXTURE[0], "aaaa"), fresh(FIXTURE[1], "aaaa")]));
  await team.getByRole("button", { name: "Add the pasted results" }).click();
  await reportWhere(page, (r) => r.respondents === 42);
  const cases = [
    ["min-group", "0", 'options.minGroup must be a whole number of at least 3 (default 5), got "0"'],
    ["min-group", "", 'options.minGroup must be a whole number of at least 3 (default 5), got ""'],
    ["min-group", "2.5", 'options.minGroup must be a whole number of at least 3 (default 5), got "2.5"'],
    ["group-by", "", "options.groupBy must name a single-choice profile question of the assessment, got \"\""],
    ["locale", "not a tag!", "options.locale"],
  ];
  for (const [i, [attribute, value, message]] of cases.entries()) {
    await page.evaluate(([a, v]) => document.querySelector("cx-scorecard-team").setAttribute(a, v), [attribute, value]);
    await page.waitForFunction((n) => window.__events.filter((e) => e.name === "error").length === n, i + 1);
    const error = await page.evaluate(() => window.__events.filter((e) => e.name === "error").at(-1).detail);
    assert.equal(error.code, "options");
    assert.ok(error.message.includes(message), `${attribute}="${value}": ${error.message}`);
    await team.getByRole("alert").filter({ hasText: message }).waitFor();
    assert.equal(await page.evaluate(() => document.querySelector("cx-scorecard-team").report().respondents), 42);
    await team.getByRole("heading", { name: "Respondents: 42" }).waitFor();
  }
  // A good value takes effect and the notice goes.
  await page.evaluate(() => {
    const el = document.querySelector("cx-scorecard-team");
    el.setAttribute("locale", "en");
    el.setAttribute("group-by", "role");
    el.setAttribute("min-group", "8");
  });
  const report = await reportWhere(page, (r) => r.minGroup === 8);
  assert.equal(report.respondents, 42);
  await team.getByRole("alert").waitFor({ state: "detached" });
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a team smaller than min-group shows only how many there are; a baseline of the same results says so", async () => {
  const { page, context, problems, team } = await open("/team-codes.html?team");
  const shown = await page.evaluate(async (results) => {
    const el = document.querySelector("cx-scorecard-team");
    el.setAttribute("locale", "en");
    await new Promise((resolve) => el.addEventListener("cx-scorecard:team-report", resolve, { once: true }));
    return el.add(results);
  }, FIXTURE.slice(0, 3));
  assert.deepEqual([shown.respondents, shown.needed, shown.minGroup, shown.dimensions, shown.groups, shown.overall.score], [3, 2, 5, [], [], null]);
  await team.getByText("The report shows once 5 respondents have been added (2 more needed), so that nobody can be singled out.").waitFor();
  assert.equal(await team.locator("svg.cxs-team-chart, table").count(), 0);
  // The same file as results and as the previous round: nothing to compare.
  await page.goto(`${env.site.origin}/team.html?locale=en&baseline=team-results.json`);
  const same = await reportWhere(page, (r) => r.respondents === 40 && r.previousWithheld);
  assert.deepEqual([same.previousWithheld, same.previous], ["same-results", undefined]);
  await team.getByText("The previous round holds the same results as this one: there is no change to show.").waitFor();
  assert.equal(await team.getByRole("columnheader", { name: "Change" }).count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a results-src that hangs is shown loading, then fails clearly after 30 s, and Try again loads it", async () => {
  const { page, context, problems, team } = await open("/privacy.html", { clock: true });
  let calls = 0;
  await page.route("**/hanging.json", (route) => {
    if (calls++ === 0) return; // never answered
    return route.fulfill({ contentType: "application/json", body: JSON.stringify(FIXTURE) });
  });
  await page.goto(`${env.site.origin}/team.html?locale=en&results=hanging.json`);
  const loading = team.locator(".cxs-team-progress li", { hasText: /^Loading results from http:\/\/127\.0\.0\.1:\d+\/hanging\.json…$/ });
  await loading.waitFor();
  assert.equal(await team.getByText("No results yet", { exact: false }).count(), 0, "not empty while it loads");
  await page.clock.runFor(31_000);
  const failed = team.locator(".cxs-team-progress li", { hasText: "could not be loaded: no answer for 30 seconds." });
  await failed.waitFor();
  const error = await page.evaluate(() => window.__events.find((e) => e.name === "error").detail);
  assert.equal(error.code, "results-src");
  assert.match(error.message, /hanging\.json: no answer for 30 seconds$/);
  await failed.getByRole("button", { name: "Try again" }).click();
  const report = await reportWhere(page, (r) => r.respondents === 40);
  assert.equal(report.rejectedTotal, 0);
  await failed.waitFor({ state: "detached" });
  assert.equal(calls, 2);
  assert.deepEqual(problems().filter((p) => !p.includes("hanging.json")), []);
  await context.close();
});

test("a file of a million rejections: counted by reason, the first hundred listed, read in pieces", async () => {
  const { page, context, problems, team } = await open("/team.html?locale=en");
  await reportWhere(page, (r) => r.respondents === 40);
  await watchProgress(page);
  await team.locator(".cxs-drop").evaluate((zone) => {
    const text = `[${Array(1_000_000).fill("{}").join(",")}]`;
    const data = new DataTransfer();
    data.items.add(new File([text], "many.json", { type: "application/json" }));
    zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  const report = await reportWhere(page, (r) => r.rejectedTotal === 1_000_000);
  assert.equal(report.respondents, 40);
  assert.equal(report.rejected.length, 100);
  assert.deepEqual(report.rejectedCounts, { "not-a-result": 1_000_000 });
  assert.deepEqual(report.rejected.slice(-1), [{ source: "many.json, result 100", reason: "not a result", code: "not-a-result" }]);
  assert.equal(await team.locator(".cxs-rejected li").count(), 100);
  await team.getByText("999,900 more not listed (not a result: 1,000,000).").waitFor();
  assert.equal(await team.getByRole("status").textContent(), "0 added, 1,000,000 not added");
  // It was read piece by piece: the progress showed a share between the first and the last.
  const seen = await page.evaluate(() => window.__progress);
  assert.ok(seen.some((t) => /^Reading many\.json: ([1-9]|[1-9]\d)%$/.test(t)), JSON.stringify(seen.slice(0, 5)));
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a 1 GB file is refused from its size, before it is read; a 40 MB file is read in pieces, whole", async () => {
  const { page, context, problems, team } = await open("/team.html?locale=en");
  await reportWhere(page, (r) => r.respondents === 40);
  const dir = mkdtempSync(join(tmpdir(), "cxs-big-"));
  const huge = join(dir, "huge.json");
  const fd = openSync(huge, "w");
  ftruncateSync(fd, 1024 ** 3); // sparse: a gigabyte that takes no room
  closeSync(fd);
  await team.locator("input[type=file]").setInputFiles(huge);
  const refused = await reportWhere(page, (r) => r.rejectedTotal === 1);
  assert.deepEqual(refused.rejected, [{ source: "huge.json", reason: "too large to read (over 256 MB)", code: "too-large" }]);
  // About 40 MB of NDJSON: fresh ids, so that every one counts.
  const lines = [];
  let size = 0;
  for (let i = 0; size < 40 * 1024 * 1024; i++) {
    const line = JSON.stringify({ ...FIXTURE[i % 40], id: `d${i.toString(16).padStart(31, "0")}` });
    lines.push(line);
    size += line.length + 1;
  }
  const big = join(dir, "big.ndjson");
  writeFileSync(big, `${lines.join("\n")}\n`);
  await watchProgress(page);
  await team.locator("input[type=file]").setInputFiles(big);
  const report = await reportWhere(page, (r, n) => r.respondents === n, 40 + lines.length);
  assert.equal(report.rejectedTotal, 1);
  const seen = await page.evaluate(() => window.__progress);
  assert.ok(seen.some((t) => /^Reading big\.ndjson: ([1-9]|[1-9]\d)%$/.test(t)), JSON.stringify(seen.slice(0, 5)));
  assert.deepEqual(problems(), []);
  await context.close();
});
