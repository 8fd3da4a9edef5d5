// Accessibility (WCAG 2.1 AA) in Chromium: axe-core on every screen, a keyboard-only run,
// announcements and focus, no horizontal scrolling at 320 px and 200% zoom, reduced motion.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { setup, openPage, answerAll, TABLE } from "./harness.mjs";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const env = setup();

/** axe-core violations inside `selector` (shadow roots included), as readable lines. */
async function violations(page, selector) {
  if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async (selector) => {
    const r = await window.axe.run(document.querySelector(selector), {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      rules: { region: { enabled: false } },
    });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  }, selector);
}

async function screens(page, root, check) {
  const w = page.locator(root);
  await w.getByRole("button", { name: "Start the assessment" }).waitFor();
  await check("intro");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("heading", { name: "About your organisation" }).waitFor();
  await check("profile");
  await w.getByRole("button", { name: "Next" }).click();
  await w.locator("fieldset.cxs-item").first().waitFor();
  await check("question page");
  await w.getByRole("button", { name: "Next" }).click();
  await w.getByRole("alert").waitFor();
  await check("question page with missing answers");
  await answerAll(w, TABLE);
}

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no violations on any screen (${scheme})`, async () => {
    const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/lead.html`);
    await page.emulateMedia({ colorScheme: scheme });
    const found = {};
    const check = async (name) => (found[name] = await violations(page, "cx-scorecard"));
    await screens(page, "cx-scorecard", check);
    const w = page.locator("cx-scorecard");
    await w.getByRole("heading", { name: "Your details" }).waitFor();
    await check("lead gate");
    await w.getByRole("button", { name: "Show my results" }).click();
    await w.getByText("Tick the box to agree").waitFor();
    await check("lead gate with errors");
    await w.getByLabel("Work email").fill("ana@example.com");
    await w.getByRole("checkbox").check();
    await w.getByRole("button", { name: "Show my results" }).click();
    await w.getByRole("heading", { name: "Your result" }).waitFor();
    await check("results");
    assert.equal(await w.locator(".cxs").getAttribute("class").then((c) => c.includes("cxs-dark")), false);
    // The error state.
    await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("definition", '{"id": ""}'));
    await w.getByRole("alert").waitFor();
    await check("error state");
    for (const [name, v] of Object.entries(found)) assert.deepEqual(v, [], `${scheme} ${name}`);
    assert.equal(Object.keys(found).length, 8);
    assert.deepEqual(problems(), []);
    await context.close();
  });
}

