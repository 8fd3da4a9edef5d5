// Nothing lost, nothing leaked: what a hostile page or a careless host does to the widget, in
// Chromium. Saved progress against bad resume links, prototype pollution, redirects, timeouts
// and the outbox's lifetime, two widgets of one assessment, locales, styles and misconfiguration.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { setup, startServer, openPage, answerAll, TABLE } from "./harness.mjs";

/** Requests that reached the results endpoints, by path. */
const seen = [];
const hanging = [];
const env = setup({
  routes: {
    "/api/ok": (req, res) => {
      const entry = { path: "/api/ok", method: req.method, key: req.headers["idempotency-key"], type: req.headers["content-type"], body: "" };
      seen.push(entry);
      req.setEncoding("utf8");
      req.on("data", (chunk) => (entry.body += chunk));
      req.on("end", () => res.writeHead(201).end("{}"));
    },
    "/api/redirect": (req, res) => {
      seen.push({ path: "/api/redirect", method: req.method });
      req.resume();
      req.on("end", () => res.writeHead(302, { location: "/api/landing" }).end());
    },
    "/api/landing": (req, res) => {
      seen.push({ path: "/api/landing", method: req.method });
      res.writeHead(200).end("{}");
    },
    "/api/hang": (req, res) => {
      seen.push({ path: "/api/hang", method: req.method });
      hanging.push(res); // never answered
    },
    // Refuses the first request (422), then never answers; records when a request is aborted.
    "/api/flaky": (req, res) => {
      const first = !seen.some((s) => s.path === "/api/flaky");
      seen.push({ path: "/api/flaky", method: req.method });
      if (first) return req.resume().on("end", () => res.writeHead(422).end());
      hanging.push(res);
      res.on("close", () => seen.push({ path: "/api/flaky", aborted: true }));
    },
  },
});
after(() => hanging.forEach((r) => r.destroy()));

const KEY = "cx-scorecard:session:cx-operations:1.0.0";
const W = (page) => page.locator("#widget");
const stored = (page, key = KEY) => page.evaluate((k) => localStorage.getItem(k), key);
const answersIn = (json) => Object.keys(JSON.parse(json || "{}").session?.answers || {}).length;

/** From the intro, answers the first two dimension pages (10 statements). */
async function answerTwoPages(w) {
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w, TABLE.slice(0, 2));
}

/** Completes the assessment from the intro (no lead form). */
async function complete(w) {
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w);
  await w.getByRole("heading", { name: "Your result" }).waitFor();
}

/** Opens the lead page (no lead form) submitting to `path`, and completes the assessment. */
async function completeSubmittingTo(path) {
  seen.length = 0;
  const opened = await openPage(env.browser, `${env.site.origin}/lead.html?lead=off&submit=${path}`);
  const w = W(opened.page);
  await complete(w);
  return { ...opened, w };
}

