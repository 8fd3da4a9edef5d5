// The types of cx-scorecard/team (team.js): the team glue's declarations.
export * from "./cx_scorecard_team.js";
export { default, initSync } from "./cx_scorecard_team.js";
