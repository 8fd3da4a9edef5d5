//! Iframe mode: the widget's events go to the parent window as `postMessage` envelopes, only to
//! allow-listed origins (never `"*"`); the parent may send `reset` and `setLocale` commands, which are
//! accepted only from those origins and only in the envelope's shape. The widget's height is
//! reported through a `ResizeObserver` on the widget itself, so it cannot feed back into itself.

use super::object;
use super::options::is_locale_tag;
use gloo_events::EventListener;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, MessageEvent, ResizeObserver, Window};

pub(crate) const SOURCE: &str = "cx-scorecard";
pub(crate) const VERSION: u32 = 1;

/// A command from the parent window.
pub(crate) enum Command {
    Reset,
    SetLocale(String),
}

pub(crate) struct Frame {
    parent: Window,
    origins: Vec<String>,
    /// Removed from the window when the frame is dropped.
    _on_message: EventListener,
    observer: ResizeObserver,
    _on_resize: Closure<dyn FnMut()>,
}

/// An own property of the message (never one set on `Object.prototype`).
fn field(v: &JsValue, key: &str) -> JsValue {
    super::options::own(v, key)
}

/// Reads an inbound envelope; anything not exactly of the contract's shape is `None`.
fn parse_command(data: &JsValue) -> Option<Command> {
    if !data.is_object() || field(data, "source").as_string().as_deref() != Some(SOURCE) {
        return None;
    }
    if field(data, "version").as_f64() != Some(f64::from(VERSION)) {
        return None;
    }
    match field(data, "type").as_string()?.as_str() {
        "cx-scorecard:reset" => Some(Command::Reset),
        "cx-scorecard:setLocale" => {
            let locale = field(&field(data, "payload"), "locale").as_string()?;
            is_locale_tag(&locale).then_some(Command::SetLocale(locale))
        }
        _ => None,
    }
}

/// Posts one envelope to every allowed origin.
fn post(parent: &Window, origins: &[String], kind: &str, payload: &JsValue) {
    let envelope = object(&[
        ("source", SOURCE.into()),
        ("version", VERSION.into()),
        ("type", format!("cx-scorecard:{kind}").into()),
        ("payload", payload.clone()),
    ]);
    for origin in origins {
        let _ = parent.post_message(&envelope, origin);
    }
}

impl Frame {
    /// Starts iframe messaging for the widget in `host`. `None` when the page is not framed.
    pub fn start(
        host: &Element,
        origins: Vec<String>,
        on_command: Rc<dyn Fn(Command)>,
    ) -> Result<Option<Frame>, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let parent = match window.parent()? {
            Some(p) if !js_sys::Object::is(&p, &window) => p,
            _ => return Ok(None),
        };
        let on_message = EventListener::new(&window, "message", {
            let (parent, origins) = (parent.clone(), origins.clone());
            move |e| {
                let Some(e) = e.dyn_ref::<MessageEvent>() else { return };
                let from_parent = e.source().is_some_and(|s| js_sys::Object::is(&s, &parent));
                if from_parent && origins.iter().any(|o| *o == e.origin()) {
                    if let Some(command) = parse_command(&e.data()) {
                        on_command(command);
                    }
                }
            }
        });

        let last = Rc::new(Cell::new(-1.0));
        let on_resize = Closure::<dyn FnMut()>::new({
            let (host, parent, origins) = (host.clone(), parent.clone(), origins.clone());
            move || {
                let height = host.get_bounding_client_rect().height().ceil();
                if height != last.get() {
                    last.set(height);
                    post(&parent, &origins, "resize", &object(&[("height", height.into())]));
                }
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(host);
        Ok(Some(Frame { parent, origins, _on_message: on_message, observer, _on_resize: on_resize }))
    }

    pub fn post(&self, kind: &str, payload: &JsValue) {
        post(&self.parent, &self.origins, kind, payload);
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
