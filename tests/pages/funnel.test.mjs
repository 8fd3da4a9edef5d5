// The funnel events (`start`, `page`, `lead-shown`): in order on the host, onto the data layer
// without replacing it, and as iframe envelopes to the partner. What the data layer never gets:
// the lead, or an email address in the attribution.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAll, openPage, setup } from "./harness.mjs";

/** The submissions received, each with its body. */
const posted = [];
const env = setup({
  routes: {
    "/api/results": (req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        posted.push(JSON.parse(body));
        res.writeHead(201).end("{}");
      });
    },
  },
});
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

test("the data layer and the funnel events never get the lead, nor an email address in attribution", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const warnings = [];
  page.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
  const utm = "utm_source=newsletter&utm_campaign=spring&utm_term=jane.doe%40example.com";
  await page.goto(`${env.site.origin}/element.html?${utm}`);
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate(() => {
    const el = document.createElement("cx-scorecard");
    for (const [k, v] of Object.entries({ "data-layer": "", "lead-capture": "before-results", attribution: "", autosave: "false", "submit-url": "/api/results" })) el.setAttribute(k, v);
    document.querySelector("cx-scorecard").replaceWith(el);
  });
  const w = page.locator("cx-scorecard");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w);
  await w.getByLabel("Work email").fill("ana@example.com");
  await w.getByLabel("Name").fill("Ana Lima");
  await w.getByRole("checkbox").check();
  await w.getByRole("button", { name: "Show my results" }).click();
  await w.getByRole("status").filter({ hasText: "Your results were sent." }).waitFor();

  // The data layer: the funnel, then the result without the lead and without utmTerm.
  const layer = await page.evaluate(() => window.dataLayer);
  assert.deepEqual(layer.map((e) => e.event), ["host-page-view", "cx-scorecard:start", ...DIMENSIONS.map(() => "cx-scorecard:page"), "cx-scorecard:lead-shown", "cx-scorecard:complete"]);
  const text = JSON.stringify(layer);
  for (const personal of ["ana@example.com", "Ana Lima", "jane.doe", "\"lead\"", "consent"]) assert.ok(!text.includes(personal), `${personal} in the data layer`);
  const complete = layer.at(-1);
  assert.deepEqual(complete.result.attribution, { utmSource: "newsletter", utmCampaign: "spring", landingPath: "/element.html" });
  assert.equal(complete.cxScorecard.level, 3);
  assert.equal(complete.result.answers.length, 36, "the rest of the result is there");
  // The funnel events on the host carry nothing of it either.
  const funnel = await page.evaluate(() => window.cxEvents.filter((e) => ["cx-scorecard:start", "cx-scorecard:page", "cx-scorecard:lead-shown"].includes(e.type)));
  assert.equal(funnel.length, 9);
  assert.ok(!/ana@|Ana Lima|jane\.doe/.test(JSON.stringify(funnel)));
  // One warning for the host, naming the field, never its value.
  const ours = warnings.filter((m) => m.includes("cx-scorecard"));
  assert.deepEqual(ours, ["cx-scorecard: attribution utmTerm holds an email address, so it is left out of window.dataLayer (the complete event and the submission still have it)"]);

  // The lead event, the complete event and the submission carry the lead (and attribution) as given.
  const [lead] = await page.evaluate(() => window.cxEvents.filter((e) => e.type === "cx-scorecard:lead"));
  assert.equal(lead.detail.lead.email, "ana@example.com");
  const [done] = await page.evaluate(() => window.cxEvents.filter((e) => e.type === "cx-scorecard:complete"));
  assert.equal(done.detail.result.lead.name, "Ana Lima");
  assert.equal(done.detail.result.attribution.utmTerm, "jane.doe@example.com");
  assert.equal(posted.length, 1);
  assert.equal(posted[0].lead.email, "ana@example.com");
  assert.equal(posted[0].attribution.utmTerm, "jane.doe@example.com");
  assert.equal(posted[0].id, complete.result.id);
  await context.close();
});
