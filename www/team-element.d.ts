// The types of <cx-scorecard-team> (team-element.js).
import type { TeamEvents, TeamHandle, TeamOptions } from "./cx_scorecard_team.js";
import type { AssetBase, EventMap, WithoutCallbacks } from "./element-base.js";

/** The element's properties: every option of mountTeam() but its callbacks (fired as events instead), and `assetBase`. */
export type CxScorecardTeamProperties = WithoutCallbacks<TeamOptions> & AssetBase;

/** The element's events (bubbling and composed), with their details. */
export type CxScorecardTeamEventMap = EventMap<TeamEvents>;

/**
 * `<cx-scorecard-team>`: the team report. Each option is a property and an attribute (kebab-case);
 * the last one set counts. `locale`, `groupBy` and `minGroup` change in place, keeping what was added.
 */
export declare class CxScorecardTeamElement extends HTMLElement {
  /** Adds results (to the previous round with "previous") and returns the new report; throws until the report is ready. */
  add(...args: Parameters<TeamHandle["add"]>): ReturnType<TeamHandle["add"]>;
  /** The report of the results so far, or null. */
  report(): ReturnType<TeamHandle["report"]>;
  /** Changes the language, the grouping or the smallest group shown, in place; returns the new report. */
  update(...args: Parameters<TeamHandle["update"]>): ReturnType<TeamHandle["update"]>;
  addEventListener<K extends keyof CxScorecardTeamEventMap>(
    type: K,
    listener: (this: CxScorecardTeamElement, event: CxScorecardTeamEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CxScorecardTeamEventMap>(
    type: K,
    listener: (this: CxScorecardTeamElement, event: CxScorecardTeamEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
export interface CxScorecardTeamElement extends CxScorecardTeamProperties {}
