// The benchmark's first-screen rows: per embed path of cx-scorecard, and for SurveyJS running the
// same assessment (survey-core and survey-js-ui, npm dev dependencies used here only), on loopback
// and over an emulated 100 ms round trip: navigation → the first control shown, → the widget
// ready, the layout shift inside the widget, and an early-click run (Start clicked the moment it
// is shown) to the next screen. Cold cache on every run, runs interleaved across the pages.
import { readFileSync } from "node:fs";

const definition = JSON.parse(readFileSync("src/engine/default_definition.json", "utf8"));
const en = (t) => (typeof t === "string" ? t : t.en);

/** The default assessment as a SurveyJS model: a start page, the profile, a page per dimension. */
function surveyModel() {
  const choices = [
    ...definition.scale.options.map((o) => ({ value: o.value, text: en(o.label) })),
    { value: "dk", text: en(definition.scale.dontKnow) },
  ];
  return {
    title: en(definition.title),
    firstPageIsStartPage: true,
    startSurveyText: "Start the assessment",
    pages: [
      { name: "intro", elements: [{ type: "html", name: "intro", html: `<p>${en(definition.intro)}</p>` }] },
      {
        name: "profile",
        elements: definition.profile.map((q) => ({
          type: q.multiple ? "checkbox" : "dropdown",
          name: q.id,
          title: en(q.label),
          choices: q.options.map((o) => ({ value: o.id, text: en(o.label) })),
        })),
      },
      ...definition.dimensions.map((d) => ({
        name: d.id,
        title: en(d.title),
        elements: d.statements.map((s) => ({ type: "radiogroup", name: s.id, title: en(s.text), isRequired: true, choices })),
      })),
    ],
  };
}

const SURVEY_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>SurveyJS, the same assessment</title>
<link rel="stylesheet" href="/__survey/core.css">
<script src="/__survey/core.js"></script>
<script src="/__survey/ui.js"></script>
</head><body><div id="survey"></div>
<script>
  const survey = new Survey.Model(${JSON.stringify(surveyModel())});
  survey.render(document.getElementById("survey"));
</script></body></html>`;

const file = (path, type) => (req, res) => {
  res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
  res.end(readFileSync(path));
};

/**
 * A host page with nothing but the script tag and the element, the script from `?cdn=<origin>`
 * (another origin sending CORS headers, as public npm CDNs do).
 */
const CDN_PAGE = (cdn) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>cx-scorecard from a CDN</title><link rel="icon" href="data:,">
<script type="module" src="${cdn}/cx-scorecard.js"></script>
</head><body><h1>A host page</h1><cx-scorecard></cx-scorecard></body></html>`;

/** Routes for the benchmark's server: the SurveyJS page and its files, and the CDN host page. */
export const routes = {
  "/__cdn.html": (req, res) => {
    const cdn = new URL(req.url, "http://x").searchParams.get("cdn");
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(CDN_PAGE(new URL(cdn).origin));
  },
  "/__surveyjs.html": (req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(SURVEY_PAGE);
  },
  "/__survey/core.js": file("node_modules/survey-core/survey.core.min.js", "text/javascript"),
  "/__survey/ui.js": file("node_modules/survey-js-ui/survey-js-ui.min.js", "text/javascript"),
  "/__survey/core.css": file("node_modules/survey-core/survey-core.min.css", "text/css"),
};

/** The paths measured: a label and a path on the site, or a function of `{cdn, vite}` origins. */
export const PATHS = [
  ["custom element, one script tag, same origin (element.html)", "element.html"],
  ["custom element, one script tag from a CDN on another origin", ({ cdn }) => `__cdn.html?cdn=${cdn}`],
  ["custom element in a Vite production app", ({ vite }) => vite && `${vite}/`],
  ["declarative snippet with its hints (declarative.html)", "declarative.html"],
  ["iframe guest (embed.html)", "embed.html"],
  ["offline page (app.html)", "app.html"],
  ["SurveyJS, the same assessment", "__surveyjs.html"],
];

/**
 * Records, in the page: when the Start control is first shown (in the animation frame it is
 * visible and styled in), when the widget is ready (cx-scorecard's ready event; SurveyJS is live
 * once shown), the layout shift of the widget's own boxes, when Start was clicked, and when the
 * next screen was first shown.
 */
