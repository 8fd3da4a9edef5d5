//! Iframe mode: the widget's events go to the parent window as `postMessage` envelopes, only to
//! allow-listed origins (never `"*"`); the parent may send `reset` and `setLocale` commands, which are
//! accepted only from those origins and only in the envelope's shape. The widget's height is
//! reported through a `ResizeObserver` on the widget itself, so it cannot feed back into itself.

use super::options::is_locale_tag;
use crate::ui::wire;
use gloo_events::EventListener;
use serde::{Deserialize, Serialize};
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

/// A message between the widget and its parent window, as the embedding contract has it:
/// `{source: "cx-scorecard", version: 1, type: "cx-scorecard:<name>", payload}`.
#[derive(Serialize, Deserialize)]
struct Envelope<P> {
    source: String,
    version: u32,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    payload: P,
}

/// An outbound payload: the event's detail, passed through as it is.
#[derive(Serialize)]
struct Detail(#[serde(with = "serde_wasm_bindgen::preserve")] JsValue);

/// The widget's height, posted when it changes.
#[derive(Serialize)]
struct Height {
    height: f64,
}

/// Reads an inbound envelope (own properties only, see `ui::wire`); anything not exactly of the
/// contract's shape is `None`.
fn parse_command(data: &JsValue) -> Option<Command> {
    // Other scripts' messages are left alone, unread: only an object that says it is ours (an
    // own property) is read whole.
    if super::options::own(data, "source").as_string().as_deref() != Some(SOURCE) || js_sys::Array::is_array(data) {
        return None;
    }
    let envelope: Envelope<serde_json::Value> = wire::read_plain(data).ok()?;
    if envelope.source != SOURCE || envelope.version != VERSION {
        return None;
    }
    match envelope.kind.as_str() {
        "cx-scorecard:reset" => Some(Command::Reset),
        "cx-scorecard:setLocale" => {
            let locale = envelope.payload.get("locale")?.as_str()?.to_string();
            is_locale_tag(&locale).then_some(Command::SetLocale(locale))
        }
        _ => None,
    }
}

/// Posts one envelope to every allowed origin.
fn post<P: Serialize>(parent: &Window, origins: &[String], kind: &str, payload: P) {
    let envelope = wire::to_js(&Envelope {
        source: SOURCE.to_string(),
        version: VERSION,
        kind: format!("cx-scorecard:{kind}"),
        payload,
    });
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
                    post(&parent, &origins, "resize", Height { height });
                }
            }
        });
        let observer = ResizeObserver::new(on_resize.as_ref().unchecked_ref())?;
        observer.observe(host);
        Ok(Some(Frame { parent, origins, _on_message: on_message, observer, _on_resize: on_resize }))
    }

    pub fn post(&self, kind: &str, payload: &JsValue) {
        post(&self.parent, &self.origins, kind, Detail(payload.clone()));
    }
}

impl Drop for Frame {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
