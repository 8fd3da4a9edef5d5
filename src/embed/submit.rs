//! POSTs results to the host's `submit-url`, with the result id as the idempotency key. Failed or
//! offline submissions wait in localStorage (for 7 days at most: they may hold the lead) and are
//! retried with backoff, on the `online` event, on the next page load, and when the user asks; the
//! user may also discard one. A request that takes over 15 s is aborted and retried; a redirect is
//! not followed (it would turn the POST into a GET without the result) and counts as a failure.
//! One sender serves every widget on the page.
//!
//! Every tab of the site shares the stored outbox, and one tab at a time sends from it: a round of
//! sending holds the Web Lock `cx-scorecard:outbox` (where the browser has no Web Locks, a lease in
//! localStorage that expires), reads the stored outbox again before each request, and records each
//! outcome there. Every change is made to the stored outbox as just read, never to a copy that
//! another tab may since have changed; a retry, which every tab makes at once when the browser
//! comes back online, only holding the lock. So two tabs coming back online send each result
//! once, and a tab learns from storage (its `storage` event, or its next round) that another tab
//! sent its result.

use crate::engine::outbox::{outcome_for_status, Entry, Outbox, Outcome, Reason, Status, MAX_AGE_MS, TIMEOUT_MS};
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
/// The Web Lock a tab holds while it sends from the outbox.
const LOCK_NAME: &str = "cx-scorecard:outbox";
/// Without Web Locks: `"<tab> <until>"`, the tab that sends and until when (epoch milliseconds).
const LEASE_KEY: &str = "cx-scorecard:outbox-lease";
/// Longer than a request may take, and renewed before each one.
const LEASE_MS: f64 = 2.0 * TIMEOUT_MS as f64;
/// How long a write to localStorage is given to reach the other tabs. Each tab's process reads
/// its own copy of localStorage, which the browser updates by messages that come in no fixed order
/// with a Web Lock's grant: a tab granted the lock the moment the sender let it go could still read
/// the results just sent as waiting (without this hold, two tabs coming back online sent one
/// result twice in Chromium 156). So a round that sent something keeps the lock this long after
/// its last write; and a tab that writes the lease waits this long before reading it back, by
/// when another tab that wrote its own at the same moment has overwritten it, so only one sends.
const SETTLE_MS: i32 = 200;

#[wasm_bindgen]
extern "C" {
    /// `navigator.locks` (not web-sys's `LockManager`, which needs `web_sys_unstable_apis`).
    type LockManager;
    #[wasm_bindgen(method, catch)]
    fn request(this: &LockManager, name: &str, callback: &js_sys::Function) -> Result<js_sys::Promise, JsValue>;
}

type Listener = Weak<dyn Fn(Status)>;

pub(crate) struct Sender {
    window: Window,
    /// The outbox as last read from (or written to) storage.
    outbox: RefCell<Outbox>,
    /// Whether storage holds the outbox: false where it cannot be written (full, or disabled),
    /// where this page's copy is all there is.
    shared: Cell<bool>,
    /// Requests under way: (result id, URL, its abort controller).
    in_flight: RefCell<Vec<(String, String, AbortController)>>,
    listeners: RefCell<Vec<(String, Listener)>>,
    /// The next automatic attempt (dropping it cancels it).
    timer: RefCell<Option<Timeout>>,
    /// A round of sending is under way or waits for the lock; `again` asks for another after it.
    busy: Cell<bool>,
    again: Cell<bool>,
    /// A retry asked for (when), made in this tab's next round, holding the lock.
    retry_at: Cell<Option<f64>>,
    /// Without Web Locks: this tab's name in the lease, and when another tab's lease ends.
    tab: String,
    leased_until: Cell<Option<f64>>,
    _online: EventListener,
    _storage: EventListener,
}

thread_local! {
    static SENDER: RefCell<Option<Rc<Sender>>> = const { RefCell::new(None) };
}

/// The page's localStorage (web-sys, not gloo-storage: see `ui::storage`).
fn storage(window: &Window) -> Option<web_sys::Storage> {
    window.local_storage().ok().flatten()
}

