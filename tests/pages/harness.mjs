// Shared page-test harness: local servers and headless Chromium through playwright-core.
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--disable-quic",
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/** Starts a static server on a free port; returns { server, origin }. */
export async function startServer(opts = {}) {
  const server = await serve({ port: 0, ...opts });
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/**
 * Starts Chromium and a local server before a test file's tests and stops them after;
 * returns an object whose `browser` and `site` are set by then.
 */
export function setup(serverOptions = {}) {
  const env = {};
  before(async () => {
    env.browser = await launch();
    env.site = await startServer(serverOptions);
  });
  after(async () => {
    await env.browser?.close();
    env.site?.server.close();
  });
  return env;
}

/**
 * Opens a page that records console errors, page errors and requests to other origins.
 * `problems()` lists everything that went wrong.
 */
export async function openPage(browser, url, { allowedOrigins = [] } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  const own = new URL(url).origin;
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console error: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const o = new URL(r.url()).origin;
    if (o !== own && !allowedOrigins.includes(o) && !r.url().startsWith("data:") && !r.url().startsWith("blob:"))
      problems.push(`request to another origin: ${r.url()}`);
  });
  await page.goto(url);
  return { page, context, problems: () => problems };
}

/** The hand-worked answer table of tests/engine_scoring.rs: values per dimension, null = Don't know. */
export const TABLE = [
  [5, 4, 3, 2, 1],
  [2, 2, 3, 4, 4],
  [3, 3, 3, 3, 3],
  [4, 4, 4, 4, 2, 2],
  [5, 5, 5, 5, 1],
  [1, 1, 1, 1, 5],
  [4, null, 4, null, 2],
];

/**
 * Answers every dimension page by clicking the labels in `root` (a page or a frame locator scope).
 * Each fieldset's radios have values "1".."5" and "dk".
 */
export async function answerAll(root, table = TABLE) {
  for (const values of table) {
    const items = root.locator("fieldset.cxs-item");
    await items.first().waitFor();
    const count = await items.count();
    if (count !== values.length) throw new Error(`expected ${values.length} statements, found ${count}`);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] === null ? "dk" : String(values[i]);
      await items.nth(i).locator(`label:has(input[value="${v}"])`).click();
    }
    const heading = await root.locator("h2").textContent();
    await root.locator("button[type=submit]").click();
    await root.locator("h2", { hasNotText: heading }).waitFor();
  }
}
