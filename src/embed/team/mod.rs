//! `mountTeam`: the team report's surface (the team module, `pkg/cx_scorecard_team*.js`).
//!
//! The results live here, in an engine `TeamBook`, so that the handle's `add()` and `report()` are
//! synchronous; the screen gets each new report as props and hands what the user adds back up,
//! piece by piece. Every change of the set of results fires `cx-scorecard:team-report` `{report}`
//! on the element and calls `onReport(report)` (once a file or URL is read whole, not per piece).
//!
//! The files: `options` (reading them), `inputs` (the host's values and texts read piece by
//! piece), `fetch` (`results-src` and `baseline-src` with a time limit), `handle`.

mod fetch;
mod handle;
mod inputs;
mod options;

use super::fetch::load_definition;
use super::options::{describe, own};
use super::outlet::{emit, emit_error};
use super::{next_uid, pool};
use crate::engine::locales::{Strings as Sources, STRINGS_SOURCES};
use crate::engine::messages::{fill, resolve, Messages, EN};
use crate::engine::team::{Round, TeamBook, TeamReport, TeamTexts, TEAM_TEXTS_SOURCE};
use crate::engine::{Definition, Wording, DEFAULT_DEFINITION_SOURCE};
use crate::ui::strings::number_format;
use crate::ui::team::{Added, Progress, TeamScreen, TeamScreenProps};
use crate::ui::{wire, Shared};
use fetch::{fetch_pieces, Failure, Step, LIMIT_SECONDS};
use handle::{handle_object, TeamHandle};
use inputs::{Input, Reading};
use js_sys::Function;
use options::{check_grouping, read_options};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element};
use yew::{AppHandle, AttrValue, Callback, Renderer};

pub use handle::TeamEvents;

/// The widget's stylesheet and the team report's rules.
const TEAM_STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/team.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

const MOUNTED_ATTR: &str = "data-cx-scorecard-team";

/// Readings of `results-src` and `baseline-src` are numbered from here (the screen's from 1).
const SRC_IDS: u32 = 1 << 30;

/// The engine's sentences of a language, from the strings the packs are made of.
fn messages(language: &str) -> Messages {
    let source = STRINGS_SOURCES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s);
    match source.and_then(|s| serde_json::from_str::<Sources>(s).ok()) {
        Some(sources) => Messages::read(&sources.engine, &EN),
        None => EN,
    }
}

/// A `results-src` or `baseline-src`, and how it stands.
struct Src {
    url: String,
    round: Round,
    code: &'static str,
    /// Why it could not be loaded, when it could not.
    failed: Option<String>,
    /// Its reading while it is loaded.
    reading: Option<u32>,
}

/// What a mounted team report holds.
struct Mounted {
    host: Element,
    root: Element,
    app: AppHandle<TeamScreen>,
    /// `None` while the definition loads; inputs wait in `pending` until then.
    book: Option<TeamBook>,
    pending: Vec<Input>,
    readings: Vec<Reading>,
    srcs: Vec<Src>,
    def: Shared<Definition>,
    locale: String,
    texts: Shared<TeamTexts>,
    messages: Box<Messages>,
    /// Prefixes the ids in the screen, so that two reports on a page never share one.
    uid: AttrValue,
    /// What the last addition did, for the status line.
    status: Option<AttrValue>,
    /// A report event has been sent.
    announced: bool,
    group_by: String,
    min_group: usize,
    report: Option<Shared<TeamReport>>,
    failure: Option<AttrValue>,
    on_report: Option<Function>,
    on_error: Option<Function>,
    onadd: Callback<Added>,
    onretry: Callback<usize>,
}

type Slot = RefCell<Option<Mounted>>;

/// A report to tell the host about: the host, its callback, and the report.
type Told = Option<(Element, Option<Function>, JsValue)>;

