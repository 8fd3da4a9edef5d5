//! The handle `mountTeam` returns: `add()`, `report()`, `update()`, `destroy()`, each an `Error`
//! naming what is wrong instead of a change half made.

use super::inputs::Input;
use super::options::{check_grouping, read_options};
use super::{add, tell, Slot, MOUNTED_ATTR};
use crate::embed::js_error;
use crate::embed::options::{describe, type_name};
use crate::engine::team::Round;
use crate::ui::wire;
use js_sys::Object;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// The team report's events, each dispatched as `cx-scorecard:<name>` with its detail (bubbling
/// and composed). A declaration only, as the widget's `WidgetEvents`.
#[derive(tsify::Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
#[serde(rename_all = "kebab-case")]
pub struct TeamEvents {
    /// The set of results changed (and once when the report first shows): the new report.
    pub team_report: super::TeamReportDetail,
    /// Something failed: its code (`options`, `results-src`, `baseline-src`, `definition-src`) and a readable message.
    pub error: crate::embed::ErrorDetail,
}

/// A mounted team report's handle, as Rust holds it (JS gets a plain object of its methods).
pub(super) struct TeamHandle(pub Rc<Slot>);

const DESTROYED: &str = "this team report was destroyed";

impl TeamHandle {
    /// An error when the report is gone, or busy: called back from inside itself (by an
    /// `onReport` that adds, say), when it cannot be changed.
    fn usable(&self, method: &str) -> Result<(), JsValue> {
        match self.0.try_borrow() {
            Ok(slot) if slot.is_none() => Err(js_error(format!("{method}(): {DESTROYED}"))),
            Ok(_) => Ok(()),
            Err(_) => Err(js_error(format!(
                "{method}(): the team report is busy adding results; call it once add() has returned"
            ))),
        }
    }

    fn add(&self, results: JsValue, round: JsValue) -> Result<JsValue, JsValue> {
        self.usable("add")?;
        let round = match round.as_string().as_deref() {
            _ if round.is_undefined() || round.is_null() => Round::Current,
            Some("current") => Round::Current,
            Some("previous") => Round::Previous,
            _ => {
                return Err(js_error(format!(
                    "add(results, round): round must be \"current\" or \"previous\", got {}",
                    describe(&round)
                )))
            }
        };
        if results.is_undefined()
            || results.is_null()
            || results.is_function()
            || !(results.is_object() || results.is_string())
        {
            return Err(js_error(format!(
                "add(results): results must be an array of results, a result, or their JSON or NDJSON text, got {}",
                type_name(&results)
            )));
        }
        add(&Rc::downgrade(&self.0), vec![Input::Value { round, source: "add()".into(), value: results }]);
        Ok(self.report())
    }

    fn report(&self) -> JsValue {
        let Ok(slot) = self.0.try_borrow() else { return JsValue::NULL };
        slot.as_ref().and_then(|m| m.report.as_ref().map(|r| wire::to_js(&*r.0))).unwrap_or(JsValue::NULL)
    }

