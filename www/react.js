"use client";
// cx-scorecard/react: the two elements as React components, for React 18 and 19 and for
// server-rendered apps (Next.js). Each option given as a prop is rendered as the element's
// attribute (objects as JSON), so that the server's HTML and the first mount already have it, and
// set as its property in a layout effect on the client; each `on…` handler is added as a listener
// there. React's own handling of custom elements cannot be relied on: React 18 passes objects as
// attributes, React 19 sets no property on an element it hydrates, and Next's compiler refuses
// `oncx-scorecard:complete` in JSX.
import { createElement, forwardRef, useEffect, useLayoutEffect, useRef } from "react";
import "./element.js";
import { kebab } from "./element-base.js";
import { TEAM_EVENTS, TEAM_OPTIONS, WIDGET_EVENTS, WIDGET_OPTIONS } from "./options.js";

const useClientLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/** `lead-shown` → `onLeadShown`. */
const handlerOf = (event) => `on${event.replace(/(?:^|-)([a-z])/g, (_, c) => c.toUpperCase())}`;

/** A prop's own value (never one a page set on `Object.prototype`). */
const own = (props, key) => (Object.hasOwn(props, key) ? props[key] : undefined);

/** Gives `ref` (a function or an object) the element. */
function assign(ref, element) {
  if (typeof ref === "function") ref(element);
  else if (ref) ref.current = element;
}

/** An option's value as its attribute's text. */
const text = (value) => (typeof value === "object" ? JSON.stringify(value) : String(value));

/** `bulky` options (results) are data, not settings: properties only, never written into the page. */
function component(tag, displayName, options, events, bulky = []) {
  const names = new Set(options);
  const handlers = new Map(events.map((event) => [handlerOf(event), `cx-scorecard:${event}`]));
  const Component = forwardRef(function Component(props, ref) {
    const element = useRef(null);
    const latest = useRef(props);
    const previous = useRef({});
    latest.current = props;
    const attributes = {};
    for (const key of Object.keys(props)) {
      const value = props[key];
      if (handlers.has(key)) continue;
      if (!names.has(key)) attributes[key] = value;
      else if (value !== undefined && value !== null && !bulky.includes(key)) attributes[kebab(key)] = text(value);
    }
    // Each option whose value changed since the last render (the element ignores equal data).
    useClientLayoutEffect(() => {
      for (const name of options) {
        const value = own(props, name);
        if (!Object.is(value, previous.current[name])) element.current[name] = value;
      }
      previous.current = Object.fromEntries(options.map((name) => [name, own(props, name)]));
    });
    // Once: listeners that call whatever handler the latest props give.
    useClientLayoutEffect(() => {
      const el = element.current;
      const listeners = [...handlers].map(([prop, type]) => [type, (event) => own(latest.current, prop)?.(event)]);
      for (const [type, listener] of listeners) el.addEventListener(type, listener);
      return () => {
        for (const [type, listener] of listeners) el.removeEventListener(type, listener);
      };
    }, []);
    const setRef = (node) => {
      element.current = node;
      assign(ref, node);
    };
    return createElement(tag, { ...attributes, ref: setRef });
  });
  Component.displayName = displayName;
  return Component;
}

/** `<cx-scorecard>` as a React component: `<CxScorecard definition={…} onComplete={(e) => …} />`. */
export const CxScorecard = component("cx-scorecard", "CxScorecard", [...WIDGET_OPTIONS, "assetBase"], WIDGET_EVENTS);
/** `<cx-scorecard-team>` as a React component: `<CxScorecardTeam results={…} onTeamReport={(e) => …} />`. */
export const CxScorecardTeam = component(
  "cx-scorecard-team", "CxScorecardTeam", [...TEAM_OPTIONS, "assetBase"], TEAM_EVENTS, ["results", "baseline"],
);
