//! POSTs results to the host's `submit-url`, with the result id as the idempotency key. Failed or
//! offline submissions wait in localStorage (for 7 days at most: they may hold the lead) and are
//! retried with backoff, on the `online` event, on the next page load, and when the user asks; the
//! user may also discard one. A request that takes over 15 s is aborted and retried; a redirect is
//! not followed (it would turn the POST into a GET without the result) and counts as a failure.
//! One sender serves every widget on the page.

use crate::engine::outbox::{outcome_for_status, Entry, Outbox, Outcome, Reason, Status, TIMEOUT_MS};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, Request, RequestCache, RequestCredentials, RequestInit, RequestMode, RequestRedirect,
    Response, ResponseType, Window,
};

const STORAGE_KEY: &str = "cx-scorecard:outbox";

type Listener = Weak<dyn Fn(Status)>;

pub(crate) struct Sender {
    window: Window,
    outbox: RefCell<Outbox>,
    /// Requests under way: (result id, URL, its abort controller).
    in_flight: RefCell<Vec<(String, String, AbortController)>>,
    listeners: RefCell<Vec<(String, Listener)>>,
    /// The next automatic attempt (dropping it cancels it).
    timer: RefCell<Option<Timeout>>,
    _online: EventListener,
}

thread_local! {
    static SENDER: RefCell<Option<Rc<Sender>>> = const { RefCell::new(None) };
}

/// The page's localStorage (web-sys, not gloo-storage: see `ui::storage`).
fn storage(window: &Window) -> Option<web_sys::Storage> {
    window.local_storage().ok().flatten()
}

/// The stored outbox with what has expired deleted (and the deletion stored, as is the date
/// given to entries stored without one), or `None` when storage holds none.
fn stored_outbox(window: &Window) -> Option<Outbox> {
    let storage = storage(window)?;
    let stored = storage.get_item(STORAGE_KEY).ok().flatten()?;
    let now = js_sys::Date::now();
    // A corrupt stored outbox is dropped rather than allowed to break the widget.
    let mut outbox =
        crate::ui::wire::parse_value(&stored).map_or_else(|_| Outbox::default(), |v| Outbox::from_value(v, now));
    outbox.expire(now);
    let _ = if outbox.entries.is_empty() {
        storage.remove_item(STORAGE_KEY)
    } else {
        storage.set_item(STORAGE_KEY, &crate::ui::wire::to_text(&outbox))
    };
    Some(outbox)
}

/// Deletes what has expired from the stored outbox, on a page that sends nothing (the page's
/// sender does it itself).
pub(crate) fn purge_expired() {
    if SENDER.with(|s| s.borrow().is_none()) {
        if let Some(window) = web_sys::window() {
            stored_outbox(&window);
        }
    }
}

/// The page's sender, created (and its stored outbox resumed) on first use.
pub(crate) fn sender() -> Result<Rc<Sender>, JsValue> {
    if let Some(s) = SENDER.with(|s| s.borrow().clone()) {
        return Ok(s);
    }
    let window = web_sys::window().ok_or("no window")?;
    let outbox = stored_outbox(&window).unwrap_or_default();
    let sender = Rc::new_cyclic(|weak: &Weak<Sender>| {
        let weak = weak.clone();
        let online = EventListener::new(&window, "online", move |_| {
            if let Some(s) = weak.upgrade() {
                s.retry();
            }
        });
        Sender {
            window: window.clone(),
            outbox: RefCell::new(outbox),
            in_flight: RefCell::default(),
            listeners: RefCell::default(),
            timer: RefCell::new(None),
            _online: online,
        }
    });
    SENDER.with(|s| *s.borrow_mut() = Some(sender.clone()));
    sender.kick();
    Ok(sender)
}

impl Sender {
    /// Queues a result for `url` and starts sending it. `listener` hears its status.
    pub fn submit(self: &Rc<Self>, id: &str, url: &str, body: String, listener: &Rc<dyn Fn(Status)>) {
        self.listeners.borrow_mut().push((id.to_string(), Rc::downgrade(listener)));
        self.outbox.borrow_mut().enqueue(id, url, body, js_sys::Date::now());
        self.save();
        listener(Status::Sending);
        self.kick();
    }

    /// The user chose not to send this result: it is deleted from the outbox (and storage), and
    /// a request for it under way is aborted.
    pub fn discard(self: &Rc<Self>, id: &str) {
        self.outbox.borrow_mut().discard(id);
        self.save();
        self.abort(id);
        self.notify(id, Status::Discarded);
    }

    fn abort(&self, id: &str) {
        for (i, _, controller) in self.in_flight.borrow().iter() {
            if i == id {
                controller.abort();
            }
        }
    }

    /// The user's retry, or the browser coming back online: everything is due now.
    pub fn retry(self: &Rc<Self>) {
        self.outbox.borrow_mut().retry_all(js_sys::Date::now());
        self.save();
        self.kick();
    }

    fn online(&self) -> bool {
        self.window.navigator().on_line()
    }

