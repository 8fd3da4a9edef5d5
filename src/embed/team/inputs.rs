//! What comes in: the host's values (`results`, `baseline`, `add()`), read so that no getter or
//! proxy of theirs can leave the report half-changed; and texts read piece by piece (files,
//! pastes, `results-src`), each piece counted as it arrives.

use crate::engine::team::{At, Reason, Round, Splitter, TeamBook};
use crate::ui::wire;
use js_sys::Object;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The platform's `structuredClone`: own enumerable data only, every getter read once, and
    /// what cannot be copied (a throwing getter, a function, a proxy) an error, not a throw
    /// through the wasm.
    #[wasm_bindgen(catch, js_name = structuredClone)]
    fn structured_clone(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// An input whose whole text or value is at hand.
pub(super) enum Input {
    Text { round: Round, source: String, text: String },
    Value { round: Round, source: String, value: JsValue },
}

/// A text being read piece by piece.
pub(super) struct Reading {
    pub id: u32,
    pub round: Round,
    pub source: String,
    pub split: Splitter,
    /// Bytes read, and of how many (when known).
    pub done: f64,
    pub size: Option<f64>,
    /// Respondents and rejections before it, to say what it added.
    pub before: (usize, usize),
}

impl Reading {
    pub fn new(id: u32, round: Round, source: String, size: Option<f64>, book: &TeamBook) -> Reading {
        let before = (book.respondents(), book.rejected_total());
        Reading { id, round, source, split: Splitter::default(), done: 0.0, size, before }
    }

    pub fn piece(&mut self, book: &mut TeamBook, text: &str, done: f64) {
        let team = book.team(self.round);
        let source = &self.source;
        self.split.push(text, &mut |piece| team.take(source, piece));
        self.done = done;
    }

    pub fn end(mut self, book: &mut TeamBook) {
        let team = book.team(self.round);
        let source = &self.source;
        self.split.finish(&mut |piece| team.take(source, piece));
    }

    /// How far it is: "40%", or the kilobytes read when the size is not known.
    pub fn percent(&self) -> String {
        match self.size {
            Some(size) if size > 0.0 => format!("{}%", ((self.done / size) * 100.0).floor().min(100.0)),
            _ => format!("{} KB", (self.done / 1024.0).round()),
        }
    }
}

/// Adds an input whose whole text or value is at hand.
pub(super) fn take(book: &mut TeamBook, input: Input) {
    match input {
        Input::Text { round, source, text } => {
            book.add(round, &source, &text);
        }
        Input::Value { round, source, value } => add_value(book, round, &source, &value),
    }
}

/// Adds a host's JS value: an array of results (or of result codes), one result, or text. Each
/// result is first copied with `structuredClone`, so that a getter that throws, or a proxy,
/// rejects that result alone ("it could not be read"). Copies are read field by field, only the
/// fields a result is counted by, unless a page has put one of those names (or an array index)
/// on `Object.prototype` or `Array.prototype`, which a field lookup would find: then each is read
/// as JSON data first, own properties only (`wire::value`), which is slower.
fn add_value(book: &mut TeamBook, round: Round, source: &str, value: &JsValue) {
    if let Some(text) = value.as_string() {
        book.add(round, source, &text);
        return;
    }
    let clean = prototypes_clean();
    let team = book.team(round);
    let mut add = |at: Option<At>, item: Result<JsValue, JsValue>| {
        let Ok(item) = item.and_then(|item| if item.is_object() { structured_clone(&item) } else { Ok(item) }) else {
            team.reject(source, at, Reason::Unreadable);
            return;
        };
        let _ = match item.as_string() {
            Some(text) => {
                team.add_item(source, at, &text);
                Ok(())
            }
            None if clean => team.add_from(source, at, serde_wasm_bindgen::Deserializer::from(item)),
            None => match wire::value(&item) {
                Ok(data) => team.add_from(source, at, &data),
                Err(_) => team.add_from(source, at, &serde_json::Value::Null),
            },
        };
    };
    if js_sys::Array::is_array(value) {
        let length = js_sys::Reflect::get(value, &"length".into()).ok().and_then(|n| n.as_f64()).unwrap_or(0.0);
        for i in 0..length as u32 {
            add(Some(At::Result(i as usize + 1)), js_sys::Reflect::get_u32(value, i));
        }
    } else {
        add(None, Ok(value.clone()));
    }
}

/// Whether neither `Object.prototype` nor `Array.prototype` has a property a result is read by.
fn prototypes_clean() -> bool {
    let object = js_sys::Object::get_prototype_of(&Object::new().into());
    let array = js_sys::Object::get_prototype_of(&js_sys::Array::new().into());
    let fields =
        ["id", "startedAt", "completedAt", "assessment", "version", "answers", "questionId", "value", "profile"];
    let named = fields.iter().any(|f| js_sys::Reflect::has(&object, &JsValue::from_str(f)).unwrap_or(true));
    let indexed = [&object, &array].iter().any(|p| {
        js_sys::Object::get_own_property_names(p)
            .iter()
            .any(|n| n.as_string().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
    });
    !named && !indexed
}
