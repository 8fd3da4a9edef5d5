// Autosave and resume, storage faults, resume links, and hostile definition text, in Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setup, openPage, answerAll, TABLE } from "./harness.mjs";

const env = setup();

const KEY = "cx-scorecard:session:cx-operations:1.0.0";
const W = (page) => page.locator("#widget");

/** Starts the demo and answers the first page and two statements of the second. */
async function answerSome(page) {
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await answerAll(W(page), [TABLE[0]]);
  const items = W(page).locator("fieldset.cxs-item");
  await items.nth(0).locator('label:has(input[value="2"])').click();
  await items.nth(1).locator('label:has(input[value="dk"])').click();
}

test("answers are saved as they are given; a returning user may resume or start over", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/index.html`);
  await answerSome(page);
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) || "{}").session?.answers?.["d2.s2"] === null, KEY);
  await page.reload();
  await W(page).getByText("Welcome back. You have answered 7 of 36 statements.").waitFor();
  await W(page).getByRole("button", { name: "Resume" }).click();
  await W(page).getByRole("heading", { name: "Front and back of house as one system" }).waitFor();
  assert.equal(await W(page).locator('fieldset.cxs-item').nth(0).locator('input[value="2"]').isChecked(), true);
  assert.equal(await W(page).locator('fieldset.cxs-item').nth(1).locator('input[value="dk"]').isChecked(), true);
  await W(page).getByRole("button", { name: "Back" }).click();
  assert.equal(await W(page).locator('fieldset.cxs-item').nth(4).locator('input[value="1"]').isChecked(), true);
  await W(page).getByRole("button", { name: "Next" }).click();
  await answerAll(W(page), TABLE.slice(1));
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  const result = JSON.parse(await page.locator("#result").textContent());
  assert.equal(result.overall.score, 58.3);

  // Start over: the saved answers are forgotten.
  await page.reload();
  await W(page).getByRole("button", { name: "Start over" }).click();
  await W(page).getByRole("button", { name: "Start the assessment" }).waitFor();
  await page.waitForFunction((k) => localStorage.getItem(k) === null, KEY);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("corrupt or other-version saved state is discarded with a notice", async () => {
  for (const [key, value, notice] of [
    [KEY, "{garbage", "Your saved answers could not be read, so the assessment starts afresh."],
    [KEY, JSON.stringify({ format: 1, id: "cx-operations", version: "1.0.0", savedAt: "x", session: { step: { Dimension: 99 } } }), "Your saved answers could not be read, so the assessment starts afresh."],
    ["cx-scorecard:session:cx-operations:0.9.0", JSON.stringify({ anything: true }), "Your saved answers were for an earlier version of this assessment, so it starts afresh."],
  ]) {
    const context = await env.browser.newContext();
    await context.addInitScript(([k, v]) => {
      if (!sessionStorage.getItem("seeded")) {
        localStorage.setItem(k, v);
        sessionStorage.setItem("seeded", "1");
      }
    }, [key, value]);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto(`${env.site.origin}/index.html`);
    await W(page).getByRole("status").filter({ hasText: notice }).waitFor();
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null, "discarded");
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByRole("heading", { name: "About your organisation" }).waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  }
});

for (const [name, script] of [
  ["disabled", () => Object.defineProperty(window, "localStorage", { get() { throw new DOMException("The operation is insecure.", "SecurityError"); } })],
  ["full", () => { Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }; }],
]) {
  test(`with storage ${name} the widget still works, says so quietly, and emits its result`, async () => {
    const context = await env.browser.newContext();
    await context.addInitScript(script);
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${env.site.origin}/index.html`);
    await page.getByRole("button", { name: "Start the assessment" }).click();
    await page.getByRole("button", { name: "Next" }).click();
    await answerAll(W(page), TABLE.slice(0, 1));
    await W(page).getByText("Your answers cannot be saved in this browser, so finish in one sitting.").waitFor();
    await answerAll(W(page), TABLE.slice(1));
    await W(page).getByRole("heading", { name: "Your result" }).waitFor();
    const result = JSON.parse(await page.locator("#result").textContent());
    assert.equal(result.overall.score, 58.3);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("a resume link carries the answers to another browser; a garbage link is refused", async () => {
  const { page, context } = await openPage(env.browser, `${env.site.origin}/index.html`);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.site.origin });
  await answerSome(page);
  await W(page).getByRole("button", { name: "Get a link to continue later" }).click();
  const link = await W(page).getByLabel(/Link to continue later/).inputValue();
  assert.match(link, new RegExp(`^${env.site.origin}/index\\.html#cx-resume=1\\.[A-Za-z0-9_-]{5}\\.[A-Za-z0-9_-]{18}$`));
  // The link is also on the clipboard, and the widget says so (once it is).
  await W(page).getByText("Copied to the clipboard.").waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  await context.close();

  const other = await openPage(env.browser, link);
  const p = other.page;
  await W(p).getByText("This link holds 7 of 36 answered statements.").waitFor();
  await W(p).getByRole("button", { name: "Resume" }).click();
  await W(p).getByRole("heading", { name: "Front and back of house as one system" }).waitFor();
  assert.equal(await W(p).locator("progress").getAttribute("value"), "7");
  assert.deepEqual(other.problems(), []);
  await other.context.close();

  const bad = await openPage(env.browser, `${env.site.origin}/index.html#cx-resume=1.AAAAA.<script>`);
  await W(bad.page).getByText("The resume link could not be read, so its answers cannot be used.").waitFor();
  await bad.page.getByRole("button", { name: "Start the assessment" }).click();
  assert.deepEqual(bad.problems(), []);
  await bad.context.close();
});

test("definition text with HTML or script renders as inert text", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/many.html`);
  await page.waitForFunction(() => window.cx);
  const def = JSON.parse(readFileSync(new URL("../../www/quick-check.json", import.meta.url), "utf8"));
  const payload = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
  def.title = `Quick ${payload}`;
  def.dimensions[0].title = `Promises ${payload}`;
  def.dimensions[0].statements[0].text = `We keep promises ${payload}`;
  def.scale.options[0].label = `<b>No</b>`;
  await page.evaluate((def) => {
    const el = document.createElement("div");
    el.id = "hostile";
    document.body.append(el);
    window.cx.mount(el, { definition: def });
  }, def);
  const w = page.locator("#hostile");
  await w.getByRole("heading", { name: `Quick ${payload}` }).waitFor();
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("heading", { name: `Promises ${payload}` }).waitFor();
  assert.ok((await w.locator("legend").first().textContent()).includes(payload));
  assert.equal(await w.getByText("<b>No</b>").count(), 3);
  assert.equal(await w.locator("img, script, b").count(), 0, "no element was created from the text");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(problems(), []);
  await context.close();
});
