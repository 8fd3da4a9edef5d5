//! The thin wasm-bindgen surface: `mount`, the handle, option parsing, events.

mod options;

use crate::engine::{Action, AssessmentResult, Definition};
use crate::ui::{App, AppProps, Remote};
use options::Options;
use std::cell::{Cell, RefCell};
use std::fmt::Display;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, Element};
use yew::{AppHandle, AttrValue, Callback, Renderer};

/// The one error helper: every failure reaches JS as an `Error` with a clear message.
pub(crate) fn js_error(message: impl Display) -> JsValue {
    js_sys::Error::new(&format!("cx-scorecard: {message}")).into()
}

/// Serialises engine output into a plain JS value.
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL)
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Dispatches `cx-scorecard:<name>` (bubbling, composed) on the host and calls the host's callback.
fn emit(host: &Element, name: &str, detail: &JsValue, callback: Option<&js_sys::Function>, arg: &JsValue) {
    let init = CustomEventInit::new();
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

const STYLE: &str = include_str!("../ui/style.css");
const MOUNTED_ATTR: &str = "data-cx-scorecard";

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    static NEXT_UID: Cell<u32> = const { Cell::new(1) };
}

/// Adopts the widget's stylesheet into the document or shadow root holding `host`, once.
/// Constructable stylesheets are allowed under a strict CSP, unlike `<style>` or `style=""`.
fn adopt_style(host: &Element) -> Result<(), JsValue> {
    let sheet = SHEET.with(|s| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = s.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(STYLE)?;
        *s.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })?;
    let root: JsValue = host.get_root_node().into();
    let key = JsValue::from_str("adoptedStyleSheets");
    let current = js_sys::Reflect::get(&root, &key)?;
    if !current.is_object() {
        return Ok(()); // not a document or shadow root (e.g. a detached element)
    }
    let sheets = js_sys::Array::from(&current);
    if !sheets.includes(&sheet, 0) {
        sheets.push(&sheet);
        js_sys::Reflect::set(&root, &key, &sheets)?;
    }
    Ok(())
}

struct Mounted {
    app: AppHandle<App>,
    props: AppProps,
    host: Element,
    remote: Remote,
}

/// A mounted widget.
#[wasm_bindgen]
pub struct Handle {
    mounted: RefCell<Option<Mounted>>,
    result: Rc<RefCell<Option<Rc<AssessmentResult>>>>,
}

#[wasm_bindgen]
impl Handle {
    /// The result JSON once the assessment is complete, otherwise `null`.
    pub fn result(&self) -> JsValue {
        self.result.borrow().as_deref().map_or(JsValue::NULL, to_js)
    }

    /// Forgets all answers and returns to the intro.
    pub fn reset(&self) -> Result<(), JsValue> {
        let mounted = self.mounted.borrow();
        let m = mounted.as_ref().ok_or_else(|| js_error("reset(): this widget has been destroyed"))?;
        m.remote.send(Action::Reset);
        Ok(())
    }

    /// Switches the language, keeping every answer.
    #[wasm_bindgen(js_name = setLocale)]
    pub fn set_locale(&self, tag: JsValue) -> Result<(), JsValue> {
        let tag = options::locale_tag("setLocale(tag)", &tag)?;
        let mut mounted = self.mounted.borrow_mut();
        let m = mounted.as_mut().ok_or_else(|| js_error("setLocale(): this widget has been destroyed"))?;
        m.props.locale = AttrValue::from(tag);
        m.app.update(m.props.clone());
        Ok(())
    }

    /// Removes the widget from the page. Calling it again does nothing.
    pub fn destroy(&self) {
        if let Some(m) = self.mounted.borrow_mut().take() {
            m.app.destroy();
            let _ = m.host.remove_attribute(MOUNTED_ATTR);
        }
    }
}

/// Mounts the assessment into `element`. See the embedding contract for `options`.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<Handle, JsValue> {
    let host: Element = element
        .dyn_into()
        .map_err(|v| js_error(format!("mount(element, options): element must be a DOM Element, got {}", options::type_name(&v))))?;
    if host.has_attribute(MOUNTED_ATTR) {
        return Err(js_error("mount(): this element already holds a cx-scorecard widget; destroy() it first"));
    }
    let opts = Options::parse(&options)?;
    adopt_style(&host).map_err(|e| js_error(format!("could not apply the widget's styles: {}", options::describe(&e))))?;

    let result = Rc::new(RefCell::new(None));
    let remote = Remote::default();
    let uid = NEXT_UID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        format!("cxs{id}")
    });
    let cbs = Rc::new(opts.callbacks);
    let props = AppProps {
        definition: Rc::new(opts.definition.unwrap_or_else(crate::engine::default_definition)),
        locale: AttrValue::from(opts.locale.unwrap_or_else(|| "en".into())),
        uid: AttrValue::from(uid),
        onready: Callback::from({
            let (host, cbs) = (host.clone(), cbs.clone());
            move |()| {
                let detail = object(&[]);
                emit(&host, "ready", &detail, cbs.on_ready.as_ref(), &detail);
            }
        }),
        onprogress: Callback::from({
            let (host, cbs) = (host.clone(), cbs.clone());
            move |(answered, total): (usize, usize)| {
                let detail = object(&[("answered", (answered as u32).into()), ("total", (total as u32).into())]);
                emit(&host, "progress", &detail, cbs.on_progress.as_ref(), &detail);
            }
        }),
        onresult: Callback::from({
            let (host, cbs, store) = (host.clone(), cbs.clone(), result.clone());
            move |r: Option<Rc<AssessmentResult>>| {
                *store.borrow_mut() = r.clone();
                if let Some(r) = r {
                    let js = to_js(&*r);
                    emit(&host, "complete", &object(&[("result", js.clone())]), cbs.on_complete.as_ref(), &js);
                }
            }
        }),
        remote: remote.clone(),
    };
    host.set_attribute(MOUNTED_ATTR, "")?;
    let app = Renderer::<App>::with_root_and_props(host.clone(), props.clone()).render();
    Ok(Handle { mounted: RefCell::new(Some(Mounted { app, props, host, remote })), result })
}

/// Validates a definition (an object or a JSON string) and returns its errors as
/// `[{path, message}]`; an empty array means it is valid.
#[wasm_bindgen(js_name = validateDefinition)]
pub fn validate_definition(definition: JsValue) -> Result<JsValue, JsValue> {
    let json = options::definition_json("validateDefinition(definition)", &definition)?;
    let errors = match Definition::from_json(&json) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    let out = js_sys::Array::new();
    for e in errors {
        out.push(&object(&[("path", e.path.into()), ("message", e.message.into())]));
    }
    Ok(out.into())
}
