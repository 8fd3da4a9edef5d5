// The types of cx-scorecard/element (element.js, which defines both elements): the classes, and
// the elements in the DOM's, React's, Vue's and Svelte's element maps, so that
// `document.querySelector("cx-scorecard")`, `addEventListener("cx-scorecard:complete", …)` and
// `<cx-scorecard definition={…} oncx-scorecard:complete={…}>` are typed. A framework's map is
// augmented only where that framework is installed.
import type { CxScorecardElement, CxScorecardEventMap, CxScorecardProperties } from "./scorecard-element.js";
import type { CxScorecardTeamElement, CxScorecardTeamEventMap, CxScorecardTeamProperties } from "./team-element.js";
import type { Attributes } from "./element-base.js";

export { CxScorecardElement } from "./scorecard-element.js";
export { CxScorecardTeamElement } from "./team-element.js";
export type { CxScorecardEventMap, CxScorecardProperties, CxScorecardTeamEventMap, CxScorecardTeamProperties };
export { defineCxScorecard, defineCxScorecardTeam } from "./define.js";

/** Both elements' events (`cx-scorecard:error` is the same in both). */
export type CxScorecardEvents = CxScorecardEventMap & Omit<CxScorecardTeamEventMap, keyof CxScorecardEventMap>;

// A framework's own types, where that framework is installed; elsewhere unused (and `any`).
// @ts-ignore: React's types, where React is installed
type ReactHTMLAttributes<T> = import("react").HTMLAttributes<T>;
// @ts-ignore: React's types, where React is installed
type ReactRefAttributes<T> = import("react").RefAttributes<T>;
// @ts-ignore: Vue's types, where Vue is installed
type VueHTMLAttributes = import("vue").HTMLAttributes;
// @ts-ignore: Svelte's types, where Svelte is installed
type SvelteHTMLAttributes<T> = import("svelte/elements").HTMLAttributes<T>;

/** An element's properties and attributes as a framework's props (an attribute only where its name is not the property's). */
type Props<Properties> = Partial<Properties> & Omit<Attributes<Properties>, keyof Properties>;
/** `on<event>` handlers, as React 19 and Svelte 5 take them on custom elements. */
type Handlers<Events> = { [K in keyof Events & string as `on${K}`]?: (event: Events[K]) => void };

declare global {
  interface HTMLElementTagNameMap {
    "cx-scorecard": CxScorecardElement;
    "cx-scorecard-team": CxScorecardTeamElement;
  }
  // The events bubble and are composed, so any element, the document and the window hear them.
  interface GlobalEventHandlersEventMap extends CxScorecardEvents {}
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "cx-scorecard": Omit<ReactHTMLAttributes<CxScorecardElement>, keyof CxScorecardProperties> &
        ReactRefAttributes<CxScorecardElement> &
        Props<CxScorecardProperties> &
        Handlers<CxScorecardEventMap> & { class?: string };
      "cx-scorecard-team": Omit<ReactHTMLAttributes<CxScorecardTeamElement>, keyof CxScorecardTeamProperties> &
        ReactRefAttributes<CxScorecardTeamElement> &
        Props<CxScorecardTeamProperties> &
        Handlers<CxScorecardTeamEventMap> & { class?: string };
    }
  }
}

/** `cx-scorecard:lead-shown` → `cxScorecard:leadShown`, as Vue camelizes an event's name. */
type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Camel<Capitalize<Tail>>}` : S;
/** `@cx-scorecard:complete` handlers, as Vue's templates look them up (`onCxScorecard:complete`). */
type VueHandlers<Events> = { [K in keyof Events & string as `on${Capitalize<Camel<K>>}`]?: (event: Events[K]) => void };

// A custom element as Vue's templates see it, as Vue's guide to web components and TypeScript
// declares one: its instance, with `$props` for the template's type checking only.
declare module "vue" {
  interface GlobalComponents {
    "cx-scorecard": new () => CxScorecardElement & {
      $props: Omit<VueHTMLAttributes, keyof CxScorecardProperties> & Props<CxScorecardProperties> & VueHandlers<CxScorecardEventMap>;
    };
    "cx-scorecard-team": new () => CxScorecardTeamElement & {
      $props: Omit<VueHTMLAttributes, keyof CxScorecardTeamProperties> &
        Props<CxScorecardTeamProperties> &
        VueHandlers<CxScorecardTeamEventMap>;
    };
  }
}

declare module "svelte/elements" {
  interface SvelteHTMLElements {
    "cx-scorecard": Omit<SvelteHTMLAttributes<CxScorecardElement>, keyof CxScorecardProperties> &
      Props<CxScorecardProperties> &
      Handlers<CxScorecardEventMap>;
    "cx-scorecard-team": Omit<SvelteHTMLAttributes<CxScorecardTeamElement>, keyof CxScorecardTeamProperties> &
      Props<CxScorecardTeamProperties> &
      Handlers<CxScorecardTeamEventMap>;
  }
}
