// Embedding in real Chromium: the custom element, a hostile host stylesheet, a strict CSP,
// partner iframes on other origins, several widgets on a page, and memory across mount/destroy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launch, startServer, openPage, answerAll } from "./harness.mjs";

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";
let browser, widgetSite, partnerSite, thirdSite, cspSite;

before(async () => {
  browser = await launch();
  widgetSite = await startServer();
  partnerSite = await startServer();
  thirdSite = await startServer();
  cspSite = await startServer({ headers: () => ({ "content-security-policy": CSP }) });
});
after(async () => {
  await browser?.close();
  for (const s of [widgetSite, partnerSite, thirdSite, cspSite]) s?.server.close();
});

/** Records CSP violations from the first script onwards. */
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

async function completeElementPage(page) {
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("heading", { name: "About your organisation" }).waitFor();
  await page.getByRole("button", { name: "Next" }).click();
  await answerAll(page.locator("cx-scorecard"));
  await page.getByRole("heading", { name: "Your result" }).waitFor();
  await page.waitForFunction(() => window.cxEvents.some((e) => e.type === "cx-scorecard:complete"));
  return page.evaluate(() => window.cxEvents);
}

function assertValidResult(result) {
  assert.equal(result.schemaVersion, 1);
  assert.equal(result.assessment.id, "cx-operations");
  assert.equal(result.answers.length, 36);
  assert.equal(result.overall.score, 58.3);
  assert.equal(result.overall.level, 3);
  assert.equal(result.recommendations.length, 7);
}

