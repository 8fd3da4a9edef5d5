//! Where a widget's events go: DOM events on the host, the host's callbacks, the parent window in
//! iframe mode, and the data layer. Every event's detail is a serde type (the embedding
//! contract's shapes), turned into a plain JS object once.

use super::frame::Frame;
use super::options::{self, Callbacks};
use crate::engine::lead::Lead;
use crate::engine::AssessmentResult;
use crate::ui::wire;
use serde::Serialize;
use std::cell::RefCell;
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::{CustomEvent, CustomEventInit, Element};

/// `cx-scorecard:progress`: statements answered so far, of all.
#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Progress {
    pub answered: u32,
    pub total: u32,
}

/// `cx-scorecard:error`: what failed (`options`, `definition`, `definition-src`, `locale`,
/// `submit`, `data-layer`) and a readable message.
#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct ErrorDetail {
    pub code: String,
    pub message: String,
}

/// `cx-scorecard:lead`: the consented lead, with the result it came with (`null` when the form
/// comes before the first statement: the result then carries the lead when it completes).
#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct LeadDetail<'a> {
    pub lead: &'a Lead,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "AssessmentResult | null")]
    pub result: JsValue,
}

/// `cx-scorecard:page`: a statement page was shown, its index (from 0) of `total`, and its dimension.
#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct PageDetail {
    pub index: u32,
    pub total: u32,
    pub dimension_id: String,
}

/// `cx-scorecard:cta`: the call to action followed, and the overall level.
#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct CtaDetail {
    pub cta: CtaRef,
    pub level: Option<u8>,
}

#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct CtaRef {
    pub id: String,
    pub url: String,
}

/// The detail of an event that has none to give (`ready`, `start`, `lead-shown`).
#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Empty {}

/// `cx-scorecard:complete`: the result.
#[derive(Serialize, Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct Complete {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "AssessmentResult")]
    pub result: JsValue,
}

/// The widget's events, each dispatched as `cx-scorecard:<name>` with its detail (bubbling and
/// composed) and, in iframe mode, posted to the partner. A declaration only: the element's event
/// map in the package's types and in its `custom-elements.json` is made from it.
#[derive(Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
#[serde(rename_all = "kebab-case")]
pub struct WidgetEvents<'a> {
    /// The widget has rendered its first screen.
    pub ready: Empty,
    /// The number of answered statements changed.
    pub progress: Progress,
    /// The user submitted the lead form with consent (`result` is null when the form comes before the first statement).
    pub lead: LeadDetail<'a>,
    /// The assessment was completed: the result JSON.
    pub complete: Complete,
    /// Something failed: its code and a readable message.
    pub error: ErrorDetail,
    /// The user began (Start, or continued saved answers or a link).
    pub start: Empty,
    /// A statement page was shown.
    pub page: PageDetail,
    /// The lead form was shown.
    pub lead_shown: Empty,
    /// The user followed the call to action.
    pub cta: CtaDetail,
}

/// What the data layer is given on completion (`{event: "cx-scorecard:complete", ...}`): tag
/// managers forward it to analytics vendors, so its `result` is the result without the lead or an
/// email address in the attribution ([`AssessmentResult::for_analytics`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DataLayerEntry<'a> {
    event: &'static str,
    cx_scorecard: DataLayerSummary<'a>,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    result: JsValue,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DataLayerSummary<'a> {
    assessment_id: &'a str,
    score: Option<f64>,
    level: Option<u8>,
    level_name: Option<&'a str>,
}

/// Dispatches `cx-scorecard:<name>` (bubbling, composed) on the host and calls the host's callback.
pub(crate) fn emit(host: &Element, name: &str, detail: &JsValue, callback: Option<&js_sys::Function>, arg: &JsValue) {
    let init: CustomEventInit = crate::ui::bare();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("cx-scorecard:{name}"), &init) {
        let _ = host.dispatch_event(&event);
    }
    if let Some(f) = callback {
        if let Err(e) = f.call1(&JsValue::NULL, arg) {
            web_sys::console::error_2(&JsValue::from_str(&format!("cx-scorecard: the {name} callback threw")), &e);
        }
    }
}

/// Reports a failure on `host` as `cx-scorecard:error` `{code, message}` and through `onError`,
/// before there is an outlet (bad options).
pub(crate) fn emit_error(host: &Element, on_error: Option<&js_sys::Function>, code: &str, message: &str) {
    let detail = wire::to_js(&ErrorDetail { code: code.into(), message: message.into() });
    emit(host, "error", &detail, on_error, &detail);
}

pub(crate) struct Outlet {
    pub host: Element,
    pub callbacks: Callbacks,
    pub frame: RefCell<Option<Frame>>,
    /// The global array results are pushed onto.
    pub data_layer: Option<String>,
    /// A lead was reported before the first statement, so the completion does not report it again.
    pub lead_reported: std::cell::Cell<bool>,
    /// The host was told that attribution left out of the data layer (once per widget).
    pub attribution_warned: std::cell::Cell<bool>,
}

impl Outlet {
    fn emit(&self, name: &str, detail: &JsValue, callback: Option<&js_sys::Function>, arg: &JsValue) {
        emit(&self.host, name, detail, callback, arg);
        if let Some(frame) = self.frame.borrow().as_ref() {
            frame.post(name, detail);
        }
    }

