// <cx-scorecard>: the assessment as a custom element (this module declares the class; define.js
// defines it). Each element mounts one independent widget inside its shadow root (host CSS cannot
// break it, its CSS cannot leak out); the wasm is loaded once per page (loader.js). Every option
// of mount() is a property and an attribute (element-base.js), and so is `assetBase`, where the
// package's files are served if not beside this module. Until the wasm is ready, the element shows
// the first screen prerendered at build time (intro.js), or the one its declarative shadow root
// holds (snippet.html), wherever that is exactly what the widget will show: see
// cx-scorecard-prerender.js.
import * as prerender from "./cx-scorecard-prerender.js";
import { assessment, screens } from "./intro.js";
import { loadedWidget, loadWidget, preparePack } from "./loader.js";
import { WIDGET_OPTIONS } from "./options.js";
import style from "./style.js";
import { OptionsElement, withOptions } from "./element-base.js";

/** Options whose empty text (attribute or property) means the default, as if it were absent. */
const EMPTY_IS_DEFAULT = ["locale", "leadCapture"];

/**
 * The autosave key's scope (its `storageKey`, "" without one) of each element on the page that
 * shows the default assessment with autosave on: the widget lets only one of them save per key.
 */
const scopes = new Map();
function autosaveScope(options) {
  if (options.definition !== undefined || options.definitionSrc !== undefined) return null;
  return [false, "false", "off"].includes(options.autosave) ? null : options.storageKey ?? "";
}

/** The widget's stylesheet for prerendered screens, made once per page. */
let prerenderSheet;

export class CxScorecardElement extends OptionsElement {
  #handle = null;
  /** The last language the widget accepted ("" for the default), kept over a bad `locale`. */
  #locale = null;
  /** The prerendered first screen shown while the wasm loads, and what the user did on it (`keep`). */
  #kept = null;

  /**
   * Claims the autosave scope at once, so that of two elements connected together neither takes
   * the other for alone on its key (see `#prerenderable`).
   */
  connected() {
    try {
      this.#claimScope(this.#options());
    } catch {
      // A bad option: the mount reports it.
    }
  }

  unmount() {
    this.#handle?.destroy();
    this.#handle = null;
    scopes.delete(this);
  }

  /** Gone for good: a click kept on the first screen goes with it (re-added, it starts afresh). */
  removed() {
    this.#kept?.shown.removeEventListener("click", this.#kept.kept.listener);
    this.#kept = null;
  }

