// The types of intro.js: the default assessment's first screen, prerendered at build time.
import type { Tree } from "./cx-scorecard-prerender.js";

/** The default assessment, whose first screen these are. */
export declare const assessment: { id: string; version: string };
/** The first screen by language (`en`, `de`, `fr`, `es`) and colour scheme (`auto`, `light`, `dark`). */
export declare const screens: Record<string, Record<"auto" | "light" | "dark", Tree>>;