test("an unreadable resume link changes nothing stored; with a link and a save the user chooses", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/index.html`);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.site.origin });
  await answerTwoPages(W(page));
  await page.waitForFunction((k) => Object.keys(JSON.parse(localStorage.getItem(k) || "{}").session?.answers || {}).length === 10, KEY);
  const saved = await stored(page);
  await W(page).getByRole("button", { name: "Get a link to continue later" }).click();
  const link = await W(page).getByLabel(/Link to continue later/).inputValue();
  const truncated = link.slice(link.indexOf("#"), -3);

  for (const fragment of ["#cx-resume=x", "#cx-resume=", truncated]) {
    await page.goto("about:blank");
    await page.goto(`${env.site.origin}/index.html${fragment}`);
    await W(page).getByText(/The resume link could not be read/).waitFor();
    assert.equal(await stored(page), saved, `${fragment} changed nothing stored`);
    await W(page).getByText("The resume link could not be read, so its answers cannot be used.").waitFor();
    await W(page).getByText("Welcome back. You have answered 10 of 36 statements.").waitFor();
  }
  await page.goto("about:blank");
  await page.goto(`${env.site.origin}/index.html`);
  await W(page).getByText("Welcome back. You have answered 10 of 36 statements.").waitFor();

  // A link with one answer, made in another browser, opened where 10 answers are saved.
  const other = await openPage(env.browser, `${env.site.origin}/index.html`);
  await other.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: env.site.origin });
  const o = W(other.page);
  await o.getByRole("button", { name: "Start the assessment" }).click();
  await o.getByRole("button", { name: "Next" }).click();
  await o.locator("fieldset.cxs-item").first().locator('label:has(input[value="4"])').click();
  await o.getByRole("button", { name: "Get a link to continue later" }).click();
  const oneAnswer = await o.getByLabel(/Link to continue later/).inputValue();
  await other.context.close();

  const both = "This link holds 1 of 36 answered statements, and this browser has 10 of 36 saved from before. Choose which to continue.";
  /** Opens the one-answer link where the 10 answers are saved. */
  const openLink = async () => {
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY, saved]);
    await page.goto("about:blank");
    await page.goto(oneAnswer);
    await W(page).getByText(both).waitFor();
  };
  await openLink();
  assert.equal(await stored(page), saved, "nothing is deleted before the user chooses");
  await W(page).getByRole("button", { name: "Continue saved answers" }).click();
  await W(page).getByRole("heading", { name: "Promises we can reliably keep" }).waitFor();
  assert.equal(answersIn(await stored(page)), 10, "the saved answers, kept");

  // "Start over", chosen with both on offer, forgets the save (and the link's answers are not used).
  await openLink();
  await W(page).getByRole("button", { name: "Start over" }).click();
  await W(page).getByRole("button", { name: "Start the assessment" }).waitFor();
  assert.equal(await stored(page), null, "the user chose to forget the save");

  await openLink();
  await W(page).getByRole("button", { name: "Continue from the link" }).click();
  await W(page).getByRole("heading", { name: "Journey stages and moments of truth" }).waitFor();
  await page.waitForFunction((k) => Object.keys(JSON.parse(localStorage.getItem(k)).session.answers).length === 1, KEY);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("nothing set on Object.prototype is taken for an option: no result or lead leaves for another site", async () => {
  const sinkHits = [];
  const sink = await startServer({
    routes: { "/sink": (req, res) => { sinkHits.push(req.method); res.writeHead(204, { "access-control-allow-origin": "*" }).end(); } },
  });
  const sinkUrl = `${sink.origin}/sink`;
  const pollute = (url) => {
    window.leaked = [];
    const leak = (x) => window.leaked.push(x);
    Object.assign(Object.prototype, { submitUrl: url, onLead: leak, onComplete: leak, onReady: leak, dataLayer: "leakLayer", targetOrigins: url });
  };
  const fillLead = async (w) => {
    await w.getByRole("heading", { name: "Your details" }).waitFor();
    await w.getByLabel("Work email").fill("ada@example.com");
    await w.getByRole("checkbox").check();
    await w.getByRole("button", { name: "Show my results" }).click();
    await w.getByRole("heading", { name: "Your result" }).waitFor();
  };

  // mount(el, {leadCapture: "before-results"}) after the page's prototype was polluted.
  const context = await env.browser.newContext();
  await context.addInitScript(pollute, sinkUrl);
  const page = await context.newPage();
  const outside = [];
  page.on("request", (r) => r.url().startsWith(sink.origin) && outside.push(r.url()));
  await page.goto(`${env.site.origin}/many.html`);
  await page.waitForFunction(() => window.cx);
  await page.evaluate((lead) => {
    const el = document.createElement("div");
    el.id = "polluted";
    document.body.prepend(el);
    el.addEventListener("cx-scorecard:lead", () => (window.leadEvents = (window.leadEvents || 0) + 1));
    window.cx.mount(el, { leadCapture: "before-results", autosave: false });
  });
  const w = page.locator("#polluted");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w);
  await fillLead(w);
  assert.equal(await page.evaluate(() => window.leadEvents), 1, "the lead event itself fires on the element");
  assert.equal(await w.locator(".cxs-submit").count(), 0, "no submission was started");
  assert.deepEqual(await page.evaluate(() => window.leaked.length), 0, "no polluted callback was called");
  assert.equal(await page.evaluate(() => window.leakLayer), undefined, "no polluted data layer");
  await context.close();

  // <cx-scorecard lead-capture=…> likewise.
  const context2 = await env.browser.newContext();
  await context2.addInitScript(pollute, sinkUrl);
  const page2 = await context2.newPage();
  page2.on("request", (r) => r.url().startsWith(sink.origin) && outside.push(r.url()));
  await page2.goto(`${env.site.origin}/lead.html`);
  const el = page2.locator("cx-scorecard");
  await el.getByRole("button", { name: "Start the assessment" }).click();
  await el.getByRole("button", { name: "Next" }).click();
  await answerAll(el);
  await fillLead(el);
  assert.equal(await el.locator(".cxs-submit").count(), 0, "no submission was started");
  assert.equal(await page2.evaluate(() => window.leaked.length), 0);
  assert.deepEqual(outside, [], "nothing was requested from the other site");
  assert.deepEqual(sinkHits, []);
  await context2.close();
  sink.server.close();
});

test("a redirect from submitUrl is a failure kept in the outbox; the user may discard it", async () => {
  const { page, context, w, problems } = await completeSubmittingTo("/api/redirect");
  const failed = "Your results could not be sent (the server answered with a redirect). They are kept on this device for up to 7 days.";
  await w.getByText(failed).waitFor();
  assert.deepEqual(seen, [{ path: "/api/redirect", method: "POST" }], "the redirect was not followed");
  const outbox = JSON.parse(await stored(page, "cx-scorecard:outbox"));
  const result = JSON.parse(await page.locator("#result").textContent());
  assert.equal(outbox.entries.length, 1);
  assert.match(outbox.entries[0].id, /^[0-9a-f]{32}$/);
  assert.equal(JSON.parse(outbox.entries[0].body).completedAt, result.completedAt);
  assert.equal(outbox.entries[0].lastError, "redirect");
  assert.equal(JSON.parse(outbox.entries[0].body).overall.score, 58.3, "the whole result is kept");
  const errors = await page.evaluate(() => window.cxEvents.filter((e) => e.type === "cx-scorecard:error").map((e) => e.detail));
  assert.deepEqual(errors, [{ code: "submit", message: "cx-scorecard: the result could not be sent: the server answered with a redirect" }]);

  await w.getByRole("button", { name: "Don’t send" }).click();
  await w.getByText("Your results were not sent, and nothing of them is kept on this device.").waitFor();
  assert.equal(await stored(page, "cx-scorecard:outbox"), null, "deleted from storage");
  assert.equal(await w.getByRole("button", { name: "Try again" }).count(), 0);
  assert.deepEqual(problems().filter((p) => !p.includes("/api/redirect")), []);
  await context.close();
});

test("a submission that gets no answer times out after 15 s and is retried, not left sending", async () => {
  const { page, context, w } = await completeSubmittingTo("/api/hang");
  await w.getByText("Sending your results…").waitFor();
  await w.getByText(/^Not sent yet \(the server did not answer in time\)\. They are kept on this device for up to 7 days/).waitFor({ timeout: 30_000 });
  const outbox = JSON.parse(await stored(page, "cx-scorecard:outbox"));
  assert.equal(outbox.entries[0].lastError, "timeout");
  assert.equal(outbox.entries[0].attempts, 1);
  assert.equal(seen.filter((s) => s.path === "/api/hang").length, 1);
  await context.close();
});

test("a queued submission (which may hold the lead) is deleted after 7 days; a newer one is sent", async () => {
  seen.length = 0;
  const day = 24 * 3600 * 1000;
  const entry = (id, age, email) => ({
    id, url: "/api/ok", body: JSON.stringify({ id, lead: { email } }), queuedAt: Date.now() - age,
    attempts: 1, nextAt: Date.now() - age + 1000, lastError: "network",
  });
  const context = await env.browser.newContext();
  await context.addInitScript((outbox) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("cx-scorecard:outbox", outbox);
      sessionStorage.setItem("seeded", "1");
    }
  }, JSON.stringify({ entries: [entry("old", 7 * day + 60_000, "old@example.com"), entry("new", day, "new@example.com")] }));
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/lead.html?lead=off&submit=/api/ok`);
  await W(page).getByRole("button", { name: "Start the assessment" }).waitFor();
  // The sender starts with the widget: the old entry is deleted unsent, the newer one retried.
  await page.waitForFunction(() => localStorage.getItem("cx-scorecard:outbox") === null);
  assert.deepEqual(seen.map((s) => s.key), ["new"], "only the newer one was sent");
  await context.close();
});