  #claimScope(options) {
    const scope = autosaveScope(options);
    if (scope === null) scopes.delete(this);
    else scopes.set(this, scope);
  }

  optionChanged(name) {
    if (name !== "locale" || !this.#handle) return this.remount();
    // A new language keeps the answers; a bad tag is reported and changes nothing.
    const value = this.locale;
    try {
      this.#handle.setLocale(value || navigator.language || "en");
      this.#locale = value || "";
    } catch (e) {
      this.reportError("locale", e);
    }
  }

  /** The result JSON once complete, otherwise null. */
  result() {
    return this.#handle?.result() ?? null;
  }

  /** Starts over: the answers are cleared and the first screen shows. */
  reset() {
    this.#handle?.reset();
  }

  /** Switches the language and keeps the answers; a tag that is not one throws (as the handle's). */
  setLocale(tag) {
    if (!this.#handle) {
      this.locale = tag;
      return;
    }
    this.#handle.setLocale(tag);
    this.#locale = tag;
    this.recordOption("locale", tag);
  }

  /**
   * The options of mount(), from the properties and attributes set, in an object without a
   * prototype, so that nothing set on `Object.prototype` by the page can pass for an option.
   */
  #options() {
    const options = Object.create(null);
    for (const [name, value, attribute] of this.setOptions()) {
      if (name === "assetBase") continue;
      if (value === "" && EMPTY_IS_DEFAULT.includes(name)) continue;
      // A bad tag set after the widget started was reported then; a remount keeps the last good one.
      if (name === "locale" && !prerender.LOCALE_TAG.test(value) && this.#locale !== null) {
        if (this.#locale) options.locale = this.#locale;
        continue;
      }
      options[name] = name === "definitionSrc" ? this.optionUrl(name) : attribute ? fromAttribute(name, value) : value;
    }
    return options;
  }

  /**
   * The prerendered first screen's name (`"<language> <scheme>"`) if it is exactly what the
   * widget will first show with these options, else null: never for a custom definition, a
   * theme object or a returning visitor (who is offered to resume).
   */
  #prerenderable(options) {
    if (options.definition !== undefined || options.definitionSrc !== undefined) return null;
    // Another element on the page that saves the default assessment under the same key: which of
    // the two the widget lets save (and which says it does not) depends on which mounts first.
    const scope = autosaveScope(options);
    if (scope !== null && [...scopes].some(([el, s]) => el !== this && s === scope && el.isConnected)) return null;
    const scheme = options.theme === undefined || options.theme === "" ? "auto" : options.theme;
    if (!["auto", "light", "dark"].includes(scheme)) return null;
    if (options.locale !== undefined && !prerender.LOCALE_TAG.test(options.locale)) return null;
    if (!prerender.firstVisit(this, assessment, options)) return null;
    return `${prerender.language(options.locale || navigator.language)} ${scheme}`;
  }

  /**
   * Shows the prerendered first screen, or keeps the one shown (the declarative one, or ours from
   * before a remount or a move), where it is right, and keeps clicks on it; returns `{shown, kept}`
   * (see `keep`), or null. A screen shown that is not right goes, and the right one, if any, takes
   * its place, and with it a click kept and focus (the same screen in the language the host has
   * just set, say: the user's Start still counts).
   */
  #prerender(options) {
    const name = this.#prerenderable(options);
    const current = this.#declared();
    const before = this.#kept?.shown === current ? this.#kept : null;
    if (current && name && current.getAttribute("data-cxs-prerender") === name) {
      this.#kept = before ?? { shown: current, kept: prerender.keep(current) };
      return this.#kept;
    }
    this.#kept = null;
    if (!name) {
      before?.shown.removeEventListener("click", before.kept.listener);
      if (current) this.root.replaceChildren();
      return null;
    }
    const [lang, scheme] = name.split(" ");
    // The widget's stylesheet, adopted (as the wasm will adopt it too) and shown with it at once.
    if (!prerenderSheet) {
      prerenderSheet = new CSSStyleSheet();
      prerenderSheet.replaceSync(style);
    }
    this.root.adoptedStyleSheets = [prerenderSheet];
    const shown = prerender.mark(document.createElement("div"), name);
    shown.append(prerender.build(screens[lang][scheme]));
    let kept;
    if (before) {
      kept = prerender.replace(current, before.kept, shown);
      for (const other of [...this.root.children]) if (other !== shown) other.remove();
    } else {
      this.root.replaceChildren(shown);
      kept = prerender.keep(shown);
    }
    this.#kept = { shown, kept };
    return this.#kept;
  }

  #declared() {
    return [...this.root.children].find((c) => c.hasAttribute("data-cxs-prerender"));
  }

  async mountNow(generation) {
    try {
      const options = this.#options();
      const base = this.assetBaseUrl();
      this.#claimScope(options);
      // The wasm (and a visitor's language pack) start loading first; the first screen meanwhile,
      // unless the wasm is already here (then the widget comes straight away) and no first screen
      // is still shown from before (an option changed, or the element moved, while it loaded:
      // then it is swapped as usual, so that a click on it still counts).
      const ready = loadedWidget(base);
      const loading = Promise.all([loadWidget(base), preparePack(options.locale, base)]);
      // A click on the first screen is kept from now on (on a declarative snippet's, a click
      // before the loader ran could not be: nothing was running).
      const { shown, kept } = (ready && !this.#kept ? null : this.#prerender(options)) ?? {};
      const [wasm] = await loading;
      if (!this.current(generation)) return;
      this.#kept = null;
      if (shown?.isConnected) {
        let live;
        try {
          this.#handle = prerender.swap(shown, kept, (box) => wasm.mount((live = box), options));
          this.#locale = options.locale ?? "";
        } catch (e) {
          // As below: what the widget has shown stays; anything else is ours to show.
          if (!live?.hasChildNodes()) this.fail("The assessment could not be shown.", e);
        }
        return;
      }
      const box = document.createElement("div");
      this.root.replaceChildren(box);
      try {
        this.#handle = wasm.mount(box, options);
        this.#locale = options.locale ?? "";
      } catch (e) {
        // The widget has already shown and reported an invalid definition or a bad option;
        // anything else is ours to show.
        if (!box.hasChildNodes()) this.fail("The assessment could not be shown.", e);
      }
    } catch (e) {
      if (generation === this.generation) this.fail("The assessment could not be shown.", e);
    }
  }
}

/** An attribute's text as the option's value: its text (mount() reads JSON text), but for the data layer's. */
function fromAttribute(name, text) {
  if (name === "dataLayer") return text === "" || text === "true" ? true : text === "false" ? false : text;
  return text;
}

withOptions(CxScorecardElement, [...WIDGET_OPTIONS, "assetBase"]);
