// The demo page, completed in real Chromium by clicking, gives the hand-worked result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { setup, openPage, answerAll } from "./harness.mjs";

const env = setup();

test("the demo completes with the hand-worked result and logs every event", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/index.html`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("heading", { name: "About your organisation" }).waitFor();
  await page.getByLabel("Industry").selectOption("telecoms");
  await page.getByRole("button", { name: "Next" }).click();
  await answerAll(page.locator("#widget"));
  await page.getByRole("heading", { name: "Your result" }).waitFor();

  const result = JSON.parse(await page.locator("#result").textContent());
  assert.equal(result.schemaVersion, 1);
  assert.equal(result.overall.score, 58.3);
  assert.equal(result.overall.level, 3);
  assert.equal(result.overall.levelName, "Defined");
  assert.deepEqual(result.profile, { industry: "telecoms" });
  assert.deepEqual(result.dimensions.map((d) => d.score), [70, 30, 50, 75, 100, 0, 75]);
  assert.deepEqual(result.recommendations.map((r) => r.dimensionId), ["d6", "d2", "d3", "d1", "d4", "d7", "d5"]);
  assert.ok(Date.parse(result.startedAt) <= Date.parse(result.completedAt));

  await page.locator(".cxs-level", { hasText: "Level 3: Defined" }).waitFor();
  const log = await page.locator("#log").textContent();
  assert.match(log, /ready/);
  assert.match(log, /progress 36\/36/);
  assert.match(log, /complete: level 3 \(Defined\)/);
  assert.deepEqual(problems(), []);
  await context.close();
});