/**
 * Two tabs of one site each queue a result while offline, then come back online together (one
 * `online` event in each). The second tab's widget mounts after the first result was queued, so
 * it starts from an outbox that holds it. `setup` runs in both pages before their scripts.
 * Returns the results' ids and the idempotency keys of the POSTs the endpoint received.
 */
async function twoTabsComeOnline(setup = () => {}) {
  seen.length = 0;
  const context = await env.browser.newContext();
  await context.addInitScript(setup);
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto(`${env.site.origin}/lead.html?lead=off&submit=/api/ok`);
  await second.goto(`${env.site.origin}/element.html`);
  await second.waitForFunction(() => customElements.get("cx-scorecard"));
  const tabs = [{ page: first, w: W(first) }, { page: second, w: second.locator("cx-scorecard") }];
  // The widgets are live (the wasm loaded, not the prerendered first screen) before the network goes.
  for (const { page } of tabs) await page.waitForFunction(() => window.cxEvents.some((e) => e.type === "cx-scorecard:ready"));
  await context.setOffline(true);
  const ids = [];
  for (const { page, w } of tabs) {
    await page.bringToFront(); // the tab the user works in (a background tab's timers are throttled)
    if (page === second) {
      await page.evaluate(() => {
        const el = document.createElement("cx-scorecard");
        el.setAttribute("submit-url", "/api/ok");
        el.setAttribute("autosave", "false");
        document.querySelector("cx-scorecard").replaceWith(el);
      });
    }
    await complete(w);
    await w.getByRole("status").filter({ hasText: "Not sent yet (offline)" }).waitFor();
    ids.push(JSON.parse(await page.locator("#result").textContent()).id);
  }
  assert.deepEqual(JSON.parse(await stored(first, "cx-scorecard:outbox")).entries.map((e) => e.id), ids, "both queued, in one outbox");
  await context.setOffline(false);
  // Each tab says its result was sent (the one that did not send it learns so from storage).
  for (const { w } of tabs) await w.getByRole("status").filter({ hasText: "Your results were sent." }).waitFor();
  for (const { page } of tabs) assert.equal(await stored(page, "cx-scorecard:outbox"), null);
  const posts = seen.filter((s) => s.path === "/api/ok").map((s) => s.key);
  await context.close();
  return { ids, posts };
}

