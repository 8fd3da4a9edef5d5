// cx-scorecard: the widget's programmatic entry, `import init, { mount } from "cx-scorecard"`.
// mount(), validateDefinition() and registerLocale() are the wasm-bindgen glue's
// (cx_scorecard.js); init() starts the wasm once per page and hands it the stylesheet (style.js,
// which the prerendered first screen shares) and the language packs' loader (locales/index.js):
// every file the widget loads is named by a literal, so bundlers emit it.
import glueInit, {
  initSync as glueInitSync,
  mount as glueMount,
  registerLocale as glueRegisterLocale,
  validateDefinition as glueValidateDefinition,
  __cxAssets,
} from "./cx_scorecard.js";
import packs from "./locales/index.js";
import style from "./style.js";
import { starter } from "./start.js";
import { widgetWasm, forget } from "./wasm.js";


/** The pack of `language` (an object), as the wasm asks for it. */
function loadPack(language) {
  if (!Object.hasOwn(packs, language)) return Promise.reject(new Error(`there is no pack for ${JSON.stringify(language)}`));
  return packs[language]().then((m) => m.default);
}

const start = starter(
  { init: glueInit, initSync: glueInitSync },
  { handOver: () => __cxAssets(style, loadPack), wasm: widgetWasm, forget: () => forget("widget") },
);

/** Starts the wasm (once per page, however many call it); resolves when the widget can mount. */
export default function init(input) {
  return start.init(input);
}

/** Starts the wasm from its bytes or module, at once. */
export function initSync(module) {
  return start.initSync(module);
}

/** Mounts the assessment into `element`: see the glue's declaration. */
export function mount(element, options) {
  start.started("mount()");
  return glueMount(element, options);
}

/** Validates a definition: see the glue's declaration. */
export function validateDefinition(definition) {
  start.started("validateDefinition()", false);
  return glueValidateDefinition(definition);
}

/** Adds a language pack: see the glue's declaration. */
export function registerLocale(pack) {
  start.started("registerLocale()", false);
  return glueRegisterLocale(pack);
}
