//! The thin wasm-bindgen surface: `mount`, the handle, option parsing, events.

mod frame;
mod locales;
pub use locales::register_locale;
mod options;
mod submit;

use crate::engine::json::quote;
use crate::engine::messages::resolve;
use crate::engine::outbox::Status;
use crate::engine::{Action, AssessmentResult, Definition};
use crate::ui::{AppProps, Failure, Remote, Root, RootProps, Shared};
use frame::{Command, Frame};
use options::{Callbacks, Options, Source};
use std::cell::{Cell, RefCell};
use std::fmt::Display;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, Element, HtmlElement};
use yew::{AppHandle, AttrValue, Callback, Renderer};

/// The one error helper: every failure reaches JS as an `Error` with a clear message.
pub(crate) fn js_error(message: impl Display) -> JsValue {
    js_sys::Error::new(&format!("cx-scorecard: {message}")).into()
}

/// Serialises engine output into a plain JS value.
pub(crate) fn to_js(value: &crate::engine::json::Value) -> JsValue {
    js_sys::JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// Dispatches `cx-scorecard:<name>` (bubbling, composed) on the host and calls the host's callback.
fn emit(host: &Element, name: &str, detail: &JsValue, callback: Option<&js_sys::Function>, arg: &JsValue) {
    let init: CustomEventInit = crate::ui::bare();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(&format!("cx-scorecard:{name}"), &init) {
        let _ = host.dispatch_event(&event);
    }
    if let Some(f) = callback {
        if let Err(e) = f.call1(&JsValue::NULL, arg) {
            web_sys::console::error_2(&JsValue::from_str(&format!("cx-scorecard: the {name} callback threw")), &e);
        }
    }
}

/// The stylesheet, minified by `build.rs`.
const STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/style.css"));
const MOUNTED_ATTR: &str = "data-cx-scorecard";

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
    static NEXT_UID: Cell<u32> = const { Cell::new(1) };
    /// Idle app roots, reused by later mounts (see `ui::Root`).
    static POOL: RefCell<Vec<(AppHandle<Root>, Element)>> = const { RefCell::new(Vec::new()) };
}

