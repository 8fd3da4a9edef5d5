// The types of cx-scorecard (index.js): the glue's declarations, made from the Rust types by
// tsify and wasm-bindgen. init() and initSync() take what the glue's take; init() starts the wasm
// once per page, however many call it.
export * from "./cx_scorecard.js";
export { default, initSync } from "./cx_scorecard.js";
