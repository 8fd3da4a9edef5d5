// Both elements moved to another parent, as frameworks move them (a keyed list reordered, a
// portal): taken out and put back in the same task or a later microtask, they keep what they show
// (the widget its answers, the team report the results added); a removal that lasts (still out of
// the page a macrotask later) frees them, and the element mounts afresh when it is added again.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setup, openPage } from "./harness.mjs";

const env = setup();
const FIXTURE = JSON.parse(readFileSync(new URL("../../www/team-results.json", import.meta.url), "utf8"));

/** The ways a page moves an element, each given the element and the parent it goes to. */
const MOVES = {
  "append to another parent": (el, to) => to.append(el),
  "remove(), then append() in the same task": (el, to) => {
    el.remove();
    to.append(el);
  },
  "remove(), then append() a microtask later": async (el, to) => {
    el.remove();
    await Promise.resolve();
    await Promise.resolve();
    to.append(el);
  },
};

/** Runs `MOVES[name]` on the page's `selector` element into a new <div> at the end of the body. */
function move(page, selector, name) {
  return page.evaluate(([selector, body]) => {
    const to = document.createElement("div");
    document.body.append(to);
    return new Function(`return (${body})`)()(document.querySelector(selector), to);
  }, [selector, MOVES[name].toString()]);
}

/** Resolves after a macrotask queued now has run: a removal has lasted (or not) by then. */
const macrotask = (page) => page.evaluate(() => new Promise((r) => setTimeout(r, 0)));

/** The widget's answers as shown: each statement's checked value, in order. */
const checked = (page) => page.evaluate(() =>
  [...document.querySelector("cx-scorecard").shadowRoot.querySelectorAll("fieldset.cxs-item")]
    .map((f) => f.querySelector("input:checked")?.value ?? null));

test("<cx-scorecard> moved to another parent keeps the page and the answers; a lasting removal frees it", async () => {
  for (const name of Object.keys(MOVES)) {
    const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/element.html`);
    const widget = page.locator("cx-scorecard");
    await widget.getByRole("button", { name: "Start the assessment" }).click();
    await widget.getByRole("button", { name: "Next" }).click();
    const items = widget.locator("fieldset.cxs-item");
    await items.first().waitFor();
    const heading = await widget.locator("h2").textContent();
    for (const [i, v] of [[0, "4"], [1, "2"], [2, "dk"]]) await items.nth(i).locator(`label:has(input[value="${v}"])`).click();
    const answered = await checked(page);
    assert.deepEqual(answered.slice(0, 3), ["4", "2", "dk"]);
    await move(page, "cx-scorecard", name);
    await macrotask(page);
    assert.equal(await page.evaluate(() => document.querySelector("cx-scorecard").parentElement.parentElement === document.body), true);
    assert.equal(await widget.locator("h2").textContent(), heading, `${name}: the same page`);
    assert.deepEqual(await checked(page), answered, `${name}: the same answers`);
    // And it goes on working where it is now.
    await items.nth(3).locator('label:has(input[value="5"])').click();
    assert.deepEqual((await checked(page)).slice(0, 4), ["4", "2", "dk", "5"], name);
    assert.deepEqual(problems(), [], name);
    await context.close();
  }

  // Removed for good: the widget is destroyed (its screen goes); added again, it mounts afresh,
  // offering to resume what autosave kept.
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/element.html`);
  const widget = page.locator("cx-scorecard");
  await widget.getByRole("button", { name: "Start the assessment" }).click();
  await widget.getByRole("button", { name: "Next" }).click();
  await widget.locator("fieldset.cxs-item").first().locator('label:has(input[value="3"])').click();
  await page.evaluate(() => {
    window.__removed = document.querySelector("cx-scorecard");
    window.__removed.remove();
  });
  await macrotask(page);
  assert.equal(await page.evaluate(() => window.__removed.shadowRoot.querySelector(".cxs")), null, "the widget was destroyed");
  await page.evaluate(() => document.body.append(window.__removed));
  await widget.getByRole("button", { name: "Resume" }).waitFor();
  assert.equal(await widget.locator("fieldset.cxs-item").count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("<cx-scorecard-team> moved to another parent keeps the results added; a lasting removal frees it", async () => {
  /** A report on team-codes.html with five results added, once it is ready. */
  async function withResults() {
    const opened = await openPage(env.browser, `${env.site.origin}/team-codes.html`);
    const respondents = await opened.page.evaluate(async (results) => {
      await customElements.whenDefined("cx-scorecard-team");
      const el = document.createElement("cx-scorecard-team");
      el.id = "moved";
      el.setAttribute("locale", "en");
      const ready = new Promise((r) => el.addEventListener("cx-scorecard:team-report", r, { once: true }));
      document.body.append(el);
      await ready;
      return el.add(results).respondents;
    }, FIXTURE.slice(0, 5));
    assert.equal(respondents, 5);
    await opened.page.locator("#moved").getByRole("heading", { name: "Respondents: 5" }).waitFor();
    return opened;
  }

  for (const name of Object.keys(MOVES)) {
    const { page, context, problems } = await withResults();
    await move(page, "#moved", name);
    assert.equal(await page.evaluate(() => document.getElementById("moved").report()?.respondents), 5, `${name}: at once`);
    await macrotask(page);
    assert.equal(await page.evaluate(() => document.getElementById("moved").report()?.respondents), 5, `${name}: a macrotask later`);
    const report = page.locator("#moved");
    assert.equal(await report.getByRole("heading", { name: "Respondents: 5" }).count(), 1, name);
    // And it goes on adding where it is now.
    assert.equal(await page.evaluate((r) => document.getElementById("moved").add(r).respondents, FIXTURE.slice(5, 7)), 7, name);
    await report.getByRole("heading", { name: "Respondents: 7" }).waitFor();
    assert.deepEqual(problems(), [], name);
    await context.close();
  }

  // Taken out before its mount began and put back a microtask later: the mount that found it out
  // of the page stopped, and the move's reconnect mounts it.
  {
    const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/team-codes.html`);
    await page.evaluate(async () => {
      await customElements.whenDefined("cx-scorecard-team");
      const el = document.createElement("cx-scorecard-team");
      el.setAttribute("locale", "en");
      el.addEventListener("cx-scorecard:team-report", (e) => (window.__respondents = e.detail.report.respondents));
      document.body.append(el);
      el.remove();
      await Promise.resolve();
      document.body.append(el);
    });
    await page.waitForFunction(() => window.__respondents !== undefined, null, { timeout: 10_000 });
    assert.equal(await page.evaluate(() => window.__respondents), 0);
    assert.deepEqual(problems(), []);
    await context.close();
  }

  // Removed for good: the report is freed; added again, it starts with no results.
  const { page, context, problems } = await withResults();
  const meanwhile = await page.evaluate(async () => {
    window.__removed = document.getElementById("moved");
    window.__removed.remove();
    // Until the removal has lasted, the report is still there: the element may yet come back.
    await Promise.resolve();
    return window.__removed.report()?.respondents;
  });
  assert.equal(meanwhile, 5, "not yet freed in the task that removed it");
  await macrotask(page);
  assert.equal(await page.evaluate(() => window.__removed.report()), null, "freed");
  await page.evaluate(() => {
    const el = window.__removed;
    el.addEventListener("cx-scorecard:team-report", (e) => (window.__respondents = e.detail.report.respondents));
    document.body.append(el);
  });
  await page.waitForFunction(() => window.__respondents !== undefined, null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => window.__respondents), 0, "mounted afresh");
  assert.deepEqual(problems(), []);
  await context.close();
});
