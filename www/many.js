// Two widgets mounted programmatically on one page; exposes the module for tests and benchmarks.
import init, { mount } from "./index.js";

const wasm = await init();
window.cx = {
  mount,
  memoryBytes: () => wasm.memory.buffer.byteLength,
  /** Mounts a widget into a new element, waits until it is ready, then destroys it `times` times. */
  async cycles(times, options = {}) {
    for (let i = 0; i < times; i++) {
      const el = document.createElement("div");
      document.body.append(el);
      const ready = new Promise((ok) => el.addEventListener("cx-scorecard:ready", ok, { once: true }));
      const handle = mount(el, options);
      await ready;
      handle.destroy();
      handle.free(); // release the JS handle now rather than at garbage collection
      el.remove();
    }
    return wasm.memory.buffer.byteLength;
  },
  // The same assessment twice: each gets a storage key, so each keeps its own saved answers.
  handles: [
    mount(document.getElementById("first"), { theme: "light", storageKey: "first" }),
    mount(document.getElementById("second"), { theme: { scheme: "dark", accent: "#ffb347" }, storageKey: "second" }),
  ],
};
document.dispatchEvent(new Event("cx-ready-for-test"));