impl Mounted {
    fn props(&self) -> TeamScreenProps {
        TeamScreenProps {
            def: self.def.clone(),
            report: self.report.clone(),
            texts: self.texts.clone(),
            locale: AttrValue::from(self.locale.clone()),
            onadd: self.onadd.clone(),
            failure: self.failure.clone(),
            uid: self.uid.clone(),
            status: self.status.clone(),
            progress: self.progress(),
            onretry: self.onretry.clone(),
        }
    }

    /// What is being read or loaded, and the sources that could not be loaded.
    fn progress(&self) -> Vec<Progress> {
        let t = &self.texts;
        // Sources waiting for their answer (or for the definition), then what is being read.
        let waiting = self
            .srcs
            .iter()
            .filter(|s| s.failed.is_none() && s.reading == Some(0))
            .map(|s| Progress { text: fill(t.loading_src, &[("url", s.url.clone())]).into(), retry: None });
        let reading = self.readings.iter().map(|r| Progress {
            text: fill(t.reading, &[("source", r.source.clone()), ("percent", r.percent())]).into(),
            retry: None,
        });
        let failed = self.srcs.iter().enumerate().filter_map(|(i, s)| {
            let why = s.failed.as_ref()?;
            Some(Progress {
                text: fill(t.src_failed, &[("url", s.url.clone()), ("why", why.clone())]).into(),
                retry: Some(i),
            })
        });
        waiting.chain(reading).chain(failed).collect()
    }

    fn counts(&self) -> (usize, usize) {
        self.book.as_ref().map_or((0, 0), |b| (b.respondents(), b.rejected_total()))
    }

    /// Says what was added since `before` (respondents, rejections).
    fn say_added(&mut self, before: (usize, usize)) {
        let now = self.counts();
        let number = number_format(&self.locale);
        let count = |n: usize| number(n as f64);
        self.status = Some(AttrValue::from(fill(
            self.texts.added_status,
            &[("added", count(now.0.saturating_sub(before.0))), ("rejected", count(now.1.saturating_sub(before.1)))],
        )));
    }

    /// Adds inputs whose whole text or value is at hand (waiting for the definition if needed).
    fn take(&mut self, input: Input) {
        match self.book.as_mut() {
            Some(book) => inputs::take(book, input),
            None => self.pending.push(input),
        }
    }

    /// The next piece of something read piece by piece; `true` once it is read whole (the
    /// report then told).
    fn added(&mut self, a: Added) -> bool {
        let Some(book) = self.book.as_mut() else { return false };
        match a {
            Added::Begin { id, round, source, size } => {
                self.readings.push(Reading::new(id, round, source, Some(size), book));
                false
            }
            Added::Piece { id, text, done } => {
                if let Some(r) = self.readings.iter_mut().find(|r| r.id == id) {
                    r.piece(book, &text, done);
                }
                false
            }
            Added::End { id } | Added::Broken { id } => {
                let Some(at) = self.readings.iter().position(|r| r.id == id) else { return false };
                let reading = self.readings.remove(at);
                let (round, source, before) = (reading.round, reading.source.clone(), reading.before);
                reading.end(book);
                if matches!(a, Added::Broken { .. }) {
                    book.reject(round, &source, crate::engine::team::Reason::Unreadable);
                }
                self.say_added(before);
                true
            }
            Added::Refused { round, source, reason } => {
                let before = (book.respondents(), book.rejected_total());
                book.reject(round, &source, reason);
                self.say_added(before);
                true
            }
        }
    }

    /// A new language (the report worded anew) or grouping (every respondent counted again).
    fn regroup(&mut self, locale: Option<String>, group_by: Option<String>, min_group: Option<usize>) {
        if let Some(locale) = locale {
            let language = resolve(&locale);
            self.texts = Shared(Rc::new(TeamTexts::of(language, TEAM_TEXTS_SOURCE)));
            *self.messages = messages(language);
            self.locale = locale;
        }
        let (group_by, min_group) =
            (group_by.unwrap_or_else(|| self.group_by.clone()), min_group.unwrap_or(self.min_group));
        if (group_by.as_str(), min_group) != (self.group_by.as_str(), self.min_group) {
            if let Some(book) = &mut self.book {
                book.regroup(&group_by, min_group);
            }
            (self.group_by, self.min_group) = (group_by, min_group);
        }
        self.status = None;
    }

