// cx-scorecard/react: the two elements as React components, for React 18 and 19 and for
// server-rendered apps (Next.js): each option is set as the element's property and each `on…`
// handler added as a listener in the component's layout effect, on the client. React's own
// handling of custom elements cannot be relied on there: React 18 passes objects as attributes,
// React 19 sets no property on an element it hydrates, and Next's compiler refuses
// `oncx-scorecard:complete` in JSX. On the server the component renders the bare element (with
// its id, class and other attributes), which upgrades on the client.
import { createElement, forwardRef, useEffect, useLayoutEffect, useRef } from "react";
import "./element.js";
import { TEAM_EVENTS, TEAM_OPTIONS, WIDGET_EVENTS, WIDGET_OPTIONS } from "./options.js";

const useClientLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

/** `lead-shown` → `onLeadShown`. */
const handlerOf = (event) => `on${event.replace(/(?:^|-)([a-z])/g, (_, c) => c.toUpperCase())}`;

/** Gives `ref` (a function or an object) the element. */
function assign(ref, element) {
  if (typeof ref === "function") ref(element);
  else if (ref) ref.current = element;
}

function component(tag, displayName, options, events) {
  const names = new Set(options);
  const handlers = new Map(events.map((event) => [handlerOf(event), `cx-scorecard:${event}`]));
  const Component = forwardRef(function Component(props, ref) {
    const element = useRef(null);
    const latest = useRef(props);
    latest.current = props;
    const attributes = {};
    for (const [key, value] of Object.entries(props)) if (!names.has(key) && !handlers.has(key)) attributes[key] = value;
    // Every render: the element compares, so an equal value changes nothing.
    useClientLayoutEffect(() => {
      for (const name of options) element.current[name] = props[name];
    });
    // Once: listeners that call whatever handler the latest props give.
    useClientLayoutEffect(() => {
      const el = element.current;
      const listeners = [...handlers].map(([prop, type]) => [type, (event) => latest.current[prop]?.(event)]);
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
export const CxScorecardTeam = component("cx-scorecard-team", "CxScorecardTeam", [...TEAM_OPTIONS, "assetBase"], TEAM_EVENTS);
