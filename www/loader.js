// The page's one copy of each wasm module, started when an element first needs it: the widget's
// (index.js, imported statically: a bundler puts it beside this module) and the team report's
// (team.js, whose glue is fetched only when a report appears, so that a respondent's page never
// downloads it). Each wasm download starts at once, and a visitor's language pack
// (locales/index.js) comes alongside. A load that failed is tried again by the next element that
// asks. With an asset base (the `asset-base` attribute), the glue, the wasm and the packs come from
// there instead, past any bundler.
import init, { mount, registerLocale } from "./index.js";
import packs from "./locales/index.js";
import { language } from "./cx-scorecard-prerender.js";
import { forget, teamWasm } from "./wasm.js";

/** The widget's module as the elements use it. */
const widget = Object.freeze({ mount, registerLocale });

const loads = new Map();
/** What has loaded, by key. */
const loaded = new Map();

/** What `load()` gives, once per key; a failure is forgotten, so that the next call tries again. */
function once(key, load) {
  if (!loads.has(key)) {
    const loading = load();
    loads.set(key, loading);
    loading.then((value) => loaded.set(key, value), () => loads.delete(key));
  }
  return loads.get(key);
}

/** A file of the package served at `base`, which no bundler should touch. */
const at = (base, name) => new URL(name, base).href;
const external = (base, name) => import(/* webpackIgnore: true */ /* turbopackIgnore: true */ /* @vite-ignore */ at(base, name));

/** Starts `module`'s wasm from `wasm` (a response's promise). */
async function start(module, wasm) {
  await module.default({ module_or_path: wasm });
  return module;
}

/** The widget's module if its wasm has already started, else null. */
export function loadedWidget(base) {
  return loaded.get(`widget ${base ?? ""}`) ?? null;
}

/** The widget's module (index.js), its wasm started. */
export function loadWidget(base) {
  return once(`widget ${base ?? ""}`, async () => {
    if (!base) {
      // init() starts the download (wasm.js), unless the page has started the wasm already.
      await init();
      return widget;
    }
    const wasm = fetch(at(base, "cx_scorecard_bg.wasm"));
    wasm.catch(() => {}); // a failure is reported by the start below
    return start(await external(base, "index.js"), wasm);
  });
}

/** The team report's module (team.js), its wasm started. */
export function loadTeam(base) {
  return once(`team ${base ?? ""}`, async () => {
    if (!base) {
      // The download starts while the module loads, and its init takes it: the script-tag edition
      // holds its own copy of wasm.js, so team.js's copy must not fetch the wasm again.
      const wasm = teamWasm();
      wasm.catch(() => {});
      try {
        return await start(await import("./team.js"), wasm);
      } catch (e) {
        forget("team");
        throw e;
      }
    }
    const wasm = fetch(at(base, "cx_scorecard_team_bg.wasm"));
    wasm.catch(() => {});
    return start(await external(base, "team.js"), wasm);
  });
}

/**
 * The language pack a widget in `locale` (else the browser's language) will need, loaded
 * alongside the wasm and registered with it before the widget mounts; null for English (which
 * the wasm holds) and for languages without a pack. If it cannot be had or used, the widget loads
 * it itself and reports why.
 */
export function preparePack(locale, base) {
  // A locale that is no string is mount()'s to refuse, in words.
  const lang = language(typeof locale === "string" && locale ? locale : navigator.language);
  if (!Object.hasOwn(packs, lang)) return null;
  return once(`pack ${lang} ${base ?? ""}`, async () => {
    const pack = base ? external(base, `locales/${lang}.js`) : packs[lang]();
    const [widget, module] = await Promise.all([loadWidget(base), pack.catch(() => null)]);
    try {
      if (module) widget.registerLocale(module.default);
    } catch {
      // Not a pack this build can use: the widget loads it itself and says why.
    }
  }).catch(() => {}); // a wasm that does not load is reported by loadWidget()
}