test("two tabs coming back online send each queued result once (Web Locks)", async () => {
  const { ids, posts } = await twoTabsComeOnline();
  assert.equal(posts.length, 2, `POSTs: ${posts}`);
  assert.deepEqual([...posts].sort(), [...ids].sort());
});

test("without Web Locks, a lease in localStorage lets one tab send, each result once", async () => {
  const { ids, posts } = await twoTabsComeOnline(() => delete Navigator.prototype.locks);
  assert.equal(posts.length, 2, `POSTs: ${posts}`);
  assert.deepEqual([...posts].sort(), [...ids].sort());
});

test("two widgets of one assessment do not clobber each other's saved answers", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/many.html`);
  await page.waitForFunction(() => window.cx);
  await page.evaluate(() => {
    for (const id of ["one", "two"]) {
      const el = document.createElement("div");
      el.id = id;
      document.body.prepend(el);
    }
    window.one = window.cx.mount(document.getElementById("one"), {});
    window.two = window.cx.mount(document.getElementById("two"), {});
  });
  const one = page.locator("#one");
  const two = page.locator("#two");
  const notice = "Another copy of this assessment on this page is already saving its answers, so answers here are not saved.";
  await two.getByText(notice).waitFor();
  assert.equal(await one.getByText(notice).count(), 0, "the first widget saves");
  await answerTwoPages(one);
  await page.waitForFunction((k) => Object.keys(JSON.parse(localStorage.getItem(k) || "{}").session?.answers || {}).length === 10, KEY);
  const saved = await stored(page);
  await two.getByRole("button", { name: "Start the assessment" }).click();
  await two.getByRole("button", { name: "Next" }).click();
  await answerAll(two, TABLE.slice(0, 1));
  await two.getByText(notice).waitFor();
  assert.equal(await stored(page), saved, "the second widget's answers did not overwrite the first's");
  await page.evaluate(() => window.two.reset());
  await two.getByRole("button", { name: "Start the assessment" }).waitFor();
  assert.equal(await stored(page), saved, "reset() on the second deletes nothing of the first's");

  // many.html's own two widgets have storage keys: each saves on its own.
  const [first, second] = [page.locator("#first"), page.locator("#second")];
  await first.getByRole("button", { name: "Start the assessment" }).click();
  await first.getByRole("button", { name: "Next" }).click();
  await answerAll(first, TABLE.slice(0, 1));
  await second.getByRole("button", { name: "Start the assessment" }).click();
  await second.getByRole("button", { name: "Next" }).click();
  await answerAll(second, TABLE.slice(0, 2));
  await page.waitForFunction(() => ["first", "second"].map((k) => Object.keys(JSON.parse(localStorage.getItem(`cx-scorecard:session:cx-operations:1.0.0:${k}`) || "{}").session?.answers || {}).length).join() === "5,10");
  assert.equal(await stored(page), saved, "and neither touches the unkeyed save");
  assert.equal(await first.getByText(notice).count(), 0);
  // Destroying the first unkeyed widget frees its key for the next one.
  await page.evaluate(() => { window.one.destroy(); window.two.destroy(); });
  await page.evaluate(() => { window.three = window.cx.mount(document.getElementById("two"), {}); });
  await two.getByText("Welcome back. You have answered 10 of 36 statements.").waitFor();
  assert.equal(await two.getByText(notice).count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a bad locale on <cx-scorecard> is reported; the widget keeps its language and answers", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/element.html`);
  const w = W(page);
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await w.locator("fieldset.cxs-item").first().locator('label:has(input[value="4"])').click();
  await page.evaluate(() => document.getElementById("widget").setAttribute("locale", "bad!"));
  await page.waitForFunction(() => window.cxEvents.some((e) => e.type === "cx-scorecard:error"));
  const errors = await page.evaluate(() => window.cxEvents.filter((e) => e.type === "cx-scorecard:error").map((e) => e.detail));
  assert.deepEqual(errors, [{ code: "locale", message: "cx-scorecard: setLocale(tag) must be a language tag such as \"en\" or \"de-CH\", got \"bad!\"" }]);
  await w.getByRole("heading", { name: "Journey stages and moments of truth" }).waitFor();
  assert.equal(await w.locator('fieldset.cxs-item input[value="4"]').first().isChecked(), true, "the answer is kept");
  assert.equal(await w.getByRole("alert").count(), 0, "no error box replaced the widget");
  await page.evaluate(() => document.getElementById("widget").setAttribute("locale", "fr"));
  await w.getByRole("heading", { name: "Étapes du parcours et moments de vérité" }).waitFor();
  assert.equal(await w.locator('fieldset.cxs-item input[value="4"]').first().isChecked(), true);
  // An empty locale means the default (the browser's language here, English).
  await page.evaluate(() => document.getElementById("widget").setAttribute("locale", ""));
  await w.getByRole("heading", { name: "Journey stages and moments of truth" }).waitFor();
  await page.evaluate(() => document.getElementById("widget").reset());
  await w.getByRole("button", { name: "Start the assessment" }).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test("empty locale and lead-capture attributes mean the defaults", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/privacy.html`);
  await page.evaluate(() => {
    const el = document.createElement("cx-scorecard");
    el.id = "widget";
    el.setAttribute("locale", "");
    el.setAttribute("lead-capture", "");
    document.body.append(el);
    return import("/cx-scorecard.js");
  });
  await complete(W(page));
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the first widget of a page mounted on a detached element is styled once attached", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/privacy.html`);
  const radius = await page.evaluate(async () => {
    window.windowErrors = [];
    window.addEventListener("error", (e) => window.windowErrors.push(e.message));
    const m = await import("/index.js");
    await m.default();
    const el = document.createElement("div");
    const ready = new Promise((ok) => el.addEventListener("cx-scorecard:ready", ok));
    m.mount(el, {});
    document.body.append(el);
    await ready;
    const inDocument = getComputedStyle(el.querySelector(".cxs-intro button")).borderRadius;
    // Then moved into a shadow root.
    const outer = document.createElement("div");
    document.body.append(outer);
    const shadow = outer.attachShadow({ mode: "open" });
    shadow.append(el);
    const button = () => getComputedStyle(el.querySelector(".cxs-intro button")).borderRadius;
    while (button() === "0px") await new Promise((ok) => requestAnimationFrame(ok));
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return [inDocument, shadow.adoptedStyleSheets.length];
  });
  assert.notEqual(radius[0], "0px");
  assert.equal(radius[1], 1, "adopted into the shadow root");
  assert.equal(await page.evaluate(() => document.adoptedStyleSheets.length), 1);
  assert.deepEqual(await page.evaluate(() => window.windowErrors), [], "no ResizeObserver loop error");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a language pack is fetched once per page, however many widgets and switches ask for it", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/many.html`);
  const packs = [];
  page.on("request", (r) => /\/locales\/[a-z]{2}\.js$/.test(r.url()) && packs.push(new URL(r.url()).pathname));
  await page.waitForFunction(() => window.cx);
  await page.evaluate(async () => {
    const box = document.createElement("div");
    document.body.append(box);
    const ready = [];
    window.german = [];
    for (let i = 0; i < 50; i++) {
      const el = document.createElement("div");
      box.append(el);
      ready.push(new Promise((ok) => el.addEventListener("cx-scorecard:ready", ok)));
      window.german.push(window.cx.mount(el, { locale: "de", autosave: false }));
    }
    await Promise.all(ready);
  });
  await page.locator("text=Bewertung starten").nth(49).waitFor();
  assert.deepEqual(packs, ["/locales/de.js"]);
  // 2,000 switches between three languages settle on the last, with one request per pack.
  await page.evaluate(() => {
    const order = ["fr", "es", "de", "en"];
    for (let i = 0; i < 2000; i++) window.cx.handles[0].setLocale(order[i % 4]);
    window.cx.handles[0].setLocale("es");
  });
  await page.locator("#first").getByRole("button", { name: "Empezar la evaluación" }).waitFor();
  assert.deepEqual(packs.sort(), ["/locales/de.js", "/locales/es.js", "/locales/fr.js"]);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the iframe guest without a parent origin says so instead of running deaf", async () => {
  const context = await env.browser.newContext();
  await context.addInitScript(() => {
    window.cxErrors = [];
    document.addEventListener("cx-scorecard:error", (e) => window.cxErrors.push(e.detail));
  });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/privacy.html`);
  for (const [query, message] of [
    ["", "embed.html in a frame needs ?parentOrigin= the partner page's origin"],
    ["?parentOrigin=", "options.targetOrigins lists no origin"],
    ["?parentOrigin=,", "options.targetOrigins lists no origin"],
  ]) {
    await page.evaluate((src) => {
      document.querySelector("iframe")?.remove();
      const f = document.createElement("iframe");
      f.src = src;
      document.body.append(f);
    }, `/embed.html${query}`);
    const frame = page.frameLocator("iframe");
    await frame.getByRole("alert").filter({ hasText: message }).waitFor();
    const inner = page.frames().find((f) => f.url().includes("/embed.html"));
    await inner.waitForFunction(() => window.cxErrors.length > 0);
    const errors = await inner.evaluate(() => window.cxErrors);
    assert.equal(errors.length, 1, query);
    assert.equal(errors[0].code, "options");
    assert.ok(errors[0].message.includes(message), errors[0].message);
  }
  // Not framed, embed.html is the widget alone, as before.
  await page.goto(`${env.site.origin}/embed.html`);
  await page.getByRole("button", { name: "Start the assessment" }).waitFor();
  await context.close();
});

test("an empty submit-url, or a theme that would fetch from another site, is refused in words", async () => {
  const tracker = await startServer();
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/privacy.html`);
  await page.evaluate(() => {
    window.cxErrors = [];
    document.addEventListener("cx-scorecard:error", (e) => window.cxErrors.push(e.detail));
  });
  for (const [name, value, message] of [
    ["submit-url", "", "options.submitUrl is empty: give an http(s) URL, or leave the option out"],
    ["theme", JSON.stringify({ background: `url(${tracker.origin}/pixel.png)` }), "options.theme.background must be a colour"],
    ["theme", JSON.stringify({ accent: `image-set("${tracker.origin}/pixel.png" 1x)` }), "options.theme.accent must be a colour"],
  ]) {
    await page.evaluate(([name, value]) => {
      document.querySelector("cx-scorecard")?.remove();
      window.cxErrors.length = 0;
      const el = document.createElement("cx-scorecard");
      el.setAttribute(name, value);
      document.body.append(el);
      return import("/cx-scorecard.js");
    }, [name, value]);
    await page.locator("cx-scorecard").getByRole("alert").filter({ hasText: message }).waitFor();
    const errors = await page.evaluate(() => window.cxErrors);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].code, "options");
    assert.ok(errors[0].message.includes(message));
  }
  assert.deepEqual(problems(), [], "no request to the tracker");
  tracker.server.close();
  await context.close();
});