test("the dark theme option passes axe-core too", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/many.html`);
  await page.locator("#second").getByRole("button", { name: "Start the assessment" }).waitFor();
  assert.deepEqual(await violations(page, "#second"), []);
  await page.locator("#second").getByRole("button", { name: "Start the assessment" }).click();
  await page.locator("#second").getByRole("button", { name: "Next" }).click();
  await page.locator("#second fieldset").first().waitFor();
  assert.deepEqual(await violations(page, "#second"), []);
  assert.deepEqual(problems(), []);
  await context.close();
});

/** The element that has focus, through shadow roots. */
const focused = (page) => page.evaluate(() => {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return { tag: el?.tagName, text: el?.textContent?.trim().slice(0, 60), type: el?.type, value: el?.value,
    outline: el ? getComputedStyle(el).outlineStyle : "", name: el?.name };
});

test("the whole assessment can be completed with the keyboard alone", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/index.html`);
  const w = page.locator("#widget");
  await w.getByRole("button", { name: "Start the assessment" }).waitFor();
  const tabTo = async (predicate, what, limit = 80) => {
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press("Tab");
      const f = await focused(page);
      if (predicate(f)) return f;
    }
    throw new Error(`Tab never reached ${what}`);
  };
  const start = await tabTo((f) => f.text === "Start the assessment", "the start button");
  assert.notEqual(start.outline, "none", "focus is visible");
  await page.keyboard.press("Enter");
  await w.getByRole("heading", { name: "About your organisation" }).waitFor();
  assert.equal((await focused(page)).text, "About your organisation", "focus moves to the new heading");
  // A select by keyboard: focus Industry and choose with the arrows.
  await tabTo((f) => f.tag === "SELECT", "the first select");
  await page.keyboard.press("ArrowDown");
  await tabTo((f) => f.text === "Next", "Next");
  await page.keyboard.press("Enter");

  for (const values of TABLE) {
    await w.locator("fieldset.cxs-item").first().waitFor();
    const heading = await w.locator("h2").textContent();
    for (const v of values) {
      // Tab into the group (the first radio), then arrows to the value; Don't know is the last option.
      const first = await tabTo((f) => f.type === "radio", "a radio group");
      assert.notEqual(first.outline, "none", "focus is visible on radios");
      const steps = v === null ? -1 : v - 1;
      if (steps === 0) await page.keyboard.press("Space");
      for (let i = 0; i < Math.abs(steps); i++) await page.keyboard.press(steps > 0 ? "ArrowRight" : "ArrowLeft");
      assert.equal((await focused(page)).value, v === null ? "dk" : String(v));
    }
    await page.keyboard.press("Enter"); // submits the page's form
    await w.locator("h2", { hasNotText: heading }).waitFor();
  }
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  const result = JSON.parse(await page.locator("#result").textContent());
  assert.equal(result.overall.score, 58.3);
  assert.equal(result.profile.industry, "retail");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("progress is announced politely and focus goes to each new page's heading", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/index.html`);
  const w = page.locator("#widget");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  const live = w.locator("[aria-live=polite]");
  await w.locator("fieldset.cxs-item").nth(0).locator('label:has(input[value="3"])').click();
  await w.locator("fieldset.cxs-item").nth(1).locator('label:has(input[value="4"])').click();
  await page.waitForFunction(() => document.querySelector("#widget [aria-live=polite]").textContent === "2 of 36 answered");
  assert.equal(await live.getAttribute("aria-atomic"), "true");
  assert.equal((await focused(page)).tag, "INPUT");
  await answerAll(w, TABLE.slice(0, 1));
  assert.equal((await focused(page)).text, "Front and back of house as one system");
  assert.deepEqual(problems(), []);
  await context.close();
});

for (const [name, viewport] of [["320 px", { width: 320, height: 640 }], ["200% zoom", { width: 640, height: 480 }]]) {
  test(`no horizontal scrolling at ${name}`, async () => {
    const context = await env.browser.newContext({ viewport, deviceScaleFactor: name === "200% zoom" ? 2 : 1 });
    const page = await context.newPage();
    await page.goto(`${env.site.origin}/app.html`);
    const w = page.locator("#widget");
    const fits = async (screen) => {
      const r = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: document.documentElement.clientWidth }));
      assert.ok(r.scroll <= r.width, `${screen}: content is ${r.scroll}px wide in ${r.width}px`);
    };
    await w.getByRole("button", { name: "Start the assessment" }).waitFor();
    await fits("intro");
    await w.getByRole("button", { name: "Start the assessment" }).click();
    await fits("profile");
    await w.getByRole("button", { name: "Next" }).click();
    await w.locator("fieldset").first().waitFor();
    await fits("question page");
    await w.getByRole("button", { name: "Get a link to continue later" }).click();
    await fits("resume link");
    await answerAll(w, TABLE);
    await w.getByRole("heading", { name: "Your result" }).waitFor();
    await fits("results");
    await context.close();
  });
}

test("prefers-reduced-motion is respected", async () => {
  const context = await env.browser.newContext({ reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/index.html`);
  const button = page.locator("#widget .cxs-primary");
  await button.waitFor();
  const style = await button.evaluate((b) => ({ t: getComputedStyle(b).transitionDuration, a: getComputedStyle(b).animationName }));
  assert.deepEqual(style, { t: "0s", a: "none" });
  await context.close();
});

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no violations on the teaser, the kept result and the change since last time (${scheme})`, async () => {
    const lead = encodeURIComponent(JSON.stringify({ mode: "teaser", allowSkip: true }));
    const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/lead.html?lead=${lead}`);
    await page.emulateMedia({ colorScheme: scheme });
    const found = {};
    const check = async (name) => (found[name] = await violations(page, "cx-scorecard"));
    const w = page.locator("cx-scorecard");
    const complete = async (table) => {
      await w.getByRole("button", { name: "Start the assessment" }).click();
      await w.getByRole("button", { name: "Next" }).click();
      await answerAll(w, table);
      await w.getByRole("form", { name: "Get the full report" }).waitFor();
    };
    await complete(TABLE);
    await check("teaser");
    await w.getByRole("button", { name: "Skip and keep the summary" }).click();
    await w.locator(".cxs-kept").waitFor();
    await check("teaser skipped, result kept");
    await w.getByRole("button", { name: "Start again" }).click();
    await complete(TABLE.map((d) => d.map((v) => (v === null ? 3 : v))));
    await w.getByLabel("Work email").fill("ana@example.com");
    await w.getByRole("checkbox").check();
    await w.getByRole("button", { name: "Show the full report" }).click();
    await w.locator(".cxs-bar-value .cxs-change").first().waitFor();
    await check("full report with the change since last time");
    await w.getByRole("button", { name: "Delete the kept result" }).click();
    await w.getByText("The kept result is deleted from this browser.").waitFor();
    await check("kept result deleted");
    for (const [name, v] of Object.entries(found)) assert.deepEqual(v, [], `${scheme} ${name}`);
    assert.deepEqual(problems(), []);
    await context.close();
  });
}
