// The elements' properties, as frameworks set them: every option of mount() (and of mountTeam()) is
// a property that takes its value as it is, as well as an attribute; properties set before the
// element is defined are honoured; a change after mount does what the attribute's change does; a
// wrong value is a clear error naming it; the handle's methods are the element's; `asset-base`
// points the element at another folder serving the package's files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setup, openPage, startServer } from "./harness.mjs";

const env = setup();
const QUICK_CHECK = JSON.parse(readFileSync("www/quick-check.json", "utf8"));
const FIXTURE = JSON.parse(readFileSync("www/team-results.json", "utf8"));
const PURPLE = "rgb(123, 31, 162)";

/** A blank page of the demo site with the element's script, recording the widget's events. */
async function blank(options = {}) {
  const opened = await openPage(env.browser, `${env.site.origin}/privacy.html`, options);
  await opened.page.evaluate(() => {
    window.events = [];
    for (const name of ["ready", "error", "complete", "team-report"]) {
      document.addEventListener(`cx-scorecard:${name}`, (e) => window.events.push({ type: name, detail: e.detail, id: e.target.id }));
    }
  });
  return opened;
}

const loadElements = (page) => page.evaluate(() => import("/cx-scorecard.js").then(() => customElements.whenDefined("cx-scorecard")));
/** A page with one element (#w, without autosave), started: on its profile page. */
async function started() {
  const opened = await blank();
  await loadElements(opened.page);
  await opened.page.evaluate(() => {
    const el = document.createElement("cx-scorecard");
    el.id = "w";
    el.autosave = false;
    document.body.append(el);
  });
  const w = opened.page.locator("#w");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("heading", { name: "About your organisation" }).waitFor();
  return { ...opened, w };
}

/** The computed background of the primary button inside the element's shadow root. */
const primaryBackground = (page, id) =>
  page.evaluate((id) => getComputedStyle(document.getElementById(id).shadowRoot.querySelector(".cxs-primary")).backgroundColor, id);

