// <cx-scorecard>: the custom element. Loads the wasm once per page and mounts one independent
// widget per element, inside a shadow root (host CSS cannot break it, its CSS cannot leak out).
// Usage: <script type="module" src=".../cx-scorecard.js"></script> <cx-scorecard locale="en"></cx-scorecard>
//
// Until the wasm is ready, an element shows the first screen prerendered at build time
// (pkg/intro.js), or the one its declarative shadow root holds (pkg/snippet.html), wherever that
// is exactly what the widget will show: see cx-scorecard-prerender.js.

const BASE = new URL("./", import.meta.url);
/** What the widget takes as a language tag (as `mount` checks it). */
const LOCALE_TAG = /^(?=.{2,35}$)[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$/;
const ATTRIBUTES = [
  "definition", "definition-src", "locale", "theme", "data-layer", "target-origins",
  "lead-capture", "autosave", "submit-url", "storage-key", "attribution", "cta", "result-code",
];
/** Attributes whose empty value means the default, as if they were absent. */
const EMPTY_IS_DEFAULT = ["locale", "lead-capture"];
/**
 * The prerender module and the screens. Imported when the first element mounts, not statically,
 * so that the glue and wasm fetches, which start then too, do not wait a round trip for them.
 * Null if they cannot be had (the widget then simply comes without a first screen before it).
 */
let parts;
function prerenderParts() {
  parts ??= Promise.all([
    import(new URL("./cx-scorecard-prerender.js", BASE).href),
    import(new URL("./pkg/intro.js", BASE).href),
  ]).then(([module, intro]) => ({ ...module, ...intro }), () => null);
  return parts;
}

/**
 * The autosave key's scope (its `storage-key`, "" without one) of each element on the page that
 * shows the default assessment with autosave on: the widget lets only one of them save per key.
 */
const scopes = new Map();
function autosaveScope(options) {
  if (options.definition !== undefined || options.definitionSrc !== undefined) return null;
  return ["false", "off"].includes(options.autosave) ? null : options.storageKey ?? "";
}

let loading;
/** The wasm module once initialised. */
let loaded = null;
/** The wasm module, initialised once for every element on the page. */
function load() {
  if (!loading) {
    // The wasm is fetched while the JS glue loads, not after it.
    const wasm = fetch(new URL("pkg/cx_scorecard_bg.wasm", BASE));
    wasm.catch(() => {}); // a failure is reported by the glue's init below
    loading = import(new URL("pkg/cx_scorecard.js", BASE).href).then(async (m) => {
      await m.default({ module_or_path: wasm });
      loaded = m;
      return m;
    });
  }
  return loading;
}

/** The languages that come as packs in pkg/locales/ (English is in the wasm). */
const PACKS = ["de", "fr", "es"];
const packs = new Map();
/**
 * The language pack a widget in `locale` (else the browser's language) will need, fetched
 * alongside the wasm rather than after it and registered once, before the widget mounts. If it
 * cannot be had or used, the widget fetches it itself and reports why.
 */
function pack(locale) {
  const language = (locale || navigator.language || "").split(/[-_]/)[0].toLowerCase();
  if (!PACKS.includes(language)) return null;
  if (!packs.has(language)) {
    const fetched = fetch(new URL(`pkg/locales/${language}.json`, BASE)).then((r) => (r.ok ? r.text() : null), () => null);
    packs.set(language, Promise.all([load(), fetched]).then(([wasm, text]) => {
      try {
        if (text) wasm.registerLocale(text);
      } catch {
        // Not a pack this build can use.
      }
    }, () => {})); // a wasm that does not load is reported by load()
  }
  return packs.get(language);
}

/** The widget's stylesheet for prerendered screens, made once per page. */
let prerenderSheet;
let failureSheet;
function failureStyles() {
  if (!failureSheet) {
    failureSheet = new CSSStyleSheet();
    failureSheet.replaceSync(`
      :host { display: block; }
      .cxs-failed { font: 1rem/1.5 system-ui, sans-serif; color: #7a1a14; background: #fff4f3;
        border: 2px solid #b3261e; border-radius: 8px; padding: 1rem; }
      .cxs-failed p { margin: 0 0 .5rem; font-weight: 600; }
      .cxs-failed pre { margin: 0; white-space: pre-wrap; font: .875rem/1.4 ui-monospace, monospace; }`);
  }
  return failureSheet;
}

class LoadError extends Error {
  constructor(code, message) {
    super(`cx-scorecard: ${message}`);
    this.code = code;
  }
}

const camel = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());

