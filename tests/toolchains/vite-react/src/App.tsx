// The package in React 19 (StrictMode): the element with a React event prop and object props,
// and mount() in an effect with its cleanup (StrictMode runs the effect, the cleanup and the
// effect again, all in the same container).
import "cx-scorecard/element";
import { useEffect, useRef } from "react";
import { mount, type AssessmentResult, type Handle } from "cx-scorecard";
import type { CxScorecardElement } from "cx-scorecard/element";
import quickCheck from "./quick-check.json";

// What the app's listener heard, for the test to read.
const heard: { level: number | null; answers: number; result: AssessmentResult; method: AssessmentResult | null }[] = [];
Object.assign(window, { cxHeard: heard });

const theme = { accent: "#7b1fa2" };

export function App() {
  const run = useRef<CxScorecardElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const handle = useRef<Handle | null>(null);

  useEffect(() => {
    const mounted = mount(box.current!, { storageKey: "mounted" });
    handle.current = mounted;
    return () => {
      mounted.destroy();
      handle.current = null;
    };
  }, []);

  return (
    <main>
      <h1>cx-scorecard in Vite + React</h1>
      <button
        id="de"
        type="button"
        onClick={() => {
          run.current!.setLocale("de");
          handle.current!.setLocale("de");
        }}
      >
        Deutsch
      </button>
      <cx-scorecard
        id="run"
        ref={run}
        oncx-scorecard:complete={(e) => {
          const { result } = e.detail;
          heard.push({
            level: result.overall.level,
            answers: result.answers.length,
            result,
            method: document.querySelector("cx-scorecard")!.result(),
          });
        }}
      />
      <cx-scorecard id="custom" definition={quickCheck} theme={theme} />
      <div id="mounted" ref={box} />
    </main>
  );
}
