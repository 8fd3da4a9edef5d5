// cx-scorecard/team: the team report's programmatic entry, `import init, { mountTeam } from
// "cx-scorecard/team"`, over its own wasm-bindgen glue (cx_scorecard_team.js): a download of its own,
// which a respondent's widget never loads. init() starts its wasm once per page and hands it the
// widget's stylesheet (style.js), which the report's rules extend.
import glueInit, { initSync as glueInitSync, mountTeam as glueMountTeam, __cxAssets } from "./cx_scorecard_team.js";
import style from "./style.js";
import { starter } from "./start.js";
import { teamWasm, forget } from "./wasm.js";


const start = starter(
  { init: glueInit, initSync: glueInitSync },
  { handOver: () => __cxAssets(style, undefined), wasm: teamWasm, forget: () => forget("team") },
);

/** Starts the team report's wasm (once per page); resolves when it can mount. */
export default function init(input) {
  return start.init(input);
}

/** Starts the team report's wasm from its bytes or module, at once. */
export function initSync(module) {
  return start.initSync(module);
}

/** Mounts the team report into `element`: see the glue's declaration. */
export function mountTeam(element, options) {
  start.started("mountTeam()");
  return glueMountTeam(element, options);
}
