// The types of the define step (define.js).
/** Defines `<cx-scorecard>` where there are custom elements; a name already taken is left alone. */
export declare function defineCxScorecard(registry?: CustomElementRegistry): void;
/** Defines `<cx-scorecard-team>` likewise. */
export declare function defineCxScorecardTeam(registry?: CustomElementRegistry): void;
