// The types of cx-scorecard/react (react.js): the elements as React components, their props made
// from the elements' properties and event maps (and so from the Rust types).
import type { ForwardRefExoticComponent, HTMLAttributes, RefAttributes } from "react";
import type { CxScorecardElement, CxScorecardEventMap, CxScorecardProperties } from "./scorecard-element.js";
import type { CxScorecardTeamElement, CxScorecardTeamEventMap, CxScorecardTeamProperties } from "./team-element.js";

/** `lead-shown` → `LeadShown`. */
type Pascal<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<S>;
/** `cx-scorecard:lead-shown` → `onLeadShown`, with its event. */
type Handlers<Events> = {
  [K in keyof Events & string as K extends `cx-scorecard:${infer Name}` ? `on${Pascal<Name>}` : never]?: (event: Events[K]) => void;
};
type Props<Element, Properties, Events> = Omit<HTMLAttributes<Element>, keyof Properties | keyof Handlers<Events>> &
  Partial<Properties> &
  Handlers<Events> &
  RefAttributes<Element>;

export type CxScorecardProps = Props<CxScorecardElement, CxScorecardProperties, CxScorecardEventMap>;
export type CxScorecardTeamProps = Props<CxScorecardTeamElement, CxScorecardTeamProperties, CxScorecardTeamEventMap>;

/** `<cx-scorecard>` as a React component: options as props, `onComplete`, `onProgress`, … for its events. */
export declare const CxScorecard: ForwardRefExoticComponent<CxScorecardProps>;
/** `<cx-scorecard-team>` as a React component: options as props, `onTeamReport` and `onError` for its events. */
export declare const CxScorecardTeam: ForwardRefExoticComponent<CxScorecardTeamProps>;
