// The prerendered first screen (pkg/intro.*, rendered at build time with Yew's SSR): shown before the
// JS glue and the wasm have arrived on every embed path, the same as the live widget's, swapped for
// it without a layout shift, with an early click and focus kept; never shown where it would be
// wrong; working under a strict CSP with Trusted Types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerAll, setup, startServer } from "./harness.mjs";

const env = setup();
const START = { en: "Start the assessment", de: "Bewertung starten", fr: "Commencer l’évaluation", es: "Empezar la evaluación" };
const PROFILE = "About your organisation";

/**
 * Opens a context whose pages record problems and layout shifts; the wasm (and what `hold` names)
 * waits for `release()`.
 */
async function open(url, { storage, hash = "", viewport, contextOptions = {}, origin = env.site.origin, hold, init } = {}) {
  const context = await env.browser.newContext({ viewport, ...contextOptions });
  if (init) await context.addInitScript(init);
  await context.addInitScript(() => {
    // Every prerendered screen put into a shadow root the loader attaches, by name, at any time.
    window.__prerendered = [];
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (options) {
      const root = attach.call(this, options);
      new MutationObserver((records) => {
        for (const r of records) {
          for (const n of r.addedNodes) {
            if (n.nodeType === 1 && n.hasAttribute("data-cxs-prerender")) window.__prerendered.push(n.getAttribute("data-cxs-prerender"));
          }
        }
      }).observe(root, { childList: true });
      return root;
    };
    window.__shifts = [];
    new PerformanceObserver((list) => {
      // Shifts of the widget's own boxes (not of the host page's, such as a demo page's event log).
      const widget = document.querySelector("cx-scorecard, #widget");
      const ours = (node) => !node || node.getRootNode() !== document || widget?.contains(node);
      for (const e of list.getEntries()) {
        if (e.sources.some((s) => ours(s.node))) window.__shifts.push({ value: e.value, at: e.startTime });
      }
    }).observe({ type: "layout-shift", buffered: true });
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => m.type() === "error" && problems.push(`console: ${m.text()}`));
  page.on("pageerror", (e) => problems.push(`page: ${e.message}`));
  if (storage) {
    // What an earlier visit left, written before the page's own scripts run.
    await context.addInitScript((entries) => {
      if (sessionStorage.getItem("seeded")) return;
      sessionStorage.setItem("seeded", "1");
      for (const [k, v] of entries) localStorage.setItem(k, v);
    }, Object.entries(storage));
  }
  let release;
  const gate = new Promise((r) => (release = r));
  for (const held of ["**/cx_scorecard_bg.wasm", ...(hold ? [hold] : [])]) {
    await page.route(held, async (route) => {
      await gate;
      await route.continue();
    });
  }
  await page.goto(`${origin}/${url}${hash}`);
  return { page, context, problems, release };
}

/** The DOM tree under `root` as data: tags, sorted attributes, text (adjacent texts joined). */
function treeScript(selector) {
  const widget = document.querySelector("cx-scorecard");
  const scope = widget?.shadowRoot ?? document;
  const root = scope.querySelector(selector);
  const tree = (n) => {
    if (n.nodeType === Node.TEXT_NODE) return n.data;
    const kids = [];
    for (const c of n.childNodes) {
      if (c.nodeType === Node.COMMENT_NODE) continue;
      const t = tree(c);
      if (typeof t === "string" && typeof kids.at(-1) === "string") kids[kids.length - 1] += t;
      else kids.push(t);
    }
    const attrs = [...n.attributes].map((a) => [a.name, a.value]).sort();
    return [n.localName, attrs, ...kids.filter((k) => k !== "")];
  };
  return root && tree(root);
}

const PRERENDERED = "[data-cxs-prerender] > .cxs-root";
const LIVE = ":not([data-cxs-prerender]) > .cxs-root";

/** Waits until the live widget has taken the prerender's place. */
async function swapped(page) {
  await page.waitForFunction(() => {
    const scope = document.querySelector("cx-scorecard")?.shadowRoot ?? document;
    return !scope.querySelector("[data-cxs-prerender]") && scope.querySelector(".cxs-root .cxs");
  });
  // Two frames drawn after the swap, so that any shift it caused has been reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** The widget's background colour (styled or not) in the prerender or the live widget. */
function background(selector) {
  const scope = document.querySelector("cx-scorecard")?.shadowRoot ?? document;
  return getComputedStyle(scope.querySelector(`${selector} .cxs`)).backgroundColor;
}

for (const [locale, theme] of [["en", null], ["de", null], ["fr", "dark"], ["es", "light"]]) {
  test(`<cx-scorecard locale="${locale}"${theme ? ` theme="${theme}"` : ""}>: the prerendered intro before the wasm is the live one, swapped without a shift`, async () => {
    const { page, context, problems, release } = await open("element.html");
    await page.evaluate(([locale, theme]) => {
      const old = document.querySelector("cx-scorecard");
      const el = document.createElement("cx-scorecard");
      el.setAttribute("locale", locale);
      if (theme) el.setAttribute("theme", theme);
      old.replaceWith(el);
    }, [locale, theme]);
    const start = page.getByRole("button", { name: START[locale] });
    await start.waitFor();
    const before = await page.evaluate(treeScript, PRERENDERED);
    assert.ok(before, "the intro shown is the prerendered one");
    assert.equal(before[2][1].find(([k]) => k === "lang")[1], locale);
    const colour = await page.evaluate(background, "[data-cxs-prerender]");
    const aria = await page.locator("cx-scorecard").ariaSnapshot();
    const t0 = await page.evaluate(() => performance.now());
    release();
    await swapped(page);
    assert.deepEqual(await page.evaluate(treeScript, LIVE), before);
    assert.equal(await page.evaluate(background, ""), colour);
    assert.equal(colour, theme === "dark" ? "rgb(20, 24, 29)" : "rgb(255, 255, 255)");
    assert.equal(await page.locator("cx-scorecard").ariaSnapshot(), aria);
    const shifts = await page.evaluate((t0) => window.__shifts.filter((s) => s.at >= t0), t0);
    assert.deepEqual(shifts, []);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a click on the prerendered Start is kept and honoured: the user lands on the next screen", async () => {
  const { page, context, problems, release } = await open("element.html");
  await page.getByRole("button", { name: START.en }).click();
  // Nothing can happen yet: the glue has not arrived.
  assert.equal(await page.getByRole("heading", { name: PROFILE }).count(), 0);
  release();
  const heading = page.getByRole("heading", { name: PROFILE });
  await heading.waitFor();
  assert.equal(await heading.evaluate((h) => h.getRootNode().activeElement === h), true, "the new screen's heading has focus");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Enter on the focused prerendered Start is kept too; focus stays on the same control", async () => {
  for (const key of [null, "Enter"]) {
    const { page, context, problems, release } = await open("element.html");
    const start = page.getByRole("button", { name: START.en });
    await start.waitFor();
    await start.focus();
    if (key) await page.keyboard.press(key);
    release();
    if (key) {
      await page.getByRole("heading", { name: PROFILE }).waitFor();
    } else {
      await swapped(page);
      const focused = await page.evaluate(() => {
        const a = document.querySelector("cx-scorecard").shadowRoot.activeElement;
        return { text: a?.textContent, live: !!a?.isConnected && !a.closest("[data-cxs-prerender]") };
      });
      assert.deepEqual(focused, { text: START.en, live: true });
      // And the live button works.
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: PROFILE }).waitFor();
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("a click on the prerendered Start is kept when the host sets locale during loading: the widget starts in the new language", async () => {
  const PROFILE_DE = "Über Ihre Organisation";
  for (const how of ["attribute", "property"]) {
    const { page, context, problems, release } = await open("element.html");
    await page.getByRole("button", { name: START.en }).click();
    await page.evaluate((how) => {
      const el = document.querySelector("cx-scorecard");
      if (how === "attribute") el.setAttribute("locale", "de");
      else el.locale = "de";
    }, how);
    // The first screen in German takes the English one's place, with the click kept.
    await page.getByRole("button", { name: START.de }).waitFor();
    assert.equal(await page.getByRole("button", { name: START.en }).count(), 0, how);
    release();
    const heading = page.getByRole("heading", { name: PROFILE_DE });
    await heading.waitFor({ timeout: 10_000 });
    assert.equal(await heading.evaluate((h) => h.getRootNode().activeElement === h), true, `${how}: the new screen's heading has focus`);
    assert.equal(await page.locator("cx-scorecard .cxs").getAttribute("lang"), "de");
    assert.deepEqual(problems, [], how);
    await context.close();
  }
});

test("a click on the prerendered Start is kept when the host moves the element during loading", async () => {
  const moves = [
    // A framework's move: to another parent, in the same task.
    ["to another parent", () => document.querySelector("aside").append(document.querySelector("cx-scorecard"))],
    ["taken out, and put back a microtask later", async () => {
      const el = document.querySelector("cx-scorecard");
      const parent = el.parentElement;
      el.remove();
      await Promise.resolve();
      parent.append(el);
    }],
  ];
  for (const [name, move] of moves) {
    const { page, context, problems, release } = await open("element.html");
    await page.getByRole("button", { name: START.en }).click();
    await page.evaluate(move);
    assert.equal(await page.evaluate(() => document.querySelector("cx-scorecard").isConnected), true, name);
    release();
    const heading = page.getByRole("heading", { name: PROFILE });
    await heading.waitFor({ timeout: 10_000 });
    assert.equal(await heading.evaluate((h) => h.getRootNode().activeElement === h), true, `${name}: the heading has focus`);
    assert.deepEqual(problems, [], name);
    await context.close();
  }
});

test("Enter on the prerendered Start, then the page scrolled away while the wasm loads: the page stays where it is, focus goes to the next heading", async () => {
  for (const viewport of [{ width: 390, height: 700 }, { width: 1280, height: 800 }]) {
    const { page, context, problems, release } = await open("element.html", { viewport });
    // A tall page, the widget in its middle.
    await page.evaluate(() => {
      const spacer = (h) => Object.assign(document.createElement("div"), { style: `height: ${h}px` });
      const main = document.querySelector("main");
      main.before(spacer(1200));
      main.after(spacer(3000));
    });
    const start = page.getByRole("button", { name: START.en });
    await start.waitFor();
    await start.focus();
    await page.keyboard.press("Enter");
    await page.evaluate(() => window.scrollTo({ top: 50, behavior: "instant" }));
    assert.equal(await page.evaluate(() => window.scrollY), 50);
    // The widget is out of sight now.
    assert.ok(await page.evaluate(() => document.querySelector("cx-scorecard").getBoundingClientRect().top > innerHeight), "out of sight");
    release();
    await page.waitForFunction((name) => {
      const h = document.querySelector("cx-scorecard").shadowRoot.activeElement;
      return h?.localName === "h2" && h.textContent === name;
    }, PROFILE);
    // Two frames drawn since focus moved, so that any scroll it caused has happened.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await page.evaluate(() => window.scrollY), 50, `${viewport.width} px: the page did not move`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("the swap keeps the page's scroll position", async () => {
  const { page, context, problems, release } = await open("embed.html", { viewport: { width: 360, height: 240 } });
  await page.getByRole("button", { name: START.en }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 150));
  const y = await page.evaluate(() => window.scrollY);
  assert.ok(y > 100, "the page scrolls");
  release();
  await swapped(page);
  assert.equal(await page.evaluate(() => window.scrollY), y);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The prerendered screens shown so far (see `open`). */
const prerendered = (page) => page.evaluate(() => window.__prerendered);

/** Waits for the page's first prerender (held back glue: it stays), then forgets it. */
async function afterFirstPrerender(page) {
  await page.getByRole("button", { name: START.en }).waitFor();
  await page.evaluate(() => (window.__prerendered.length = 0));
}

/** Answers the profile page and the first dimension page, so that something is saved. */
async function saveSomeAnswers(url) {
  const { page, context, release } = await open(url);
  release();
  await page.getByRole("button", { name: START.en }).click();
  await page.getByRole("button", { name: "Next" }).click();
  await page.locator("fieldset.cxs-item").first().locator("label").first().click();
  const saved = await page.evaluate(() => ({ ...localStorage }));
  await context.close();
  assert.ok(Object.keys(saved).some((k) => k.startsWith("cx-scorecard:session:cx-operations:")), "the answers were saved");
  return saved;
}

test("a returning visitor gets no Start-only prerender: the live widget offers to resume", async () => {
  const saved = await saveSomeAnswers("element.html");
  {
    const { page, context, problems, release } = await open("element.html", { storage: saved });
    release();
    await page.getByRole("button", { name: "Resume" }).waitFor();
    assert.deepEqual(await prerendered(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  }
  {
    // The snippet's screen, in the HTML, goes as soon as the loader has decided, long before the
    // glue (held back here) could have replaced it.
    const { page, context, problems, release } = await open("declarative.html", { storage: saved });
    await page.waitForFunction(() => {
      const root = document.querySelector("cx-scorecard").shadowRoot;
      return customElements.get("cx-scorecard") && !root.querySelector("[data-cxs-prerender]");
    });
    release();
    await page.getByRole("button", { name: "Resume" }).waitFor();
    assert.deepEqual(await prerendered(page), []);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // A resume link in the URL, likewise (even an unreadable one, which the widget reports).
  const { page, context, release } = await open("element.html", { hash: "#cx-resume=x" });
  release();
  await page.getByText("The resume link could not be read").waitFor();
  assert.deepEqual(await prerendered(page), []);
  await context.close();
});

test("no prerender where it would be wrong: a custom definition, a theme object, a bad storage key, disabled storage, a second widget on the same key", async () => {
  const cases = [
    ["definition-src", "quick-check.json", ".cxs-intro"],
    ["theme", '{"accent":"#aa3300"}', ".cxs-intro"],
    ["theme", "sepia", ".cxs-failure"],
    ["storage-key", "no spaces", ".cxs-failure"],
  ];
  for (const [name, value, live] of cases) {
    const { page, context, release } = await open("element.html");
    await afterFirstPrerender(page);
    await page.evaluate(([name, value]) => {
      const el = document.createElement("cx-scorecard");
      el.setAttribute(name, value);
      document.querySelector("cx-scorecard").replaceWith(el);
    }, [name, value]);
    release();
    await page.locator(`cx-scorecard ${live}`).waitFor();
    assert.deepEqual(await prerendered(page), [], `${name}=${value}`);
    await context.close();
  }
  // Storage that throws: the live widget says answers are not saved, so no plain prerender.
  {
    const init = () => {
      Object.defineProperty(window, "localStorage", { get() { throw new DOMException("denied", "SecurityError"); } });
    };
    const { page, context, release } = await open("element.html", { init });
    release();
    await page.getByText("cannot be saved in this browser").waitFor();
    assert.deepEqual(await prerendered(page), []);
    await context.close();
  }
  // Two widgets of one assessment on one key: the second says it does not save, so it gets none.
  {
    const { page, context, release } = await open("element.html");
    await afterFirstPrerender(page);
    await page.evaluate(() => document.body.append(document.createElement("cx-scorecard")));
    release();
    await page.getByText("already saving its answers").waitFor();
    assert.deepEqual(await prerendered(page), []);
    await context.close();
  }
  // Two on one key from the start: whichever mounts first saves, so neither gets one.
  {
    const { page, context, release } = await open("privacy.html");
    await page.evaluate(() => {
      document.body.append(document.createElement("cx-scorecard"), document.createElement("cx-scorecard"));
      return import("/cx-scorecard.js");
    });
    release();
    await page.getByText("already saving its answers").waitFor();
    assert.deepEqual(await prerendered(page), []);
    await context.close();
  }
});

test("an unsupported language gets the English prerender, which is what the widget shows", async () => {
  const { page, context, problems, release } = await open("element.html");
  await page.waitForFunction(() => customElements.get("cx-scorecard"));
  await page.evaluate(() => {
    const el = document.createElement("cx-scorecard");
    el.setAttribute("locale", "it-IT");
    document.querySelector("cx-scorecard").replaceWith(el);
  });
  await page.getByRole("button", { name: START.en }).waitFor();
  const before = await page.evaluate(treeScript, PRERENDERED);
  assert.ok(before);
  release();
  await swapped(page);
  assert.deepEqual(await page.evaluate(treeScript, LIVE), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the declarative snippet shows the first screen from the HTML alone, with no script at all", async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.site.origin}/declarative.html`);
  const start = page.getByRole("button", { name: START.en });
  await start.waitFor();
  assert.equal(await start.isVisible(), true);
  // Styled by the linked stylesheet: the accent colour of the primary button.
  const box = await start.boundingBox();
  assert.ok(box.height >= 40, `a styled button (${box.height} px high)`);
  await context.close();
});

test("the declarative snippet: the loader adopts its shadow root, keeps an early click and swaps with no shift", async () => {
  const { page, context, problems, release } = await open("declarative.html");
  const start = page.getByRole("button", { name: START.en });
  await start.waitFor();
  const before = await page.evaluate(treeScript, PRERENDERED);
  const t0 = await page.evaluate(() => performance.now());
  release();
  await swapped(page);
  assert.deepEqual(await page.evaluate(treeScript, LIVE), before);
  assert.deepEqual(await page.evaluate((t0) => window.__shifts.filter((s) => s.at >= t0), t0), []);
  await context.close();
  // An early click once the loader runs (which brings the prerender module with it).
  const again = await open("declarative.html");
  await again.page.waitForFunction(() => customElements.get("cx-scorecard"));
  await again.page.getByRole("button", { name: START.en }).click();
  again.release();
  await again.page.getByRole("heading", { name: PROFILE }).waitFor();
  assert.deepEqual([...problems, ...again.problems], []);
  await again.context.close();
});

for (const [url, locale, label] of [
  ["embed.html", "en", "the iframe guest"],
  ["embed.html?locale=de&theme=dark", "de", "the iframe guest in German, dark"],
  ["app.html?locale=fr", "fr", "the offline page in French"],
]) {
  test(`${label}: the page holds the first screen, shown before the wasm, the same as the live one`, async () => {
    const { page, context, problems, release } = await open(url);
    const start = page.getByRole("button", { name: START[locale] });
    await start.waitFor();
    const before = await page.evaluate(treeScript, PRERENDERED);
    assert.ok(before);
    const t0 = await page.evaluate(() => performance.now());
    release();
    await swapped(page);
    assert.deepEqual(await page.evaluate(treeScript, LIVE), before);
    assert.deepEqual(await page.evaluate((t0) => window.__shifts.filter((s) => s.at >= t0), t0), []);
    await context.close();
    const again = await open(url);
    await again.page.getByRole("button", { name: START[locale] }).click();
    again.release();
    await again.page.locator("form.cxs-profile h2").waitFor();
    assert.deepEqual([...problems, ...again.problems], []);
    await again.context.close();
  });
}

test("every path works under a strict CSP with Trusted Types required, and reports no violation", async () => {
  const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'";
  const strict = await startServer({ headers: () => ({ "content-security-policy": CSP }) });
  try {
    for (const url of ["element.html", "declarative.html", "embed.html", "app.html"]) {
      const { page, context, problems, release } = await open(url, { origin: strict.origin });
      await page.getByRole("button", { name: START.en }).click();
      release();
      await page.locator("form.cxs-profile").waitFor();
      await page.getByRole("button", { name: "Next" }).click();
      if (url === "element.html") {
        // The whole run, to the report with its chart.
        await answerAll(page.locator("cx-scorecard"));
        await page.getByRole("heading", { name: "Your result" }).waitFor();
      } else await page.locator("fieldset.cxs-item").first().waitFor();
      // The offline page's worker is registered through a Trusted Types policy of its own.
      if (url === "app.html") await page.getByText("This page now works offline.").waitFor();
      assert.deepEqual({ url, csp: await page.evaluate(() => window.__csp), problems }, { url, csp: [], problems: [] });
      await context.close();
    }
  } finally {
    strict.server.close();
  }
});
