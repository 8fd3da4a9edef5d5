// The define step: registers the elements under their names where there are custom elements (in
// a browser; on a server, where a framework renders the page first, it does nothing). A name that
// is already taken (the package loaded twice, say) is left as it is.
import { CxScorecardElement } from "./scorecard-element.js";
import { CxScorecardTeamElement } from "./team-element.js";

function define(name, constructor, registry) {
  if (registry && !registry.get(name)) registry.define(name, constructor);
}

/** Defines `<cx-scorecard>`. */
export function defineCxScorecard(registry = globalThis.customElements) {
  define("cx-scorecard", CxScorecardElement, registry);
}

/** Defines `<cx-scorecard-team>`. */
export function defineCxScorecardTeam(registry = globalThis.customElements) {
  define("cx-scorecard-team", CxScorecardTeamElement, registry);
}