function probe(definition) {
  const en = (t) => (typeof t === "string" ? t : t.en);
  const t = (window.__t = { shown: null, ready: null, clicked: null, next: null, shift: 0, paint: null });
  // The host page's own first paint, which the widget's first screen is read against.
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-paint") t.paint ??= e.startTime;
  }).observe({ type: "paint", buffered: true });
  document.addEventListener("cx-scorecard:ready", () => (t.ready ??= performance.now()), { once: true });
  document.addEventListener("click", () => (t.clicked ??= performance.now()), true);
  const scope = () => document.querySelector("cx-scorecard")?.shadowRoot ?? document;
  const visible = (el) => el && el.getBoundingClientRect().height > 0 && getComputedStyle(el).visibility === "visible";
  const start = () =>
    [...scope().querySelectorAll("button, input[type=button]")].find((b) => (b.textContent || b.value).trim() === "Start the assessment");
  // The profile page: cx-scorecard's form, SurveyJS's first question there (its intro page's
  // text is a question too, so that is not the mark).
  const first = definition.profile[0] ? en(definition.profile[0].label) : "";
  const next = () =>
    scope().querySelector("form.cxs-profile") ??
    [...document.querySelectorAll(".sd-question__title")].find((e) => e.textContent.includes(first));
  new PerformanceObserver((list) => {
    const widget = document.querySelector("cx-scorecard, #widget, #survey");
    for (const e of list.getEntries()) {
      if (e.sources.some((s) => !s.node || s.node.getRootNode() !== document || widget?.contains(s.node))) t.shift += e.value;
    }
  }).observe({ type: "layout-shift", buffered: true });
  const tick = () => {
    if (t.shown === null && visible(start())) t.shown = performance.now();
    if (t.next === null && visible(next())) t.next = performance.now();
    if (t.next === null || t.shown === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** One cold run of `url`; with `early`, Start is clicked as soon as it is shown. */
async function run(browser, url, latency, early) {
  const path = new URL(url).pathname.slice(1);
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (latency) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency, downloadThroughput: -1, uploadThroughput: -1 });
  }
  await page.addInitScript(probe, { profile: definition.profile });
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__t?.shown !== null);
  const survey = path.startsWith("__survey");
  // A declarative snippet's screen is there before any script: a click then cannot be kept, so the
  // early click waits for the loader to have run (it defines the element).
  if (early && path === "declarative.html") await page.waitForFunction(() => customElements.get("cx-scorecard"));
  if (early) {
    // Dispatched in the page the moment the control is there, not through Playwright's
    // actionability checks (which wait for it to hold still over two frames).
    await page.evaluate(() => {
      const scope = document.querySelector("cx-scorecard")?.shadowRoot ?? document;
      [...scope.querySelectorAll("button, input[type=button]")].find((b) => (b.textContent || b.value).trim() === "Start the assessment").click();
    });
    await page.waitForFunction(() => window.__t.next !== null);
  } else if (!survey) {
    await page.waitForFunction(() => window.__t.ready !== null);
  }
  // Two more frames, so that a shift at the swap (and the first paint) has been reported.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const t = await page.evaluate(() => window.__t);
  await context.close();
  if (survey) t.ready = t.shown;
  return t;
}

/**
 * Measures every path `runs` times at each latency; returns the table's rows. `origins` are the
 * CDN's (the package's folder on another origin) and the Vite production app's (if it was built).
 */
export async function firstScreenRows(browser, origin, runs, { ms, pct }, origins) {
  const paths = PATHS.map(([label, path]) => [label, typeof path === "function" ? path(origins) : path]).filter(([, path]) => path);
  const url = (path) => (/^https?:/.test(path) ? path : `${origin}/${path}`);
  const results = {};
  for (const latency of [0, 100]) {
    for (let i = 0; i < runs; i++) {
      for (const [, path] of paths) {
        const key = `${path}@${latency}`;
        results[key] ??= { normal: [], early: [] };
        results[key].normal.push(await run(browser, url(path), latency, false));
        results[key].early.push(await run(browser, url(path), latency, true));
      }
    }
  }
  const rows = [];
  const p50 = (xs) => pct(xs, 50);
  for (const latency of [0, 100]) {
    const survey = results[`__surveyjs.html@${latency}`];
    const sShown = p50(survey.normal.map((t) => t.shown));
    const where = latency ? "over a 100 ms round trip" : "on loopback";
    rows.push([`first screen by embed path, ${where} (p50): control shown / ready / layout shift; early click → next screen`, "", ""]);
    for (const [label, path] of paths) {
      const r = results[`${path}@${latency}`];
      const shown = p50(r.normal.map((t) => t.shown));
      const ready = p50(r.normal.map((t) => t.ready));
      const shift = Math.max(...r.normal.map((t) => t.shift), ...r.early.map((t) => t.shift));
      const next = p50(r.early.map((t) => t.next));
      const ratio = path.startsWith("__survey") ? "" : ` (${(shown / sShown).toFixed(2)}× / ${(ready / sShown).toFixed(2)}×)`;
      const target = path.startsWith("__survey")
        ? "the reference"
        : latency
          ? "shown ≤ 0.3×, ready ≤ 0.5×, shift 0"
          : "shown ≤ 0.15×, shift 0";
      rows.push([`  ${label}`, `${ms(shown)} / ${ms(ready)}${ratio} / ${shift.toFixed(4)}; ${ms(next)}`, target]);
    }
    // The element's first control against the host page's own first paint: at most one round trip
    // (the loader's request) plus 30 ms.
    rows.push([`  the element's first control after the host page's first paint, ${where} (p50)`, "", ""]);
    for (const [label, path] of paths.filter(([label]) => label.startsWith("custom element"))) {
      const r = results[`${path}@${latency}`];
      const after = p50(r.normal.map((t) => t.shown - t.paint));
      rows.push([`    ${label.replace("custom element, ", "").replace("custom element ", "")}`, ms(after), `≤ ${latency + 30} ms`]);
    }
  }
  return rows;
}