    pub fn ready(&self) {
        let detail = js_sys::Object::new().into();
        self.emit("ready", &detail, self.callbacks.on_ready.as_ref(), &detail);
    }

    pub fn progress(&self, answered: usize, total: usize) {
        let detail = wire::to_js(&Progress { answered: answered as u32, total: total as u32 });
        self.emit("progress", &detail, self.callbacks.on_progress.as_ref(), &detail);
    }

    /// `cx-scorecard:lead` for a lead given before the first statement (no result yet).
    pub fn lead(&self, lead: &Lead) {
        self.lead_reported.set(true);
        let detail = wire::to_js(&LeadDetail { lead, result: JsValue::NULL });
        self.emit("lead", &detail, self.callbacks.on_lead.as_ref(), &detail);
    }

    /// The result's events: `lead` (with a lead not reported yet), `complete`, and the data layer.
    pub fn complete(&self, r: &AssessmentResult) {
        let js = wire::to_js(r);
        let reported = self.lead_reported.replace(false);
        if let Some(lead) = r.lead.as_ref().filter(|_| !reported) {
            let detail = wire::to_js(&LeadDetail { lead, result: js.clone() });
            self.emit("lead", &detail, self.callbacks.on_lead.as_ref(), &detail);
        }
        let detail = wire::to_js(&Complete { result: js.clone() });
        self.emit("complete", &detail, self.callbacks.on_complete.as_ref(), &js);
        self.push_data_layer(r);
    }

    /// Reports a failure as `cx-scorecard:error` `{code, message}` and through `onError`.
    pub fn error(&self, code: &str, message: &str) {
        let detail = wire::to_js(&ErrorDetail { code: code.into(), message: format!("cx-scorecard: {message}") });
        self.emit("error", &detail, self.callbacks.on_error.as_ref(), &detail);
    }

    /// A funnel event (`start`, `page`, `lead-shown`, `cta`): on the host, to the parent window in iframe
    /// mode, and onto the data layer as `{event: "cx-scorecard:<name>", ...detail}`.
    pub fn funnel(&self, funnel: &crate::ui::Funnel) {
        use crate::ui::Funnel;
        let (name, detail) = match funnel {
            Funnel::Start => ("start", wire::to_js(&Empty {})),
            Funnel::LeadShown => ("lead-shown", wire::to_js(&Empty {})),
            Funnel::Cta { id, url, level } => {
                ("cta", wire::to_js(&CtaDetail { cta: CtaRef { id: id.clone(), url: url.clone() }, level: *level }))
            }
            Funnel::Page { index, total, dimension_id } => (
                "page",
                wire::to_js(&PageDetail {
                    index: *index as u32,
                    total: *total as u32,
                    dimension_id: dimension_id.clone(),
                }),
            ),
        };
        self.emit(name, &detail, None, &detail);
        if self.data_layer.is_some() {
            // The same detail, as its own object, with the event's name.
            let entry = wire::to_js(&Empty {});
            let _ = js_sys::Reflect::set(&entry, &"event".into(), &format!("cx-scorecard:{name}").into());
            js_sys::Object::assign(entry.unchecked_ref::<js_sys::Object>(), detail.unchecked_ref::<js_sys::Object>());
            self.push(&entry);
        }
    }

    /// Pushes `{event: "cx-scorecard:complete", ...}` onto the host's data layer without replacing
    /// it: never the lead, nor an attribution value that holds an email address (the host is told
    /// which field, once, never its value).
    fn push_data_layer(&self, result: &AssessmentResult) {
        let Some(name) = &self.data_layer else { return };
        let personal = result.attribution.as_ref().map(|a| a.personal_fields()).unwrap_or_default();
        if !personal.is_empty() && !self.attribution_warned.replace(true) {
            web_sys::console::warn_1(&JsValue::from_str(&format!(
                "cx-scorecard: attribution {} holds an email address, so it is left out of window.{name} \
                 (the complete event and the submission still have it)",
                personal.join(", ")
            )));
        }
        let result_js = wire::to_js(&result.for_analytics());
        let entry = wire::to_js(&DataLayerEntry {
            event: "cx-scorecard:complete",
            cx_scorecard: DataLayerSummary {
                assessment_id: &result.assessment.id,
                score: result.overall.score,
                level: result.overall.level,
                level_name: result.overall.level_name.as_deref(),
            },
            result: result_js,
        });
        self.push(&entry);
    }

    /// Pushes `entry` onto the host's data layer (made if missing, never replaced).
    fn push(&self, entry: &JsValue) {
        let Some(name) = &self.data_layer else { return };
        let Some(window) = web_sys::window() else { return };
        let key = JsValue::from_str(name);
        let mut layer = js_sys::Reflect::get(&window, &key).unwrap_or(JsValue::UNDEFINED);
        if layer.is_undefined() || layer.is_null() {
            layer = js_sys::Array::new().into();
            let _ = js_sys::Reflect::set(&window, &key, &layer);
        }
        let push = js_sys::Reflect::get(&layer, &JsValue::from_str("push"))
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Function>().ok());
        match push {
            Some(push) => {
                if let Err(e) = push.call1(&layer, entry) {
                    self.error("data-layer", &format!("window.{name}.push threw: {}", options::describe(&e)));
                }
            }
            None => self.error("data-layer", &format!("window.{name} is not an array, so nothing was pushed onto it")),
        }
    }
}