test("a result discarded while its retry is under way is aborted and never shown as sent", async () => {
  const { page, context, w } = await completeSubmittingTo("/api/flaky");
  await w.getByRole("status").filter({ hasText: "could not be sent (the server answered 422)" }).waitFor();
  await w.getByRole("button", { name: "Try again" }).click();
  while (seen.filter((s) => s.path === "/api/flaky" && !s.aborted).length < 2) await new Promise((ok) => setImmediate(ok));
  await w.getByRole("button", { name: "Don’t send" }).click();
  const discarded = "Your results were not sent, and nothing of them is kept on this device.";
  await w.getByRole("status").filter({ hasText: discarded }).waitFor();
  // Focus moved to the status, not lost with the button.
  assert.equal(await page.evaluate(() => document.getElementById("widget").shadowRoot.activeElement?.textContent), discarded);
  while (!seen.some((s) => s.aborted)) await new Promise((ok) => setImmediate(ok));
  // The aborted request has settled in the page: the status still says "not sent".
  await page.evaluate(() => new Promise((ok) => setTimeout(ok, 0)));
  await w.getByRole("status").filter({ hasText: discarded }).waitFor();
  assert.equal(await w.getByText("Your results were sent.").count(), 0);
  assert.equal(await stored(page, "cx-scorecard:outbox"), null);
  await context.close();
});

