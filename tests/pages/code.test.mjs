// The result code (the contract's "Result code"): with `result-code` the full report shows the code
// and "Copy my result code", which copies it and says so; the code decodes (by the format in
// src/engine/code.rs, read here independently) to the result's assessment, id, answers and profile
// answers and to nothing else, so never the lead; the same completion gives the same code after a
// reload, another completion another; without the option, or on the teaser's summary, there is none;
// where the clipboard cannot be written the field is selected for copying by hand; the iframe guest
// takes it from the frame helper; axe-core finds nothing on it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { answerAll, setup, TABLE } from "./harness.mjs";

const env = setup();
const W = (page) => page.locator("cx-scorecard");
const events = (page, type) => page.evaluate((t) => window.cxEvents.filter((e) => e.type === t).map((e) => e.detail), type);
const DEF = JSON.parse(readFileSync(new URL("../../src/engine/default_definition.json", import.meta.url), "utf8"));
const CODE = /^cxr1\.[A-Za-z0-9_-]+$/;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** FNV-1a (32 bits) over the text's bytes, its low 24 bits: the code's check. */
function check24(text) {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(text)) h = Math.imul((h ^ b) >>> 0, 0x01000193) >>> 0;
  return h & 0xffffff;
}

/** Bits needed for the values 0..=max. */
const width = (max) => (max === 0 ? 0 : max.toString(2).length);

/**
 * Reads a result code of the default assessment: `cxr1.`, then in 6-bit characters the assessment
 * id and version (a length byte and UTF-8), the result id (128 bits), each statement's answer in
 * definition order (0 none, 1.. a scale value, the last "Don't know"), each profile question's
 * answer (its option's position + 1, or one bit per option), padding, and 24 bits of check.
 * Fails unless all of it is accounted for.
 */
function decode(code) {
  assert.match(code, CODE);
  const body = code.slice(5, -4);
  const bitsOf = (text) => [...text].map((c) => ALPHABET.indexOf(c).toString(2).padStart(6, "0")).join("");
  assert.equal(parseInt(bitsOf(code.slice(-4)), 2), check24(body), "the check matches");
  const bits = bitsOf(body);
  let at = 0;
  const take = (n) => {
    assert.ok(at + n <= bits.length, "the code is long enough");
    const v = n === 0 ? 0 : parseInt(bits.slice(at, at + n), 2);
    at += n;
    return v;
  };
  const text = () => Buffer.from(Array.from({ length: take(8) }, () => take(8))).toString("utf8");
  const assessment = { id: text(), version: text() };
  const id = Array.from({ length: 4 }, () => take(32).toString(16).padStart(8, "0")).join("");
  const values = DEF.scale.options.map((o) => o.value);
  const dk = values.length + 1;
  const answers = [];
  for (const d of DEF.dimensions) {
    for (const s of d.statements) {
      const c = take(width(dk));
      if (c > 0) answers.push({ questionId: s.id, dimensionId: d.id, value: c === dk ? null : c - 1 + Math.min(...values) });
    }
  }
  const profile = {};
  for (const q of DEF.profile) {
    if (q.multiple) {
      const chosen = q.options.filter(() => take(1) === 1).map((o) => o.id);
      if (chosen.length) profile[q.id] = chosen;
    } else {
      const p = take(width(q.options.length));
      if (p > 0) profile[q.id] = q.options[p - 1].id;
    }
  }
  const rest = bits.slice(at);
  assert.ok(rest.length < 6 && /^0*$/.test(rest), `nothing after the profile answers but padding, got ${rest}`);
  return { assessment, id, answers, profile };
}

/** A fresh widget on the element page with these attributes, in a context that may use the clipboard. */
async function widget(attrs, { init } = {}) {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.site.origin });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  if (init) await page.addInitScript(init);
  await page.goto(`${env.site.origin}/element.html`);
  await replace(page, attrs);
  return { page, context, problems };
}

/** Replaces the element page's widget with one with these attributes. */
async function replace(page, attrs) {
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate((attrs) => {
    const el = document.createElement("cx-scorecard");
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    document.querySelector("cx-scorecard").replaceWith(el);
    window.cxEvents.length = 0;
  }, attrs);
}

/** Starts, gives these profile answers (select label → option id; checkbox labels), answers every statement. */
async function complete(w, table, { selects = {}, checks = [] } = {}) {
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("heading", { name: "About your organisation" }).waitFor();
  for (const [label, value] of Object.entries(selects)) await w.getByLabel(label).selectOption(value);
  for (const label of checks) await w.getByRole("checkbox", { name: label, exact: true }).check();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w, table);
}

