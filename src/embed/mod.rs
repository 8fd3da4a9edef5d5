//! The thin wasm-bindgen surface, split by purpose: `mount` and `validateDefinition` here; the
//! handle (`handle`), options (`options`), the app roots and styles (`pool`), events
//! (`outlet`), a mounted widget (`widget`), iframe messaging (`frame`), submission (`submit`),
//! fetching (`fetch`), language packs (`locales`), and what the package's JS gives the wasm
//! (`assets`: the stylesheet and the packs' loader).
//!
//! Built with the feature `team`, the module is the team report's instead (`team`,
//! `pkg/cx_scorecard_team*.js`): only `mountTeam` is exported, and the widget's surface, whose
//! exports are left out, is compiled but unused (the linker drops it), so neither download carries
//! the other.
#![cfg_attr(feature = "team", allow(dead_code, unused_imports))]

mod assets;
#[cfg(all(feature = "bench", not(feature = "team")))]
mod bench;
mod fetch;
mod frame;
mod handle;
mod locales;
#[cfg(feature = "team")]
mod team;
#[cfg(not(feature = "team"))]
pub use locales::register_locale;
#[cfg(feature = "team")]
pub use team::{TeamEvents, TeamReportDetail};
mod options;
mod outlet;
mod pool;
mod submit;
mod widget;

pub use assets::provide as provide_assets;
pub use handle::Handle;
pub use options::MountOptions;
pub use outlet::{Complete, CtaDetail, CtaRef, Empty, ErrorDetail, LeadDetail, PageDetail, Progress, WidgetEvents};

use crate::engine::messages::resolve;
use crate::engine::{Action, AssessmentResult, ValidationProblem};
use crate::ui::{wire, AppProps, Remote, Shared};
use frame::{Command, Frame};
use options::{Options, Source};
use outlet::Outlet;
use std::cell::{Cell, RefCell};
use std::fmt::Display;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};
use widget::{set_submission, submit_result, switch_locale, Mounted, Slot};
use yew::{AttrValue, Callback};

/// The one error helper: every failure reaches JS as an `Error` with a clear message.
pub(crate) fn js_error(message: impl Display) -> JsValue {
    js_sys::Error::new(&format!("cx-scorecard: {message}")).into()
}

const MOUNTED_ATTR: &str = "data-cx-scorecard";

thread_local! {
    static NEXT_UID: Cell<u32> = const { Cell::new(1) };
}

