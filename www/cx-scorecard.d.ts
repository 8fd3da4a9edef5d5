// The types of the script-tag edition (cx-scorecard.js): it defines both elements and exports what
// cx-scorecard/element and cx-scorecard export.
export * from "./element.js";
export * from "./index.js";
export { default } from "./index.js";
