//! What the package's JavaScript hands the wasm once it is initialised (`index.js` and `team.js`
//! call `__cxAssets`): the widget's stylesheet, from `style.js`, which the prerendered first screen
//! shares, so that a page downloads it once; and the function that loads a language pack, from
//! `locales/index.js`, which names each pack by a literal so that bundlers emit it. The wasm
//! resolves no URL of its own.

use js_sys::{Function, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

thread_local! {
    static STYLE: RefCell<Option<Rc<str>>> = const { RefCell::new(None) };
    static PACKS: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Takes the stylesheet's text and, for the widget, `packs(language)`, which returns a promise of
/// the language pack (an object or its JSON). Called by the package's init; a second call
/// replaces the first.
#[wasm_bindgen(js_name = __cxAssets, skip_typescript)]
pub fn provide(style: String, packs: Option<Function>) {
    STYLE.with(|s| *s.borrow_mut() = Some(Rc::from(style)));
    PACKS.with(|p| *p.borrow_mut() = packs);
}

/// The stylesheet's text, or an error saying how the wasm was started without it.
pub(crate) fn style() -> Result<Rc<str>, String> {
    STYLE.with(|s| s.borrow().clone()).ok_or_else(|| {
        "the widget's stylesheet was not given to the wasm: initialise it with the package's init() \
         (`import init from \"cx-scorecard\"`, or from \"cx-scorecard/team\"), not with the \
         wasm-bindgen glue"
            .to_string()
    })
}

/// The request for the pack of `language`, or why there is none.
pub(crate) fn load_pack(language: &str) -> Result<Promise, String> {
    let packs = PACKS.with(|p| p.borrow().clone()).ok_or("no language packs were given to the wasm")?;
    let value = packs.call1(&JsValue::NULL, &JsValue::from_str(language)).map_err(|e| super::options::describe(&e))?;
    Ok(Promise::resolve(&value))
}
