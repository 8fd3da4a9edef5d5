// Two widgets mounted programmatically on one page; exposes the module for tests and benchmarks.
import init, { mount } from "./pkg/cx_scorecard.js";

const wasm = await init({ module_or_path: new URL("./pkg/cx_scorecard_bg.wasm", import.meta.url) });
window.cx = {
  mount,
  memoryBytes: () => wasm.memory.buffer.byteLength,
  handles: [
    mount(document.getElementById("first"), { theme: "light" }),
    mount(document.getElementById("second"), { theme: { scheme: "dark", accent: "#ffb347" } }),
  ],
};
document.dispatchEvent(new Event("cx-ready-for-test"));