const field = (w) => w.getByRole("textbox", { name: "Your result code" });
const copyButton = (w) => w.getByRole("button", { name: "Copy my result code" });

/** Whether the focused element in the widget's shadow root matches `selector`. */
const focused = (page, selector) =>
  page.evaluate((selector) => !!document.querySelector("cx-scorecard").shadowRoot.activeElement?.matches(selector), selector);

test("with result-code the report shows the code, copies it, and it holds the answers and profile, never the lead", async () => {
  const { page, context, problems } = await widget({ "result-code": "", "lead-capture": "before-results", autosave: "false" });
  const w = W(page);
  await complete(w, TABLE, { selects: { "Your role": "cx", Industry: "banking" }, checks: ["Chat", "Email"] });
  await w.getByRole("heading", { name: "Your details" }).waitFor();
  assert.equal(await copyButton(w).count(), 0, "no code before the results");
  await w.getByLabel("Name").fill("Ana Example");
  await w.getByLabel("Work email").fill("ana@example.com");
  await w.getByRole("checkbox", { name: /may keep these details with my results/ }).check();
  await w.getByRole("button", { name: "Show my results" }).click();
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  const [{ result }] = await events(page, "cx-scorecard:complete");
  assert.equal(result.lead.email, "ana@example.com", "a lead was captured");

  // Shown to copy by hand: labelled, read-only, described by the hint.
  const code = await field(w).inputValue();
  assert.match(code, CODE);
  assert.ok(code.length < 110, `short: ${code.length} characters`);
  assert.ok(!code.includes("@"));
  assert.equal(await field(w).evaluate((e) => e.readOnly), true);
  assert.equal(
    await field(w).evaluate((e) => e.getRootNode().getElementById(e.getAttribute("aria-describedby")).textContent),
    "Send it to whoever runs your team’s report. It holds your answers and profile answers, never your contact details.",
  );
  // What it holds: the result's assessment, id, answers and profile answers, and nothing more.
  // (Several choices are held as a set: they come back in the definition's order.)
  assert.deepEqual(result.profile, { role: "cx", industry: "banking", channels: ["chat", "email"] });
  assert.deepEqual(decode(code), {
    assessment: { id: result.assessment.id, version: result.assessment.version },
    id: result.id,
    answers: result.answers,
    profile: { ...result.profile, channels: ["email", "chat"] },
  });

  // Copied, said so in a status, focus kept on the button.
  const status = w.getByRole("status").filter({ hasText: "Result code copied" });
  assert.equal(await status.count(), 0);
  await copyButton(w).click();
  await status.waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  assert.ok(await focused(page, "button"), "focus stays on the button");
  // Again, by keyboard.
  await page.evaluate(() => navigator.clipboard.writeText(""));
  await copyButton(w).focus();
  await page.keyboard.press("Enter");
  await page.waitForFunction((code) => navigator.clipboard.readText().then((t) => t === code), code);
  await status.waitFor();
  // The result JSON is unchanged: no code in it.
  assert.ok(!JSON.stringify(result).includes(code.slice(5)));
  assert.deepEqual(problems, []);
  await context.close();
});

test("the same completion keeps its code after a reload; another completion gets another", async () => {
  const { page, context, problems } = await widget({ "result-code": "true" });
  const w = W(page);
  await complete(w, TABLE, { selects: { "Your role": "operations" } });
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  const first = await field(w).inputValue();
  const [{ result }] = await events(page, "cx-scorecard:complete");
  assert.equal(decode(first).id, result.id);
  assert.deepEqual(decode(first).profile, { role: "operations" });

  await page.reload();
  await replace(page, { "result-code": "true" });
  await W(page).getByRole("button", { name: "Resume" }).click();
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  assert.equal(await field(W(page)).inputValue(), first, "the same code after a reload");

  await W(page).getByRole("button", { name: "Start again" }).click();
  const other = TABLE.map((d) => d.map((v) => (v === null ? 3 : 6 - v)));
  await complete(W(page), other, { selects: { "Your role": "executive" } });
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  const second = await field(W(page)).inputValue();
  assert.notEqual(second, first);
  const { result: again } = (await events(page, "cx-scorecard:complete")).at(-1);
  const decoded = decode(second);
  assert.equal(decoded.id, again.id);
  assert.notEqual(decoded.id, result.id);
  assert.deepEqual(decoded.answers, again.answers);
  assert.deepEqual(decoded.profile, { role: "executive" });
  assert.deepEqual(problems, []);
  await context.close();
});

