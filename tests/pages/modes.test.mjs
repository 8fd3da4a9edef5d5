// Lead modes and progress since last time in real Chromium: the form before the first statement,
// the teaser (the full report only after the form, or the summary only when skipped), each with
// consent required; the change since the last completion kept in this browser, gone once deleted,
// and nothing kept without autosave; the same in iframe mode.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { answerAll, openPage, setup, TABLE } from "./harness.mjs";

const env = setup();
const W = (page) => page.locator("cx-scorecard");
const events = (page, type) => page.evaluate((t) => window.cxEvents.filter((e) => e.type === t).map((e) => e.detail), type);
const CONSENT = /may keep these details with my results/;

/** A fresh widget on the element page with these attributes, replacing the page's own. */
async function widget(attrs, { started = true } = {}) {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/element.html`);
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate((attrs) => {
    const el = document.createElement("cx-scorecard");
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector("cx-scorecard").replaceWith(el);
    window.cxEvents.length = 0;
  }, attrs);
  if (started) await W(page).getByRole("button", { name: "Start the assessment" }).waitFor();
  return { page, context, problems };
}

/** Submits the default lead form: first without consent (refused, no lead), then with it. */
async function submitLead(page, submitName) {
  const w = W(page);
  await w.getByLabel("Work email").fill("ana@example.com");
  await w.getByRole("button", { name: submitName }).click();
  await w.getByText("Tick the box to agree, or your details cannot be used.").waitFor();
  assert.deepEqual(await events(page, "cx-scorecard:lead"), [], "no lead without consent");
  await w.getByRole("checkbox", { name: CONSENT }).check();
  await w.getByRole("button", { name: submitName }).click();
}

test("before-start: the form comes first, its lead is reported when given and the result carries it", async () => {
  const { page, context, problems } = await widget({ "lead-capture": "before-start", autosave: "false" });
  const w = W(page);
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("heading", { name: "Your details" }).waitFor();
  assert.equal(await w.locator("fieldset.cxs-item").count(), 0, "no statement before the form");
  assert.equal(await w.getByRole("button", { name: "Skip and begin" }).count(), 0, "not skippable unless allowed");
  await submitLead(page, "Begin the assessment");
  await w.getByRole("heading", { name: "About your organisation" }).waitFor();
  const [early] = await events(page, "cx-scorecard:lead");
  assert.equal(early.lead.email, "ana@example.com");
  assert.match(early.lead.consent.text, CONSENT);
  assert.equal(early.result, null, "no result yet when the form comes first");
  assert.deepEqual(await events(page, "cx-scorecard:complete"), []);
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w);
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  const [{ result }] = await events(page, "cx-scorecard:complete");
  assert.deepEqual(result.lead, early.lead, "the result carries the lead given first");
  assert.equal((await events(page, "cx-scorecard:lead")).length, 1, "the lead is reported once");
  const shown = (await page.evaluate(() => window.cxEvents.map((e) => e.type))).filter((t) => t !== "cx-scorecard:progress" && t !== "cx-scorecard:page");
  assert.deepEqual(shown, ["cx-scorecard:ready", "cx-scorecard:start", "cx-scorecard:lead-shown", "cx-scorecard:lead", "cx-scorecard:complete"]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("teaser: the summary, then the full report only after the consented form", async () => {
  const { page, context, problems } = await widget({ "lead-capture": "teaser", autosave: "false" });
  const w = W(page);
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w);
  // The hand-worked table: 58.3, level 3 Defined; the top priority is d6's (weakest first).
  await w.getByRole("heading", { name: "Your result", level: 2 }).waitFor();
  assert.equal(await w.locator(".cxs-score strong").textContent(), "58.3 of 100");
  assert.match(await w.locator(".cxs-level").textContent(), /^Level 3: Defined/);
  await w.getByRole("heading", { name: "Your top priority" }).waitFor();
  assert.match(await w.locator(".cxs-top p").textContent(), /— Front-line empowerment and culture$/);
  assert.ok(await w.getByRole("form", { name: "Get the full report" }).isVisible());
  for (const hidden of [".cxs-radar", ".cxs-bars", ".cxs-recs"]) assert.equal(await w.locator(hidden).count(), 0, `${hidden} waits for the form`);
  for (const name of ["Download JSON", "Download CSV", "Print or save as PDF"]) assert.equal(await w.getByRole("button", { name }).count(), 0);
  assert.deepEqual(await events(page, "cx-scorecard:complete"), [], "the completion comes with the form");
  await submitLead(page, "Show the full report");
  await w.locator(".cxs-radar").waitFor();
  assert.equal(await w.locator(".cxs-recs li").count(), 7);
  await w.getByRole("button", { name: "Download JSON" }).waitFor();
  const [lead] = await events(page, "cx-scorecard:lead");
  assert.equal(lead.result.lead.email, "ana@example.com");
  assert.equal(lead.result.overall.score, 58.3);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("teaser with allowSkip: skipping keeps the summary only and no lead", async () => {
  const { page, context, problems } = await widget({ "lead-capture": JSON.stringify({ mode: "teaser", allowSkip: true }), autosave: "false" });
  const w = W(page);
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w);
  await w.getByRole("button", { name: "Skip and keep the summary" }).click();
  await w.getByRole("button", { name: "Start again" }).waitFor();
  assert.equal(await w.getByRole("form").count(), 0);
  assert.equal(await w.locator(".cxs-score strong").textContent(), "58.3 of 100");
  assert.match(await w.locator(".cxs-top p").textContent(), /Front-line empowerment and culture/);
  for (const hidden of [".cxs-radar", ".cxs-bars", ".cxs-recs"]) assert.equal(await w.locator(hidden).count(), 0);
  assert.equal(await w.getByRole("button", { name: "Download JSON" }).count(), 0);
  const [{ result }] = await events(page, "cx-scorecard:complete");
  assert.equal(result.lead, undefined);
  assert.deepEqual(await events(page, "cx-scorecard:lead"), []);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the teaser gate is a conversion step, not access control, and the README says so", async () => {
  const { page, context } = await widget({ "lead-capture": JSON.stringify({ mode: "teaser", allowSkip: true }), autosave: "false" });
  const w = W(page);
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w);
  await w.getByRole("button", { name: "Skip and keep the summary" }).click();
  await w.getByRole("button", { name: "Start again" }).waitFor();
  // The report is not shown, but the page has all of it.
  assert.equal(await w.locator(".cxs-recs").count(), 0);
  const result = await page.evaluate(() => document.querySelector("cx-scorecard").result());
  assert.equal(result.answers.length, 36);
  assert.equal(result.dimensions.length, 7);
  assert.equal(result.recommendations.length, 7);
  await context.close();
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const teaser = readme.slice(readme.indexOf("- **`teaser`:**"), readme.indexOf("In every mode the completion"));
  assert.match(teaser.replace(/\s+/g, " "), /The gate is a conversion step, not access control: .*after Skip, `element\.result\(\)`/);
});

test("a wrong lead mode is refused in words", async () => {
  const { page, context } = await widget({ "lead-capture": "before-everything" }, { started: false });
  await W(page).getByRole("alert")
    .filter({ hasText: 'options.leadCapture must be "off", "before-start", "before-results", "teaser" or an object, got "before-everything"' }).waitFor();
  await context.close();
});

/** Every statement answered so that its reverse-corrected value is 4 (reverse items are last). */
const REVERSED = [1, 2, 2, 2, 1, 1, 1];
const FOURS = TABLE.map((d, i) => d.map((_, j) => (j >= d.length - REVERSED[i] ? 2 : 4)));

async function completeOnce(root, table) {
  await root.getByRole("button", { name: "Start the assessment" }).click();
  await root.getByRole("button", { name: "Next" }).click();
  await answerAll(root, table);
  await root.getByRole("heading", { name: "Your result" }).waitFor();
}

test("progress since last time: the change per dimension and overall, kept after a reload, gone once deleted", async () => {
  const { page, context, problems } = await widget({});
  const w = W(page);
  await completeOnce(w, TABLE);
  assert.equal(await w.locator(".cxs-change").count(), 0, "nothing to compare the first time");
  await w.getByText("This result is kept in this browser (its scores only), so that next time you can see what changed.").waitFor();
  const kept = await page.evaluate(() => localStorage.getItem("cx-scorecard:last:cx-operations"));
  assert.ok(kept && !kept.includes("answers") && !kept.includes("lead"), kept);
  const [{ result: first }] = await events(page, "cx-scorecard:complete");
  assert.equal(first.previous, undefined);

  await w.getByRole("button", { name: "Start again" }).click();
  await completeOnce(w, FOURS);
  const [, { result: second }] = await events(page, "cx-scorecard:complete");
  assert.deepEqual(second.previous, {
    completedAt: first.completedAt,
    overall: { score: 58.3, level: 3 },
    dimensions: [["d1", 70], ["d2", 30], ["d3", 50], ["d4", 75], ["d5", 100], ["d6", 0], ["d7", 75]].map(([id, score]) => ({ id, score })),
  });
  const day = await page.evaluate((iso) => new Date(iso).toLocaleDateString("en", { day: "numeric", month: "long" }), first.completedAt);
  const shown = async () => ({
    overall: await w.locator(".cxs-score .cxs-change").textContent(),
    bars: await w.locator(".cxs-bar-value .cxs-change").allTextContents(),
  });
  const expected = {
    overall: `+16.7 since ${day}`,
    bars: ["+5", "+45", "+25", "\u00b10", "\u221225", "+75", "\u00b10"].map((c) => ` · ${c} since ${day}`),
  };
  assert.deepEqual(await shown(), expected);
  await w.getByText(`Compared with your result of ${day}, kept in this browser (its scores only).`).waitFor();

  // Shown again after a reload, the same completion still compares with the one before.
  await page.reload();
  await W(page).getByRole("button", { name: "Resume" }).click();
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  assert.deepEqual(await shown(), expected);

  await W(page).getByRole("button", { name: "Delete the kept result" }).click();
  const status = W(page).getByRole("status").filter({ hasText: "The kept result is deleted from this browser." });
  await status.waitFor();
  assert.ok(await status.evaluate((e) => e.getRootNode().activeElement === e), "focus stays where the button was");
  assert.equal(await W(page).locator(".cxs-change").count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem("cx-scorecard:last:cx-operations")), null);
  // And it stays gone: shown again, nothing compares.
  await page.reload();
  await W(page).getByRole("button", { name: "Resume" }).click();
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  assert.equal(await W(page).locator(".cxs-change, .cxs-kept").count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("with autosave off nothing is kept and nothing compares", async () => {
  const { page, context } = await widget({ autosave: "false" });
  const w = W(page);
  await completeOnce(w, TABLE);
  await w.getByRole("button", { name: "Start again" }).click();
  await completeOnce(w, FOURS);
  assert.equal(await w.locator(".cxs-change, .cxs-kept").count(), 0);
  const [, { result }] = await events(page, "cx-scorecard:complete");
  assert.equal(result.previous, undefined);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)), []);
  await context.close();
});

test("in iframe mode the guest keeps the last completion and the partner hears previous", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/partner.html`);
  const guest = page.frameLocator("iframe");
  await completeOnce(guest, TABLE);
  await guest.getByRole("button", { name: "Start again" }).click();
  await completeOnce(guest, FOURS);
  await page.waitForFunction(() => window.partnerEvents.filter((e) => e.type === "cx-scorecard:complete").length === 2);
  const [first, second] = await page.evaluate(() => window.partnerEvents.filter((e) => e.type === "cx-scorecard:complete").map((e) => e.detail.result));
  assert.equal(second.previous.completedAt, first.completedAt);
  assert.equal(second.previous.overall.score, 58.3);
  assert.match(await guest.locator(".cxs-score .cxs-change").textContent(), /^\+16\.7 since /);
  assert.deepEqual(problems(), []);
  await context.close();
});
