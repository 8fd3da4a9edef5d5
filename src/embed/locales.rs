//! Language packs: English is compiled in; the German, French and Spanish texts (the widget's
//! own, the engine's, and the default assessment's) are fetched from `locales/<language>.json`
//! next to the JS glue the first time a widget on the page needs them (or registered up front
//! with `registerLocale`, as the single-file edition does).

use super::{js_error, options};
use crate::engine::locales::LanguagePack;
use crate::engine::text::quote;
use crate::engine::Definition;
use crate::ui::strings::{Strings, EN};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    /// The glue module's `import.meta`: language packs live next to it.
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

thread_local! {
    /// The default assessment with every language added so far, parsed once per page.
    static DEFAULT: RefCell<Option<Rc<Definition>>> = const { RefCell::new(None) };
    /// LanguagePack requests under way, at most one per language, shared by every widget on the page:
    /// the promise of the pack's text (or of why it could not be had).
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

/// Where the pack of `locale` is fetched from.
fn url(locale: &str) -> String {
    let base = IMPORT_META.with(ImportMeta::url);
    web_sys::Url::new_with_base(&format!("locales/{locale}.json"), &base).map_or_else(|_| base, |u| u.href())
}

/// Fetches and adds the pack of `locale`, unless it is already there. Widgets that ask while
/// it is on its way wait for the same request.
pub async fn load(locale: &str) -> Result<(), String> {
    if has(locale) {
        return Ok(());
    }
    let url = url(locale);
    let fail = |why: String| format!("could not load the {} texts from {url} ({why})", quote(locale));
    let request = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        if let Some((_, promise)) = p.iter().find(|(l, _)| l == locale) {
            return promise.clone();
        }
        let url = url.clone();
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            super::fetch::fetch_text(&url).await.map(JsValue::from).map_err(JsValue::from)
        });
        p.push((locale.to_string(), promise.clone()));
        promise
    });
    let text = wasm_bindgen_futures::JsFuture::from(request.clone()).await;
    // Settled: a later request (after a failure) starts afresh. Only this request's entry goes,
    // never a newer one for the same language.
    PENDING.with(|p| p.borrow_mut().retain(|(_, pending)| !js_sys::Object::is(pending, &request)));
    if has(locale) {
        return Ok(()); // another widget added it meanwhile
    }
    let text = text.map_err(|why| fail(why.as_string().unwrap_or_default()))?.as_string().unwrap_or_default();
    match crate::ui::wire::parse_object::<LanguagePack>(&text).map_err(|e| e.to_string()).and_then(add) {
        Ok(added) if added == locale => Ok(()),
        Ok(added) => Err(fail(format!("the file holds the {} texts", quote(&added)))),
        Err(e) => Err(fail(e)),
    }
}

/// Adds a language pack of the default assessment (an object or its JSON), so that no request is
/// made for that language.
#[cfg(not(feature = "team"))]
#[wasm_bindgen(js_name = registerLocale)]
pub fn register_locale(
    #[wasm_bindgen(unchecked_param_type = "LanguagePack | string")] pack: JsValue,
) -> Result<(), JsValue> {
    let read = match pack.as_string() {
        Some(s) => crate::ui::wire::parse_object::<LanguagePack>(&s),
        None if pack.is_object() => crate::ui::wire::read_object::<LanguagePack>(&pack),
        None => {
            return Err(js_error(format!(
                "registerLocale(pack): pack must be an object or a JSON string, got {}",
                options::type_name(&pack)
            )))
        }
    };
    read.map_err(|e| e.to_string()).and_then(add).map(drop).map_err(|e| js_error(format!("registerLocale(pack): {e}")))
}
