//! Fetching the definition of `definition-src` and the language packs' text.
//!
//! With `window.fetch(url)` and no init dictionary, not gloo-net: gloo-net builds its init with
//! `RequestInit::new()`, an object whose prototype is `Object.prototype`, and the browser reads a
//! request's options through the prototype chain, so a page that set, say,
//! `Object.prototype.integrity` or `.referrerPolicy` would change (or break) every request the
//! widget makes. (The page test "request options set on Object.prototype break no fetch of a
//! definition or a language pack" shows a fetch with an ordinary init object failing there.)

use super::options;
use crate::ui::wire;
use wasm_bindgen::prelude::*;

/// Fetches a URL's text; the error says why not (the request's failure, or `HTTP <status>`).
pub(crate) async fn fetch_text(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| options::describe(&e))?
        .dyn_into()
        .map_err(|_| "unexpected fetch response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|e| options::describe(&e))?;
    let text = wasm_bindgen_futures::JsFuture::from(text).await.map_err(|e| options::describe(&e))?;
    Ok(text.as_string().unwrap_or_default())
}

/// Fetches and validates a definition: the message, and the list of problems.
pub(crate) async fn load_definition(url: &str) -> Result<crate::engine::Definition, (String, Vec<String>)> {
    let text = fetch_text(url)
        .await
        .map_err(|why| (format!("could not load the definition from {url}: {why}"), Vec::new()))?;
    wire::parse_value(&text).map_err(|e| vec![e]).and_then(crate::engine::Definition::from_value).map_err(|errors| {
        (
            options::invalid_message(&format!("the definition from {url}"), &errors),
            errors.iter().map(ToString::to_string).collect(),
        )
    })
}
