//! The page's app roots and the widget's stylesheet. Yew keeps the event listeners of every app
//! root for the life of the page, so roots are pooled and reused rather than destroyed; a root
//! left showing a failure goes back to the pool when the next widget mounts there.

use crate::ui::{Failure, Root, RootProps};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element};
use yew::{AppHandle, AttrValue, Renderer};

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    /// Idle app roots, reused by later mounts (see `ui::Root`).
    static POOL: RefCell<Vec<(AppHandle<Root>, Element)>> = const { RefCell::new(Vec::new()) };
    /// Roots left showing a failure in a host (after `mount` threw); reclaimed by the next mount there.
    static FAILED: RefCell<Vec<(Element, AppHandle<Root>, Element)>> = const { RefCell::new(Vec::new()) };
}

/// An app root from the pool, or a new one.
pub(crate) fn take_root() -> Result<(AppHandle<Root>, Element), JsValue> {
    if let Some(root) = POOL.with(|p| p.borrow_mut().pop()) {
        return Ok(root);
    }
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let element = document.create_element("div")?;
    element.set_class_name(crate::ui::ROOT_CLASS);
    let app = Renderer::<Root>::with_root_and_props(element.clone(), RootProps::default()).render();
    Ok((app, element))
}

/// Gives an app root back to the pool, empty.
pub(crate) fn give_back(mut app: AppHandle<Root>, root: Element) {
    root.remove();
    app.update(RootProps::default());
    POOL.with(|p| p.borrow_mut().push((app, root)));
}

/// Reclaims the roots showing a failure in `host` (or in an element since removed).
pub(crate) fn reclaim_failed(host: &Element) {
    let failed: Vec<_> = FAILED.with(|f| {
        let mut f = f.borrow_mut();
        let (here, others): (Vec<_>, Vec<_>) = f.drain(..).partition(|(h, _, _)| h == host || !h.is_connected());
        *f = others;
        here
    });
    for (_, app, root) in failed {
        give_back(app, root);
    }
}

/// Adopts the widget's stylesheet into the document or shadow root holding `host`, once (into
/// its owner document while it is detached). Constructable stylesheets are allowed under a strict
/// CSP, unlike `<style>` or `style=""`. Called again whenever the widget's box changes (see
/// `Mounted::restyle`), so a widget attached later, or moved into a shadow root, is styled there.
pub(crate) fn adopt_style(host: &Element) -> Result<(), JsValue> {
    adopt(host, &SHEET, &super::assets::style()?)
}

/// Adopts the sheet made once from `css` (kept in `cell`) where `host` lives (see [`adopt_style`]).
pub(crate) fn adopt(
    host: &Element,
    cell: &'static std::thread::LocalKey<RefCell<Option<CssStyleSheet>>>,
    css: &str,
) -> Result<(), JsValue> {
    let sheet = cell.with(|s| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = s.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(css)?;
        *s.borrow_mut() = Some(sheet.clone());
        Ok(sheet)
    })?;
    let mut root: JsValue = host.get_root_node().into();
    let key = JsValue::from_str("adoptedStyleSheets");
    let mut current = js_sys::Reflect::get(&root, &key)?;
    if !current.is_object() {
        // Detached: style its document, which is where it will most likely be attached.
        let Some(document) = host.owner_document() else { return Ok(()) };
        root = document.into();
        current = js_sys::Reflect::get(&root, &key)?;
    }
    let sheets = js_sys::Array::from(&current);
    if !sheets.includes(&sheet, 0) {
        sheets.push(&sheet);
        js_sys::Reflect::set(&root, &key, &sheets)?;
    }
    Ok(())
}

pub(crate) fn failure(message: &str, problems: Vec<String>, locale: &str) -> Failure {
    Failure {
        message: AttrValue::from(message.to_string()),
        problems: Rc::new(problems),
        locale: AttrValue::from(locale.to_string()),
    }
}

/// Shows `message` (and any problems) in `host` instead of the widget, until the next mount there.
pub(crate) fn show_failure(host: &Element, message: &str, problems: Vec<String>, locale: &str) -> Result<(), JsValue> {
    let (mut app, root) = take_root()?;
    host.append_child(&root)?;
    app.update(RootProps { failure: Some(failure(message, problems, locale)), ..RootProps::default() });
    FAILED.with(|f| f.borrow_mut().push((host.clone(), app, root)));
    Ok(())
}