    /// Makes the report anew (once the definition is known) and shows it.
    fn show(&mut self) {
        if let Some(book) = self.book.as_ref() {
            let number = number_format(&self.locale);
            let w = Wording { locale: &self.locale, messages: &self.messages, number: &number };
            self.report = Some(Shared(Rc::new(book.report(&w, &self.texts))));
        }
        self.app.update(self.props());
    }

    /// Shows the report anew, and returns it with the host and callback to tell it to.
    fn refresh(&mut self) -> Told {
        self.show();
        self.told()
    }

    /// The report shown, with the host and callback to tell it to; marked as told.
    fn told(&mut self) -> Told {
        let report = self.report.as_ref()?;
        self.announced = true;
        Some((self.host.clone(), self.on_report.clone(), wire::to_js(&*report.0)))
    }
}

/// `cx-scorecard:team-report`: the report of the results so far.
#[derive(Serialize, tsify::Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct TeamReportDetail {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "TeamReport")]
    pub report: JsValue,
}

/// Tells the host about a new report (outside any borrow: its callback may call the handle).
fn tell(told: Told) {
    if let Some((host, on_report, report)) = told {
        let detail = wire::to_js(&TeamReportDetail { report: report.clone() });
        emit(&host, "team-report", &detail, on_report.as_ref(), &report);
    }
}

/// Runs `f` on the mounted report, if it is there and not busy, and tells what it returns.
fn with(slot: &Weak<Slot>, f: impl FnOnce(&mut Mounted) -> Told) {
    let Some(slot) = slot.upgrade() else { return };
    let told = {
        let Ok(mut guard) = slot.try_borrow_mut() else { return };
        let Some(m) = guard.as_mut() else { return };
        f(m)
    };
    tell(told);
}

/// Adds inputs at hand, shows the new report and tells it.
fn add(slot: &Weak<Slot>, inputs: Vec<Input>) {
    with(slot, |m| {
        let before = m.counts();
        for input in inputs {
            m.take(input);
        }
        if m.book.is_some() {
            m.say_added(before);
        }
        m.refresh()
    });
}

/// What the screen read: shown at once, told when a reading ends.
fn added(slot: &Weak<Slot>, a: Added) {
    with(slot, |m| {
        if m.added(a) {
            return m.refresh();
        }
        m.show();
        None
    });
}

fn error(slot: &Weak<Slot>, code: &str, message: &str) {
    let Some(slot) = slot.upgrade() else { return };
    let target = slot.borrow().as_ref().map(|m| (m.host.clone(), m.on_error.clone()));
    if let Some((host, on_error)) = target {
        emit_error(&host, on_error.as_ref(), code, &format!("cx-scorecard: {message}"));
    }
}