test("what an earlier build queued gets a date and expires, also on a page that sends nothing", async () => {
  const day = 24 * 3600 * 1000;
  const context = await env.browser.newContext();
  await context.addInitScript((outbox) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("cx-scorecard:outbox", outbox);
      sessionStorage.setItem("seeded", "1");
    }
  }, JSON.stringify({ entries: [
    // Given up on (no automatic retry), stored before entries had a date.
    { id: "legacy", url: "/api/ok", body: "{\"lead\":{\"email\":\"a@example.com\"}}", attempts: 6, nextAt: null, lastError: "network" },
    { id: "old", url: "/api/ok", body: "{\"lead\":{\"email\":\"b@example.com\"}}", queuedAt: Date.now() - 8 * day, attempts: 6, nextAt: null, lastError: "network" },
  ] }));
  const page = await context.newPage();
  const before = Date.now();
  await page.goto(`${env.site.origin}/index.html`);
  await W(page).getByRole("button", { name: "Start the assessment" }).waitFor();
  const outbox = JSON.parse(await stored(page, "cx-scorecard:outbox"));
  assert.deepEqual(outbox.entries.map((e) => e.id), ["legacy"], "the 8-day-old one is gone");
  assert.ok(outbox.entries[0].queuedAt >= before && outbox.entries[0].queuedAt <= Date.now(), "dated when first read, and stored so");
  await context.close();
});

