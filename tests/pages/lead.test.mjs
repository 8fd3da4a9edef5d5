// Lead magnet and report in real Chromium: the gate's validation and consent, no lead without
// consent, the printed PDF's text, the downloads, and submission through failures and offline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setup, openPage, answerAll } from "./harness.mjs";

/** The results endpoint: fails while `failures` > 0 (or `down`), stores each result by idempotency key. */
const api = { failures: 0, down: false, rejectOnce: false, stored: new Map(), delivered: [], requests: 0 };
const env = setup({
    routes: {
      "/api/results": (req, res) => {
        let body = "";
        req.on("data", (c) => (body += c));
        req.on("end", () => {
          api.requests++;
          const key = req.headers["idempotency-key"];
          if (req.method !== "POST" || !key || req.headers["content-type"] !== "application/json") {
            res.writeHead(400).end();
          } else if (api.rejectOnce) {
            api.rejectOnce = false;
            res.writeHead(422).end();
          } else if (api.down || api.failures > 0) {
            api.failures = Math.max(0, api.failures - 1);
            res.writeHead(503).end();
          } else {
            if (!api.stored.has(key)) api.stored.set(key, JSON.parse(body));
            api.delivered.push(key);
            res.writeHead(201, { "content-type": "application/json" }).end("{}");
          }
        });
      },
    },
  });

const W = (page) => page.locator("cx-scorecard");

async function toLeadForm(page) {
  await W(page).getByRole("button", { name: "Start the assessment" }).click();
  await W(page).getByRole("button", { name: "Next" }).click();
  await answerAll(W(page));
  await W(page).getByRole("heading", { name: "Your details" }).waitFor();
}

const events = (page, type) => page.evaluate((t) => window.cxEvents.filter((e) => e.type === t), type);