/** A URL attribute's value against the page, or an error naming the attribute. */
function urlAttribute(name, value) {
  try {
    return new URL(value, document.baseURI).href;
  } catch {
    throw new LoadError(name, `the ${name} attribute is not a URL: ${JSON.stringify(value)}`);
  }
}

class CxScorecard extends HTMLElement {
  static observedAttributes = ATTRIBUTES;
  #root;
  #handle = null;
  #generation = 0;
  /** The last language the widget accepted ("" for the default), kept over a bad `locale`. */
  #locale = null;

  constructor() {
    super();
    // The declarative shadow root of a pasted snippet, if it has one.
    this.#root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.isConnected || oldValue === value || this.#generation === 0) return;
    if (name === "locale" && this.#handle) {
      // A bad tag is reported; the widget keeps its language and answers.
      try {
        this.#handle.setLocale(value || navigator.language || "en");
        this.#locale = value || "";
      } catch (e) {
        this.#report("locale", e);
      }
      return;
    }
    this.#handle?.destroy();
    this.#handle = null;
    this.#mount();
  }

  /** The result JSON once complete, otherwise null. */
  result() {
    return this.#handle?.result() ?? null;
  }

  reset() {
    this.#handle?.reset();
  }

  setLocale(tag) {
    this.setAttribute("locale", tag);
  }

  /**
   * The options object the attributes describe. It has no prototype, so that nothing set on
   * `Object.prototype` by the page can pass for an option.
   */
  #options() {
    const options = Object.create(null);
    for (const name of ATTRIBUTES) {
      if (!this.hasAttribute(name)) continue;
      const value = this.getAttribute(name);
      if (value === "" && EMPTY_IS_DEFAULT.includes(name)) continue;
      // A bad tag set after the widget started was reported then; a remount keeps the last good one.
      if (name === "locale" && !LOCALE_TAG.test(value) && this.#locale !== null) {
        if (this.#locale) options.locale = this.#locale;
        continue;
      }
      if (name === "theme" && value.trim().startsWith("{")) {
        try {
          options.theme = JSON.parse(value);
        } catch (e) {
          throw new LoadError("options", `the theme attribute is not valid JSON: ${e.message}`);
        }
      } else if (name === "data-layer") {
        options.dataLayer = value === "" || value === "true" ? true : value === "false" ? false : value;
      } else if (name === "definition-src") {
        options.definitionSrc = urlAttribute(name, value);
      } else options[camel(name)] = value;
    }
    return options;
  }

