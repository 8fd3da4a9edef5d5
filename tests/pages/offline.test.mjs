// Offline: the standalone page through its service worker, and the single-file edition from disk.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { setup, answerAll, TABLE } from "./harness.mjs";

const env = setup();

async function completeOn(page) {
  const w = page.locator("#widget");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w, TABLE);
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  await page.waitForFunction(() => window.cxResult);
  return page.evaluate(() => window.cxResult);
}

test("app.html works offline after one visit (service worker)", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.site.origin}/app.html`);
  await page.getByText("This page now works offline.").waitFor();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await context.setOffline(true);
  await page.reload();
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  const result = await completeOn(page);
  assert.equal(result.schemaVersion, 1);
  assert.equal(result.overall.score, 58.3);
  assert.equal(result.overall.levelName, "Defined");
  // Other languages work offline too: their packs were precached.
  await page.evaluate(() => window.cxScorecard.setLocale("fr"));
  await page.getByRole("heading", { name: "Votre résultat" }).waitFor();
  assert.equal(await page.locator(".cxs-level").textContent(), "Niveau 3: Défini");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the single-file edition works opened from disk with no network", async () => {
  const context = await env.browser.newContext();
  await context.setOffline(true);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("request", (r) => requests.push(r.url()));
  const file = pathToFileURL(resolve("pkg/cx-scorecard-offline.html")).href;
  await page.goto(file);
  const result = await completeOn(page);
  assert.equal(result.overall.score, 58.3);
  assert.deepEqual(result.recommendations.map((r) => r.dimensionId), ["d6", "d2", "d3", "d1", "d4", "d7", "d5"]);
  // Every language is in the file.
  await page.evaluate(() => window.cxScorecard.setLocale("es"));
  await page.getByRole("heading", { name: "Su resultado" }).waitFor();
  assert.ok(await page.getByText("Autonomía y cultura de primera línea").first().isVisible());
  assert.deepEqual(requests, [file], "nothing but the file itself");
  assert.deepEqual(errors, []);
  await context.close();
});
