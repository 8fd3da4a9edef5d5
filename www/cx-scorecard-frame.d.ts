// The types of cx-scorecard/frame (cx-scorecard-frame.js): the partner page's iframe helper.
import type { CxScorecardEventMap } from "./scorecard-element.js";

export interface FrameOptions {
  /** The URL of the guest page, embed.html, where the widget's files are served. */
  src: string;
  locale?: string;
  theme?: "auto" | "light" | "dark";
  /** Passes the partner page's UTM parameters to the guest, whose result then carries them. */
  attribution?: boolean | "full";
  /** Offers "Copy my result code" on the results (and lets the guest write the clipboard). */
  resultCode?: boolean;
  /** The iframe's accessible name. */
  title?: string;
  /** The partner's origin, which the guest will post to (default: this page's). */
  parentOrigin?: string;
}

/** An iframe that dispatches the widget's events on itself, as `CustomEvent`s. */
export interface CxScorecardFrameElement extends HTMLIFrameElement {
  addEventListener<K extends keyof CxScorecardEventMap>(
    type: K,
    listener: (this: HTMLIFrameElement, event: CxScorecardEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
}

export interface Frame {
  iframe: CxScorecardFrameElement;
  reset(): void;
  setLocale(tag: string): void;
  destroy(): void;
}

/** Creates the guest's iframe in `container`, sized to the widget, re-dispatching its events. */
export declare function frame(container: Element, options: FrameOptions): Frame;
