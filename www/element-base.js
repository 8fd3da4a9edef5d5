// What both elements share: every option of their mount function is a property, which takes a
// value as it is, and an attribute (kebab-case), whose text the element reads; whichever was set
// last counts. Properties set before the element was defined or upgraded are honoured. Moving the
// element to another parent keeps what it shows; only a removal that lasts frees it. Also: the
// shadow root, a failure shown instead of a blank box, and errors reported as cx-scorecard:error.

/** HTMLElement in a browser; a stand-in on a server, where modules are imported but nothing is defined. */
export const Base = globalThis.HTMLElement ?? class {};

/** `definitionSrc` → `definition-src`. */
export const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** An error with a `cx-scorecard:error` code. */
export class LoadError extends Error {
  constructor(code, message) {
    super(`cx-scorecard: ${message}`);
    this.code = code;
  }
}

/**
 * A URL option (an attribute's text, or a property's string) against the page, or an error
 * naming it as it was set (`what`: "the results-src attribute", say) with the attribute's name as
 * its code.
 */
function pageUrl(name, value, what) {
  try {
    return new URL(value, document.baseURI).href;
  } catch {
    throw new LoadError(kebab(name), `${what} is not a URL: ${JSON.stringify(value)}`);
  }
}

/**
 * Whether two option values are the same data: equal values, or arrays and plain objects whose own
 * enumerable members are the same data (never through `toJSON` or anything else a page may have set
 * on a prototype); JSON text is the same data as what it parses to, as mount() reads it.
 */
function same(a, b, depth = 0) {
  if (Object.is(a, b)) return true;
  if (depth > 64) return false; // deeper than any option, or contains itself: mount() says why
  if (typeof a === "string" && typeof b === "object") return sameAsText(b, a);
  if (typeof b === "string" && typeof a === "object") return sameAsText(a, b);
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key], depth + 1));
}

