// Type-level checks only (never imported by the app): misuses the package's types must reject,
// which they would not if the declarations had fallen back to `any`.
import type { CxScorecardElement } from "cx-scorecard/element";
import { mount } from "cx-scorecard";

export function misuses(el: CxScorecardElement, box: HTMLElement): void {
  // @ts-expect-error: the theme is a scheme or an object of colours, not a number
  el.theme = 42;
  el.addEventListener("cx-scorecard:complete", (e) => {
    // @ts-expect-error: the result has no such field
    void e.detail.result.noSuchField;
  });
  document.addEventListener("cx-scorecard:progress", (e) => {
    // @ts-expect-error: progress counts are numbers
    const answered: string = e.detail.answered;
    void answered;
  });
  // @ts-expect-error: a misspelt option
  mount(box, { locle: "de" });
  // @ts-expect-error: the element has no such method
  document.querySelector("cx-scorecard")!.noSuchMethod();
}