test("the lead gate validates inline, requires consent, and emits the lead only with consent", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/lead.html`);
  await toLeadForm(page);
  const w = W(page);
  const submit = w.getByRole("button", { name: "Show my results" });

  await submit.click();
  await w.getByRole("alert").filter({ hasText: "Please correct the highlighted fields." }).waitFor();
  const email = w.getByLabel("Work email");
  assert.equal(await email.getAttribute("aria-invalid"), "true");
  assert.match(await w.locator(`#${await email.getAttribute("aria-describedby")}`).textContent(), /This field is required/);
  assert.equal(await w.getByRole("checkbox").getAttribute("aria-invalid"), "true");
  assert.ok(await email.evaluate((e) => e.getRootNode().activeElement === e), "focus goes to the first field in error");
  assert.equal(await w.getByLabel("Name").getAttribute("aria-invalid"), null, "optional fields are not in error");

  await email.fill("ana@example");
  await submit.click();
  await w.getByText("Enter an email address such as name@company.com.").waitFor();

  await email.fill("ana@example.com");
  await w.getByLabel("Name").fill("Ana Lima");
  await w.getByLabel("Team size").selectOption("11–50");
  await submit.click();
  await w.getByText("Tick the box to agree, or your details cannot be used.").waitFor();
  assert.equal(await email.getAttribute("aria-invalid"), null);
  assert.deepEqual(await events(page, "cx-scorecard:lead"), [], "no lead without consent");
  assert.deepEqual(await events(page, "cx-scorecard:complete"), [], "no results behind the gate yet");
  assert.equal(await w.getByRole("link", { name: "Privacy policy" }).getAttribute("href"), "privacy.html");

  await w.getByRole("checkbox", { name: /Example Ltd may keep these details/ }).check();
  await submit.click();
  await w.getByRole("heading", { name: "Your result" }).waitFor();
  const [lead] = await events(page, "cx-scorecard:lead");
  const [complete] = await events(page, "cx-scorecard:complete");
  assert.deepEqual(Object.keys(lead.detail.lead).sort(), ["consent", "email", "name", "team-size"]);
  assert.equal(lead.detail.lead.email, "ana@example.com");
  assert.equal(lead.detail.lead.consent.text, "I agree that Example Ltd may keep these details with my results and contact me about them.");
  assert.equal(lead.detail.lead.consent.privacyPolicyUrl, "privacy.html");
  assert.ok(Date.parse(lead.detail.lead.consent.at) > 0);
  assert.deepEqual(lead.detail.result.lead, lead.detail.lead);
  assert.deepEqual(complete.detail.result.lead, lead.detail.lead);
  const order = await page.evaluate(() => window.cxEvents.map((e) => e.type).filter((t) => /lead|complete/.test(t)));
  // The form was shown (a funnel event), then the lead and the result.
  assert.deepEqual(order, ["cx-scorecard:lead-shown", "cx-scorecard:lead", "cx-scorecard:complete"]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a skipped gate emits no lead and the result has none", async () => {
  const lead = encodeURIComponent(JSON.stringify({ allowSkip: true, consentText: "You may contact me." }));
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/lead.html?lead=${lead}`);
  await toLeadForm(page);
  await W(page).getByLabel("Work email").fill("ana@example.com");
  await W(page).getByRole("button", { name: "Skip and see results" }).click();
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  await page.waitForFunction(() => window.cxEvents.some((e) => e.type === "cx-scorecard:complete"));
  assert.deepEqual(await events(page, "cx-scorecard:lead"), []);
  const [complete] = await events(page, "cx-scorecard:complete");
  assert.equal("lead" in complete.detail.result, false);
  assert.deepEqual(problems(), []);
  await context.close();
});

async function completeDemo(page) {
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await answerAll(page.locator("#widget"));
  await page.getByRole("heading", { name: "Your result" }).waitFor();
  return JSON.parse(await page.locator("#result").textContent());
}

test("the report prints to a clean PDF with title, date, level, chart, scores and recommendations", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/index.html`);
  await completeDemo(page);
  const radar = page.locator("svg.cxs-radar");
  assert.equal(await radar.getAttribute("role"), "img");
  assert.match(await radar.locator("desc").textContent(), /^1\. Journey stages and moments of truth: 70; 2\. Front and back/);
  assert.equal(await radar.locator("circle").count(), 7);

  const dir = mkdtempSync(join(tmpdir(), "cxs-pdf-"));
  for (const format of ["A4", "Letter"]) {
    const file = join(dir, `${format}.pdf`);
    writeFileSync(file, await page.pdf({ format, printBackground: true }));
    const text = execFileSync("pdftotext", ["-layout", file, "-"]).toString().replace(/\s+/g, " ");
    for (const expected of [
      "CX Operations capability assessment", "Your result", "Completed", "Level 3: Defined", "Overall score: 58.3 of 100",
      "Your top three priorities", "Journey stages and moments of truth", "70 of 100 · Level 4 Integrated",
      "Pre-authorise fixes for the five most escalated issues", "Tie recognition to key moments and check it for gaming",
      "Context, not a comparison", "XM Institute, 2024",
    ]) assert.ok(text.includes(expected), `${format} PDF lacks "${expected}"`);
    for (const absent of ["Download JSON", "Download CSV", "Start again", "Print or save as PDF", "Events"]) {
      assert.ok(!text.includes(absent), `${format} PDF shows "${absent}"`);
    }
  }
  assert.deepEqual(problems(), []);
  await context.close();
});

