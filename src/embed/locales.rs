//! Language packs: English is compiled in; the German, French and Spanish texts (the widget's
//! own, the engine's, and the default assessment's) are loaded by the package's
//! `locales/index.js` (see `assets`) the first time a widget on the page needs them, or
//! registered up front with `registerLocale`, as the element loader and the single-file edition do.

use super::{js_error, options};
use crate::engine::locales::LanguagePack;
use crate::engine::text::quote;
use crate::engine::Definition;
use crate::ui::strings::{Strings, EN};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The default assessment with every language added so far, parsed once per page.
    static DEFAULT: RefCell<Option<Rc<Definition>>> = const { RefCell::new(None) };
    /// LanguagePack requests under way, at most one per language, shared by every widget on the page:
    /// the promise of the pack (or of why it could not be had).
    static PENDING: RefCell<Vec<(String, js_sys::Promise)>> = const { RefCell::new(Vec::new()) };
}

/// The default assessment with the languages loaded so far.
pub fn default_definition() -> Rc<Definition> {
    DEFAULT.with(|d| d.borrow_mut().get_or_insert_with(|| Rc::new(parse_default())).clone())
}

/// The built-in assessment, read with the browser's `JSON.parse` (the engine's
/// `default_definition` would carry serde_json's parser into the wasm for this one text).
fn parse_default() -> Definition {
    let value = crate::ui::wire::parse_value(crate::engine::DEFAULT_DEFINITION_JSON);
    // Not `expect`: that would compile the errors' Debug formatting into the download.
    value
        .ok()
        .and_then(|v| Definition::from_value(v).ok())
        .unwrap_or_else(|| panic!("the built-in definition is valid"))
}

/// Whether the texts of `locale` (a supported language) are here: English always, the others
/// once their pack has been added.
pub fn has(locale: &str) -> bool {
    locale == crate::engine::text::FALLBACK_LOCALE || crate::ui::strings::has(locale)
}

/// Adds a language pack (the assessment's texts, the widget's and the engine's strings) or,
/// if any part of it does not fit, nothing; returns its language.
fn add(pack: LanguagePack) -> Result<String, String> {
    let p = crate::engine::locales::read_pack(&default_definition(), pack)?;
    let strings = Strings::read(&p.ui, &EN);
    DEFAULT.with(|d| *d.borrow_mut() = Some(Rc::new(p.definition)));
    crate::ui::strings::register(p.locale, strings, p.messages);
    Ok(p.locale.to_string())
}

/// Loads and adds the pack of `locale`, unless it is already there. Widgets that ask while
/// it is on its way wait for the same request.
pub async fn load(locale: &str) -> Result<(), String> {
    if has(locale) {
        return Ok(());
    }
    let fail = |why: String| format!("could not load the {} texts ({why})", quote(locale));
    let request = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        if let Some((_, promise)) = p.iter().find(|(l, _)| l == locale) {
            return Ok(promise.clone());
        }
        let promise = super::assets::load_pack(locale)?;
        p.push((locale.to_string(), promise.clone()));
        Ok(promise)
    });
    let request = request.map_err(fail)?;
    let pack = wasm_bindgen_futures::JsFuture::from(request.clone()).await;
    // Settled: a later request (after a failure) starts afresh. Only this request's entry goes,
    // never a newer one for the same language.
    PENDING.with(|p| p.borrow_mut().retain(|(_, pending)| !js_sys::Object::is(pending, &request)));
    if has(locale) {
        return Ok(()); // another widget added it meanwhile
    }
    let pack = pack.map_err(|why| fail(options::describe(&why)))?;
    match read(&pack).map_err(|e| e.to_string()).and_then(add) {
        Ok(added) if added == locale => Ok(()),
        Ok(added) => Err(fail(format!("the pack holds the {} texts", quote(&added)))),
        Err(e) => Err(fail(e)),
    }
}

/// A language pack given as an object or as its JSON text.
fn read(pack: &JsValue) -> Result<LanguagePack, String> {
    match pack.as_string() {
        Some(s) => crate::ui::wire::parse_object::<LanguagePack>(&s).map_err(|e| e.to_string()),
        None if pack.is_object() => crate::ui::wire::read_object::<LanguagePack>(pack).map_err(|e| e.to_string()),
        None => Err(format!("pack must be an object or a JSON string, got {}", options::type_name(pack))),
    }
}

/// Adds a language pack of the default assessment (an object or its JSON), so that no request is
/// made for that language.
#[cfg(not(feature = "team"))]
#[wasm_bindgen(js_name = registerLocale)]
pub fn register_locale(
    #[wasm_bindgen(unchecked_param_type = "LanguagePack | string")] pack: JsValue,
) -> Result<(), JsValue> {
    read(&pack).and_then(add).map(drop).map_err(|e| js_error(format!("registerLocale(pack): {e}")))
}