test("the custom element completes and the page receives cx-scorecard:complete", async () => {
  const { page, context, problems } = await openPage(browser, `${widgetSite.origin}/element.html`);
  const events = await completeElementPage(page);
  assert.equal(events[0].type, "cx-scorecard:ready");
  const complete = events.find((e) => e.type === "cx-scorecard:complete");
  assert.equal(complete.target, "widget", "the event is retargeted to the <cx-scorecard> element");
  assertValidResult(complete.detail.result);
  assert.deepEqual(await page.evaluate(() => document.getElementById("widget").result()), complete.detail.result);
  // data-layer: pushed onto the host's array, which is still the same array with its own entry first.
  const layer = await page.evaluate(() => ({
    same: window.dataLayer === window.hostDataLayer,
    events: window.dataLayer.map((e) => e.event),
    summary: window.dataLayer.find((e) => e.event === "cx-scorecard:complete")?.cxScorecard,
  }));
  assert.deepEqual(layer, {
    same: true,
    // The funnel (began, each statement page), then the result.
    events: ["host-page-view", "cx-scorecard:start", ...Array(7).fill("cx-scorecard:page"), "cx-scorecard:complete"],
    summary: { assessmentId: "cx-operations", score: 58.3, level: 3, levelName: "Defined" },
  });
  // The widget renders inside a shadow root: nothing of it is in the light DOM.
  assert.equal(await page.locator("#widget >> css=:light(.cxs)").count(), 0);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a hostile host stylesheet breaks neither layout nor controls", async () => {
  const { page, context, problems } = await openPage(browser, `${widgetSite.origin}/hostile.html`);
  await page.getByRole("button", { name: "Start the assessment" }).waitFor();
  const look = await page.locator("cx-scorecard").evaluate((el) => {
    const root = el.shadowRoot;
    const button = root.querySelector("button");
    const style = getComputedStyle(button);
    const box = root.querySelector(".cxs").getBoundingClientRect();
    return { display: style.display, visible: button.checkVisibility(), fontSize: getComputedStyle(root.querySelector("h2")).fontSize, width: box.width };
  });
  assert.notEqual(look.display, "none");
  assert.ok(look.visible);
  assert.equal(look.fontSize, "24px");
  assert.ok(look.width > 300, `widget width ${look.width}`);
  await page.getByRole("button", { name: "Start the assessment" }).click();
  await page.getByRole("button", { name: "Next" }).click();
  const input = await page.locator("cx-scorecard input[type=radio]").first().evaluate((i) => ({
    opacity: getComputedStyle(i).opacity, visible: i.checkVisibility(),
  }));
  assert.deepEqual(input, { opacity: "1", visible: true });
  await answerAll(page.locator("cx-scorecard"));
  await page.getByRole("heading", { name: "Your result" }).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test("under a strict CSP the page works and reports no violation", async () => {
  const context = await browser.newContext();
  await watchCsp(context);
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  page.on("pageerror", (e) => problems.push(e.message));
  const response = await page.goto(`${cspSite.origin}/element.html`);
  assert.equal(response.headers()["content-security-policy"], CSP);
  const events = await completeElementPage(page);
  assertValidResult(events.find((e) => e.type === "cx-scorecard:complete").detail.result);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("dark theme and theme properties apply inside the shadow root", async () => {
  const { page, context, problems } = await openPage(browser, `${widgetSite.origin}/many.html`);
  await page.waitForFunction(() => window.cx && document.querySelectorAll(".cxs").length === 2);
  const colours = await page.evaluate(() =>
    [...document.querySelectorAll(".cxs")].map((el) => ({
      bg: getComputedStyle(el).backgroundColor,
      accent: getComputedStyle(el.querySelector(".cxs-primary")).backgroundColor,
    })),
  );
  assert.deepEqual(colours, [
    { bg: "rgb(255, 255, 255)", accent: "rgb(31, 95, 191)" },
    { bg: "rgb(20, 24, 29)", accent: "rgb(255, 179, 71)" },
  ]);
  // Without a theme option the widget follows prefers-color-scheme.
  await page.emulateMedia({ colorScheme: "dark" });
  const auto = await page.evaluate(() => {
    const el = document.createElement("div");
    document.body.append(el);
    const h = window.cx.mount(el, {});
    return new Promise((ok) => requestAnimationFrame(() => {
      const bg = getComputedStyle(el.querySelector(".cxs")).backgroundColor;
      h.destroy();
      ok(bg);
    }));
  });
  assert.equal(auto, "rgb(20, 24, 29)");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("several widgets on one page stay independent", async () => {
  const { page, context, problems } = await openPage(browser, `${widgetSite.origin}/many.html`);
  const first = page.locator("#first");
  const second = page.locator("#second");
  await first.getByRole("button", { name: "Start the assessment" }).click();
  await first.getByRole("button", { name: "Next" }).click();
  await first.locator("fieldset.cxs-item").first().locator('label:has(input[value="2"])').click();
  await second.getByRole("button", { name: "Start the assessment" }).click();
  await second.getByRole("button", { name: "Next" }).click();
  await second.locator("fieldset.cxs-item").first().locator('label:has(input[value="5"])').click();
  assert.equal(await first.locator('input[value="2"]:checked').count(), 1);
  assert.equal(await first.locator('input[value="5"]:checked').count(), 0);
  assert.equal(await second.locator('input[value="5"]:checked').count(), 1);
  assert.equal(await second.locator('input[value="2"]:checked').count(), 0);
  assert.equal(await first.locator("progress").getAttribute("value"), "1");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("200 mount/destroy cycles do not grow wasm memory", async () => {
  const { page, context, problems } = await openPage(browser, `${widgetSite.origin}/many.html`);
  await page.waitForFunction(() => window.cx);
  const sizes = await page.evaluate(async () => {
    const warm = await window.cx.cycles(20, { theme: "dark" });
    return { warm, after: await window.cx.cycles(200, { theme: "dark" }) };
  });
  assert.equal(sizes.after, sizes.warm, `memory grew from ${sizes.warm} to ${sizes.after} bytes`);
  assert.deepEqual(problems(), []);
  await context.close();
});

/** Resolves once `page` has received a message whose data is `tag`. */
function barrier(page, tag) {
  return page.evaluate((tag) => new Promise((ok) => addEventListener("message", (e) => e.data === tag && ok())), tag);
}

test("iframe mode: the allow-listed partner gets every message; others get nothing and cannot command", async () => {
  const guest = `${widgetSite.origin}/embed.html`;
  const partner = await openPage(browser, `${partnerSite.origin}/partner.html?guest=${encodeURIComponent(guest)}`, {
    allowedOrigins: [widgetSite.origin],
  });
  const p = partner.page;
  const frame = p.frameLocator("iframe");
  await p.waitForFunction(() => window.partnerEvents?.some((e) => e.type === "cx-scorecard:resize"));
  await frame.getByRole("button", { name: "Start the assessment" }).click();
  await frame.getByRole("button", { name: "Next" }).click();
  await answerAll(frame.locator("#widget"));
  await frame.getByRole("heading", { name: "Your result" }).waitFor();
  await p.waitForFunction(() => window.partnerEvents?.some((e) => e.type === "cx-scorecard:complete"));
  const types = new Set(await p.evaluate(() => window.partnerEvents.map((e) => e.type)));
  for (const t of ["ready", "resize", "progress", "complete"]) assert.ok(types.has(`cx-scorecard:${t}`), `partner got ${t}`);
  const complete = await p.evaluate(() => window.partnerEvents.find((e) => e.type === "cx-scorecard:complete").detail);
  assertValidResult(complete.result);

  // The iframe is sized to the widget, and the size settles (no growth loop).
  const guestFrame = p.frames().find((f) => f.url().startsWith(guest));
  const settle = () => p.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  await settle();
  const resizes = await p.evaluate(() => window.partnerEvents.filter((e) => e.type === "cx-scorecard:resize").length);
  const widgetHeight = await guestFrame.evaluate(() => Math.ceil(document.getElementById("widget").getBoundingClientRect().height));
  const iframeHeight = await p.evaluate(() => document.querySelector("iframe").getBoundingClientRect().height);
  assert.equal(iframeHeight, widgetHeight);
  await settle();
  await settle();
  assert.equal(await p.evaluate(() => window.partnerEvents.filter((e) => e.type === "cx-scorecard:resize").length), resizes);
  assert.equal(await guestFrame.evaluate(() => document.documentElement.scrollHeight <= innerHeight), true, "no scrollbar inside");

  // A third origin framing the same guest, naming the partner as parent, receives nothing.
  const third = await openPage(
    browser,
    `${thirdSite.origin}/partner.html?guest=${encodeURIComponent(guest)}&parentOrigin=${encodeURIComponent(partnerSite.origin)}`,
    { allowedOrigins: [widgetSite.origin] },
  );
  const t = third.page;
  const tFrame = t.frameLocator("iframe");
  await tFrame.getByRole("button", { name: "Start the assessment" }).click();
  await tFrame.getByRole("button", { name: "Next" }).click();
  await answerAll(tFrame.locator("#widget"));
  await tFrame.getByRole("heading", { name: "Your result" }).waitFor();
  const tGuest = t.frames().find((f) => f.url().startsWith(guest));
  // Messages from one window arrive in order: once this one arrives, any earlier one would have.
  const arrived = barrier(t, "barrier-1");
  await tGuest.evaluate(() => parent.postMessage("barrier-1", "*"));
  await arrived;
  assert.deepEqual(await t.evaluate(() => window.partnerEvents), []);

  // Forged commands from the third origin change nothing.
  const forged = tGuest.evaluate(() => new Promise((ok) => {
    let n = 0;
    addEventListener("message", () => ++n === 3 && ok());
  }));
  await t.evaluate(() => {
    window.partnerFrame.reset();
    window.partnerFrame.setLocale("de");
    document.querySelector("iframe").contentWindow.postMessage({ source: "cx-scorecard", version: 1, type: "cx-scorecard:reset" }, "*");
  });
  await forged;
  assert.equal(await tFrame.locator("h2").textContent(), "Your result");
  assert.equal(await tFrame.locator(".cxs").getAttribute("lang"), "en");

  // Malformed commands from the allowed origin are ignored too; a well-formed one is obeyed.
  const pGuestGot = guestFrame.evaluate(() => new Promise((ok) => {
    let n = 0;
    addEventListener("message", () => ++n === 3 && ok());
  }));
  await p.evaluate(() => {
    const w = document.querySelector("iframe").contentWindow;
    const target = new URL(document.querySelector("iframe").src).origin;
    w.postMessage({ type: "cx-scorecard:reset" }, target);
    w.postMessage({ source: "cx-scorecard", version: 2, type: "cx-scorecard:reset" }, target);
    w.postMessage({ source: "cx-scorecard", version: 1, type: "cx-scorecard:setLocale", payload: { locale: "<img src=x>" } }, target);
  });
  await pGuestGot;
  assert.equal(await frame.locator("h2").textContent(), "Your result");
  await p.evaluate(() => window.partnerFrame.reset());
  await frame.getByRole("button", { name: "Start the assessment" }).waitFor();

  assert.deepEqual(partner.problems(), []);
  assert.deepEqual(third.problems(), []);
  await partner.context.close();
  await third.context.close();
});

test("the element's attributes react, ::part() styles apply, and removal destroys the widget", async () => {
  const { page, context, problems } = await openPage(browser, `${widgetSite.origin}/element.html`);
  const el = page.locator("cx-scorecard");
  await el.getByRole("button", { name: "Start the assessment" }).waitFor();

  await page.addStyleTag({ content: "cx-scorecard::part(primary-button) { background-color: rgb(10, 20, 30); }" });
  assert.equal(await el.locator(".cxs-primary").evaluate((b) => getComputedStyle(b).backgroundColor), "rgb(10, 20, 30)");

  // locale: switches language in place, keeping the session.
  await el.getByRole("button", { name: "Start the assessment" }).click();
  await el.getByRole("heading", { name: "About your organisation" }).waitFor();
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("locale", "de-CH"));
  await el.locator('.cxs[lang="de"]').waitFor();
  assert.equal(await el.locator("h2").textContent(), "Über Ihre Organisation", "still on the same page, in German");
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("locale", "en"));
  await el.locator('.cxs[lang="en"]').waitFor();

  // definition-src: loads another assessment.
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("definition-src", "quick-check.json"));
  await el.getByRole("heading", { name: "CX quick check" }).waitFor();
  await el.getByRole("button", { name: "Start the assessment" }).click();
  await el.getByRole("heading", { name: "Promises" }).waitFor();

  // A definition that cannot be loaded gives a readable message and an error event, not a blank box.
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("definition-src", "missing.json"));
  await el.getByRole("alert").waitFor();
  assert.match(await el.getByRole("alert").textContent(), /could not load the definition from http:\/\/\S+\/missing\.json: HTTP 404/);
  const error = await page.evaluate(() => window.cxEvents.find((e) => e.type === "cx-scorecard:error").detail);
  assert.equal(error.code, "definition-src");

  // An unsupported or mistyped attribute value is reported the same way.
  await page.evaluate(() => {
    const w = document.querySelector("cx-scorecard");
    w.removeAttribute("definition-src");
    w.setAttribute("theme", "{not json");
  });
  await el.getByText(/options\.theme: not JSON/).waitFor();
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("theme", "dark"));
  await el.getByRole("heading", { name: "CX Operations capability assessment" }).waitFor();
  assert.equal(await el.locator(".cxs").getAttribute("class"), "cxs cxs-dark");

  // Removing the element destroys the widget once the removal has lasted (a macrotask later: a
  // move would have put it back by then); adding it again mounts a fresh one.
  const removed = await page.evaluate(async () => {
    const w = document.querySelector("cx-scorecard");
    w.remove();
    await new Promise((r) => setTimeout(r, 0));
    return w.shadowRoot.querySelector(".cxs") === null;
  });
  assert.ok(removed);
  await page.evaluate(() => document.querySelector(".demo-widget").append(Object.assign(document.createElement("cx-scorecard"))));
  await page.locator("cx-scorecard").getByRole("button", { name: "Start the assessment" }).waitFor();

  // The expected 404 is the only console error.
  assert.deepEqual(problems().filter((p) => !p.includes("404")), []);
  await context.close();
});

test("when the wasm cannot be fetched, the element says so instead of staying blank", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/cx_scorecard_bg.wasm", (r) => r.abort("connectionrefused"));
  await page.goto(`${widgetSite.origin}/element.html`);
  const alert = page.locator("cx-scorecard").getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /^The assessment could not be shown\.\s*cx-scorecard: could not start the wasm \(Failed to fetch\); check that the package.s \.wasm file is served/);
  const [event] = await page.evaluate(() => window.cxEvents.filter((e) => e.type === "cx-scorecard:error"));
  assert.equal(event.detail.code, "mount");
  assert.deepEqual(errors, [], "no uncaught error or unhandled rejection");
  await context.close();
});