  /**
   * The prerendered first screen's name (`"<language> <scheme>"`) if it is exactly what the
   * widget will first show with these options, else null: never for a custom definition, a
   * theme object or a returning visitor (who is offered to resume).
   */
  #prerenderable({ firstVisit, language, assessment }, options) {
    if (options.definition !== undefined || options.definitionSrc !== undefined) return null;
    // Another element on the page that saves the default assessment under the same key: which of
    // the two the widget lets save (and which says it does not) depends on which mounts first.
    const scope = autosaveScope(options);
    if (scope !== null && [...scopes].some(([el, s]) => el !== this && s === scope && el.isConnected)) return null;
    const scheme = options.theme === undefined || options.theme === "" ? "auto" : options.theme;
    if (!["auto", "light", "dark"].includes(scheme)) return null;
    if (options.locale !== undefined && !LOCALE_TAG.test(options.locale)) return null;
    if (!firstVisit(this, assessment, options)) return null;
    return `${language(options.locale || navigator.language)} ${scheme}`;
  }

  /**
   * Shows the prerendered first screen, or keeps the declarative one, where it is right; returns
   * the element holding it, or null. A declarative screen that is not right goes (and the right
   * one, if any, takes its place).
   */
  #prerender(parts, options) {
    const name = this.#prerenderable(parts, options);
    const declared = [...this.#root.children].find((c) => c.hasAttribute("data-cxs-prerender"));
    if (declared) {
      if (name && declared.getAttribute("data-cxs-prerender") === name) return declared;
      this.#root.replaceChildren();
    }
    if (!name) return null;
    const [lang, scheme] = name.split(" ");
    // The widget's stylesheet, adopted (as the wasm will adopt it too) and shown with it at once.
    if (!prerenderSheet) {
      prerenderSheet = new CSSStyleSheet();
      prerenderSheet.replaceSync(parts.style);
    }
    this.#root.adoptedStyleSheets = [prerenderSheet];
    const shown = parts.mark(document.createElement("div"), name);
    shown.append(parts.build(parts.screens[lang][scheme]));
    this.#root.replaceChildren(shown);
    return shown;
  }

  async #mount() {
    const generation = ++this.#generation;
    try {
      const options = this.#options();
      const scope = autosaveScope(options);
      if (scope === null) scopes.delete(this);
      else scopes.set(this, scope);
      // The fetches start first; once the wasm is here, the widget is as quick as a prerender.
      const ready = loaded;
      const loading = Promise.all([load(), pack(options.locale)]);
      // A click on a declarative snippet's screen is kept from now on, before the prerender module
      // has arrived (a click before the loader ran could not be: nothing was running).
      const declared = [...this.#root.children].find((c) => c.hasAttribute("data-cxs-prerender"));
      let early = null;
      const record = (e) => {
        const button = e.target.closest?.("button");
        if (!button || !declared.contains(button)) return;
        e.preventDefault();
        early = button;
      };
      declared?.addEventListener("click", record);
      // The prerender's parts, unless the wasm is ready first (then the widget comes straight away);
      // a declarative screen always waits for them, since it may be wrong or hold a kept click.
      const prerender = ready
        ? null
        : await (declared ? prerenderParts() : Promise.race([prerenderParts(), loading.then(() => null, () => null)]));
      declared?.removeEventListener("click", record);
      if (generation !== this.#generation) return;
      const shown = prerender && this.#prerender(prerender, options);
      const kept = shown && prerender.keep(shown, early);
      const [wasm] = await loading;
      if (generation !== this.#generation || !this.isConnected) return;
      if (shown?.isConnected) {
        let live;
        try {
          this.#handle = prerender.swap(shown, kept, (box) => wasm.mount((live = box), options));
          this.#locale = options.locale ?? "";
        } catch (e) {
          // As below: what the widget has shown stays; anything else is ours to show.
          if (!live?.hasChildNodes()) this.#fail(e);
        }
        return;
      }
      const box = document.createElement("div");
      this.#root.replaceChildren(box);
      try {
        this.#handle = wasm.mount(box, options);
        this.#locale = options.locale ?? "";
      } catch (e) {
        // The widget has already shown and reported an invalid definition; anything else is ours to show.
        // (So has a bad option, since it is shown where the widget would be.)
        if (!box.hasChildNodes()) this.#fail(e);
      }
    } catch (e) {
      if (generation === this.#generation) this.#fail(e);
    }
  }

  /** Reports a failure as `cx-scorecard:error` without touching the widget. */
  #report(code, error) {
    this.dispatchEvent(new CustomEvent("cx-scorecard:error", {
      detail: { code, message: error?.message || String(error) }, bubbles: true, composed: true,
    }));
  }

  /** Shows a readable message instead of a blank box, and reports it. */
  #fail(error) {
    const message = error?.message || String(error);
    const box = document.createElement("div");
    box.className = "cxs-failed";
    box.setAttribute("role", "alert");
    box.setAttribute("part", "error");
    const title = document.createElement("p");
    title.textContent = "The assessment could not be shown.";
    const detail = document.createElement("pre");
    detail.textContent = message;
    box.append(title, detail);
    this.#root.adoptedStyleSheets = [failureStyles()];
    this.#root.replaceChildren(box);
    this.#report(error?.code || "mount", error);
  }
}

if (!customElements.get("cx-scorecard")) customElements.define("cx-scorecard", CxScorecard);

