// <cx-scorecard-team>: the team report as a custom element (this module declares the class;
// define.js defines it). Its module, team.js with its own wasm, is loaded only when such an
// element first appears, so a page with the widget alone never downloads it. Every option of
// mountTeam() is a property and an attribute (element-base.js), and so is `assetBase`.
import { loadTeam } from "./loader.js";
import { TEAM_OPTIONS } from "./options.js";
import { LoadError, OptionsElement, withOptions } from "./element-base.js";

/** Options that change in place, counting every result added so far again: what the user added stays. */
const IN_PLACE = ["locale", "groupBy", "minGroup"];
const URLS = ["resultsSrc", "baselineSrc", "definitionSrc", "assetBase"];
const FAILED = "The team report could not be shown.";

export class CxScorecardTeamElement extends OptionsElement {
  #handle = null;

  unmount() {
    this.#handle?.destroy();
    this.#handle = null;
  }

  optionChanged(name) {
    if (!this.#handle || !IN_PLACE.includes(name)) return this.remount();
    try {
      this.#handle.update({ [name]: this.#value(name) });
      this.#notice(null);
    } catch (e) {
      // The value is refused and said so; the report, and all that was added to it, stays.
      this.#notice(e);
      this.reportError(e?.code || "options", e);
    }
  }

  /** Shows why a value was refused above the report (or removes that notice, with null). */
  #notice(error) {
    for (const old of this.root.querySelectorAll(".cxs-refused")) old.remove();
    if (!error) return;
    const box = document.createElement("div");
    box.className = "cxs cxs-refused";
    const text = document.createElement("p");
    text.className = "cxs-alert";
    text.setAttribute("role", "alert");
    text.setAttribute("part", "error");
    text.textContent = error.message || String(error);
    box.append(text);
    this.root.prepend(box);
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

  /**
   * Changes the language, the grouping or the smallest group shown, in place, and returns the new
   * report; before the report is ready, they are the options it starts with (and null is returned).
   */
  update(options) {
    if (!this.#handle) {
      for (const name of IN_PLACE) if (options && Object.hasOwn(options, name)) this[name] = options[name];
      return null;
    }
    const report = this.#handle.update(options);
    for (const name of IN_PLACE) if (options && Object.hasOwn(options, name)) this.recordOption(name, options[name]);
    return report;
  }

  /** An option's value for mountTeam(): URLs against the page; an empty locale is the browser's. */
  #value(name) {
    const value = URLS.includes(name) ? this.optionUrl(name) : this.getOption(name);
    return value === "" && name === "locale" ? undefined : value;
  }

  #options() {
    const options = Object.create(null);
    for (const [name] of this.setOptions()) {
      const value = this.#value(name);
      if (value !== undefined && name !== "assetBase") options[name] = value;
    }
    return options;
  }

  async mountNow(generation) {
    try {
      const options = this.#options();
      const base = this.assetBaseUrl();
      const wasm = await loadTeam(base);
      if (!this.current(generation)) return;
      const box = document.createElement("div");
      this.root.replaceChildren(box);
      try {
        this.#handle = wasm.mountTeam(box, options);
      } catch (e) {
        // mountTeam has reported it (cx-scorecard:error); the message is shown here.
        this.fail(FAILED, e, false);
      }
    } catch (e) {
      if (generation === this.generation) this.fail(FAILED, e);
    }
  }
}

withOptions(CxScorecardTeamElement, [...TEAM_OPTIONS, "assetBase"]);
