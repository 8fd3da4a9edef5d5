"use client";
// The package in a Next.js client component, as its guide says: the element module imported at
// the top (it defines the elements in the browser and does nothing on the server), the elements
// as React components from cx-scorecard/react for object props and event handlers (React 19 sets
// no property on an element it hydrates, and Next's compiler refuses `oncx-scorecard:complete`
// in JSX), and mount() in an effect with its cleanup (React's StrictMode, on in development, runs
// the effect, the cleanup and the effect again).
import "cx-scorecard/element";
import { useEffect, useRef, useState } from "react";
import init, { mount, type AssessmentResult, type Handle } from "cx-scorecard";
import type { CxScorecardElement } from "cx-scorecard/element";
import { CxScorecard } from "cx-scorecard/react";
import quickCheck from "./quick-check.json";

// What the app's listener heard, for the test to read.
type Heard = { level: number | null; answers: number; result: AssessmentResult; method: AssessmentResult | null };
const heard: Heard[] = [];

const theme = { accent: "#7b1fa2" };

export function Scorecards() {
  const run = useRef<CxScorecardElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const handle = useRef<Handle | null>(null);
  // A click re-renders the component: its options must stay as the element has them.
  const [clicks, setClicks] = useState(0);

  useEffect(() => {
    Object.assign(window, { cxHeard: heard });
  }, []);

  useEffect(() => {
    let live = true;
    let mounted: Handle | undefined;
    init().then(() => {
      if (!live) return;
      mounted = mount(box.current!, { storageKey: "mounted" });
      handle.current = mounted;
    });
    return () => {
      live = false;
      mounted?.destroy();
      handle.current = null;
    };
  }, []);

  return (
    <>
      <button
        id="de"
        type="button"
        onClick={() => {
          run.current!.setLocale("de");
          handle.current!.setLocale("de");
          setClicks((n) => n + 1);
        }}
      >
        Deutsch ({clicks})
      </button>
      <CxScorecard
        id="run"
        ref={run}
        onComplete={(e) => {
          const { result } = e.detail;
          heard.push({
            level: result.overall.level,
            answers: result.answers.length,
            result,
            method: document.querySelector("cx-scorecard")!.result(),
          });
        }}
      />
      {/* A new object each render, as is usual in JSX: an equal value changes nothing. */}
      <CxScorecard id="custom" definition={quickCheck} theme={{ ...theme }} storageKey="custom" />
      <div id="mounted" ref={box} />
      {/* The bare element, server-rendered with attributes, upgraded on the client. */}
      <cx-scorecard id="plain" locale="fr" storage-key="plain" />
    </>
  );
}