// <cx-scorecard-team>: the team report (the contract's "Team report"). Its own module,
// pkg/cx_scorecard_team.js, is loaded only when such an element first appears, so a page with the
// widget alone never downloads it.
const TEAM_ATTRIBUTES = ["results-src", "baseline-src", "definition", "definition-src", "locale", "group-by", "min-group"];
let teamLoading;
function loadTeam() {
  if (!teamLoading) {
    const wasm = fetch(new URL("pkg/cx_scorecard_team_bg.wasm", BASE));
    wasm.catch(() => {});
    teamLoading = import(new URL("pkg/cx_scorecard_team.js", BASE).href).then(async (m) => {
      await m.default({ module_or_path: wasm });
      return m;
    });
    // A failed load is tried again by the next element, not remembered.
    teamLoading.catch(() => { teamLoading = undefined; });
  }
  return teamLoading;
}

const TEAM_REGROUP = ["locale", "group-by", "min-group"];

class CxScorecardTeam extends HTMLElement {
  static observedAttributes = TEAM_ATTRIBUTES;
  #root;
  #handle = null;
  #generation = 0;

  constructor() {
    super();
    this.#root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    this.#mount();
  }

  disconnectedCallback() {
    this.#generation++;
    this.#handle?.destroy();
    this.#handle = null;
  }

  attributeChangedCallback(name, oldValue, value) {
    if (!this.isConnected || oldValue === value || this.#generation === 0) return;
    // The language and the grouping change in place: what the user added stays.
    if (this.#handle && TEAM_REGROUP.includes(name)) {
      try {
        this.#handle.update({ [camel(name)]: this.#value(name) });
        return;
      } catch (e) {
        this.#handle.destroy();
        this.#handle = null;
        this.#fail(e);
        return;
      }
    }
    this.#handle?.destroy();
    this.#handle = null;
    this.#mount();
  }

  /** Adds results (an array, one result, or JSON / NDJSON text or result codes); "previous" for the previous round. */
  add(results, round) {
    if (!this.#handle) throw new LoadError("not-ready", "the team report is not ready yet; wait for cx-scorecard:team-report");
    return this.#handle.add(results, round);
  }

  /** The report so far, or null. */
  report() {
    return this.#handle?.report() ?? null;
  }

  #options() {
    const options = Object.create(null);
    for (const name of TEAM_ATTRIBUTES) {
      const value = this.#value(name);
      if (value !== undefined) options[camel(name)] = value;
    }
    return options;
  }

  /** An attribute's option value; undefined when absent (or an empty locale: the browser's). */
  #value(name) {
    const value = this.getAttribute(name);
    if (value === null || (value === "" && name === "locale")) return undefined;
    return name.endsWith("-src") ? urlAttribute(name, value) : value;
  }

  async #mount() {
    const generation = ++this.#generation;
    try {
      const options = this.#options();
      const wasm = await loadTeam();
      if (generation !== this.#generation || !this.isConnected) return;
      const box = document.createElement("div");
      this.#root.replaceChildren(box);
      try {
        this.#handle = wasm.mountTeam(box, options);
      } catch (e) {
        // mountTeam has reported it (cx-scorecard:error); the message is shown here.
        this.#fail(e, false);
      }
    } catch (e) {
      if (generation === this.#generation) this.#fail(e);
    }
  }

  #fail(error, report = true) {
    const box = document.createElement("div");
    box.className = "cxs-failed";
    box.setAttribute("role", "alert");
    box.setAttribute("part", "error");
    const title = document.createElement("p");
    title.textContent = "The team report could not be shown.";
    const detail = document.createElement("pre");
    detail.textContent = error?.message || String(error);
    box.append(title, detail);
    this.#root.adoptedStyleSheets = [failureStyles()];
    this.#root.replaceChildren(box);
    if (!report) return;
    this.dispatchEvent(new CustomEvent("cx-scorecard:error", {
      detail: { code: error?.code || "mount", message: error?.message || String(error) }, bubbles: true, composed: true,
    }));
  }
}

if (!customElements.get("cx-scorecard-team")) customElements.define("cx-scorecard-team", CxScorecardTeam);
export { CxScorecard, CxScorecardTeam };
