// Calls to action by result: the first matching rule's CTA on the results and in print, none when
// nothing matches, the cta event (DOM, data layer), and unsafe URLs refused in words.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAll, setup, TABLE } from "./harness.mjs";

const env = setup();

/** The hand-worked table's result: overall level 3; d6 at level 1, d2 at 2, d5 at 5. */
const LIST = [
  { id: "workshop", text: "Book a workshop", url: "https://example.com/workshop", when: { level: [1, 2] } },
  { id: "feedback", text: { en: "Fix your feedback loops", de: "Feedback-Schleifen reparieren" }, url: "/feedback?from=cx", description: "A one-hour call on the weakest area.", when: { dimension: "d6", level: [1] } },
  { id: "any", text: "Talk to us", url: "https://example.com/contact" },
];

async function complete(attrs, table = TABLE) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${env.site.origin}/element.html`);
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate((attrs) => {
    const el = document.createElement("cx-scorecard");
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.setAttribute("autosave", "false");
    el.setAttribute("data-layer", "");
    document.querySelector("cx-scorecard").replaceWith(el);
    window.cxEvents.length = 0;
  }, attrs);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await answerAll(page.locator("cx-scorecard"), table);
  await page.getByRole("heading", { name: "Your result" }).waitFor();
  return { page, context, problems };
}

test("the first CTA whose rule matches is shown, followed, reported and printed", async () => {
  const { page, context, problems } = await complete({ cta: JSON.stringify(LIST) });
  // Overall level 3 misses the workshop; d6 at level 1 picks the feedback call.
  const link = page.locator("cx-scorecard .cxs-cta a");
  assert.equal(await link.count(), 1);
  // Its name says it opens a new tab (for screen readers; the words are visually hidden).
  assert.equal(await link.textContent(), "Fix your feedback loops (opens in a new tab)");
  assert.equal(await page.getByRole("link", { name: "Fix your feedback loops (opens in a new tab)" }).count(), 1);
  assert.equal(await link.locator(".cxs-sr").evaluate((e) => e.getBoundingClientRect().width <= 1), true);
  assert.equal(await link.getAttribute("href"), "/feedback?from=cx");
  assert.equal(await page.locator("cx-scorecard .cxs-cta-description").textContent(), "A one-hour call on the weakest area.");
  const popup = context.waitForEvent("page");
  await link.click();
  await (await popup).close();
  const events = await page.evaluate(() => window.cxEvents.filter((e) => e.type === "cx-scorecard:cta").map((e) => e.detail));
  assert.deepEqual(events, [{ cta: { id: "feedback", url: "/feedback?from=cx" }, level: 3 }]);
  assert.deepEqual(await page.evaluate(() => window.dataLayer.at(-1)), { event: "cx-scorecard:cta", cta: { id: "feedback", url: "/feedback?from=cx" }, level: 3 });
  // On paper: the address written out, absolute.
  await page.emulateMedia({ media: "print" });
  const printed = page.locator("cx-scorecard .cxs-cta .cxs-print-only");
  assert.equal(await printed.isVisible(), true);
  assert.equal(await printed.textContent(), `${env.site.origin}/feedback?from=cx`);
  await page.emulateMedia({ media: "screen" });
  assert.equal(await printed.isVisible(), false);
  // In German, the CTA's German text.
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("locale", "de"));
  await page.locator("cx-scorecard .cxs-cta a").filter({ hasText: "Feedback-Schleifen reparieren" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("other results get the rule that matches them, and none when nothing does", async () => {
  // Every answer 1: overall level 1, the workshop.
  const low = TABLE.map((d) => d.map(() => 1));
  {
    const { page, context } = await complete({ cta: JSON.stringify(LIST) }, low);
    assert.equal(await page.locator("cx-scorecard .cxs-cta a").textContent(), "Book a workshop (opens in a new tab)");
    await context.close();
  }
  // Every answer 5 (no weak d6) and no catch-all: no CTA at all.
  const high = TABLE.map((d) => d.map(() => 5));
  {
    const { page, context } = await complete({ cta: JSON.stringify(LIST.slice(0, 2)) }, high);
    assert.equal(await page.locator("cx-scorecard .cxs-cta").count(), 0);
    await context.close();
  }
});

test("a javascript: (or otherwise unsafe) CTA is refused, naming the entry", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/element.html`);
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  for (const [url, shown] of [["javascript:alert(1)", "javascript:alert(1)"], ["java\tscript:alert(1)", "java\\tscript:alert(1)"], ["data:text/html,hi", "data:text/html,hi"]]) {
    await page.evaluate((url) => {
      document.querySelector("cx-scorecard")?.remove();
      const el = document.createElement("cx-scorecard");
      el.setAttribute("cta", JSON.stringify([{ id: "ok", text: "OK", url: "/ok" }, { id: "bad", text: "Bad", url }]));
      document.body.append(el);
    }, url);
    await page.locator("cx-scorecard").getByRole("alert")
      .filter({ hasText: `options.cta[1].url must be an https:, http: or relative URL, got "${shown}"` }).waitFor();
  }
  await context.close();
});