test("every option is a property taking its value as it is: a definition, a theme and calls to action as objects", async () => {
  const { page, context, problems } = await blank();
  await loadElements(page);
  await page.evaluate((definition) => {
    const el = document.createElement("cx-scorecard");
    el.id = "w";
    // As React 19 and Vue set them: one property at a time, then into the page.
    el.definition = definition;
    el.theme = { accent: "#7b1fa2", radius: "2px" };
    el.cta = [{ id: "call", text: "Book a call", url: "https://example.com/call" }];
    el.autosave = false;
    document.body.append(el);
  }, QUICK_CHECK);
  const w = page.locator("#w");
  await w.getByRole("heading", { name: "CX quick check" }).waitFor();
  assert.equal(await primaryBackground(page, "w"), PURPLE);
  // The properties read back as they were set.
  assert.deepEqual(await page.evaluate(() => {
    const el = document.getElementById("w");
    return [el.definition.id, el.theme.accent, el.cta[0].id, el.autosave, el.locale];
  }), [QUICK_CHECK.id, "#7b1fa2", "call", false, undefined]);
  // Several properties set in one task mount the widget once.
  assert.equal(await page.evaluate(() => window.events.filter((e) => e.type === "ready").length), 1);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("an object option's property also takes its JSON text, as its attribute does", async () => {
  const { page, context, problems } = await blank();
  await loadElements(page);
  await page.evaluate((definition) => {
    const el = document.createElement("cx-scorecard");
    el.id = "text";
    el.definition = JSON.stringify(definition);
    el.theme = '{"accent": "#7b1fa2"}';
    el.cta = '[{"id": "call", "text": "Book a call", "url": "https://example.com/call"}]';
    document.body.append(el);
  }, QUICK_CHECK);
  await page.locator("#text").getByRole("heading", { name: "CX quick check" }).waitFor();
  assert.equal(await primaryBackground(page, "text"), PURPLE);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("properties set before the element is defined are honoured", async () => {
  const { page, context, problems } = await blank();
  await page.evaluate((definition) => {
    const el = document.createElement("cx-scorecard");
    el.id = "early";
    document.body.append(el);
    // Not yet an upgraded element: these are plain own properties, which the upgrade takes over.
    el.definition = definition;
    el.theme = { accent: "#7b1fa2" };
  }, QUICK_CHECK);
  await loadElements(page);
  await page.locator("#early").getByRole("heading", { name: "CX quick check" }).waitFor();
  assert.equal(await primaryBackground(page, "early"), PURPLE);
  assert.equal(await page.evaluate(() => Object.hasOwn(document.getElementById("early"), "definition")), false, "the accessor took it over");
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a property changed after mount does what its attribute's change does; the last one set counts", async () => {
  const { page, context, problems, w } = await started();
  await w.locator("select").first().selectOption({ index: 1 });
  // locale: in place, the answers kept.
  await page.evaluate(() => (document.getElementById("w").locale = "de"));
  await w.getByRole("heading", { name: "Über Ihre Organisation" }).waitFor();
  assert.notEqual(await w.locator("select").first().inputValue(), "", "the answer is kept");
  // An attribute set after the property wins, and a property after that attribute wins again.
  await page.evaluate(() => document.getElementById("w").setAttribute("locale", "fr"));
  await w.getByRole("heading", { name: "À propos de votre organisation" }).waitFor();
  await page.evaluate(() => (document.getElementById("w").locale = "es"));
  await w.getByRole("heading", { name: "Sobre su organización" }).waitFor();
  assert.equal(await page.evaluate(() => document.getElementById("w").locale), "es");
  // Any other option mounts the widget anew, as its attribute does.
  await page.evaluate((definition) => (document.getElementById("w").definition = definition), QUICK_CHECK);
  await w.getByRole("heading", { name: "CX quick check" }).waitFor();
  // Setting a property to null or undefined leaves the option unset (the default assessment again).
  await page.evaluate(() => (document.getElementById("w").definition = null));
  await w.getByRole("button", { name: "Empezar la evaluación" }).waitFor();
  assert.equal(await page.evaluate(() => document.getElementById("w").definition), undefined);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("a wrong property value is a clear error naming it, shown and reported, as its attribute's", async () => {
  const { page, context, problems } = await blank();
  await loadElements(page);
  let count = 0;
  /** The error event of an element whose options `set` sets (a statement on `el`), and the element's id. */
  const errorOf = (set) => page.evaluate(([set, id]) => new Promise((resolve) => {
    const el = document.createElement("cx-scorecard");
    el.id = id;
    el.addEventListener("cx-scorecard:error", (e) => resolve({ ...e.detail, id }), { once: true });
    new Function("el", set)(el);
    document.body.append(el);
  }), [set, `bad${++count}`]);
  const theme = await errorOf("el.theme = 5");
  assert.equal(theme.code, "options");
  assert.match(theme.message, /^cx-scorecard: options\.theme: /);
  // Shown where the widget would be, never a blank box.
  await page.locator(`#${theme.id}`).getByText("options.theme:", { exact: false }).waitFor();
  const attribute = await errorOf("el.setAttribute('theme', 'sepia')");
  const property = await errorOf("el.theme = 'sepia'");
  assert.equal(property.message, attribute.message, "the same error either way");
  const src = await errorOf("el.definitionSrc = 'http://['");
  assert.deepEqual([src.code, src.message], ["definition-src", 'cx-scorecard: the definitionSrc property is not a URL: "http://["']);
  const srcAttribute = await errorOf("el.setAttribute('definition-src', 'http://[')");
  assert.equal(srcAttribute.message, 'cx-scorecard: the definition-src attribute is not a URL: "http://["');
  const definition = await errorOf("el.definition = { schemaVersion: 1 }");
  assert.equal(definition.code, "definition");
  assert.match(definition.message, /options\.definition/);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the handle's methods are the element's: result(), reset(), setLocale()", async () => {
  const { page, context, problems, w } = await started();
  assert.equal(await page.evaluate(() => document.getElementById("w").result()), null);
  await page.evaluate(() => document.getElementById("w").setLocale("de"));
  await w.getByRole("heading", { name: "Über Ihre Organisation" }).waitFor();
  assert.equal(await page.evaluate(() => document.getElementById("w").locale), "de");
  // A tag that is not one throws, as the handle's setLocale does, and changes nothing.
  const thrown = await page.evaluate(() => {
    try {
      document.getElementById("w").setLocale("<b>");
      return null;
    } catch (e) {
      return e.message;
    }
  });
  assert.match(thrown, /^cx-scorecard: .*language tag/);
  await page.evaluate(() => document.getElementById("w").reset());
  await w.getByRole("button", { name: "Bewertung starten" }).waitFor();
  assert.deepEqual(problems(), []);
  await context.close();
});

test("the team report's options are properties too: results as objects, the grouping changed in place", async () => {
  const { page, context, problems } = await blank();
  await loadElements(page);
  const report = await page.evaluate((fixture) => new Promise((resolve) => {
    const el = document.createElement("cx-scorecard-team");
    el.id = "team";
    el.locale = "en";
    el.results = fixture;
    el.addEventListener("cx-scorecard:team-report", (e) => resolve(e.detail.report), { once: true });
    document.body.append(el);
  }), FIXTURE);
  assert.equal(report.respondents, FIXTURE.length);
  const regrouped = await page.evaluate(() => new Promise((resolve) => {
    const el = document.getElementById("team");
    el.addEventListener("cx-scorecard:team-report", (e) => resolve(e.detail.report), { once: true });
    el.minGroup = 30;
  }));
  assert.equal(regrouped.respondents, FIXTURE.length, "every result kept");
  assert.equal(regrouped.minGroup, 30);
  assert.equal(await page.evaluate(() => document.getElementById("team").report().minGroup), 30);
  assert.deepEqual(problems(), []);
  await context.close();
});

test("asset-base: the element loads the wasm and the packs from another folder, once", async () => {
  // The package's files in a folder on a second origin, named without its final "/"; the page loads
  // the element from its own.
  const folder = mkdtempSync(join(tmpdir(), "cx-asset-base-"));
  symlinkSync(resolve("pkg"), join(folder, "cx"));
  const cdn = await startServer({ root: folder });
  try {
    const { page, context, problems } = await blank({ allowedOrigins: [cdn.origin] });
    await loadElements(page);
    await page.evaluate((base) => {
      for (const locale of ["de", "fr"]) {
        const el = document.createElement("cx-scorecard");
        el.id = locale;
        el.setAttribute("locale", locale);
        el.setAttribute("storage-key", locale);
        el.setAttribute("asset-base", base);
        document.body.append(el);
      }
    }, `${cdn.origin}/cx`);
    await page.locator("#de").getByRole("button", { name: "Bewertung starten" }).waitFor();
    await page.locator("#fr").getByRole("button", { name: "Commencer l’évaluation" }).waitFor();
    // Those may be the prerendered screens: wait for the live widgets, and for the wasm's timing entry.
    await page.waitForFunction(() => ["de", "fr"].every((id) => window.events.some((e) => e.type === "ready" && e.id === id)));
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith(".wasm")));
    const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => e.name));
    const fromCdn = fetched.filter((u) => u.startsWith(cdn.origin)).map((u) => new URL(u).pathname).sort();
    assert.deepEqual(fromCdn.filter((p) => /\.wasm$|\/locales\/[a-z]{2}\.js$/.test(p)), ["/cx/cx_scorecard_bg.wasm", "/cx/locales/de.js", "/cx/locales/fr.js"]);
    assert.ok(!fetched.some((u) => u.startsWith(env.site.origin) && u.endsWith(".wasm")), "no wasm from the page's own folder");
    assert.deepEqual(problems(), []);
    await context.close();
  } finally {
    cdn.server.close();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("an element on a page that started the wasm itself (initSync) downloads nothing more", async () => {
  const { page, context, problems } = await blank();
  await page.evaluate(async () => {
    const { initSync } = await import("/index.js");
    initSync({ module: await (await fetch("/cx_scorecard_bg.wasm")).arrayBuffer() });
    await import("/element.js");
    const el = document.createElement("cx-scorecard");
    el.id = "w";
    document.body.append(el);
  });
  await page.locator("#w").getByRole("button", { name: "Start the assessment" }).waitFor();
  const wasm = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length);
  assert.equal(wasm, 1, "the page's own fetch, and no other");
  assert.deepEqual(problems(), []);
  await context.close();
});