    fn save(&self) {
        if let Some(s) = storage(&self.window) {
            let outbox = self.outbox.borrow();
            // Full or disabled storage: the outbox still works in memory for this page.
            let _ = if outbox.entries.is_empty() {
                s.remove_item(STORAGE_KEY)
            } else {
                s.set_item(STORAGE_KEY, &crate::ui::wire::to_text(&*outbox))
            };
        }
    }

    fn notify(&self, id: &str, status: Status) {
        self.listeners.borrow_mut().retain(|(_, l)| l.strong_count() > 0);
        let listeners: Vec<Rc<dyn Fn(Status)>> =
            self.listeners.borrow().iter().filter(|(i, _)| i == id).filter_map(|(_, l)| l.upgrade()).collect();
        for l in listeners {
            l(status.clone());
        }
    }

    /// Sends what is due and schedules the next attempt.
    fn kick(self: &Rc<Self>) {
        self.timer.borrow_mut().take(); // cancelled
        let now = js_sys::Date::now();
        let expired = self.outbox.borrow_mut().expire(now);
        if !expired.is_empty() {
            self.save();
            for id in expired {
                self.abort(&id);
                self.notify(&id, Status::Discarded);
            }
        }
        if self.online() {
            for entry in self.outbox.borrow().due(now) {
                if self.in_flight.borrow().iter().any(|(i, u, _)| *i == entry.id && *u == entry.url) {
                    continue;
                }
                let Ok(controller) = AbortController::new() else { continue };
                self.in_flight.borrow_mut().push((entry.id.clone(), entry.url.clone(), controller.clone()));
                let this = self.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = post(&this.window, &entry, &controller).await;
                    this.in_flight.borrow_mut().retain(|(i, u, _)| !(*i == entry.id && *u == entry.url));
                    let outcome = match answer {
                        Answer::Status(status) => outcome_for_status(status),
                        Answer::Redirect => Outcome::Rejected(Reason::Redirect),
                        Answer::TimedOut => Outcome::Retry(Reason::Timeout),
                        Answer::Failed if !this.online() => Outcome::Retry(Reason::Offline),
                        Answer::Failed => outcome_for_status(0),
                    };
                    // None: discarded or expired meanwhile, and already said so.
                    let shown = this.outbox.borrow_mut().record(&entry.id, &entry.url, outcome, js_sys::Date::now());
                    this.save();
                    if let Some(shown) = shown {
                        this.notify(&entry.id, shown);
                    }
                    this.kick();
                });
            }
        } else {
            let ids: Vec<String> = self.outbox.borrow().entries.iter().map(|e| e.id.clone()).collect();
            for id in ids {
                self.notify(&id, Status::Queued { attempts: 0, next_at: now, reason: Reason::Offline });
            }
            return; // the `online` event resumes
        }
        let wake = self.outbox.borrow().next_wake().filter(|t| *t > now);
        if let Some(at) = wake {
            let weak = Rc::downgrade(self);
            let delay = (at - now).clamp(0.0, 3_600_000.0) as u32;
            *self.timer.borrow_mut() = Some(Timeout::new(delay, move || {
                if let Some(s) = weak.upgrade() {
                    s.kick();
                }
            }));
        }
    }
}

/// What one POST came to.
enum Answer {
    Status(u16),
    /// A 3xx, not followed.
    Redirect,
    /// No answer within [`TIMEOUT_MS`]: aborted.
    TimedOut,
    /// No HTTP answer at all.
    Failed,
}

/// One POST of `entry`, aborted after [`TIMEOUT_MS`] (or by `controller`), never following a
/// redirect. With web-sys's `Request`, not gloo-net: gloo-net's builder starts from
/// `RequestInit::new()`, whose members a page can set on `Object.prototype` (see `fetch`); this
/// init has no prototype.
async fn post(window: &Window, entry: &Entry, controller: &AbortController) -> Answer {
    let timed_out = Rc::new(Cell::new(false));
    let attempt = async {
        let headers = Headers::new()?;
        headers.set("content-type", "application/json")?;
        headers.set("idempotency-key", &entry.id)?;
        // Every member set here, on an object without a prototype: a page that set `credentials`
        // or `mode` on `Object.prototype` changes nothing about this request.
        let init: RequestInit = crate::ui::bare();
        init.set_credentials(RequestCredentials::SameOrigin);
        init.set_mode(RequestMode::Cors);
        init.set_cache(RequestCache::NoStore);
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&entry.body));
        init.set_redirect(RequestRedirect::Manual);
        init.set_signal(Some(&controller.signal()));
        let request = Request::new_with_str_and_init(&entry.url, &init)?;
        // Dropped (so cancelled) as soon as the request settles.
        let _timeout = Timeout::new(TIMEOUT_MS, {
            let (timed_out, controller) = (timed_out.clone(), controller.clone());
            move || {
                timed_out.set(true);
                controller.abort();
            }
        });
        let response: Response = JsFuture::from(window.fetch_with_request(&request)).await?.dyn_into()?;
        Ok::<Response, JsValue>(response)
    };
    match attempt.await {
        Ok(r) if r.type_() == ResponseType::Opaqueredirect || (300..400).contains(&r.status()) => Answer::Redirect,
        Ok(r) => Answer::Status(r.status()),
        Err(_) if timed_out.get() => Answer::TimedOut,
        Err(_) => Answer::Failed,
    }
}