test("Download JSON saves the result and Download CSV one row per answer", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/index.html`);
  const result = await completeDemo(page);
  const save = async (name) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
  };
  const json = await save("Download JSON");
  assert.equal(json.name, `cx-operations-${result.completedAt.slice(0, 10)}.json`);
  assert.deepEqual(JSON.parse(json.text), result);
  const csv = await save("Download CSV");
  assert.equal(csv.name, `cx-operations-${result.completedAt.slice(0, 10)}.csv`);
  const lines = csv.text.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
  assert.equal(lines.length, 37);
  assert.equal(lines[0], "assessment_id,assessment_version,completed_at,dimension_id,dimension,question_id,statement,reverse_scored,value,answer");
  assert.equal(lines[5], `cx-operations,1.0.0,${result.completedAt},d1,Journey stages and moments of truth,d1.s5,Our processes are organised mainly around departments or products rather than touchpoints.,true,1,Strongly disagree`);
  assert.ok(lines[33].endsWith(",d7.s2,Feedback is tagged to the journey stage and moment it relates to.,false,,Don’t know"), lines[33]);
  assert.deepEqual(problems(), []);
  await context.close();
});

const outbox = (page) => page.evaluate(() => JSON.parse(localStorage.getItem("cx-scorecard:outbox") || '{"entries":[]}').entries);

test("submission survives server failures, going offline and closing the page, with one stored copy each", async () => {
  const lead = encodeURIComponent(JSON.stringify({ allowSkip: true }));
  const url = `${env.site.origin}/lead.html?lead=${lead}&submit=/api/results`;
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(url);
  const w = W(page);
  const complete = async () => {
    // From the results ("Start again"), a returning visit's offer ("Start over") or a fresh intro.
    const start = w.getByRole("button", { name: /^(Start the assessment|Start over|Start again)$/ });
    await start.waitFor();
    if ((await start.textContent()) !== "Start the assessment") await start.click();
    await toLeadForm(page);
    await w.getByRole("button", { name: "Skip and see results" }).click();
    await w.getByRole("heading", { name: "Your result" }).waitFor();
  };

  // 1. The first two requests fail: queued, retried with backoff, then sent.
  api.failures = 2;
  await complete();
  await w.getByRole("status").filter({ hasText: "Not sent yet (the server answered 503)" }).waitFor();
  assert.equal((await outbox(page)).length, 1, "queued in localStorage");
  await w.getByRole("status").filter({ hasText: "Your results were sent." }).waitFor();
  assert.equal(api.stored.size, 1);
  assert.deepEqual(await outbox(page), []);

  // 2. Offline: queued, then sent when the browser is back online.
  await context.setOffline(true);
  await complete();
  await w.getByRole("status").filter({ hasText: "Not sent yet (offline)" }).waitFor();
  assert.equal((await outbox(page)).length, 1);
  await context.setOffline(false);
  await w.getByRole("status").filter({ hasText: "Your results were sent." }).waitFor();
  assert.equal(api.stored.size, 2);

  // 3. The server is down and the page is closed: the next visit sends it.
  api.down = true;
  await complete();
  await w.getByRole("status").filter({ hasText: "Not sent yet (the server answered 503)" }).waitFor();
  const pending = await outbox(page);
  assert.equal(pending.length, 1);
  await page.goto(`${env.site.origin}/privacy.html`);
  api.down = false;
  await page.goto(url);
  await page.waitForFunction(() => !localStorage.getItem("cx-scorecard:outbox"));
  assert.ok(api.stored.has(pending[0].id));
  assert.equal(api.stored.size, 3);

  // 4. A rejected request fails with a retry button, which sends it.
  api.rejectOnce = true;
  await complete();
  await w.getByRole("status").filter({ hasText: "could not be sent (the server answered 422)" }).waitFor();
  await w.getByRole("button", { name: "Try again" }).click();
  await w.getByRole("status").filter({ hasText: "Your results were sent." }).waitFor();

  // Exactly one stored copy of each result, none lost, none delivered twice.
  assert.equal(api.stored.size, 4);
  assert.equal(new Set(api.delivered).size, api.delivered.length, `delivered ${api.delivered}`);
  for (const [key, result] of api.stored) {
    assert.equal(result.schemaVersion, 1);
    assert.equal(result.answers.length, 36);
    assert.match(key, /^[0-9a-f]{32}$/);
  }
  const errors = await events(page, "cx-scorecard:error");
  assert.equal(errors.length, 1);
  assert.match(errors[0].detail.message, /could not be sent: the server answered 422/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("fields filled all at once, as a password manager does, are all kept", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/lead.html`);
  await toLeadForm(page);
  // One script sets every field and fires its events before the widget can render in between.
  await W(page).evaluate((host) => {
    const root = host.shadowRoot;
    const set = (label, value) => {
      const field = [...root.querySelectorAll("label")].find((l) => l.textContent.startsWith(label)).control;
      field.value = value;
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.dispatchEvent(new Event("change", { bubbles: true }));
    };
    set("Name", "Ana Lima");
    set("Work email", "ana@example.com");
    set("Company", "Example Ltd");
    set("Team size", "11–50");
  });
  await W(page).getByRole("checkbox").check();
  await W(page).getByRole("button", { name: "Show my results" }).click();
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  const [lead] = await events(page, "cx-scorecard:lead");
  const { consent, ...fields } = lead.detail.lead;
  assert.deepEqual(fields, { name: "Ana Lima", email: "ana@example.com", company: "Example Ltd", "team-size": "11–50" });
  assert.ok(Date.parse(consent.at) > 0);
  assert.deepEqual(problems(), []);
  await context.close();
});