test("without the option, with result-code=false, and on the teaser's summary there is no code", async () => {
  for (const attrs of [{}, { "result-code": "false" }]) {
    const { page, context } = await widget({ ...attrs, autosave: "false" });
    const w = W(page);
    await complete(w, TABLE);
    await w.getByRole("button", { name: "Download JSON" }).waitFor();
    assert.equal(await copyButton(w).count(), 0, JSON.stringify(attrs));
    assert.equal(await w.locator(".cxs-code").count(), 0);
    await context.close();
  }
  const teaser = JSON.stringify({ mode: "teaser", allowSkip: true });
  const { page, context } = await widget({ "result-code": "", "lead-capture": teaser, autosave: "false" });
  const w = W(page);
  await complete(w, TABLE);
  await w.getByRole("button", { name: "Skip and keep the summary" }).click();
  await w.getByRole("button", { name: "Start again" }).waitFor();
  assert.equal(await copyButton(w).count(), 0, "the summary only: no code");
  await context.close();
});

test("a wrong result-code is refused in words", async () => {
  const { page, context } = await widget({ "result-code": "yes" });
  await W(page).getByRole("alert").filter({ hasText: 'options.resultCode must be true or false, got "yes"' }).waitFor();
  await context.close();
});

for (const [name, init] of [
  ["refuses", () => Object.defineProperty(Clipboard.prototype, "writeText", { value: () => Promise.reject(new DOMException("No", "NotAllowedError")) })],
  ["is missing", () => delete Navigator.prototype.clipboard],
]) {
  test(`where the clipboard ${name}, the field is focused with the code selected`, async () => {
    const { page, context, problems } = await widget({ "result-code": "", autosave: "false" }, { init });
    const w = W(page);
    await complete(w, TABLE);
    await w.getByRole("heading", { name: "Your result" }).waitFor();
    await copyButton(w).click();
    await page.waitForFunction(() => document.querySelector("cx-scorecard").shadowRoot.activeElement?.tagName === "INPUT");
    const selected = await field(w).evaluate((e) => [e.selectionStart, e.selectionEnd, e.value.length]);
    assert.deepEqual(selected, [0, selected[2], selected[2]], "all of it selected");
    assert.equal(await w.getByRole("status").filter({ hasText: "Result code copied" }).count(), 0, "not said to be copied");
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("in iframe mode the frame helper's resultCode reaches the guest, which may copy", async () => {
  const context = await env.browser.newContext();
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.site.origin });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/partner.html`);
  await page.waitForFunction(() => window.partnerFrame);
  await page.evaluate(async () => {
    window.partnerFrame.destroy();
    const { frame } = await import("/cx-scorecard-frame.js");
    window.coded = frame(document.getElementById("slot"), { src: "/embed.html", resultCode: true });
    window.coded.iframe.addEventListener("cx-scorecard:complete", (e) => (window.codedResult = e.detail.result));
  });
  assert.equal(await page.evaluate(() => window.coded.iframe.allow), "clipboard-write");
  const guest = page.frameLocator("iframe");
  await guest.getByRole("button", { name: "Start the assessment" }).click();
  await guest.getByRole("button", { name: "Next" }).click();
  await answerAll(guest);
  await page.waitForFunction(() => window.codedResult);
  const result = await page.evaluate(() => window.codedResult);
  const code = await field(guest).inputValue();
  assert.equal(decode(code).id, result.id);
  assert.deepEqual(decode(code).answers, result.answers);
  await copyButton(guest).click();
  await guest.getByRole("status").filter({ hasText: "Result code copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code);
  await context.close();
});

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

for (const scheme of ["light", "dark"]) {
  test(`axe-core finds no violations on the report with its code, before and after copying (${scheme})`, async () => {
    const { page, context } = await widget({ "result-code": "", autosave: "false" });
    await page.emulateMedia({ colorScheme: scheme });
    const w = W(page);
    await complete(w, TABLE);
    await w.getByRole("heading", { name: "Your result" }).waitFor();
    await page.addScriptTag({ path: AXE });
    const violations = () =>
      page.evaluate(async () => {
        const r = await window.axe.run(document.querySelector("cx-scorecard"), {
          runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
          rules: { region: { enabled: false } },
        });
        return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
      });
    assert.deepEqual(await violations(), [], "with the code");
    await copyButton(w).click();
    await w.getByRole("status").filter({ hasText: "Result code copied" }).waitFor();
    assert.deepEqual(await violations(), [], "copied");
    await context.close();
  });
}