function sameAsText(value, text) {
  if (value === null || !/^\s*[[{]/.test(text)) return false;
  try {
    return same(value, JSON.parse(text), 1);
  } catch {
    return false;
  }
}

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

/**
 * The base of both elements. A subclass calls `withOptions(Class, names)` once with its option
 * names (camelCase) and implements `mountNow(generation)` (which, after each await, goes on only
 * while `current(generation)`), `unmount()`, and may implement `connected()`, `removed()` (after
 * the unmount of a removal that lasts) and `optionChanged(name)` (called after the first mount
 * when an option changes; `remount()` is the default).
 */
export class OptionsElement extends Base {
  /** name → {value, attribute}: an attribute's text, or a property's value. */
  #values = new Map();
  #upgraded = false;
  #pending = false;
  /** Counts mounts and removals: an async step that finds it changed stops. */
  generation = 0;
  root;
  /** The timer that frees the element once out of the page for good (see `disconnectedCallback`). */
  #leaving = null;
  /** A mount stopped because the element was out of the page: a move's reconnect mounts again. */
  #stalled = false;
  /** Options changed while the element was out of the page: acted on if it comes back. */
  #changedAway = new Set();

  constructor() {
    super();
    // The declarative shadow root of a pasted snippet, if it has one.
    this.root = this.shadowRoot ?? this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    if (!this.#upgraded) {
      this.#upgraded = true;
      // Properties set on the element before it was upgraded are own properties that hide the
      // accessors: take them over.
      for (const name of this.constructor.optionNames) {
        if (!Object.hasOwn(this, name)) continue;
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    if (this.#leaving !== null) {
      // Back before the removal was taken as lasting: a move, which keeps what is shown.
      clearTimeout(this.#leaving);
      this.#leaving = null;
      const changed = [...this.#changedAway];
      this.#changedAway.clear();
      if (this.#stalled) this.remount();
      else for (const name of changed) this.#changed(name);
      return;
    }
    this.connected();
    this.remount();
  }

  /** Called when the element is connected, before it mounts (in the next microtask). */
  connected() {}

  /** Called once a removal has lasted, after `unmount()`. */
  removed() {}

  /**
   * Frameworks move elements (a keyed list reordered, a portal) by taking them out and putting
   * them back, in the same task or a later microtask: a move keeps the widget as it is. A removal
   * lasts if the element is still out of the page when a timer set now fires (a macrotask later,
   * once every microtask of the task that removed it has run); only then is it unmounted and the
   * next connect mounts anew.
   */
  disconnectedCallback() {
    if (this.#leaving !== null) return;
    this.#leaving = setTimeout(() => {
      this.#leaving = null;
      if (this.isConnected) return;
      this.generation++;
      this.#stalled = false;
      this.#changedAway.clear();
      this.unmount();
      this.removed();
    }, 0);
  }

  /**
   * Whether a mount started as `generation` goes on: nothing has remounted or removed the element
   * since, and it is in the page (if it is out of it during a move, the mount stops here and the
   * move's reconnect mounts again).
   */
  current(generation) {
    if (generation !== this.generation) return false;
    if (!this.isConnected) this.#stalled = true;
    return this.isConnected;
  }

  attributeChangedCallback(attribute, oldValue, value) {
    this.#set(this.constructor.optionOf.get(attribute), value, true);
  }

  /** The option's value as set (a property's value, or an attribute's text), or undefined. */
  getOption(name) {
    return this.#values.get(name)?.value;
  }

  /** An option's URL against the page (see `pageUrl`), or undefined if it is not set. */
  optionUrl(name) {
    const set = this.#values.get(name);
    if (!set || typeof set.value !== "string") return set?.value;
    return pageUrl(name, set.value, set.attribute ? `the ${kebab(name)} attribute` : `the ${name} property`);
  }

  /** The asset base (see loader.js) as a folder's URL, whether or not it was given with its final "/". */
  assetBaseUrl() {
    const url = this.optionUrl("assetBase");
    return url === undefined || url.endsWith("/") ? url : `${url}/`;
  }

  setOption(name, value) {
    this.#set(name, value, false);
  }

  /**
   * Sets an option from a property or an attribute, and acts on it if the option in effect changes:
   * the same data again (a framework's render passes a new but equal object each time; a property
   * equal to its attribute's text) is no change.
   */
  #set(name, value, attribute) {
    const now = this.#values.get(name);
    if (value === undefined || value === null) {
      if (!now) return;
      this.#values.delete(name);
    } else {
      this.#values.set(name, { value, attribute });
      if (now && same(now.value, value)) return;
    }
    this.#changed(name);
  }

  /** Sets an option's value without acting on it (the widget has already). */
  recordOption(name, value) {
    this.#values.set(name, { value, attribute: false });
  }

  /** `[name, value, fromAttribute]` for each option that is set. */
  *setOptions() {
    for (const [name, { value, attribute }] of this.#values) yield [name, value, attribute];
  }

  #changed(name) {
    if (this.generation === 0) return;
    if (this.isConnected) this.optionChanged(name);
    else if (this.#leaving !== null) this.#changedAway.add(name);
  }

  optionChanged() {
    this.remount();
  }

  /** Mounts anew once the current task's changes are all in (a framework sets one property at a time). */
  remount() {
    if (this.#pending) return;
    this.#pending = true;
    queueMicrotask(() => {
      this.#pending = false;
      if (!this.isConnected) {
        if (this.#leaving !== null) this.#stalled = true;
        return;
      }
      this.#stalled = false;
      this.unmount();
      // mountNow shows and reports its own failures; nothing may escape as an unhandled rejection.
      this.mountNow(++this.generation).catch(() => {});
    });
  }

  /** Shows a readable message instead of a blank box and, unless `report` is false, reports it. */
  fail(title, error, report = true) {
    const box = document.createElement("div");
    box.className = "cxs-failed";
    box.setAttribute("role", "alert");
    box.setAttribute("part", "error");
    const heading = document.createElement("p");
    heading.textContent = title;
    const detail = document.createElement("pre");
    detail.textContent = error?.message || String(error);
    box.append(heading, detail);
    this.root.adoptedStyleSheets = [failureStyles()];
    this.root.replaceChildren(box);
    if (report) this.reportError(error?.code || "mount", error);
  }

  /** Reports a failure as `cx-scorecard:error` without touching what is shown. */
  reportError(code, error) {
    this.dispatchEvent(new CustomEvent("cx-scorecard:error", {
      detail: { code, message: error?.message || String(error) }, bubbles: true, composed: true,
    }));
  }
}

/** Gives `Class` a property per option name and an attribute per option (kebab-case). */
export function withOptions(Class, names) {
  Class.optionNames = names;
  Class.optionOf = new Map(names.map((name) => [kebab(name), name]));
  Class.observedAttributes = [...Class.optionOf.keys()];
  for (const name of names) {
    Object.defineProperty(Class.prototype, name, {
      get() {
        return this.getOption(name);
      },
      set(value) {
        this.setOption(name, value);
      },
      configurable: true,
      enumerable: true,
    });
  }
  return Class;
}
