// The types of <cx-scorecard> (scorecard-element.js).
import type { Handle, MountOptions, WidgetEvents } from "./cx_scorecard.js";
import type { AssetBase, EventMap, WithoutCallbacks } from "./element-base.js";

/** The element's properties: every option of mount() but its callbacks (fired as events instead), and `assetBase`. */
export type CxScorecardProperties = WithoutCallbacks<MountOptions> & AssetBase;

/** The element's events (bubbling and composed): `cx-scorecard:complete` and the rest, with their details. */
export type CxScorecardEventMap = EventMap<WidgetEvents>;

/**
 * `<cx-scorecard>`: the assessment. Each option is a property, which takes its value as it is,
 * and an attribute (kebab-case), which takes text (objects as JSON); the last one set counts.
 */
export declare class CxScorecardElement extends HTMLElement {
  /** The result JSON once the assessment is complete, otherwise null. */
  result(): ReturnType<Handle["result"]>;
  /** Starts over: the answers are cleared and the first screen shows. */
  reset(): void;
  /** Switches the language and keeps the answers; a tag that is not one throws. */
  setLocale(tag: string): void;
  addEventListener<K extends keyof CxScorecardEventMap>(
    type: K,
    listener: (this: CxScorecardElement, event: CxScorecardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof CxScorecardEventMap>(
    type: K,
    listener: (this: CxScorecardElement, event: CxScorecardEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}
export interface CxScorecardElement extends CxScorecardProperties {}