test("fetch options set on Object.prototype change nothing about the submission", async () => {
  seen.length = 0;
  const context = await env.browser.newContext();
  await context.addInitScript(() => Object.assign(Object.prototype, { mode: "no-cors", credentials: "include", cache: "force-cache", integrity: "sha256-x" }));
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/lead.html?lead=off&submit=/api/ok`);
  await complete(W(page));
  await W(page).getByRole("status").filter({ hasText: "Your results were sent." }).waitFor();
  assert.equal(seen.length, 1);
  assert.match(seen[0].key, /^[0-9a-f]{32}$/, "the idempotency key arrived");
  assert.equal(JSON.parse(seen[0].body).id, seen[0].key, "the result's id is the idempotency key");
  assert.equal(seen[0].type, "application/json");
  await context.close();
});

test("request options set on Object.prototype break no fetch of a definition or a language pack", async () => {
  const context = await env.browser.newContext();
  // A well-formed but wrong integrity hash: any fetch whose init dictionary inherits it fails.
  const integrity = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  await context.addInitScript((integrity) => Object.assign(Object.prototype, { integrity, referrerPolicy: "no-referrer", cache: "only-if-cached", mode: "same-origin" }), integrity);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${env.site.origin}/element.html`);
  // The pollution is real: a fetch given an ordinary init object (as gloo-net builds one) fails.
  const withInit = await page.evaluate(() => fetch("/quick-check.json", {}).then(() => "loaded", (e) => `failed: ${e.message}`));
  assert.match(withInit, /^failed/);
  await page.evaluate(() => {
    for (const [id, attrs] of [["src", { "definition-src": "/quick-check.json", autosave: "false" }], ["de", { locale: "de", autosave: "false" }]]) {
      const el = document.createElement("cx-scorecard");
      el.id = id;
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      document.body.append(el);
    }
  });
  // The widget's own requests carry no init dictionary, so nothing inherited reaches them.
  await page.locator("#src").getByText("CX quick check").first().waitFor();
  await page.locator("#de").getByRole("button", { name: "Bewertung starten" }).waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a page's toJSON on Array.prototype changes neither the submission nor the saved answers", async () => {
  seen.length = 0;
  const context = await env.browser.newContext();
  // As old Prototype.js did: JSON.stringify would write every array as a string.
  await context.addInitScript(() => {
    Array.prototype.toJSON = function () { return "an array, stringified"; };
  });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/lead.html?lead=off&submit=/api/ok`);
  await answerTwoPages(W(page));
  await page.waitForFunction((k) => (localStorage.getItem(k) || "").includes('"answers":{'), KEY);
  const saved = JSON.parse(await stored(page));
  assert.equal(Object.keys(saved.session.answers).length, 10, "the saved session holds the answers");
  await page.reload();
  await W(page).getByRole("button", { name: "Resume" }).click();
  await W(page).getByRole("button", { name: "Next" }).waitFor();
  await answerAll(W(page), TABLE.slice(2));
  await W(page).getByRole("heading", { name: "Your result" }).waitFor();
  await W(page).getByRole("status").filter({ hasText: "Your results were sent." }).waitFor();
  const body = JSON.parse(seen.find((s) => s.path === "/api/ok").body);
  assert.ok(Array.isArray(body.answers) && body.answers.length === 36, "the answers arrive as a list");
  assert.ok(Array.isArray(body.dimensions) && body.dimensions.length === 7);
  assert.ok(Array.isArray(body.recommendations));
  await context.close();
});

test("a bad locale kept in the attribute does not break a later remount", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/element.html`);
  const w = W(page);
  await page.evaluate(() => document.getElementById("widget").setAttribute("locale", "fr"));
  await w.getByRole("button", { name: "Commencer l’évaluation" }).waitFor();
  await page.evaluate(() => document.getElementById("widget").setAttribute("locale", "bad!"));
  await page.waitForFunction(() => window.cxEvents.some((e) => e.type === "cx-scorecard:error"));
  // Another attribute remounts: the widget comes back in the last language it took.
  await page.evaluate(() => document.getElementById("widget").setAttribute("theme", "dark"));
  await w.locator(".cxs-dark").getByRole("button", { name: "Commencer l’évaluation" }).waitFor();
  assert.equal(await w.getByRole("alert").count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a widget whose element was removed without destroy() no longer holds the autosave", async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.site.origin}/many.html`);
  await page.waitForFunction(() => window.cx);
  await page.evaluate(() => {
    const el = document.createElement("div");
    el.id = "gone";
    document.body.prepend(el);
    window.cx.mount(el, {});
  });
  await page.locator("#gone").getByRole("button", { name: "Start the assessment" }).waitFor();
  await page.evaluate(() => {
    document.getElementById("gone").remove(); // an SPA route change, say: no destroy()
    const el = document.createElement("div");
    el.id = "next";
    document.body.prepend(el);
    window.cx.mount(el, {});
  });
  const next = page.locator("#next");
  await next.getByRole("button", { name: "Start the assessment" }).waitFor();
  assert.equal(await next.getByText(/answers here are not saved/).count(), 0);
  await next.getByRole("button", { name: "Start the assessment" }).click();
  await next.getByRole("button", { name: "Next" }).click();
  await answerAll(next, TABLE.slice(0, 1));
  await page.waitForFunction((k) => Object.keys(JSON.parse(localStorage.getItem(k) || "{}").session?.answers || {}).length === 5, KEY);
  assert.deepEqual(problems(), []);
  await context.close();
});