/// Loads a `results-src` or `baseline-src` (number `index`), piece by piece; a failure is shown
/// with "Try again" and reported.
fn load_src(slot: Weak<Slot>, index: usize) {
    let Some((url, round, code)) = slot.upgrade().and_then(|rc| {
        let mut guard = rc.try_borrow_mut().ok()?;
        let m = guard.as_mut()?;
        let s = m.srcs.get_mut(index)?;
        (s.failed, s.reading) = (None, Some(0));
        let found = (s.url.clone(), s.round, s.code);
        m.show();
        Some(found)
    }) else {
        return;
    };
    let id = SRC_IDS + next_uid();
    wasm_bindgen_futures::spawn_local(async move {
        let outcome = fetch_pieces(&url, |step| {
            // Nobody to hand it to once the report is destroyed.
            if !slot.upgrade().is_some_and(|rc| rc.try_borrow().map_or(true, |m| m.is_some())) {
                return false;
            }
            let a = match step {
                Step::Begin(size) => {
                    with(&slot, |m| {
                        if let Some(s) = m.srcs.get_mut(index) {
                            s.reading = Some(id);
                        }
                        None
                    });
                    Added::Begin { id, round, source: url.clone(), size: size.unwrap_or(0.0) }
                }
                Step::Piece(text, done) => Added::Piece { id, text, done },
                Step::End => Added::End { id },
            };
            added(&slot, a);
            true
        })
        .await;
        let why = match outcome {
            Ok(()) => {
                with(&slot, |m| {
                    if let Some(s) = m.srcs.get_mut(index) {
                        s.reading = None;
                    }
                    m.show();
                    None
                });
                return;
            }
            Err(Failure::TimedOut) => slot
                .upgrade()
                .and_then(|rc| rc.try_borrow().ok().and_then(|g| g.as_ref().map(|m| m.texts.timed_out)))
                .map(|t| fill(t, &[("seconds", LIMIT_SECONDS.to_string())]))
                .unwrap_or_default(),
            Err(Failure::Other(why)) => why,
        };
        // What was read before it failed counts; the rest can be tried again.
        added(&slot, Added::End { id });
        with(&slot, |m| {
            if let Some(s) = m.srcs.get_mut(index) {
                (s.failed, s.reading) = (Some(why.clone()), None);
            }
            m.show();
            None
        });
        error(&slot, code, &format!("could not load results from {url}: {why}"));
    });
}

/// Uses the definition once it is known: the pending inputs are added, the sources loaded, and
/// the report shown.
fn start(slot: &Weak<Slot>, def: Definition) {
    let Some(rc) = slot.upgrade() else { return };
    let group_by = rc.borrow().as_ref().map(|m| m.group_by.clone()).unwrap_or_default();
    if let Err(e) = check_grouping(&def, &group_by) {
        // A definition from `definitionSrc` without that question: no groups, and why.
        error(slot, "options", &describe(&e));
    }
    let srcs = {
        let mut guard = rc.borrow_mut();
        let Some(m) = guard.as_mut() else { return };
        m.book = Some(TeamBook::new(def.clone(), &m.group_by, m.min_group));
        m.def = Shared(Rc::new(def));
        for input in std::mem::take(&mut m.pending) {
            m.take(input);
        }
        m.show();
        m.srcs.len()
    };
    for index in 0..srcs {
        load_src(slot.clone(), index);
    }
    // The first report is told once the handle is returned (a listener may call it), unless an
    // add() on the handle has told a newer one by then.
    let slot = slot.clone();
    wasm_bindgen_futures::spawn_local(async move {
        with(&slot, |m| if m.announced { None } else { m.told() });
    });
}

fn fail(slot: &Weak<Slot>, code: &str, message: String) {
    if let Some(rc) = slot.upgrade() {
        if let Some(m) = rc.borrow_mut().as_mut() {
            m.failure = Some(AttrValue::from(format!("cx-scorecard: {message}")));
            m.app.update(m.props());
        }
    }
    error(slot, code, &message);
}

