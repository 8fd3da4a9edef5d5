// The script-tag edition, one file for `<script type="module" src=".../cx-scorecard.js">`: defines
// <cx-scorecard> and <cx-scorecard-team>, and brings with it everything the first screen needs (the
// prerendered screens and the stylesheet) and the widget's glue, so that the first screen waits for
// no other request and the wasm download starts at once. Made by scripts/package.mjs from this
// module. It also exports what index.js does (init, mount, …) for pages that mount it themselves.
export * from "./element.js";
export * from "./index.js";
export { default } from "./index.js";
