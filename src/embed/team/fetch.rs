//! `results-src` and `baseline-src`: fetched and read piece by piece as the body arrives, with
//! a time limit on every wait (for the answer, and for each next piece), so that a server that
//! hangs or stalls ends in a clear error that can be tried again, never in "No results yet".

use crate::embed::options::describe;
use crate::ui::team::Decoder;
use gloo_timers::callback::Timeout;
use js_sys::{Object, Reflect, Uint8Array};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, ReadableStreamDefaultReader, Response};

/// The longest wait, in seconds, for the answer or for the next piece of the body.
pub(super) const LIMIT_SECONDS: u32 = 30;

/// What a fetch hands on as it goes.
pub(super) enum Step {
    /// The answer came: this many bytes are expected (when it says).
    Begin(Option<f64>),
    /// The next piece of the text, and the bytes read so far.
    Piece(String, f64),
    End,
}

/// Why a fetch failed: the words for it.
pub(super) enum Failure {
    TimedOut,
    Other(String),
}

/// An `AbortController` that aborts once no progress is made for `LIMIT_SECONDS`.
struct Watch {
    controller: AbortController,
    timer: Option<Timeout>,
    fired: Rc<Cell<bool>>,
}

impl Watch {
    fn new() -> Option<Watch> {
        let mut watch = Watch { controller: AbortController::new().ok()?, timer: None, fired: Rc::default() };
        watch.restart();
        Some(watch)
    }

    /// Starts the wait anew (dropping a timer cancels it).
    fn restart(&mut self) {
        let (controller, fired) = (self.controller.clone(), self.fired.clone());
        self.timer = Some(Timeout::new(LIMIT_SECONDS * 1000, move || {
            fired.set(true);
            controller.abort();
        }));
    }

    fn failure(&self, e: &JsValue) -> Failure {
        if self.fired.get() {
            Failure::TimedOut
        } else {
            Failure::Other(describe(e))
        }
    }
}

/// Fetches `url`, handing each step to `step` (which returns `false` once nobody listens).
pub(super) async fn fetch_pieces(url: &str, mut step: impl FnMut(Step) -> bool) -> Result<(), Failure> {
    let window = web_sys::window().ok_or(Failure::Other("no window".into()))?;
    let mut watch = Watch::new().ok_or(Failure::Other("no AbortController".into()))?;
    // An init object without a prototype: a page's `Object.prototype` changes no request.
    let init: Object = crate::ui::bare();
    let _ = Reflect::set(&init, &"signal".into(), &watch.controller.signal());
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init.unchecked_ref()))
        .await
        .map_err(|e| watch.failure(&e))?;
    let response: Response = response.dyn_into().map_err(|_| Failure::Other("unexpected fetch response".into()))?;
    if !response.ok() {
        return Err(Failure::Other(format!("HTTP {}", response.status())));
    }
    let size = response.headers().get("content-length").ok().flatten().and_then(|n| n.trim().parse::<f64>().ok());
    // Once nobody listens (the report was destroyed), the rest is read to its end and dropped: a
    // request cut off would show as failed in the page's network log.
    let mut listened = step(Step::Begin(size));
    let Some(body) = response.body() else {
        if listened {
            step(Step::End);
        }
        return Ok(());
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let decoder = Decoder::default();
    let mut done = 0.0;
    loop {
        watch.restart();
        let chunk = JsFuture::from(reader.read()).await.map_err(|e| watch.failure(&e))?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let bytes: Uint8Array = Reflect::get(&chunk, &"value".into()).unwrap_or(JsValue::UNDEFINED).unchecked_into();
        done += f64::from(bytes.length());
        listened = listened && step(Step::Piece(decoder.text(&bytes), done));
    }
    if !listened {
        return Ok(());
    }
    watch.timer = None;
    let rest = decoder.rest();
    if !rest.is_empty() {
        step(Step::Piece(rest, done));
    }
    step(Step::End);
    Ok(())
}