/// A number unique on the page (widget generations, handles).
fn next_uid() -> u32 {
    NEXT_UID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// Elements a widget cannot live in: void and replaced elements, and those whose content is
/// not shown or not free-flowing.
const NOT_A_CONTAINER: &[&str] = &[
    "area", "audio", "base", "br", "button", "canvas", "col", "colgroup", "embed", "head", "hr", "html", "iframe",
    "img", "input", "link", "meta", "noscript", "object", "optgroup", "option", "picture", "script", "select",
    "source", "style", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track",
    "video", "wbr",
];

/// Mounts the assessment into `element` and returns its handle (see the embedding contract for
/// `options`): `{result(), reset(), setLocale(tag), destroy(), free()}`, where `free()` is the
/// same as `destroy()`. Bad options throw an `Error` naming the field, and are also shown in
/// the element and reported as `cx-scorecard:error`. (Its TypeScript declaration follows:
/// wasm-bindgen cannot declare an optional parameter of a given type.)
#[cfg(not(feature = "team"))]
#[wasm_bindgen(skip_typescript)]
pub fn mount(element: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    mount_handle(element, options.unwrap_or(JsValue::UNDEFINED)).map(handle::handle_object)
}

#[cfg(not(feature = "team"))]
#[wasm_bindgen(typescript_custom_section)]
const MOUNT_TS: &str = r#"
/**
 * Mounts the assessment into `element` and returns its handle. Bad options throw an `Error`
 * naming the field, and are also shown in the element and reported as `cx-scorecard:error`.
 */
export function mount(element: HTMLElement, options?: MountOptions): Handle;
"#;

/// [`mount`] for Rust callers (and the wasm tests): the widget's handle itself.
pub fn mount_handle(element: JsValue, options: JsValue) -> Result<Handle, JsValue> {
    let host: Element = element.dyn_into().map_err(|v| {
        js_error(format!("mount(element, options): element must be a DOM Element, got {}", options::type_name(&v)))
    })?;
    let name = host.local_name();
    let html = host.namespace_uri().as_deref() == Some("http://www.w3.org/1999/xhtml");
    if !html || NOT_A_CONTAINER.contains(&name.as_str()) {
        return Err(js_error(format!(
            "mount(element, options): element must be an HTML element that can hold the widget, such as a <div>, got <{name}>"
        )));
    }
    if host.has_attribute(MOUNTED_ATTR) {
        return Err(js_error("mount(): this element already holds a cx-scorecard widget; destroy() it first"));
    }
    // A failure shown here (or in an element since removed) gives way, and its root goes back to the pool.
    pool::reclaim_failed(&host);
    let opts = match Options::parse(&options) {
        Ok(opts) => opts,
        Err(e) => {
            // Shown where the widget would be, reported, and thrown.
            let message = options::describe(&e);
            let text = message.strip_prefix("cx-scorecard: ").unwrap_or(&message);
            let locale = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
            let locale = Some(resolve(&locale)).filter(|l| locales::has(l)).unwrap_or("en");
            pool::show_failure(&host, text, Vec::new(), locale)?;
            let on_error = options::own(&options, "onError").dyn_into::<js_sys::Function>().ok();
            outlet::emit_error(&host, on_error.as_ref(), "options", &message);
            return Err(e);
        }
    };
    pool::adopt_style(&host)
        .map_err(|e| js_error(format!("could not apply the widget's styles: {}", options::describe(&e))))?;
    // Theme values are custom properties set through the CSSOM, which a strict CSP allows.
    let mut theme = Vec::new();
    if let Some(el) = host.dyn_ref::<HtmlElement>() {
        for (property, value) in &opts.theme.properties {
            el.style().set_property(property, value)?;
            theme.push(*property);
        }
    }

    let mounted: Rc<Slot> = Rc::default();
    let result: Rc<RefCell<Option<Rc<AssessmentResult>>>> = Rc::new(RefCell::new(None));
    let remote = Remote::default();
    let outlet = Rc::new(Outlet {
        host: host.clone(),
        callbacks: opts.callbacks,
        frame: RefCell::new(None),
        data_layer: opts.data_layer,
        lead_reported: Default::default(),
        attribution_warned: Default::default(),
    });
    let lead = Rc::new(opts.lead);
    let submit_url = opts.submit_url;
    if submit_url.is_some() {
        // Resume whatever an earlier visit left unsent (and delete what has expired).
        submit::sender().map_err(|e| js_error(format!("could not start submitting: {}", options::describe(&e))))?;
    } else {
        // Nothing to send from here, but what an earlier page queued still expires on time.
        submit::purge_expired();
    }
    if !opts.target_origins.is_empty() {
        let weak = Rc::downgrade(&mounted);
        let on_command: Rc<dyn Fn(Command)> = Rc::new(move |command| {
            let Some(mounted) = weak.upgrade() else { return };
            match command {
                Command::Reset => {
                    let remote = mounted.borrow().as_ref().map(|m| m.remote.clone());
                    if let Some(remote) = remote {
                        remote.send(Action::Reset);
                    }
                }
                Command::SetLocale(tag) => switch_locale(&mounted, &tag),
            }
        });
        *outlet.frame.borrow_mut() = Frame::start(&host, opts.target_origins, on_command)
            .map_err(|e| js_error(format!("could not start iframe messaging: {}", options::describe(&e))))?;
    }
    let generation = next_uid();
    // The requested language, else the browser's, else English.
    let requested = opts.locale.clone().or_else(|| web_sys::window().and_then(|w| w.navigator().language()));
    let locale = resolve(requested.as_deref().unwrap_or("en")).to_string();
    let uses_default = matches!(opts.source, Source::Default);
    let (definition, src) = match opts.source {
        Source::Default => (locales::default_definition(), None),
        Source::Given(def) => (Rc::new(def), None),
        Source::Url(url) => (locales::default_definition(), Some(url)),
        Source::Invalid(errors) => {
            // A readable list in the widget, an error event, and a throw.
            let message = options::invalid_message("options.definition", &errors);
            pool::show_failure(&host, &message, errors.iter().map(ToString::to_string).collect(), &locale)?;
            outlet.error("definition", &message);
            return Err(js_error(message));
        }
    };
    let props = AppProps {
        definition: Shared(definition),
        autosave: opts.autosave,
        storage_key: opts.storage_key.map(AttrValue::from),
        attribution: opts.attribution.map(Rc::new),
        cta: Rc::new(opts.cta),
        result_code: opts.result_code,
        lead: Shared(lead),
        submission: None,
        onretry: Callback::from(|()| {
            if let Ok(sender) = submit::sender() {
                sender.retry();
            }
        }),
        ondiscard: Callback::from({
            let result = result.clone();
            move |()| {
                let id = result.borrow().as_ref().map(|r| r.id.clone());
                if let (Some(id), Ok(sender)) = (id, submit::sender()) {
                    sender.discard(&id);
                }
            }
        }),
        locale: AttrValue::from(locale),
        uid: AttrValue::from(format!("cxs{generation}")),
        scheme: AttrValue::from(opts.theme.scheme.class()),
        onready: Callback::from({
            let outlet = outlet.clone();
            move |()| outlet.ready()
        }),
        onfunnel: Callback::from({
            let outlet = outlet.clone();
            move |step: crate::ui::Funnel| outlet.funnel(&step)
        }),
        onlead: Callback::from({
            let outlet = outlet.clone();
            move |lead: Rc<crate::engine::lead::Lead>| outlet.lead(&lead)
        }),
        onprogress: Callback::from({
            let outlet = outlet.clone();
            move |(answered, total): (usize, usize)| outlet.progress(answered, total)
        }),
        onresult: Callback::from({
            let (outlet, store, weak) = (outlet.clone(), result.clone(), Rc::downgrade(&mounted));
            move |r: Option<Rc<AssessmentResult>>| {
                *store.borrow_mut() = r.clone();
                let Some(r) = r else {
                    set_submission(&weak, None);
                    return;
                };
                outlet.complete(&r);
                if let Some(url) = &submit_url {
                    submit_result(&outlet, &weak, &r, url);
                }
            }
        }),
        remote: remote.clone(),
    };
    host.set_attribute(MOUNTED_ATTR, "")?;
    let (app, root) = pool::take_root()?;
    host.append_child(&root)?;
    let restyle = {
        let host = host.clone();
        let observe = Closure::<dyn FnMut()>::new(move || {
            // In the next frame, not in the observer's callback: styling the widget there would
            // resize what is observed, which the browser reports as a ResizeObserver loop error.
            // (A one-off closure, freed once called, harmless if the widget is gone by then.)
            let host = host.clone();
            let adopt = Closure::once_into_js(move || {
                let _ = pool::adopt_style(&host);
            });
            if let Some(w) = web_sys::window() {
                let _ = w.request_animation_frame(adopt.unchecked_ref());
            }
        });
        let observer = web_sys::ResizeObserver::new(observe.as_ref().unchecked_ref())?;
        observer.observe(&root);
        (observer, observe)
    };
    let mut m = Mounted {
        app,
        root,
        generation,
        props,
        outlet,
        remote,
        theme,
        listeners: Vec::new(),
        loading: src.is_some(),
        failure: None,
        waiting_for_pack: false,
        uses_default,
        wanted: AttrValue::from(""),
        restyle,
    };
    // A widget in another language than English waits for its texts.
    let pack_needed = !locales::has(&m.props.locale);
    let locale = m.props.locale.to_string();
    m.waiting_for_pack = pack_needed;
    m.render();
    *mounted.borrow_mut() = Some(Box::new(m));
    if pack_needed {
        switch_locale(&mounted, &locale);
    }
    if let Some(url) = src {
        let weak = Rc::downgrade(&mounted);
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = fetch::load_definition(&url).await;
            let Some(mounted) = weak.upgrade() else { return };
            let mut guard = mounted.borrow_mut();
            let Some(m) = guard.as_mut() else { return }; // destroyed meanwhile
            m.loading = false;
            match loaded {
                Ok(def) => {
                    m.props.definition = Shared(Rc::new(def));
                    m.render();
                }
                Err((message, problems)) => {
                    m.failure = Some(pool::failure(&message, problems, &m.props.locale));
                    m.render();
                    let outlet = m.outlet.clone();
                    drop(guard);
                    outlet.error(
                        if message.contains("could not load") { "definition-src" } else { "definition" },
                        &message,
                    );
                }
            }
        });
    }
    Ok(Handle { mounted, result })
}

/// Validates a definition (an object or a JSON string) and returns its errors as
/// `[{path, message}]`; an empty array means it is valid.
#[cfg(not(feature = "team"))]
#[wasm_bindgen(js_name = validateDefinition, unchecked_return_type = "ValidationProblem[]")]
pub fn validate_definition(
    #[wasm_bindgen(unchecked_param_type = "Definition | string")] definition: JsValue,
) -> Result<JsValue, JsValue> {
    let errors: Vec<ValidationProblem> = match options::definition("validateDefinition(definition)", &definition)? {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    Ok(wire::to_js(&errors))
}
