// The package in a plain Vite + TypeScript app: the element (properties set from code, a listener
// added with addEventListener) and mount() beside it, all through the package's own types.
import "cx-scorecard/element";
import init, { mount } from "cx-scorecard";
import quickCheck from "./quick-check.json";

// What the app's listener heard, for the test to read.
const heard: { level: number | null; answers: number; result: unknown; method: unknown }[] = [];
Object.assign(window, { cxHeard: heard });

const run = document.querySelector("cx-scorecard")!;
run.addEventListener("cx-scorecard:complete", (e) => {
  const { result } = e.detail;
  heard.push({
    level: result.overall.level,
    answers: result.answers.length,
    result,
    method: document.querySelector("cx-scorecard")!.result(),
  });
});

// An element made in code, its options set as properties (objects as they are).
const custom = document.createElement("cx-scorecard");
custom.id = "custom";
custom.definition = quickCheck;
custom.theme = { accent: "#7b1fa2" };
document.getElementById("custom-slot")!.append(custom);

await init();
const handle = mount(document.getElementById("mounted")!, { storageKey: "mounted" });

document.getElementById("de")!.addEventListener("click", () => {
  document.querySelector("cx-scorecard")!.setLocale("de");
  handle.setLocale("de");
});
