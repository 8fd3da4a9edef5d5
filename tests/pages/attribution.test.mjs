// Attribution: the host page's UTM parameters and path in result.attribution with the option,
// the referrer's origin only with "full", nothing without it; and through the iframe helper.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAll, setup } from "./harness.mjs";

const env = setup();
const UTM = "utm_source=newsletter&utm_medium=email&utm_campaign=spring&utm_term=cx%20ops&utm_content=hero";

/** Completes a fresh <cx-scorecard> with `attrs` on element.html?<query> and returns its result. */
async function resultOf(attrs, { query = UTM, referer } = {}) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/element.html?${query}`, { referer });
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate((attrs) => {
    const el = document.createElement("cx-scorecard");
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    el.setAttribute("autosave", "false");
    document.querySelector("cx-scorecard").replaceWith(el);
  }, attrs);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await answerAll(page.locator("cx-scorecard"));
  await page.getByRole("heading", { name: "Your result" }).waitFor();
  const result = await page.evaluate(() => document.querySelector("cx-scorecard").result());
  await context.close();
  return result;
}

const EXPECTED = {
  utmSource: "newsletter", utmMedium: "email", utmCampaign: "spring", utmTerm: "cx ops", utmContent: "hero",
  landingPath: "/element.html",
};

test("with attribution the result carries the page's UTM parameters and path; without it, nothing", async () => {
  assert.deepEqual((await resultOf({ attribution: "" })).attribution, EXPECTED);
  const off = await resultOf({});
  assert.equal("attribution" in off, false, "no attribution without the option");
  // Only the UTM parameters and the path: nothing else of the URL.
  const some = await resultOf({ attribution: "" }, { query: "utm_source=ads&email=someone%40example.com" });
  assert.deepEqual(some.attribution, { utmSource: "ads", landingPath: "/element.html" });
});

test("the referrer's origin only with attribution=\"full\"", async () => {
  const referer = "https://news.example/issue/12?who=me";
  assert.deepEqual((await resultOf({ attribution: "" }, { referer })).attribution, EXPECTED);
  assert.deepEqual((await resultOf({ attribution: "full" }, { referer })).attribution, { ...EXPECTED, referrer: "https://news.example" });
});

test("a bad attribution value is refused in words", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/element.html`);
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate(() => {
    const el = document.createElement("cx-scorecard");
    el.setAttribute("attribution", "everything");
    document.querySelector("cx-scorecard").replaceWith(el);
  });
  await page.locator("cx-scorecard").getByRole("alert").filter({ hasText: 'options.attribution must be true, false or "full", got "everything"' }).waitFor();
  await context.close();
});

test("in iframe mode the partner's UTM parameters reach the guest's result", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/partner.html?${UTM}`);
  // The partner page frames the guest again, asking for attribution.
  await page.waitForFunction(() => window.partnerFrame);
  await page.evaluate(() => {
    window.partnerFrame.destroy();
    return import("/cx-scorecard-frame.js").then(({ frame }) => {
      window.attributed = frame(document.getElementById("slot"), { src: "/embed.html", attribution: true });
      window.attributed.iframe.addEventListener("cx-scorecard:complete", (e) => (window.attributedResult = e.detail.result));
    });
  });
  const guest = page.frameLocator("iframe");
  await guest.getByRole("button", { name: "Start the assessment" }).click();
  await guest.getByRole("button", { name: "Next" }).click();
  await answerAll(guest);
  await page.waitForFunction(() => window.attributedResult);
  const result = await page.evaluate(() => window.attributedResult);
  assert.deepEqual(result.attribution, { ...EXPECTED, landingPath: "/embed.html" });
  await context.close();
});
