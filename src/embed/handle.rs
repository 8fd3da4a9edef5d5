//! The handle `mount` returns: `{result(), reset(), setLocale(tag), destroy(), free()}`.

use super::widget::{switch_locale, Slot};
use super::{js_error, next_uid, options, pool, MOUNTED_ATTR};
use crate::engine::{Action, AssessmentResult};
use crate::ui::wire;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A mounted widget, as Rust holds it. JS gets a plain object whose methods call these (see
/// [`mount`]), so that a method called after `destroy()` or `free()` says so in words.
pub struct Handle {
    pub(crate) mounted: Rc<Slot>,
    pub(crate) result: Rc<RefCell<Option<Rc<AssessmentResult>>>>,
}

const DESTROYED: &str = "this widget was destroyed";

impl Handle {
    /// The result JSON once the assessment is complete, otherwise `null`.
    pub fn result(&self) -> JsValue {
        self.result.borrow().as_deref().map_or(JsValue::NULL, wire::to_js)
    }

    /// Forgets all answers and returns to the intro.
    pub fn reset(&self) -> Result<(), JsValue> {
        let mounted = self.mounted.borrow();
        let m = mounted.as_ref().ok_or_else(|| js_error(format!("reset(): {DESTROYED}")))?;
        m.remote.send(Action::Reset);
        Ok(())
    }

    /// Switches the language, keeping every answer.
    pub fn set_locale(&self, tag: JsValue) -> Result<(), JsValue> {
        if self.mounted.borrow().is_none() {
            return Err(js_error(format!("setLocale(): {DESTROYED}")));
        }
        let tag = options::locale_tag("setLocale(tag)", &tag)?;
        switch_locale(&self.mounted, &tag);
        Ok(())
    }

    /// Removes the widget from the page. Calling it again does nothing.
    pub fn destroy(&self) {
        let taken = self.mounted.borrow_mut().take();
        if let Some(m) = taken {
            let m = *m;
            m.restyle.0.disconnect();
            m.outlet.frame.borrow_mut().take();
            m.remote.clear();
            pool::give_back(m.app, m.root);
            let host = &m.outlet.host;
            if let Some(el) = host.dyn_ref::<HtmlElement>() {
                for property in m.theme {
                    let _ = el.style().remove_property(property);
                }
            }
            let _ = host.remove_attribute(MOUNTED_ATTR);
        }
        self.result.borrow_mut().take();
    }
}

thread_local! {
    /// The widgets whose JS handles are live, by handle number.
    static HANDLES: RefCell<Vec<(u32, Rc<Handle>)>> = const { RefCell::new(Vec::new()) };
    /// The one function behind every JS handle's methods: `(handle number, method, argument)`.
    /// Each handle binds it to its number, so a handle costs no Rust closure of its own.
    static CALL: js_sys::Function = Closure::<dyn Fn(u32, String, JsValue) -> Result<JsValue, JsValue>>::new(call)
        .into_js_value()
        .unchecked_into();
}

fn call(id: u32, method: String, arg: JsValue) -> Result<JsValue, JsValue> {
    let handle = HANDLES.with(|h| h.borrow().iter().find(|(i, _)| *i == id).map(|(_, h)| h.clone()));
    let live = || handle.clone().ok_or_else(|| js_error(format!("{method}(): {DESTROYED}")));
    match method.as_str() {
        "result" => Ok(handle.map_or(JsValue::NULL, |h| h.result())),
        "reset" => live()?.reset().map(|()| JsValue::UNDEFINED),
        "setLocale" => live()?.set_locale(arg).map(|()| JsValue::UNDEFINED),
        _ => {
            // destroy() and free(): the widget goes, and so does the handle's entry.
            HANDLES.with(|h| h.borrow_mut().retain(|(i, _)| *i != id));
            if let Some(h) = handle {
                h.destroy();
            }
            Ok(JsValue::UNDEFINED)
        }
    }
}

/// The JS handle: `{result(), reset(), setLocale(tag), destroy(), free()}`.
pub(crate) fn handle_object(handle: Handle) -> JsValue {
    let id = next_uid();
    HANDLES.with(|h| h.borrow_mut().push((id, Rc::new(handle))));
    let o = js_sys::Object::new();
    CALL.with(|call| {
        for method in ["result", "reset", "setLocale", "destroy", "free"] {
            let bound = call.bind2(&JsValue::NULL, &JsValue::from(id), &JsValue::from_str(method));
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(method), &bound);
        }
    });
    o.into()
}

#[cfg(not(feature = "team"))]
#[wasm_bindgen(typescript_custom_section)]
const HANDLE_TS: &str = r#"
/** A mounted widget, as `mount` returns it. */
export interface Handle {
    /** The result once the assessment is complete, otherwise `null`. */
    result(): AssessmentResult | null;
    /** Forgets all answers and returns to the intro. */
    reset(): void;
    /** Switches the language (a tag such as "de" or "de-CH"), keeping every answer. */
    setLocale(tag: string): void;
    /** Removes the widget from the page. */
    destroy(): void;
    /** The same as `destroy()`. */
    free(): void;
}
"#;
