// A TypeScript host of the custom elements (pkg/element.d.ts and the declarations it imports):
// tests/pages/types.test.mjs type-checks it with `tsc --strict` and expects no diagnostic. The
// element's properties, methods and events are typed from the glue's declarations (MountOptions,
// WidgetEvents, TeamOptions, TeamEvents), so a property or event that is missing, misspelt or of
// another type fails here; `@ts-expect-error` lines fail when what they misuse is accepted.
import "cx-scorecard/element";
import {
  CxScorecardElement,
  CxScorecardTeamElement,
  defineCxScorecard,
  type CxScorecardEventMap,
  type CxScorecardProperties,
} from "cx-scorecard/element";
import type { AssessmentResult, Definition, MountOptions, Progress, ErrorDetail, PageDetail, CtaDetail } from "cx-scorecard";
import type { TeamReport, TeamOptions } from "cx-scorecard/team";

type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

export type CheckSurface = [
  // The element's properties are mount()'s options less the callbacks, plus assetBase.
  Assert<Same<keyof CxScorecardProperties, Exclude<keyof MountOptions, `on${string}`> | "assetBase">>,
  Assert<Same<CxScorecardProperties["definition"], MountOptions["definition"]>>,
  Assert<Same<CxScorecardProperties["theme"], MountOptions["theme"]>>,
  Assert<Same<ReturnType<CxScorecardElement["result"]>, AssessmentResult | null>>,
  Assert<Same<Exclude<keyof CxScorecardTeamElement, keyof HTMLElement>, Exclude<keyof TeamOptions, `on${string}`> | "assetBase" | "add" | "report" | "update">>,
  Assert<Same<ReturnType<CxScorecardTeamElement["report"]>, TeamReport | null>>,
  // Every event of the widget, with its detail.
  Assert<
    Same<
      keyof CxScorecardEventMap,
      | "cx-scorecard:ready"
      | "cx-scorecard:progress"
      | "cx-scorecard:lead"
      | "cx-scorecard:complete"
      | "cx-scorecard:error"
      | "cx-scorecard:start"
      | "cx-scorecard:page"
      | "cx-scorecard:lead-shown"
      | "cx-scorecard:cta"
    >
  >,
  Assert<Same<CxScorecardEventMap["cx-scorecard:progress"]["detail"], Progress>>,
  Assert<Same<CxScorecardEventMap["cx-scorecard:complete"]["detail"]["result"], AssessmentResult>>,
  Assert<Same<CxScorecardEventMap["cx-scorecard:error"]["detail"], ErrorDetail>>,
  Assert<Same<CxScorecardEventMap["cx-scorecard:page"]["detail"], PageDetail>>,
  Assert<Same<CxScorecardEventMap["cx-scorecard:cta"]["detail"], CtaDetail>>,
];

export function host(definition: Definition): number | null {
  // The element by its tag name, from the DOM's map.
  const el = document.querySelector("cx-scorecard");
  if (!el) return null;
  const same: CxScorecardElement = el;
  void same;
  // Properties take values as they are: objects, booleans, strings.
  el.definition = definition;
  el.theme = { scheme: "dark", accent: "#0b57d0", radius: "4px" };
  el.leadCapture = { mode: "teaser", consentText: "I agree.", fields: [] };
  el.autosave = false;
  el.dataLayer = "myLayer";
  el.cta = [{ id: "call", text: "Book a call", url: "https://example.com/call" }];
  el.attribution = "full";
  el.locale = "de";
  el.assetBase = "https://cdn.example/cx-scorecard/";
  // @ts-expect-error: a misspelt property
  el.locle = "de";
  // @ts-expect-error: a theme that is no scheme and no properties
  el.theme = 5;
  // The handle's methods are the element's.
  el.reset();
  el.setLocale("fr");
  const result: AssessmentResult | null = el.result();
  // Events, on the element and on the document (they bubble and are composed), with their details.
  el.addEventListener("cx-scorecard:complete", (e) => console.log(e.detail.result.overall.level));
  el.addEventListener("cx-scorecard:progress", (e) => console.log(e.detail.answered, e.detail.total));
  document.addEventListener("cx-scorecard:error", (e) => console.log(e.detail.code, e.detail.message));
  window.addEventListener("cx-scorecard:page", (e) => console.log(e.detail.dimensionId));
  // @ts-expect-error: no such field in the detail
  el.addEventListener("cx-scorecard:complete", (e) => e.detail.score);

  const team = document.createElement("cx-scorecard-team");
  const teamSame: CxScorecardTeamElement = team;
  void teamSame;
  team.minGroup = 5;
  team.groupBy = "industry";
  team.results = [];
  team.addEventListener("cx-scorecard:team-report", (e) => console.log(e.detail.report.respondents));
  // @ts-expect-error: minGroup is a number
  team.minGroup = "five";
  defineCxScorecard(customElements);
  return result?.overall.level ?? null;
}