/// The stored outbox (empty when storage holds none), or `None` when storage cannot be read.
fn read_stored(window: &Window) -> Option<Outbox> {
    let stored = storage(window)?.get_item(STORAGE_KEY).ok()?;
    let now = js_sys::Date::now();
    // A corrupt stored outbox is dropped rather than allowed to break the widget.
    Some(stored.map_or_else(Outbox::default, |text| {
        crate::ui::wire::parse_value(&text).map_or_else(|_| Outbox::default(), |v| Outbox::from_value(v, now))
    }))
}

/// Stores `outbox` (deletes it when empty); false when storage could not be written.
fn write_stored(window: &Window, outbox: &Outbox) -> bool {
    let Some(s) = storage(window) else { return false };
    if outbox.entries.is_empty() {
        s.remove_item(STORAGE_KEY).is_ok()
    } else {
        s.set_item(STORAGE_KEY, &crate::ui::wire::to_text(outbox)).is_ok()
    }
}

/// The stored outbox with what has expired deleted (and the deletion stored, as is the date
/// given to entries stored without one), or `None` when storage holds none.
fn stored_outbox(window: &Window) -> Option<Outbox> {
    let stored = storage(window)?.get_item(STORAGE_KEY).ok().flatten()?;
    let now = js_sys::Date::now();
    let mut outbox =
        crate::ui::wire::parse_value(&stored).map_or_else(|_| Outbox::default(), |v| Outbox::from_value(v, now));
    outbox.expire(now);
    write_stored(window, &outbox);
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
    // Read only: the first round deletes what has expired, holding the lock.
    let outbox = read_stored(&window);
    let shared = outbox.is_some();
    let sender = Rc::new_cyclic(|weak: &Weak<Sender>| {
        let online = EventListener::new(&window, "online", {
            let weak = weak.clone();
            move |_| {
                if let Some(s) = weak.upgrade() {
                    s.retry();
                }
            }
        });
        // Another tab changed the outbox (it may have sent this tab's results) or gave up the lease.
        let storage = EventListener::new(&window, "storage", {
            let weak = weak.clone();
            move |event| {
                let Some(s) = weak.upgrade() else { return };
                let get = |name: &str| js_sys::Reflect::get(event, &name.into()).ok().and_then(|v| v.as_string());
                match get("key").as_deref() {
                    Some(STORAGE_KEY) => s.reload(),
                    Some(LEASE_KEY) if s.leased_until.get().is_some() && get("newValue").is_none() => s.kick(),
                    _ => {}
                }
            }
        });
        Sender {
            window: window.clone(),
            outbox: RefCell::new(outbox.unwrap_or_default()),
            shared: Cell::new(shared),
            in_flight: RefCell::default(),
            listeners: RefCell::default(),
            timer: RefCell::new(None),
            busy: Cell::new(false),
            again: Cell::new(false),
            retry_at: Cell::new(None),
            tab: crate::ui::new_id(),
            leased_until: Cell::new(None),
            _online: online,
            _storage: storage,
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
        // Stored at once, so that it survives the page closing.
        self.update(|o| o.enqueue(id, url, body, js_sys::Date::now()));
        listener(Status::Sending);
        self.kick();
    }

    /// The user chose not to send this result: it is deleted from the outbox (and storage), and
    /// a request for it under way is aborted.
    pub fn discard(self: &Rc<Self>, id: &str) {
        self.update(|o| o.discard(id));
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

    /// The user's retry, or the browser coming back online: everything is due now. Made in the
    /// next round, holding the lock: every tab hears `online` at once, and one that changed the
    /// stored outbox then could undo what the sending tab wrote (bring back a result it has just
    /// sent).
    pub fn retry(self: &Rc<Self>) {
        self.retry_at.set(Some(js_sys::Date::now()));
        self.kick();
    }

    fn online(&self) -> bool {
        self.window.navigator().on_line()
    }

    /// Reads the stored outbox, which another tab may have changed. An entry that was here and is
    /// gone was sent by another tab (or, old enough, expired there): its listeners hear so.
    fn reload(&self) {
        if !self.shared.get() {
            return;
        }
        let Some(stored) = read_stored(&self.window) else { return };
        let now = js_sys::Date::now();
        let gone: Vec<Entry> = {
            let mut outbox = self.outbox.borrow_mut();
            let old = std::mem::replace(&mut *outbox, stored);
            old.entries.into_iter().filter(|e| !outbox.entries.iter().any(|s| s.id == e.id && s.url == e.url)).collect()
        };
        for e in gone {
            let expired = (now - e.queued_at).abs() >= MAX_AGE_MS;
            self.notify(&e.id, if expired { Status::Discarded } else { Status::Sent });
        }
    }

    /// Changes the outbox as stored now, and stores the change.
    fn update<R>(&self, change: impl FnOnce(&mut Outbox) -> R) -> R {
        self.reload();
        let r = change(&mut self.outbox.borrow_mut());
        // Full or disabled storage: the outbox still works in memory for this page.
        self.shared.set(write_stored(&self.window, &self.outbox.borrow()));
        r
    }

    fn notify(&self, id: &str, status: Status) {
        self.listeners.borrow_mut().retain(|(_, l)| l.strong_count() > 0);
        let listeners: Vec<Rc<dyn Fn(Status)>> =
            self.listeners.borrow().iter().filter(|(i, _)| i == id).filter_map(|(_, l)| l.upgrade()).collect();
        for l in listeners {
            l(status.clone());
        }
    }

    /// Sends what is due (in a round of its own, after the one under way if any), then schedules
    /// the next attempt.
    fn kick(self: &Rc<Self>) {
        self.timer.borrow_mut().take(); // cancelled
        if self.busy.replace(true) {
            self.again.set(true);
            return;
        }
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                this.again.set(false);
                this.clone().locked_round().await;
                if !this.again.get() {
                    break;
                }
            }
            this.busy.set(false);
            this.schedule();
        });
    }

    /// The next automatic attempt: the earliest due, or when another tab's lease ends.
    fn schedule(self: &Rc<Self>) {
        if !self.online() {
            return; // the `online` event resumes
        }
        let now = js_sys::Date::now();
        let wake = self.outbox.borrow().next_wake().filter(|t| *t > now);
        let wake = match (wake, self.leased_until.get()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
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

    /// One round, holding the Web Lock (waiting for it while another tab holds it), or the lease.
    async fn locked_round(self: Rc<Self>) {
        if !self.shared.get() {
            return self.round(None).await; // nothing shared with another tab
        }
        let locks = js_sys::Reflect::get(&self.window.navigator(), &"locks".into())
            .ok()
            .filter(|l| l.is_object())
            .map(JsCast::unchecked_into::<LockManager>);
        let Some(locks) = locks else { return self.leased_round().await };
        let ran = Rc::new(Cell::new(false));
        let callback = Closure::once_into_js({
            let (this, ran) = (self.clone(), ran.clone());
            move |_lock: JsValue| {
                ran.set(true);
                wasm_bindgen_futures::future_to_promise(async move {
                    this.round(None).await;
                    Ok(JsValue::UNDEFINED)
                })
            }
        });
        let granted = match locks.request(LOCK_NAME, callback.unchecked_ref()) {
            Ok(promise) => JsFuture::from(promise).await.is_ok(),
            Err(_) => false,
        };
        // Refused (an opaque origin, which has no storage to share either): a round without it.
        if !granted && !ran.get() {
            self.round(None).await;
        }
    }

    /// Without Web Locks: one round holding the lease in localStorage; when another tab holds it,
    /// none, and another when that lease ends (or is given up).
    async fn leased_round(self: Rc<Self>) {
        let Some(storage) = storage(&self.window) else { return self.round(None).await };
        if self.take_lease(&storage) {
            sleep(&self.window, SETTLE_MS).await;
            if self.holds_lease(&storage) {
                self.clone().round(Some(storage.clone())).await;
                if self.holds_lease(&storage) {
                    let _ = storage.remove_item(LEASE_KEY);
                }
                return;
            }
        }
        let until = lease(&storage).map_or(js_sys::Date::now(), |(_, until)| until);
        self.leased_until.set(Some(until + 1.0));
    }

    /// Writes this tab's lease unless another tab's is still running; true when written.
    fn take_lease(&self, storage: &web_sys::Storage) -> bool {
        let now = js_sys::Date::now();
        if lease(storage).is_some_and(|(tab, until)| tab != self.tab && until > now) {
            return false;
        }
        self.leased_until.set(None);
        storage.set_item(LEASE_KEY, &lease_text(&self.tab, now)).is_ok()
    }

    /// Whether this tab still holds the lease (renewing it): checked before each request.
    fn holds_lease(&self, storage: &web_sys::Storage) -> bool {
        let mine = lease(storage).is_some_and(|(tab, until)| tab == self.tab && until > js_sys::Date::now());
        mine && storage.set_item(LEASE_KEY, &lease_text(&self.tab, js_sys::Date::now())).is_ok()
    }

    /// Holding the lock (or `lease`): makes this tab's retry, deletes what has expired
    /// and sends what is due, each request after reading the stored outbox again; returns when
    /// every request has settled and been recorded.
    async fn round(self: Rc<Self>, lease: Option<web_sys::Storage>) {
        if let Some(at) = self.retry_at.take() {
            self.update(|o| o.retry_all(at));
        }
        let now = js_sys::Date::now();
        let expired = self.update(|o| o.expire(now));
        for id in expired {
            self.abort(&id);
            self.notify(&id, Status::Discarded);
        }
        if !self.online() {
            let ids: Vec<String> = self.outbox.borrow().entries.iter().map(|e| e.id.clone()).collect();
            for id in ids {
                self.notify(&id, Status::Queued { attempts: 0, next_at: now, reason: Reason::Offline });
            }
            return;
        }
        let requests = js_sys::Array::new();
        let due = self.outbox.borrow().due(now);
        for entry in due {
            // Read again before each request: another tab may have sent it, or taken the lease.
            if lease.as_ref().is_some_and(|s| !self.holds_lease(s)) {
                break;
            }
            self.reload();
            let still_due = self.outbox.borrow().due(now).iter().any(|e| e.id == entry.id && e.url == entry.url);
            if !still_due {
                continue;
            }
            let Ok(controller) = AbortController::new() else { continue };
            self.in_flight.borrow_mut().push((entry.id.clone(), entry.url.clone(), controller.clone()));
            let this = self.clone();
            requests.push(&wasm_bindgen_futures::future_to_promise(async move {
                this.send(entry, controller).await;
                Ok(JsValue::UNDEFINED)
            }));
        }
        if requests.length() > 0 {
            let _ = JsFuture::from(js_sys::Promise::all(&requests)).await;
            // The lock (or lease) is let go only once the other tabs can read what was recorded.
            sleep(&self.window, SETTLE_MS).await;
        }
    }

    /// One request, its outcome recorded in the stored outbox and told to its listeners.
    async fn send(self: Rc<Self>, entry: Entry, controller: AbortController) {
        let answer = post(&self.window, &entry, &controller).await;
        self.in_flight.borrow_mut().retain(|(i, u, _)| !(*i == entry.id && *u == entry.url));
        let outcome = match answer {
            Answer::Status(status) => outcome_for_status(status),
            Answer::Redirect => Outcome::Rejected(Reason::Redirect),
            Answer::TimedOut => Outcome::Retry(Reason::Timeout),
            Answer::Failed if !self.online() => Outcome::Retry(Reason::Offline),
            Answer::Failed => outcome_for_status(0),
        };
        // None: discarded or expired meanwhile, and already said so.
        let shown = self.update(|o| o.record(&entry.id, &entry.url, outcome, js_sys::Date::now()));
        if let Some(shown) = shown {
            self.notify(&entry.id, shown);
        }
    }
}

/// The lease in storage: the tab holding it and until when.
fn lease(storage: &web_sys::Storage) -> Option<(String, f64)> {
    let text = storage.get_item(LEASE_KEY).ok()??;
    let (tab, until) = text.split_once(' ')?;
    // Whole milliseconds: integers, whose reading and writing cost the wasm far less than floats'.
    Some((tab.to_string(), until.parse::<u64>().ok()? as f64))
}

/// The lease of `tab` from `now` on.
fn lease_text(tab: &str, now: f64) -> String {
    format!("{tab} {}", (now + LEASE_MS) as u64)
}

/// Resolves after `ms` milliseconds.
async fn sleep(window: &Window, ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
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
