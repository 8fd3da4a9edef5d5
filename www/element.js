// cx-scorecard/element: importing it defines <cx-scorecard> and <cx-scorecard-team> (in a browser;
// on a server it does nothing), and exports their classes and define functions.
import { defineCxScorecard, defineCxScorecardTeam } from "./define.js";

defineCxScorecard();
defineCxScorecardTeam();

export { CxScorecardElement } from "./scorecard-element.js";
export { CxScorecardTeamElement } from "./team-element.js";
export { defineCxScorecard, defineCxScorecardTeam };
