import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import init from "cx-scorecard";
import { App } from "./App";

// The wasm starts once, before the first render; the components mount synchronously.
await init();
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