/// A number unique on the page (widget generations, handles).
fn next_uid() -> u32 {
    NEXT_UID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// Reports a failure on `host` as `cx-scorecard:error` `{code, message}` and through `onError`.
fn emit_error(host: &Element, on_error: Option<&js_sys::Function>, code: &str, message: &str) {
    let detail = object(&[("code", code.into()), ("message", message.into())]);
    emit(host, "error", &detail, on_error, &detail);
}

/// An app root from the pool, or a new one.
fn take_root() -> Result<(AppHandle<Root>, Element), JsValue> {
    if let Some(root) = POOL.with(|p| p.borrow_mut().pop()) {
        return Ok(root);
    }
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let element = document.create_element("div")?;
    element.set_class_name("cxs-root");
    let app = Renderer::<Root>::with_root_and_props(element.clone(), RootProps::default()).render();
    Ok((app, element))
}

/// Adopts the widget's stylesheet into the document or shadow root holding `host`, once (into
/// its owner document while it is detached). Constructable stylesheets are allowed under a strict
/// CSP, unlike `<style>` or `style=""`. Called again whenever the widget's box changes (see
/// `Mounted::restyle`), so a widget attached later, or moved into a shadow root, is styled there.
fn adopt_style(host: &Element) -> Result<(), JsValue> {
    let sheet = SHEET.with(|s| -> Result<CssStyleSheet, JsValue> {
        if let Some(sheet) = s.borrow().as_ref() {
            return Ok(sheet.clone());
        }
        let sheet = CssStyleSheet::new()?;
        sheet.replace_sync(STYLE)?;
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

/// Where the widget's events go: DOM events on the host, the host's callbacks, the parent window in
/// iframe mode, and the data layer.
struct Outlet {
    host: Element,
    callbacks: Callbacks,
    frame: RefCell<Option<Frame>>,
    data_layer: Option<String>,
}

impl Outlet {
    fn emit(&self, name: &str, detail: &JsValue, callback: Option<&js_sys::Function>, arg: &JsValue) {
        emit(&self.host, name, detail, callback, arg);
        if let Some(frame) = self.frame.borrow().as_ref() {
            frame.post(name, detail);
        }
    }

    /// Reports a failure as `cx-scorecard:error` `{code, message}` and through `onError`.
    fn error(&self, code: &str, message: &str) {
        let detail = object(&[("code", code.into()), ("message", format!("cx-scorecard: {message}").into())]);
        self.emit("error", &detail, self.callbacks.on_error.as_ref(), &detail);
    }

    /// Pushes `{event: "cx-scorecard:complete", ...}` onto the host's data layer without replacing it.
    fn push_data_layer(&self, result: &AssessmentResult, result_js: &JsValue) {
        let Some(name) = &self.data_layer else { return };
        let Some(window) = web_sys::window() else { return };
        let key = JsValue::from_str(name);
        let mut layer = js_sys::Reflect::get(&window, &key).unwrap_or(JsValue::UNDEFINED);
        if layer.is_undefined() || layer.is_null() {
            layer = js_sys::Array::new().into();
            let _ = js_sys::Reflect::set(&window, &key, &layer);
        }
        let push = js_sys::Reflect::get(&layer, &JsValue::from_str("push"))
            .ok()
            .and_then(|p| p.dyn_into::<js_sys::Function>().ok());
        let entry = object(&[
            ("event", "cx-scorecard:complete".into()),
            (
                "cxScorecard",
                object(&[
                    ("assessmentId", result.assessment.id.as_str().into()),
                    ("score", result.overall.score.map_or(JsValue::NULL, JsValue::from)),
                    ("level", result.overall.level.map_or(JsValue::NULL, JsValue::from)),
                    ("levelName", result.overall.level_name.as_deref().map_or(JsValue::NULL, JsValue::from)),
                ]),
            ),
            ("result", result_js.clone()),
        ]);
        match push {
            Some(push) => {
                if let Err(e) = push.call1(&layer, &entry) {
                    self.error("data-layer", &format!("window.{name}.push threw: {}", options::describe(&e)));
                }
            }
            None => self.error("data-layer", &format!("window.{name} is not an array, so the result was not pushed")),
        }
    }
}

/// Shows a submission status in the mounted widget.
fn set_submission(mounted: &Weak<Slot>, status: Option<Status>) {
    let Some(mounted) = mounted.upgrade() else { return };
    let Ok(mut guard) = mounted.try_borrow_mut() else { return };
    if let Some(m) = guard.as_mut() {
        if m.props.submission != status {
            m.props.submission = status;
            m.render();
        }
    }
}

/// Hands a completed result to the page's sender and follows its status.
fn submit_result(outlet: &Rc<Outlet>, mounted: &Weak<Slot>, r: &AssessmentResult, url: &str) {
    let sender = match submit::sender() {
        Ok(s) => s,
        Err(e) => return outlet.error("submit", &format!("could not start submitting: {}", options::describe(&e))),
    };
    let body = r.to_json().to_string();
    let listener: Rc<dyn Fn(Status)> = Rc::new({
        let (mounted, outlet) = (mounted.clone(), Rc::downgrade(outlet));
        move |status: Status| {
            if let (Status::Failed { reason }, Some(outlet)) = (&status, outlet.upgrade()) {
                outlet.error("submit", &format!("the result could not be sent: {reason}"));
            }
            set_submission(&mounted, Some(status));
        }
    });
    sender.submit(&r.id, url, body, &listener);
    // The listener lives as long as the widget does.
    if let Some(m) = mounted.upgrade() {
        if let Ok(mut guard) = m.try_borrow_mut() {
            if let Some(m) = guard.as_mut() {
                m.listeners.push(listener);
            }
        }
    }
}

/// Where a mounted widget lives. Boxed, so that what is left after `destroy()` until the JS
/// handle is garbage-collected (or `free()`d) is a few bytes, not the whole widget.
type Slot = RefCell<Option<Box<Mounted>>>;

struct Mounted {
    app: AppHandle<Root>,
    root: Element,
    generation: u32,
    props: AppProps,
    outlet: Rc<Outlet>,
    remote: Remote,
    theme: Vec<&'static str>,
    /// Submission status listeners, kept alive while the widget is mounted.
    listeners: Vec<Rc<dyn Fn(Status)>>,
    loading: bool,
    failure: Option<Failure>,
    /// Waits for the language pack of its language before showing anything.
    waiting_for_pack: bool,
    /// Shows the default assessment, whose texts in other languages come with the packs.
    uses_default: bool,
    /// The language asked for last, which a pack arriving late must not override.
    wanted: AttrValue,
    /// Re-adopts the stylesheet when the widget's box changes: it was attached, or moved into
    /// another document or shadow root, where it would otherwise be unstyled.
    restyle: (web_sys::ResizeObserver, Closure<dyn FnMut()>),
}

impl Mounted {
    fn render(&mut self) {
        self.app.update(RootProps {
            app: Some(self.props.clone()),
            generation: self.generation,
            loading: self.loading || self.waiting_for_pack,
            failure: self.failure.clone(),
        });
    }

    fn set_locale(&mut self, locale: AttrValue) {
        if self.uses_default {
            self.props.definition = Shared(locales::default_definition());
        }
        self.props.locale = locale;
        if let Some(f) = &mut self.failure {
            f.locale = self.props.locale.clone();
        }
        self.render();
    }
}

/// Switches a widget's language, first fetching its texts if need be. The widget keeps its
/// current language until they arrive; if they cannot be had, it keeps that language (English
/// if it had none yet) and reports an error.
fn switch_locale(slot: &Rc<Slot>, tag: &str) {
    let locale = AttrValue::from(resolve(tag));
    let mut guard = slot.borrow_mut();
    let Some(m) = guard.as_mut() else { return };
    m.wanted = locale.clone();
    if locales::has(&locale) {
        m.set_locale(locale);
        return;
    }
    let weak = Rc::downgrade(slot);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = locales::load(&locale).await;
        let Some(slot) = weak.upgrade() else { return };
        let mut guard = slot.borrow_mut();
        let Some(m) = guard.as_mut() else { return }; // destroyed meanwhile
        if m.wanted != locale {
            return; // another language was asked for since
        }
        m.waiting_for_pack = false;
        let shown = match &loaded {
            Ok(()) => locale,
            Err(_) if locales::has(&m.props.locale) => m.props.locale.clone(),
            Err(_) => AttrValue::from(crate::engine::text::FALLBACK_LOCALE),
        };
        m.wanted = shown.clone();
        m.set_locale(shown.clone());
        let outlet = m.outlet.clone();
        drop(guard);
        if let Err(message) = loaded {
            outlet.error("locale", &format!("{message}, so the widget stays in {}", quote(&shown)));
        }
    });
}

thread_local! {
    /// Roots left showing a failure in a host (after `mount` threw); reclaimed by the next mount there.
    static FAILED: RefCell<Vec<(Element, AppHandle<Root>, Element)>> = const { RefCell::new(Vec::new()) };
}

fn failure(message: &str, problems: Vec<String>, locale: &str) -> Failure {
    Failure {
        message: AttrValue::from(message.to_string()),
        problems: Rc::new(problems),
        locale: AttrValue::from(locale.to_string()),
    }
}

/// Fetches a URL's text; the error says why not (the request's failure, or `HTTP <status>`).
async fn fetch_text(url: &str) -> Result<String, String> {
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

/// Fetches and validates a definition.
async fn load_definition(url: &str) -> Result<crate::engine::Definition, (String, Vec<String>)> {
    let text = fetch_text(url)
        .await
        .map_err(|why| (format!("could not load the definition from {url}: {why}"), Vec::new()))?;
    crate::engine::Definition::from_json(&text).map_err(|errors| {
        (
            options::invalid_message(&format!("the definition from {url}"), &errors),
            errors.iter().map(ToString::to_string).collect(),
        )
    })
}

/// A mounted widget, as Rust holds it. JS gets a plain object whose methods call these (see
/// [`mount`]), so that a method called after `destroy()` or `free()` says so in words.
pub struct Handle {
    mounted: Rc<Slot>,
    result: Rc<RefCell<Option<Rc<AssessmentResult>>>>,
}

const DESTROYED: &str = "this widget was destroyed";

impl Handle {
    /// The result JSON once the assessment is complete, otherwise `null`.
    pub fn result(&self) -> JsValue {
        self.result.borrow().as_deref().map_or(JsValue::NULL, |r| to_js(&r.to_json()))
    }

    /// Forgets all answers and returns to the intro.
    pub fn reset(&self) -> Result<(), JsValue> {
        let mounted = self.mounted.borrow();
        let m = mounted.as_ref().ok_or_else(|| js_error(format!("reset(): {DESTROYED}")))?;
        m.remote.send(Action::Reset);
        Ok(())
    }

    /// Switches the language, keeping every answer.
    pub fn set_locale(&self, tag: JsValue) -> Result<(), JsValue> {
        if self.mounted.borrow().is_none() {
            return Err(js_error(format!("setLocale(): {DESTROYED}")));
        }
        let tag = options::locale_tag("setLocale(tag)", &tag)?;
        switch_locale(&self.mounted, &tag);
        Ok(())
    }

    /// Removes the widget from the page. Calling it again does nothing.
    pub fn destroy(&self) {
        let taken = self.mounted.borrow_mut().take();
        if let Some(m) = taken {
            let mut m = *m;
            m.restyle.0.disconnect();
            m.outlet.frame.borrow_mut().take();
            m.remote.clear();
            m.app.update(RootProps::default());
            m.root.remove();
            POOL.with(|p| p.borrow_mut().push((m.app, m.root)));
            let host = &m.outlet.host;
            if let Some(el) = host.dyn_ref::<HtmlElement>() {
                for property in m.theme {
                    let _ = el.style().remove_property(property);
                }
            }
            let _ = host.remove_attribute(MOUNTED_ATTR);
        }
        self.result.borrow_mut().take();
    }
}

thread_local! {
    /// The widgets whose JS handles are live, by handle number.
    static HANDLES: RefCell<Vec<(u32, Rc<Handle>)>> = const { RefCell::new(Vec::new()) };
    /// The one function behind every JS handle's methods: `(handle number, method, argument)`.
    /// Each handle binds it to its number, so a handle costs no Rust closure of its own.
    static CALL: js_sys::Function = Closure::<dyn Fn(u32, String, JsValue) -> Result<JsValue, JsValue>>::new(call)
        .into_js_value()
        .unchecked_into();
}

fn call(id: u32, method: String, arg: JsValue) -> Result<JsValue, JsValue> {
    let handle = HANDLES.with(|h| h.borrow().iter().find(|(i, _)| *i == id).map(|(_, h)| h.clone()));
    let live = || handle.clone().ok_or_else(|| js_error(format!("{method}(): {DESTROYED}")));
    match method.as_str() {
        "result" => Ok(handle.map_or(JsValue::NULL, |h| h.result())),
        "reset" => live()?.reset().map(|()| JsValue::UNDEFINED),
        "setLocale" => live()?.set_locale(arg).map(|()| JsValue::UNDEFINED),
        _ => {
            // destroy() and free(): the widget goes, and so does the handle's entry.
            HANDLES.with(|h| h.borrow_mut().retain(|(i, _)| *i != id));
            if let Some(h) = handle {
                h.destroy();
            }
            Ok(JsValue::UNDEFINED)
        }
    }
}

/// The JS handle: `{result(), reset(), setLocale(tag), destroy(), free()}`.
fn handle_object(handle: Handle) -> JsValue {
    let id = next_uid();
    HANDLES.with(|h| h.borrow_mut().push((id, Rc::new(handle))));
    let o = js_sys::Object::new();
    CALL.with(|call| {
        for method in ["result", "reset", "setLocale", "destroy", "free"] {
            let bound = call.bind2(&JsValue::NULL, &JsValue::from(id), &JsValue::from_str(method));
            let _ = js_sys::Reflect::set(&o, &JsValue::from_str(method), &bound);
        }
    });
    o.into()
}

/// Elements a widget cannot live in: void and replaced elements, and those whose content is
/// not shown or not free-flowing.
const NOT_A_CONTAINER: &[&str] = &[
    "area", "audio", "base", "br", "button", "canvas", "col", "colgroup", "embed", "head", "hr", "html", "iframe",
    "img", "input", "link", "meta", "noscript", "object", "optgroup", "option", "picture", "script", "select",
    "source", "style", "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track",
    "video", "wbr",
];

/// Shows `message` (and any problems) in `host` instead of the widget, until the next mount there.
fn show_failure(host: &Element, message: &str, problems: Vec<String>, locale: &str) -> Result<(), JsValue> {
    let (mut app, root) = take_root()?;
    host.append_child(&root)?;
    app.update(RootProps { failure: Some(failure(message, problems, locale)), ..RootProps::default() });
    FAILED.with(|f| f.borrow_mut().push((host.clone(), app, root)));
    Ok(())
}

/// Mounts the assessment into `element` and returns its handle (see the embedding contract for
/// `options`): `{result(), reset(), setLocale(tag), destroy(), free()}`, where `free()` is the
/// same as `destroy()`. Bad options throw an `Error` naming the field, and are also shown in
/// the element and reported as `cx-scorecard:error`.
#[wasm_bindgen]
pub fn mount(element: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    mount_handle(element, options).map(handle_object)
}

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
    let failed: Vec<_> = FAILED.with(|f| {
        let mut f = f.borrow_mut();
        let (here, others): (Vec<_>, Vec<_>) = f.drain(..).partition(|(h, _, _)| h == &host || !h.is_connected());
        *f = others;
        here
    });
    for (_, mut app, root) in failed {
        root.remove();
        app.update(RootProps::default());
        POOL.with(|p| p.borrow_mut().push((app, root)));
    }
    let opts = match Options::parse(&options) {
        Ok(opts) => opts,
        Err(e) => {
            // Shown where the widget would be, reported, and thrown.
            let message = options::describe(&e);
            let text = message.strip_prefix("cx-scorecard: ").unwrap_or(&message);
            let locale = web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_default();
            let locale = Some(resolve(&locale)).filter(|l| locales::has(l)).unwrap_or("en");
            show_failure(&host, text, Vec::new(), locale)?;
            let on_error = options::own(&options, "onError").dyn_into::<js_sys::Function>().ok();
            emit_error(&host, on_error.as_ref(), "options", &message);
            return Err(e);
        }
    };
    adopt_style(&host)
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
            show_failure(&host, &message, errors.iter().map(ToString::to_string).collect(), &locale)?;
            outlet.error("definition", &message);
            return Err(js_error(message));
        }
    };
    let props = AppProps {
        definition: Shared(definition),
        autosave: opts.autosave,
        storage_key: opts.storage_key.map(AttrValue::from),
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
            move |()| {
                let detail = object(&[]);
                outlet.emit("ready", &detail, outlet.callbacks.on_ready.as_ref(), &detail);
            }
        }),
        onprogress: Callback::from({
            let outlet = outlet.clone();
            move |(answered, total): (usize, usize)| {
                let detail = object(&[("answered", (answered as u32).into()), ("total", (total as u32).into())]);
                outlet.emit("progress", &detail, outlet.callbacks.on_progress.as_ref(), &detail);
            }
        }),
        onresult: Callback::from({
            let (outlet, store, weak) = (outlet.clone(), result.clone(), Rc::downgrade(&mounted));
            move |r: Option<Rc<AssessmentResult>>| {
                *store.borrow_mut() = r.clone();
                let Some(r) = r else {
                    set_submission(&weak, None);
                    return;
                };
                let js = to_js(&r.to_json());
                if let Some(lead) = &r.lead {
                    let detail = object(&[("lead", to_js(&lead.to_json())), ("result", js.clone())]);
                    outlet.emit("lead", &detail, outlet.callbacks.on_lead.as_ref(), &detail);
                }
                outlet.emit("complete", &object(&[("result", js.clone())]), outlet.callbacks.on_complete.as_ref(), &js);
                outlet.push_data_layer(&r, &js);
                if let Some(url) = &submit_url {
                    submit_result(&outlet, &weak, &r, url);
                }
            }
        }),
        remote: remote.clone(),
    };
    host.set_attribute(MOUNTED_ATTR, "")?;
    let (app, root) = take_root()?;
    host.append_child(&root)?;
    let restyle = {
        let host = host.clone();
        let observe = Closure::<dyn FnMut()>::new(move || {
            // In the next frame, not in the observer's callback: styling the widget there would
            // resize what is observed, which the browser reports as a ResizeObserver loop error.
            // (A one-off closure, freed once called, harmless if the widget is gone by then.)
            let host = host.clone();
            let adopt = Closure::once_into_js(move || {
                let _ = adopt_style(&host);
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
            let loaded = load_definition(&url).await;
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
                    m.failure = Some(failure(&message, problems, &m.props.locale));
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
#[wasm_bindgen(js_name = validateDefinition)]
pub fn validate_definition(definition: JsValue) -> Result<JsValue, JsValue> {
    let json = options::definition_json("validateDefinition(definition)", &definition)?;
    let errors = match Definition::from_json(&json) {
        Ok(_) => Vec::new(),
        Err(errors) => errors,
    };
    let out = js_sys::Array::new();
    for e in errors {
        out.push(&object(&[("path", e.path.into()), ("message", e.message.into())]));
    }
    Ok(out.into())
}

/// For the benchmark: milliseconds per scoring of a complete default assessment (scores, caps,
/// recommendations and the result), averaged over `iterations`.
#[wasm_bindgen(js_name = benchmarkScoring)]
pub fn benchmark_scoring(iterations: u32) -> f64 {
    use crate::engine::{build_result, default_definition, Answer, Session, Step};
    let def = default_definition();
    let mut session = Session::default();
    for (i, s) in def.dimensions.iter().flat_map(|d| &d.statements).enumerate() {
        let answer = if i % 9 == 8 { Answer::DontKnow } else { Answer::Value((i % 5) as u8 + 1) };
        session.answers.insert(s.id.clone(), answer);
    }
    session.step = Step::Results;
    session.started_at = Some("2026-01-01T00:00:00Z".into());
    session.completed_at = Some("2026-01-01T00:08:00Z".into());
    let now = || web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now());
    let n = iterations.max(1);
    let start = now();
    let mut levels = 0u32;
    for _ in 0..n {
        levels += build_result(&def, &session, "en").and_then(|r| r.overall.level).map_or(0, u32::from);
    }
    let per_run = (now() - start) / f64::from(n);
    if levels == 0 {
        f64::NAN
    } else {
        per_run
    }
}
