// The funnel events (`start`, `page`, `lead-shown`): in order on the host, onto the data layer
// without replacing it, and as iframe envelopes to the partner.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAll, openPage, setup } from "./harness.mjs";

const env = setup();
const DIMENSIONS = ["d1", "d2", "d3", "d4", "d5", "d6", "d7"];

test("the funnel events come in order, and the data layer receives each without being replaced", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/element.html`);
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate(() => {
    const el = document.createElement("cx-scorecard");
    el.setAttribute("data-layer", "");
    el.setAttribute("lead-capture", "before-results");
    el.setAttribute("autosave", "false");
    document.querySelector("cx-scorecard").replaceWith(el);
    window.cxEvents.length = 0;
  });
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await answerAll(page.locator("cx-scorecard"));
  await page.getByRole("heading", { name: "Your details" }).waitFor();
  const funnel = ["cx-scorecard:start", "cx-scorecard:page", "cx-scorecard:lead-shown"];
  const events = await page.evaluate((funnel) => window.cxEvents.filter((e) => funnel.includes(e.type)).map((e) => ({ type: e.type, detail: e.detail })), funnel);
  const expected = [
    { type: "cx-scorecard:start", detail: {} },
    ...DIMENSIONS.map((dimensionId, index) => ({ type: "cx-scorecard:page", detail: { index, total: 7, dimensionId } })),
    { type: "cx-scorecard:lead-shown", detail: {} },
  ];
  assert.deepEqual(events, expected);
  // The data layer: the host's own array (same object, its first entry kept), one entry per event.
  const layer = await page.evaluate(() => ({ same: window.dataLayer === window.hostDataLayer, entries: window.dataLayer }));
  assert.equal(layer.same, true);
  assert.deepEqual(layer.entries, [{ event: "host-page-view" }, ...expected.map((e) => ({ event: e.type, ...e.detail }))]);
  // Going back to a page shows it again, and says so.
  await page.getByRole("button", { name: "Back" }).click();
  await page.locator("cx-scorecard fieldset.cxs-item").first().waitFor();
  const last = await page.evaluate(() => window.dataLayer.at(-1));
  assert.deepEqual(last, { event: "cx-scorecard:page", index: 6, total: 7, dimensionId: "d7" });
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a returning user who continues saved answers begins too, and the partner hears the funnel", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/partner.html`);
  const guest = page.frameLocator("iframe");
  await guest.getByRole("button", { name: "Start the assessment" }).click();
  await guest.getByRole("button", { name: "Next" }).click();
  await guest.locator("fieldset.cxs-item").first().waitFor();
  // The partner page's iframe element re-dispatches the guest's envelopes as DOM events.
  await page.waitForFunction(() => (window.partnerEvents ?? []).some((e) => e.type === "cx-scorecard:page"));
  const heard = await page.evaluate(() => window.partnerEvents.filter((e) => ["cx-scorecard:start", "cx-scorecard:page"].includes(e.type)));
  assert.deepEqual(heard.map((e) => [e.type, e.detail]), [
    ["cx-scorecard:start", {}],
    ["cx-scorecard:page", { index: 0, total: 7, dimensionId: "d1" }],
  ]);
  // Continue from what was saved: began again, on the page it was left at.
  await guest.locator("fieldset.cxs-item").first().locator("label").first().click();
  await page.reload();
  await guest.getByRole("button", { name: "Resume" }).click();
  await page.waitForFunction(() => window.partnerEvents.filter((e) => e.type === "cx-scorecard:start").length === 1 && window.partnerEvents.some((e) => e.type === "cx-scorecard:page"));
  assert.deepEqual(problems(), []);
  await context.close();
});
