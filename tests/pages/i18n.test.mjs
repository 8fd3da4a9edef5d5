// Languages in Chromium: the browser's language by default, English as the fallback, the locale
// attribute, and live switching that keeps every answer, with locale-formatted numbers and dates.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { setup, answerAll, TABLE } from "./harness.mjs";

const env = setup();

/** A page in a browser context with this language, collecting errors and the packs requested. */
async function blankPage(locale) {
  const context = await env.browser.newContext({ locale });
  const page = await context.newPage();
  const errors = [];
  const packs = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  // The packs (locales/<language>.js), not the table that names them (locales/index.js).
  page.on("request", (r) => /\/locales\/[a-z]{2}\.js$/.test(r.url()) && packs.push(new URL(r.url()).pathname));
  return { page, context, errors, packs };
}

async function pageIn(locale, path = "/index.html") {
  const opened = await blankPage(locale);
  await opened.page.goto(`${env.site.origin}${path}`);
  return opened;
}

test("the language follows the browser, and falls back to English", async () => {
  for (const [locale, start, title] of [
    ["es-ES", "Empezar la evaluación", "Evaluación de la capacidad de Operaciones CX"],
    ["de-AT", "Bewertung starten", "Bewertung der CX-Operations-Fähigkeit"],
    ["fr-CA", "Commencer l’évaluation", "Évaluation de la capacité CX Opérations"],
    ["it-IT", "Start the assessment", "CX Operations capability assessment"],
  ]) {
    const { page, context, errors } = await pageIn(locale);
    await page.getByRole("button", { name: start }).waitFor();
    assert.equal(await page.locator("#widget h2").textContent(), title);
    assert.equal(await page.locator("#widget .cxs").getAttribute("lang"), locale === "it-IT" ? "en" : locale.slice(0, 2));
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test("the locale attribute chooses the language", async () => {
  const { page, context, errors } = await pageIn("en-US", "/element.html");
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("locale", "de"));
  await page.locator("cx-scorecard").getByRole("button", { name: "Bewertung starten" }).click();
  await page.locator("cx-scorecard").getByRole("heading", { name: "Über Ihre Organisation" }).waitFor();
  assert.ok(await page.locator("cx-scorecard").getByLabel("Branche").isVisible());
  assert.deepEqual(errors, []);
  await context.close();
});

test("setLocale switches language live, keeps the answers, and formats numbers and dates", async () => {
  const { page, context, errors } = await pageIn("en-US");
  const w = page.locator("#widget");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  await w.getByRole("button", { name: "Next" }).click();
  await answerAll(w, TABLE.slice(0, 1));
  await w.locator("fieldset.cxs-item").nth(0).locator('label:has(input[value="2"])').click();
  await page.evaluate(() => window.cxHandle.setLocale("fr"));
  await w.getByRole("heading", { name: "Front et back-office, un seul système" }).waitFor();
  assert.equal(await w.locator("fieldset.cxs-item").nth(0).locator('input[value="2"]').isChecked(), true);
  assert.match(await w.locator(".cxs-progress").textContent(), /6 sur 36 répondues/);
  assert.ok(await w.getByText("Pas d’accord").first().isVisible());
  await w.getByRole("button", { name: "Retour" }).click();
  assert.equal(await w.locator("fieldset.cxs-item").nth(4).locator('input[value="1"]').isChecked(), true);
  await w.getByRole("button", { name: "Suivant" }).click();
  await answerAll(w, TABLE.slice(1));
  await w.getByRole("heading", { name: "Votre résultat" }).waitFor();
  assert.equal(await w.locator(".cxs-level").textContent(), "Niveau 3: Défini");
  assert.match(await w.locator(".cxs-score").textContent(), /58,3 sur 100/);
  const date = new Date().toLocaleDateString("fr", { dateStyle: "long" });
  assert.equal(await w.locator(".cxs-date").textContent(), `Terminé le ${date}`);
  const result = JSON.parse(await page.locator("#result").textContent());
  assert.equal(result.locale, "fr");
  assert.equal(result.overall.levelName, "Défini");
  assert.equal(result.dimensions[0].title, "Étapes du parcours et moments de vérité");
  assert.equal(result.recommendations[0].text, "Pré-autoriser les solutions aux cinq problèmes les plus souvent escaladés");
  assert.ok(result.recommendations[0].why.startsWith("Votre dimension la plus faible : score de 0 sur 100"), result.recommendations[0].why);
  assert.equal(result.overall.score, 58.3, "the JSON keeps plain numbers");
  // And back to Spanish on the results.
  await page.evaluate(() => window.cxHandle.setLocale("es"));
  await w.getByRole("heading", { name: "Su resultado" }).waitFor();
  assert.match(await w.locator(".cxs-score").textContent(), /58,3 de 100/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the assessment's texts in another language come as one small pack, fetched once and only when needed", async () => {
  const requests = async (locale, act) => {
    const { page, context, errors, packs } = await blankPage(locale);
    await page.goto(`${env.site.origin}/index.html`);
    await act(page);
    assert.deepEqual(errors, []);
    await context.close();
    return packs;
  };
  // English needs no pack.
  assert.deepEqual(await requests("en-GB", (p) => p.getByRole("button", { name: "Start the assessment" }).waitFor()), []);
  // German: the German pack only, once, however often the language is switched back and forth.
  const de = await requests("de-DE", async (p) => {
    await p.getByRole("button", { name: "Bewertung starten" }).waitFor();
    assert.equal(await p.locator("#widget h2").textContent(), "Bewertung der CX-Operations-Fähigkeit");
    await p.evaluate(() => window.cxHandle.setLocale("en"));
    await p.getByRole("button", { name: "Start the assessment" }).waitFor();
    await p.evaluate(() => window.cxHandle.setLocale("de"));
    await p.getByRole("button", { name: "Bewertung starten" }).waitFor();
  });
  assert.deepEqual(de, ["/locales/de.js"]);
});

test("when a pack cannot be had, the widget keeps its language, loses nothing and says so", async () => {
  const { page, context, errors } = await blankPage("en-US");
  await page.route("**/locales/fr.js", (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.route("**/locales/es.js", (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: 'export default {"assessment":"cx-operations","version":"0.1","locale":"es","texts":[]};' }));
  await page.goto(`${env.site.origin}/index.html`);
  const w = page.locator("#widget");
  await w.getByRole("button", { name: "Start the assessment" }).click();
  // The next error event, after switching to `locale`.
  const failedSwitch = (locale) => page.evaluate((locale) => new Promise((ok) => {
    document.querySelector("#widget").addEventListener("cx-scorecard:error", (e) => ok(e.detail), { once: true });
    window.cxHandle.setLocale(locale);
  }), locale);
  await w.locator("fieldset").first().locator("input").first().check();
  const fr = await failedSwitch("fr");
  const es = await failedSwitch("es");
  assert.equal(fr.code, "locale");
  assert.match(fr.message, /^cx-scorecard: could not load the "fr" texts \(Failed to fetch dynamically imported module: http:\/\/[^ ]+\/locales\/fr\.js\), so the widget stays in "en"$/);
  assert.equal(es.code, "locale");
  assert.match(es.message, /^cx-scorecard: could not load the "es" texts \(made for another assessment or version than cx-operations 1\.0\.0\), so the widget stays in "en"$/);
  assert.equal(await w.locator(".cxs").getAttribute("lang"), "en");
  assert.equal(await w.locator("h2").textContent(), "About your organisation");
  assert.ok(await w.locator("fieldset").first().locator("input").first().isChecked(), "the answer is kept");
  // Nothing is lost: the page still works and a later switch to a language that loads works.
  await page.evaluate(() => window.cxHandle.setLocale("de"));
  await w.getByRole("heading", { name: "Über Ihre Organisation" }).waitFor();
  assert.ok(await w.getByLabel("Branche").isVisible());
  assert.ok(await w.locator("fieldset").first().locator("input").first().isChecked(), "the answer is kept");
  // From German, a language that cannot be had leaves it German.
  assert.match((await failedSwitch("fr")).message, /so the widget stays in "de"$/);
  assert.equal(await w.locator(".cxs").getAttribute("lang"), "de");
  // Chromium itself logs the two 404s; the widget logs nothing.
  assert.deepEqual(errors, Array(2).fill("Failed to load resource: the server responded with a status of 404 (Not Found)"));
  await context.close();
});

test("a pack arriving after a later switch does not override it", async () => {
  const { page, context, errors } = await blankPage("en-US");
  let release;
  const held = new Promise((ok) => (release = ok));
  await page.route("**/locales/de.js", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${env.site.origin}/index.html`);
  const w = page.locator("#widget");
  await w.getByRole("button", { name: "Start the assessment" }).waitFor();
  await page.evaluate(() => window.cxHandle.setLocale("de"));
  await page.evaluate(() => window.cxHandle.setLocale("es"));
  await w.getByRole("button", { name: "Empezar la evaluación" }).waitFor();
  const deRequests = [];
  page.on("request", (r) => r.url().endsWith("/locales/de.js") && deRequests.push(r.url()));
  const deArrived = page.waitForResponse("**/locales/de.js");
  release();
  await (await deArrived).finished();
  assert.equal(await w.locator(".cxs").getAttribute("lang"), "es", "the late German pack does not switch the widget");
  assert.ok(await w.getByRole("button", { name: "Empezar la evaluación" }).isVisible());
  // The German pack was kept: switching to German now needs no second request.
  await page.evaluate(() => window.cxHandle.setLocale("de"));
  await w.getByRole("button", { name: "Bewertung starten" }).waitFor();
  assert.equal(deRequests.length, 0, "no second request for the German pack");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a host's own assessment in another language gets the widget's strings from the pack and its own texts", async () => {
  const { page, context, errors, packs } = await blankPage("fr-FR");
  await page.goto(`${env.site.origin}/element.html`);
  await page.evaluate(() => document.querySelector("cx-scorecard").setAttribute("definition-src", "quick-check.json"));
  const el = page.locator("cx-scorecard");
  await el.getByRole("heading", { name: "CX quick check" }).waitFor();
  await el.getByRole("button", { name: "Commencer l’évaluation" }).click();
  await el.getByRole("heading", { name: "Promises" }).waitFor();
  assert.ok(await el.getByRole("button", { name: "Suivant" }).isVisible());
  assert.deepEqual(packs, ["/locales/fr.js"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the custom element fetches the language pack alongside the wasm, once", async () => {
  const { page, context, errors, packs } = await blankPage("de-DE");
  // Over a 100 ms round trip, a pack requested only once the wasm is running would start ≥ 100 ms later.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 100, downloadThroughput: -1, uploadThroughput: -1 });
  const requested = {};
  page.on("request", (r) => {
    const name = r.url().split("/").pop();
    if (name === "de.js" || name === "cx_scorecard_bg.wasm") requested[name] = Date.now();
  });
  await page.goto(`${env.site.origin}/element.html`);
  await page.locator("cx-scorecard").getByRole("button", { name: "Bewertung starten" }).waitFor();
  const gap = requested["de.js"] - requested["cx_scorecard_bg.wasm"];
  assert.ok(gap < 50, `the pack was requested ${gap} ms after the wasm`);
  assert.deepEqual(packs, ["/locales/de.js"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the packs' table names every language pack the build writes, each by a literal", () => {
  const built = readdirSync("pkg/locales").filter((f) => f.endsWith(".json")).map((f) => f.replace(/\.json$/, "")).sort();
  const table = readFileSync("pkg/locales/index.js", "utf8");
  const named = [...table.matchAll(/(\w+): \(\) => import\("\.\/(\w+)\.js"\)/g)].map(([, key, file]) => (assert.equal(key, file), file));
  assert.deepEqual(named.sort(), built);
  for (const language of built) {
    assert.match(readFileSync(`pkg/locales/${language}.js`, "utf8"), new RegExp(`^export default \\{"assessment":"cx-operations","version":"1\\.0\\.0","locale":"${language}"`, "m"));
  }
});

test("the iframe guest page fetches its language pack once and shows that language", async () => {
  const { page, context, errors, packs } = await pageIn("en-US", "/embed.html?locale=fr");
  await page.getByRole("button", { name: "Commencer l’évaluation" }).waitFor();
  assert.deepEqual(packs, ["/locales/fr.js"]);
  assert.deepEqual(errors, []);
  await context.close();
});
