//! Yew function components. One `use_reducer` holds the session (`app`); its `Reducible`
//! delegates to the engine. Events leave through callbacks, fired from effects, never from the
//! reducer.
//!
//! The intro screen and the frame around every screen also compile natively (feature
//! `prerender`), where Yew's server-side rendering draws the first screen at build time from these
//! same components (`prerender`, `src/bin/prerender.rs`).

#[cfg(target_arch = "wasm32")]
mod app;
pub mod intro;
#[cfg(target_arch = "wasm32")]
mod lead;
#[cfg(feature = "prerender")]
pub mod prerender;
#[cfg(target_arch = "wasm32")]
mod report;
#[cfg(target_arch = "wasm32")]
mod screens;
#[cfg(target_arch = "wasm32")]
mod storage;
pub mod strings;
#[cfg(all(target_arch = "wasm32", feature = "team"))]
pub mod team;
#[cfg(target_arch = "wasm32")]
pub mod wire;

#[cfg(target_arch = "wasm32")]
pub use app::{bare, new_id, now_iso, App, AppProps, AppState, Failure, Funnel, Remote, Root, RootProps};

use std::rc::Rc;
use yew::prelude::*;

/// The class of the element each widget is rendered into (the app root), which the prerendered
/// first screen has too.
pub const ROOT_CLASS: &str = "cxs-root";

/// The widget's frame around a screen: the element its styles hang on (in its colour scheme and
/// language), the live region that announces progress, and any notice about saved answers. The
/// app draws every screen in it, and the prerendered intro is the same call.
pub fn frame(
    scheme: &str,
    locale: &AttrValue,
    live: String,
    notice: Option<&'static str>,
    root: NodeRef,
    body: Html,
) -> Html {
    html! {
        <div class={if scheme.is_empty() { AttrValue::Static("cxs") } else { AttrValue::from(format!("cxs {scheme}")) }} part="root" lang={locale.clone()} ref={root}>
            <p class="cxs-sr" aria-live="polite" aria-atomic="true">{ live }</p>
            if let Some(text) = notice { <p class="cxs-notice" role="status" part="notice">{ text }</p> }
            { body }
        </div>
    }
}

/// An `Rc` that props compare by identity. A changed definition, session or result is always a
/// new `Rc`, so comparing pointers tells the same as comparing values, in O(1) on every render,
/// and the deep comparisons are not compiled into the wasm.
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = Rc<T>;
    fn deref(&self) -> &Rc<T> {
        &self.0
    }
}

impl<T> yew::html::IntoPropValue<Shared<T>> for Rc<T> {
    fn into_prop_value(self) -> Shared<T> {
        Shared(self)
    }
}