    /// Changes the language, the grouping question or the smallest group shown: every result
    /// added so far is counted again. A bad value changes nothing.
    fn update(&self, options: JsValue) -> Result<JsValue, JsValue> {
        self.usable("update")?;
        const CHANGEABLE: [&str; 3] = ["locale", "groupBy", "minGroup"];
        if !options.is_object() || js_sys::Array::is_array(&options) || options.is_function() {
            return Err(js_error(format!("update(options): options must be an object, got {}", type_name(&options))));
        }
        let keys: Vec<String> =
            Object::keys(options.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
        if let Some(key) = keys.iter().find(|k| !CHANGEABLE.contains(&k.as_str())) {
            return Err(js_error(format!(
                "update(options): options.{key} cannot change on a mounted team report (update takes {}; mount again for the rest)",
                CHANGEABLE.join(", ")
            )));
        }
        let o = read_options(&options)?;
        let given = |k: &str| keys.iter().any(|x| x == k);
        if given("groupBy") {
            let known =
                self.0.try_borrow().ok().and_then(|s| s.as_ref().and_then(|m| m.book.as_ref().map(|_| m.def.clone())));
            if let Some(def) = known {
                check_grouping(&def, &o.group_by)?;
            }
        }
        let told = {
            let Ok(mut guard) = self.0.try_borrow_mut() else { return Ok(JsValue::NULL) };
            let Some(m) = guard.as_mut() else { return Ok(JsValue::NULL) };
            m.regroup(
                given("locale").then_some(o.locale),
                given("groupBy").then_some(o.group_by),
                given("minGroup").then_some(o.min_group),
            );
            m.refresh()
        };
        tell(told);
        Ok(self.report())
    }

    fn destroy(&self) {
        self.destroy_or_retry(true);
    }

    fn destroy_or_retry(&self, retry: bool) {
        let Ok(mut slot) = self.0.try_borrow_mut() else {
            // Busy (destroy() called back from an onReport): once that is done.
            if retry {
                let again = TeamHandle(self.0.clone());
                wasm_bindgen_futures::spawn_local(async move { again.destroy_or_retry(false) });
            }
            return;
        };
        let taken = slot.take();
        drop(slot);
        if let Some(m) = taken {
            m.app.destroy();
            m.root.remove();
            let _ = m.host.remove_attribute(MOUNTED_ATTR);
        }
    }
}

/// The handle as a plain JS object whose methods call the Rust handle.
pub(super) fn handle_object(handle: TeamHandle) -> JsValue {
    let handle = Rc::new(handle);
    let o = Object::new();
    let set = |name: &str, f: JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(name), &f);
    };
    let h = handle.clone();
    set(
        "add",
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(move |r, round| h.add(r, round))
            .into_js_value(),
    );
    let h = handle.clone();
    set("report", Closure::<dyn Fn() -> JsValue>::new(move || h.report()).into_js_value());
    let h = handle.clone();
    set("update", Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(move |o| h.update(o)).into_js_value());
    let h = handle;
    set("destroy", Closure::<dyn Fn()>::new(move || h.destroy()).into_js_value());
    o.into()
}

#[wasm_bindgen(typescript_custom_section)]
const TEAM_TS: &str = r#"
/** The options of `mountTeam` (see the embedding contract's "Team report"). */
export interface TeamOptions {
    /** Results: an array of result objects, one result, or JSON / NDJSON text or result codes. */
    results?: AssessmentResult[] | AssessmentResult | string;
    /** A URL of a JSON array of results, or NDJSON with one result per line. */
    resultsSrc?: string;
    /** A previous round's results, to compare with (as `results`). */
    baseline?: AssessmentResult[] | AssessmentResult | string;
    /** A URL of a previous round's results (as `resultsSrc`). */
    baselineSrc?: string;
    /** The assessment the results belong to (default: the built-in one). */
    definition?: Definition | string;
    /** A URL to fetch the assessment's definition from (not with `definition`). */
    definitionSrc?: string;
    /** A language tag; default: the browser's. */
    locale?: string;
    /** The single-choice profile question whose options form the groups (default "role"). */
    groupBy?: string;
    /** The smallest number of respondents any figure describes (default 5, at least 3): below it
     *  the report shows only how many there are, and smaller groups are not shown on their own. */
    minGroup?: number;
    /** Called with the report whenever the set of results changes. */
    onReport?: (report: TeamReport) => void;
    onError?: (detail: ErrorDetail) => void;
}

/** A mounted team report, as `mountTeam` returns it. */
export interface TeamHandle {
    /** Adds results (to the previous round with "previous") and returns the new report: `null`
     *  while a `definitionSrc` is still loading (the results wait for it). */
    add(results: AssessmentResult[] | AssessmentResult | string, round?: "current" | "previous"): TeamReport | null;
    /** The report of the results so far; null until the definition is known. */
    report(): TeamReport | null;
    /** Changes the language, the grouping question or the smallest group shown, and returns
     *  the new report: every result added so far (from any source) is counted again. */
    update(options: Pick<TeamOptions, "locale" | "groupBy" | "minGroup">): TeamReport | null;
    /** Removes the team report from the page. Calling it again does nothing. */
    destroy(): void;
}

/** Mounts the team report into `element`. Bad options throw an `Error` naming the option. */
export function mountTeam(element: Element, options?: TeamOptions): TeamHandle;
"#;
