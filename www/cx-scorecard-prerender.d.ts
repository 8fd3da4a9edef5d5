// The types of cx-scorecard/prerender (cx-scorecard-prerender.js): the prerendered first screen
// and the swap to the live widget, for hosts that call mount() themselves.
import type { Handle, MountOptions } from "./cx_scorecard.js";

/** A prerendered DOM tree: `[tag, {attributes}, ...children]`, a text as a string. */
export type Tree = string | [tag: string, attributes: Record<string, string>, ...children: Tree[]];
/** What `keep` gives `swap`: the click kept on the first screen, if any. */
export interface Kept {
  click: number[] | null;
  listener: (event: Event) => void;
}

/** What the widget takes as a language tag (as `mount` checks it). */
export declare const LOCALE_TAG: RegExp;
/** The language a tag resolves to, as the widget resolves it (`de-CH` → `de`, else `en`). */
export declare function language(tag: string | null | undefined): "en" | "de" | "fr" | "es";
/**
 * Whether a first visit's intro is what the widget in `owner` will show: false for a returning
 * visitor, and where the widget will say something about saving.
 */
export declare function firstVisit(
  owner: Element,
  assessment: { id: string; version: string },
  options?: Pick<MountOptions, "autosave" | "storageKey">,
): boolean;
/** On a page holding the first screens in templates: shows the one the widget will show first. */
export declare function showTemplate(container: Element, options: MountOptions): { shown: HTMLElement; kept: Kept } | null;
/** Builds a prerendered DOM tree. */
export declare function build(tree: Tree, doc?: Document): Node;
/** Marks `shown` as holding a prerendered screen (hidden until the widget's stylesheet has loaded). */
export declare function mark<E extends HTMLElement>(shown: E, label: string): E;
/** Keeps a click on a button of the first screen in `shown` until the live widget can take it. */
export declare function keep(shown: HTMLElement, clicked?: Element | null): Kept;
/**
 * Puts `to` (another first screen) in the place of `from` and hands over the click kept there
 * and focus; returns what the swap needs for `to`.
 */
export declare function replace(from: HTMLElement, kept: Kept, to: HTMLElement): Kept;
/** Mounts the live widget beside the first screen and swaps it in once it is ready; returns the handle. */
export declare function swap(shown: HTMLElement, kept: Kept, mount: (box: HTMLElement) => Handle): Handle;
