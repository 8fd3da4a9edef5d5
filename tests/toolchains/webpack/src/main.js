// @ts-check
// The package in webpack 5, from plain JavaScript checked by TypeScript through the package's
// own types: the element (properties set from code, a listener added with addEventListener) and
// mount() beside it.
import "cx-scorecard/element";
import init, { mount } from "cx-scorecard";
import quickCheck from "./quick-check.json";

/** What the app's listener heard, for the test to read. @type {{ level: number | null, answers: number, result: unknown, method: unknown }[]} */
const heard = [];
Object.assign(window, { cxHeard: heard });

const run = document.querySelector("cx-scorecard");
if (!run) throw new Error("no <cx-scorecard> in the page");
run.addEventListener("cx-scorecard:complete", (e) => {
  const { result } = e.detail;
  heard.push({
    level: result.overall.level,
    answers: result.answers.length,
    result,
    method: document.querySelector("cx-scorecard")?.result(),
  });
});

// An element made in code, its options set as properties (objects as they are).
const custom = document.createElement("cx-scorecard");
custom.id = "custom";
custom.definition = quickCheck;
custom.theme = { accent: "#7b1fa2" };
document.getElementById("custom-slot")?.append(custom);

await init();
const box = document.getElementById("mounted");
if (!box) throw new Error("no #mounted in the page");
const handle = mount(box, { storageKey: "mounted" });

document.getElementById("de")?.addEventListener("click", () => {
  document.querySelector("cx-scorecard")?.setLocale("de");
  handle.setLocale("de");
});
