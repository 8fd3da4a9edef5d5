// @ts-check
// Type-level checks only (never imported by the app): misuses the package's types must reject,
// which they would not if the declarations had fallen back to `any`.
import { mount } from "cx-scorecard";

/** @param {import("cx-scorecard/element").CxScorecardElement} el @param {HTMLElement} box */
export function misuses(el, box) {
  // @ts-expect-error: the theme is a scheme or an object of colours, not a number
  el.theme = 42;
  el.addEventListener("cx-scorecard:complete", (e) => {
    // @ts-expect-error: the result has no such field
    void e.detail.result.noSuchField;
  });
  document.addEventListener("cx-scorecard:progress", (e) => {
    // @ts-expect-error: progress counts are numbers
    e.detail.answered.toUpperCase();
  });
  // @ts-expect-error: a misspelt option
  mount(box, { locle: "de" });
}