/// Mounts the team report into `element` (see the README's "Team report") and returns its handle
/// `{add(results, round?), report(), update(options), destroy()}`. Bad options throw an `Error`
/// naming the option.
#[wasm_bindgen(js_name = mountTeam, skip_typescript)]
pub fn mount_team(element: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let host: Element = element.dyn_into().map_err(|v| {
        super::js_error(format!(
            "mountTeam(element, options): element must be an Element, got {}",
            super::options::type_name(&v)
        ))
    })?;
    if host.has_attribute(MOUNTED_ATTR) {
        return Err(super::js_error(
            "mountTeam(element): a team report is already mounted in this element; destroy() it first",
        ));
    }
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let builtin =
        || Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap_or_else(|_| crate::engine::default_definition());
    let checked = read_options(&options).and_then(|o| {
        let known = match (&o.definition, &o.definition_src) {
            (Some(d), _) => Some(d.clone()),
            (None, Some(_)) => None,
            (None, None) => Some(builtin()),
        };
        if let Some(def) = &known {
            check_grouping(def, &o.group_by)?;
        }
        Ok((o, known))
    });
    let (o, known) = match checked {
        Ok(o) => o,
        Err(e) => {
            // Reported through the options' own onError too, if that is a function.
            let on_error = own(&options, "onError").dyn_into::<Function>().ok();
            emit_error(&host, on_error.as_ref(), "options", &describe(&e));
            return Err(e);
        }
    };
    pool::adopt(&host, &SHEET, &format!("{}{TEAM_STYLE}", super::assets::style()?))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let root = document.create_element("div")?;
    host.append_child(&root)?;
    let _ = host.set_attribute(MOUNTED_ATTR, "");
    let language = resolve(&o.locale);
    let texts = Shared(Rc::new(TeamTexts::of(language, TEAM_TEXTS_SOURCE)));
    let slot: Rc<Slot> = Rc::new(RefCell::new(None));
    let weak = Rc::downgrade(&slot);
    let onadd = {
        let weak = weak.clone();
        Callback::from(move |a: Added| added(&weak, a))
    };
    let onretry = {
        let weak = weak.clone();
        Callback::from(move |index: usize| load_src(weak.clone(), index))
    };
    let uid = AttrValue::from(format!("cxs{}", next_uid()));
    let placeholder = Shared(Rc::new(known.clone().unwrap_or_else(crate::engine::default_definition)));
    let srcs: Vec<Src> = [
        (o.results_src.clone(), Round::Current, "results-src"),
        (o.baseline_src.clone(), Round::Previous, "baseline-src"),
    ]
    .into_iter()
    .filter_map(|(url, round, code)| url.map(|url| Src { url, round, code, failed: None, reading: Some(0) }))
    .collect();
    let mut mounted = Mounted {
        host: host.clone(),
        root: root.clone(),
        app: Renderer::<TeamScreen>::with_root_and_props(
            root.clone(),
            TeamScreenProps {
                def: placeholder.clone(),
                report: None,
                texts: texts.clone(),
                locale: AttrValue::from(o.locale.clone()),
                onadd: onadd.clone(),
                failure: None,
                uid: uid.clone(),
                status: None,
                progress: Vec::new(),
                onretry: onretry.clone(),
            },
        )
        .render(),
        book: None,
        pending: Vec::new(),
        readings: Vec::new(),
        srcs,
        def: placeholder,
        locale: o.locale.clone(),
        texts,
        messages: Box::new(messages(language)),
        uid: uid.clone(),
        status: None,
        announced: false,
        group_by: o.group_by.clone(),
        min_group: o.min_group,
        report: None,
        failure: None,
        on_report: o.on_report.clone(),
        on_error: o.on_error.clone(),
        onadd,
        onretry,
    };
    if let Some(v) = o.results.clone() {
        mounted.pending.push(Input::Value { round: Round::Current, source: "results".into(), value: v });
    }
    if let Some(v) = o.baseline.clone() {
        mounted.pending.push(Input::Value { round: Round::Previous, source: "baseline".into(), value: v });
    }
    *slot.borrow_mut() = Some(mounted);
    match (known, o.definition_src.clone()) {
        (Some(def), _) => start(&weak, def),
        (None, Some(url)) => {
            let weak = weak.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match load_definition(&url).await {
                    Ok(def) => start(&weak, def),
                    Err((message, _)) => fail(&weak, "definition-src", message),
                }
            });
        }
        (None, None) => {}
    }
    Ok(handle_object(TeamHandle(slot)))
}
