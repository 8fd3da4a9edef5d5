// The package's two wasm files, each named by a literal beside this module (so that bundlers emit
// and rewrite them) and fetched at most once per page, however many ask: init() takes the response,
// and the loader starts the team report's while its glue is still on the way.

let widget;
let team;

/** The widget's wasm: the response's promise, the same for every caller until forgotten. */
export function widgetWasm() {
  widget ??= fetch(new URL("./cx_scorecard_bg.wasm", import.meta.url));
  return widget;
}

/** The team report's wasm, likewise. */
export function teamWasm() {
  team ??= fetch(new URL("./cx_scorecard_team_bg.wasm", import.meta.url));
  return team;
}

/** Forgets a download that failed or was used up, so that the next init fetches afresh. */
export function forget(which) {
  if (which === "team") team = undefined;
  else widget = undefined;
}
