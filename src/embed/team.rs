//! `mountTeam`: the team report's surface (the team module, `pkg/cx_scorecard_team*.js`).
//!
//! The results live here, in an engine `TeamBook`, so that the handle's `add()` and `report()` are
//! synchronous; the screen gets each new report as props and hands what the user adds back up.
//! Every change of the set of results fires `cx-scorecard:team-report` `{report}` on the element
//! and calls `onReport(report)`.

use super::fetch::{fetch_text, load_definition};
use super::options::{definition, describe, invalid_message, locale_tag, own, type_name};
use super::outlet::{emit, emit_error};
use super::{js_error, next_uid, pool};
use crate::engine::locales::{Strings as Sources, STRINGS_SOURCES};
use crate::engine::messages::{fill, resolve, Messages, EN};
use crate::engine::team::{At, Round, TeamBook, TeamReport, TeamTexts, TEAM_TEXTS_SOURCE};
use crate::engine::{Definition, Wording, DEFAULT_DEFINITION_SOURCE};
use crate::ui::strings::number_format;
use crate::ui::team::{Added, TeamScreen, TeamScreenProps};
use crate::ui::{wire, Shared};
use js_sys::{Function, Object};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::{CssStyleSheet, Element};
use yew::{AppHandle, AttrValue, Callback, Renderer};

/// The widget's stylesheet and the team report's rules.
const TEAM_STYLE: &str = include_str!(concat!(env!("OUT_DIR"), "/team.css"));

thread_local! {
    static SHEET: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

const MOUNTED_ATTR: &str = "data-cx-scorecard-team";
const OPTIONS: [&str; 11] = [
    "results",
    "resultsSrc",
    "baseline",
    "baselineSrc",
    "definition",
    "definitionSrc",
    "locale",
    "groupBy",
    "minGroup",
    "onReport",
    "onError",
];

struct TeamOptions {
    results: Option<JsValue>,
    results_src: Option<String>,
    baseline: Option<JsValue>,
    baseline_src: Option<String>,
    definition: Option<Definition>,
    definition_src: Option<String>,
    locale: String,
    group_by: String,
    min_group: usize,
    on_report: Option<Function>,
    on_error: Option<Function>,
}

fn text_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    match own(options, key) {
        v if v.is_undefined() || v.is_null() => Ok(None),
        v => v
            .as_string()
            .map(Some)
            .ok_or_else(|| js_error(format!("options.{key} must be a string, got {}", type_name(&v)))),
    }
}

fn url_option(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let Some(text) = text_option(options, key)? else { return Ok(None) };
    let base =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    let url = web_sys::Url::new_with_base(&text, &base)
        .map_err(|_| js_error(format!("options.{key} is not a URL: {}", crate::engine::text::quote(&text))))?;
    if !matches!(url.protocol().as_str(), "https:" | "http:") {
        return Err(js_error(format!(
            "options.{key} must be an http: or https: URL, got {}",
            crate::engine::text::quote(&text)
        )));
    }
    Ok(Some(url.href()))
}

fn callback_option(options: &JsValue, key: &str) -> Result<Option<Function>, JsValue> {
    match own(options, key) {
        v if v.is_undefined() || v.is_null() => Ok(None),
        v => v
            .dyn_into::<Function>()
            .map(Some)
            .map_err(|v| js_error(format!("options.{key} must be a function, got {}", type_name(&v)))),
    }
}

/// Reads the options: own properties only, each a known one of the right type.
fn read_options(options: &JsValue) -> Result<TeamOptions, JsValue> {
    if options.is_undefined() || options.is_null() {
        return read_options(&crate::ui::bare::<Object>().into());
    }
    if !options.is_object() || js_sys::Array::is_array(options) || options.is_function() {
        return Err(js_error(format!(
            "mountTeam(element, options): options must be an object, got {}",
            type_name(options)
        )));
    }
    for key in Object::keys(options.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()) {
        if !OPTIONS.contains(&key.as_str()) {
            return Err(js_error(format!(
                "options.{key} is not an option of mountTeam (its options are {})",
                OPTIONS.join(", ")
            )));
        }
    }
    let present = |key: &str| {
        let v = own(options, key);
        (!v.is_undefined() && !v.is_null()).then_some(v)
    };
    let def = match present("definition") {
        None => None,
        Some(v) => Some(
            definition("options.definition", &v)?
                .map_err(|errors| js_error(invalid_message("options.definition", &errors)))?,
        ),
    };
    let locale = match present("locale") {
        None => web_sys::window().and_then(|w| w.navigator().language()).unwrap_or_else(|| "en".into()),
        Some(v) => locale_tag("options.locale", &v)?,
    };
    let group_by = text_option(options, "groupBy")?.unwrap_or_else(|| "role".into());
    if group_by.trim().is_empty() {
        return Err(js_error("options.groupBy must name a profile question, got \"\""));
    }
    let min_group = match present("minGroup") {
        None => 3,
        Some(v) => {
            let n = v.as_f64().or_else(|| v.as_string().and_then(|s| s.trim().parse().ok()));
            match n {
                Some(n) if n.fract() == 0.0 && (1.0..=1_000_000.0).contains(&n) => n as usize,
                _ => {
                    return Err(js_error(format!(
                        "options.minGroup must be a whole number of at least 1, got {}",
                        v.as_string().map_or_else(|| type_name(&v), |s| crate::engine::text::quote(&s))
                    )))
                }
            }
        }
    };
    for key in ["results", "baseline"] {
        if let Some(v) = present(key) {
            if !(v.is_object() || v.is_string()) || v.is_function() {
                return Err(js_error(format!(
                    "options.{key} must be an array of results, a result, or their JSON or NDJSON text, got {}",
                    type_name(&v)
                )));
            }
        }
    }
    if present("definition").is_some() && present("definitionSrc").is_some() {
        return Err(js_error("options.definition and options.definitionSrc cannot both be given"));
    }
    Ok(TeamOptions {
        results: present("results"),
        results_src: url_option(options, "resultsSrc")?,
        baseline: present("baseline"),
        baseline_src: url_option(options, "baselineSrc")?,
        definition: def,
        definition_src: url_option(options, "definitionSrc")?,
        locale,
        group_by,
        min_group,
        on_report: callback_option(options, "onReport")?,
        on_error: callback_option(options, "onError")?,
    })
}

/// The engine's sentences of a language, from the strings the packs are made of.
fn messages(language: &str) -> Messages {
    let source = STRINGS_SOURCES.iter().find(|(l, _)| *l == language).map(|(_, s)| *s);
    match source.and_then(|s| serde_json::from_str::<Sources>(s).ok()) {
        Some(sources) => Messages::read(&sources.engine, &EN),
        None => EN,
    }
}

/// What a mounted team report holds.
struct Mounted {
    host: Element,
    root: Element,
    app: AppHandle<TeamScreen>,
    /// `None` while the definition loads; inputs wait in `pending` until then.
    book: Option<TeamBook>,
    pending: Vec<Input>,
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
    /// Respondents in both rounds and rejections, at the last report.
    counts: Option<(usize, usize)>,
    group_by: String,
    min_group: usize,
    report: Option<Shared<TeamReport>>,
    failure: Option<AttrValue>,
    on_report: Option<Function>,
    on_error: Option<Function>,
    onadd: Callback<Added>,
}

enum Input {
    Text { round: Round, source: String, text: Option<String> },
    Value { round: Round, source: String, value: JsValue },
}

type Slot = RefCell<Option<Mounted>>;

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
        }
    }

    fn take(&mut self, input: Input) {
        let Some(book) = self.book.as_mut() else {
            self.pending.push(input);
            return;
        };
        match input {
            Input::Text { round, source, text: Some(text) } => {
                book.add(round, &source, &text);
            }
            Input::Text { round, source, text: None } => book.unreadable(round, &source),
            Input::Value { round, source, value } => add_value(book, round, &source, &value),
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
        self.counts = None;
    }

    /// Makes the report anew and shows it, then returns it with the host and callback to tell.
    fn refresh(&mut self) -> Option<(Element, Option<Function>, JsValue)> {
        self.show();
        self.told()
    }

    /// Makes the report anew (once the definition is known) and shows it.
    fn show(&mut self) {
        self.make_report();
        self.app.update(self.props());
    }

    /// The report of the book, with the status line after an addition; nothing before the
    /// definition is known.
    fn make_report(&mut self) {
        let Some(book) = self.book.as_ref() else { return };
        let number = number_format(&self.locale);
        let w = Wording { locale: &self.locale, messages: &self.messages, number: &number };
        let report = Rc::new(book.report(&w, &self.texts));
        // Said after an addition, to either round (not of a first report, or a regrouped one).
        let counts = (book.respondents(), report.rejected.len());
        if let Some((respondents, rejected)) = self.counts {
            let added = counts.0.saturating_sub(respondents);
            let rejected = counts.1.saturating_sub(rejected);
            self.status = Some(AttrValue::from(fill(
                self.texts.added_status,
                &[("added", added.to_string()), ("rejected", rejected.to_string())],
            )));
        }
        self.counts = Some(counts);
        self.report = Some(Shared(report));
    }

    /// The report shown, with the host and callback to tell it to; marked as told.
    fn told(&mut self) -> Option<(Element, Option<Function>, JsValue)> {
        let report = self.report.as_ref()?;
        self.announced = true;
        Some((self.host.clone(), self.on_report.clone(), wire::to_js(&*report.0)))
    }
}

/// Adds a host's JS value: an array of results (or of result codes), one result, or text.
/// Objects are read field by field, only the fields a result is counted by, unless a page has put
/// one of those names (or an array index) on `Object.prototype` or `Array.prototype`, which a
/// field lookup would find: then each is read as JSON data first, own properties only
/// (`wire::value`), which is slower.
fn add_value(book: &mut TeamBook, round: Round, source: &str, value: &JsValue) {
    if let Some(text) = value.as_string() {
        book.add(round, source, &text);
        return;
    }
    let clean = prototypes_clean();
    let team = book.team(round);
    let mut add = |at: Option<At>, item: JsValue| {
        let _ = match item.as_string() {
            Some(text) => {
                team.add_item(source, at, &text);
                Ok(())
            }
            None if clean => team.add_from(source, at, serde_wasm_bindgen::Deserializer::from(item)),
            None => match wire::value(&item) {
                Ok(data) => team.add_from(source, at, &data),
                Err(_) => team.add_from(source, at, &serde_json::Value::Null),
            },
        };
    };
    if js_sys::Array::is_array(value) {
        for (i, item) in js_sys::Array::from(value).iter().enumerate() {
            add(Some(At::Result(i + 1)), item);
        }
    } else {
        add(None, value.clone());
    }
}

/// Whether neither `Object.prototype` nor `Array.prototype` has a property a result is read by.
fn prototypes_clean() -> bool {
    let object = js_sys::Object::get_prototype_of(&Object::new().into());
    let array = js_sys::Object::get_prototype_of(&js_sys::Array::new().into());
    let fields = ["id", "assessment", "version", "answers", "questionId", "value", "profile"];
    let named = fields.iter().any(|f| js_sys::Reflect::has(&object, &JsValue::from_str(f)).unwrap_or(true));
    let indexed = [&object, &array].iter().any(|p| {
        js_sys::Object::get_own_property_names(p)
            .iter()
            .any(|n| n.as_string().is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
    });
    !named && !indexed
}

/// `cx-scorecard:team-report`: the report of the results so far.
#[derive(Serialize, tsify::Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
pub struct TeamReportDetail {
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "TeamReport")]
    pub report: JsValue,
}

/// The team report's events, each dispatched as `cx-scorecard:<name>` with its detail (bubbling
/// and composed). A declaration only, as the widget's `WidgetEvents`.
#[derive(tsify::Tsify)]
#[tsify(hashmap_as_object, missing_as_null)]
#[serde(rename_all = "kebab-case")]
pub struct TeamEvents {
    /// The set of results changed (and once when the report first shows): the new report.
    pub team_report: TeamReportDetail,
    /// Something failed: its code (`options`, `results-src`, `baseline-src`, `definition-src`) and a readable message.
    pub error: super::ErrorDetail,
}

/// Tells the host about a new report (outside any borrow: its callback may call the handle).
fn tell(told: Option<(Element, Option<Function>, JsValue)>) {
    if let Some((host, on_report, report)) = told {
        let detail = wire::to_js(&TeamReportDetail { report: report.clone() });
        emit(&host, "team-report", &detail, on_report.as_ref(), &report);
    }
}

fn add(slot: &Weak<Slot>, inputs: Vec<Input>) {
    let Some(slot) = slot.upgrade() else { return };
    let told = {
        let Ok(mut guard) = slot.try_borrow_mut() else { return };
        let Some(m) = guard.as_mut() else { return };
        for input in inputs {
            m.take(input);
        }
        m.refresh()
    };
    tell(told);
}

fn error(slot: &Weak<Slot>, code: &str, message: &str) {
    let Some(slot) = slot.upgrade() else { return };
    let target = slot.borrow().as_ref().map(|m| (m.host.clone(), m.on_error.clone()));
    if let Some((host, on_error)) = target {
        emit_error(&host, on_error.as_ref(), code, &format!("cx-scorecard: {message}"));
    }
}

/// Fetches a results URL into a round; a failure is listed with the URL and reported.
fn fetch_results(slot: Weak<Slot>, round: Round, url: String, code: &'static str) {
    wasm_bindgen_futures::spawn_local(async move {
        match fetch_text(&url).await {
            Ok(text) => add(&slot, vec![Input::Text { round, source: url, text: Some(text) }]),
            Err(why) => {
                add(&slot, vec![Input::Text { round, source: format!("{url} ({why})"), text: None }]);
                error(&slot, code, &format!("could not load results from {url}: {why}"));
            }
        }
    });
}

/// Uses the definition once it is known: the pending inputs are added, and the report shown.
fn start(slot: &Weak<Slot>, def: Definition) {
    let Some(rc) = slot.upgrade() else { return };
    {
        let mut guard = rc.borrow_mut();
        let Some(m) = guard.as_mut() else { return };
        m.book = Some(TeamBook::new(def.clone(), &m.group_by, m.min_group));
        m.def = Shared(Rc::new(def));
        for input in std::mem::take(&mut m.pending) {
            m.take(input);
        }
        m.show();
    }
    // The first report is told once the handle is returned (a listener may call it), unless an
    // add() on the handle has told a newer one by then.
    let slot = slot.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let Some(rc) = slot.upgrade() else { return };
        let told = {
            let Ok(mut guard) = rc.try_borrow_mut() else { return };
            let Some(m) = guard.as_mut().filter(|m| !m.announced) else { return };
            m.told()
        };
        tell(told);
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

/// A mounted team report's handle, as Rust holds it (JS gets a plain object of its methods).
struct TeamHandle(Rc<Slot>);

const DESTROYED: &str = "this team report was destroyed";

impl TeamHandle {
    /// An error when the report is gone, or busy: called back from inside itself (by a getter of
    /// the results it is reading, say), when it cannot be changed.
    fn usable(&self, method: &str) -> Result<(), JsValue> {
        match self.0.try_borrow() {
            Ok(slot) if slot.is_none() => Err(js_error(format!("{method}(): {DESTROYED}"))),
            Ok(_) => Ok(()),
            Err(_) => Err(js_error(format!(
                "{method}(): the team report is busy reading results; call it once add() has returned"
            ))),
        }
    }

    fn add(&self, results: JsValue, round: JsValue) -> Result<JsValue, JsValue> {
        self.usable("add")?;
        let round = match round.as_string().as_deref() {
            _ if round.is_undefined() || round.is_null() => Round::Current,
            Some("current") => Round::Current,
            Some("previous") => Round::Previous,
            _ => {
                return Err(js_error(format!(
                    "add(results, round): round must be \"current\" or \"previous\", got {}",
                    describe(&round)
                )))
            }
        };
        if results.is_undefined()
            || results.is_null()
            || results.is_function()
            || !(results.is_object() || results.is_string())
        {
            return Err(js_error(format!(
                "add(results): results must be an array of results, a result, or their JSON or NDJSON text, got {}",
                type_name(&results)
            )));
        }
        add(&Rc::downgrade(&self.0), vec![Input::Value { round, source: "add()".into(), value: results }]);
        Ok(self.report())
    }

    fn report(&self) -> JsValue {
        let Ok(slot) = self.0.try_borrow() else { return JsValue::NULL };
        slot.as_ref().and_then(|m| m.report.as_ref().map(|r| wire::to_js(&*r.0))).unwrap_or(JsValue::NULL)
    }

    /// Changes the language, the grouping question or the smallest group shown: every result
    /// added so far is counted again.
    fn update(&self, options: JsValue) -> Result<JsValue, JsValue> {
        self.usable("update")?;
        const CHANGEABLE: [&str; 3] = ["locale", "groupBy", "minGroup"];
        if !options.is_object() || js_sys::Array::is_array(&options) || options.is_function() {
            return Err(js_error(format!("update(options): options must be an object, got {}", type_name(&options))));
        }
        let keys: Vec<String> =
            Object::keys(options.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).collect();
        if let Some(key) = keys.iter().find(|k| !CHANGEABLE.contains(&k.as_str())) {
            return Err(js_error(format!(
                "update(options): options.{key} cannot change on a mounted team report (update takes {}; mount again for the rest)",
                CHANGEABLE.join(", ")
            )));
        }
        let o = read_options(&options)?;
        let given = |k: &str| keys.iter().any(|x| x == k);
        let told = {
            let Ok(mut guard) = self.0.try_borrow_mut() else { return Ok(JsValue::NULL) };
            let Some(m) = guard.as_mut() else { return Ok(JsValue::NULL) };
            m.regroup(
                given("locale").then_some(o.locale),
                given("groupBy").then_some(o.group_by),
                given("minGroup").then_some(o.min_group),
            );
            m.refresh()
        };
        tell(told);
        Ok(self.report())
    }

    fn destroy(&self) {
        self.destroy_or_retry(true);
    }

    fn destroy_or_retry(&self, retry: bool) {
        let Ok(mut slot) = self.0.try_borrow_mut() else {
            // Busy reading (destroy() called back from a getter of the results): once that is done.
            if retry {
                let again = TeamHandle(self.0.clone());
                wasm_bindgen_futures::spawn_local(async move { again.destroy_or_retry(false) });
            }
            return;
        };
        let taken = slot.take();
        drop(slot);
        if let Some(m) = taken {
            m.app.destroy();
            m.root.remove();
            let _ = m.host.remove_attribute(MOUNTED_ATTR);
        }
    }
}

/// Mounts the team report into `element` (see the embedding contract's "Team report") and
/// returns its handle `{add(results, round?), report(), destroy()}`. Bad options throw an
/// `Error` naming the option.
#[wasm_bindgen(js_name = mountTeam, skip_typescript)]
pub fn mount_team(element: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let host: Element = element.dyn_into().map_err(|v| {
        js_error(format!("mountTeam(element, options): element must be an Element, got {}", type_name(&v)))
    })?;
    if host.has_attribute(MOUNTED_ATTR) {
        return Err(js_error(
            "mountTeam(element): a team report is already mounted in this element; destroy() it first",
        ));
    }
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let o = match read_options(&options) {
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
    let builtin =
        || Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap_or_else(|_| crate::engine::default_definition());
    let known = match (&o.definition, &o.definition_src) {
        (Some(d), _) => Some(d.clone()),
        (None, Some(_)) => None,
        (None, None) => Some(builtin()),
    };
    let slot: Rc<Slot> = Rc::new(RefCell::new(None));
    let weak = Rc::downgrade(&slot);
    let onadd = {
        let weak = weak.clone();
        Callback::from(move |a: Added| add(&weak, vec![Input::Text { round: a.round, source: a.source, text: a.text }]))
    };
    let uid = AttrValue::from(format!("cxs{}", next_uid()));
    let placeholder = Shared(Rc::new(known.clone().unwrap_or_else(crate::engine::default_definition)));
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
            },
        )
        .render(),
        book: None,
        pending: Vec::new(),
        def: placeholder,
        locale: o.locale.clone(),
        texts,
        messages: Box::new(messages(language)),
        uid: uid.clone(),
        status: None,
        announced: false,
        counts: None,
        group_by: o.group_by.clone(),
        min_group: o.min_group,
        report: None,
        failure: None,
        on_report: o.on_report.clone(),
        on_error: o.on_error.clone(),
        onadd,
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
    if let Some(url) = o.results_src {
        fetch_results(weak.clone(), Round::Current, url, "results-src");
    }
    if let Some(url) = o.baseline_src {
        fetch_results(weak.clone(), Round::Previous, url, "baseline-src");
    }
    Ok(handle_object(TeamHandle(slot)))
}

/// The handle as a plain JS object whose methods call the Rust handle.
fn handle_object(handle: TeamHandle) -> JsValue {
    let handle = Rc::new(handle);
    let o = Object::new();
    let set = |name: &str, f: JsValue| {
        let _ = js_sys::Reflect::set(&o, &JsValue::from_str(name), &f);
    };
    let h = handle.clone();
    set(
        "add",
        Closure::<dyn Fn(JsValue, JsValue) -> Result<JsValue, JsValue>>::new(move |r, round| h.add(r, round))
            .into_js_value(),
    );
    let h = handle.clone();
    set("report", Closure::<dyn Fn() -> JsValue>::new(move || h.report()).into_js_value());
    let h = handle.clone();
    set("update", Closure::<dyn Fn(JsValue) -> Result<JsValue, JsValue>>::new(move |o| h.update(o)).into_js_value());
    let h = handle;
    set("destroy", Closure::<dyn Fn()>::new(move || h.destroy()).into_js_value());
    o.into()
}

#[wasm_bindgen(typescript_custom_section)]
const TEAM_TS: &str = r#"
/** The options of `mountTeam` (see the embedding contract's "Team report"). */
export interface TeamOptions {
    /** Results: an array of result objects, one result, or JSON / NDJSON text or result codes. */
    results?: AssessmentResult[] | AssessmentResult | string;
    /** A URL of a JSON array of results, or NDJSON with one result per line. */
    resultsSrc?: string;
    /** A previous round's results, to compare with (as `results`). */
    baseline?: AssessmentResult[] | AssessmentResult | string;
    /** A URL of a previous round's results (as `resultsSrc`). */
    baselineSrc?: string;
    /** The assessment the results belong to (default: the built-in one). */
    definition?: Definition | string;
    /** A URL to fetch the assessment's definition from (not with `definition`). */
    definitionSrc?: string;
    /** A language tag; default: the browser's. */
    locale?: string;
    /** The profile question whose answers form the groups (default "role"). */
    groupBy?: string;
    /** The smallest group shown on its own (default 3). */
    minGroup?: number;
    /** Called with the report whenever the set of results changes. */
    onReport?: (report: TeamReport) => void;
    onError?: (detail: ErrorDetail) => void;
}

/** A mounted team report, as `mountTeam` returns it. */
export interface TeamHandle {
    /** Adds results (to the previous round with "previous") and returns the new report: `null`
     *  while a `definitionSrc` is still loading (the results wait for it). */
    add(results: AssessmentResult[] | AssessmentResult | string, round?: "current" | "previous"): TeamReport | null;
    /** The report of the results so far; null until the definition is known. */
    report(): TeamReport | null;
    /** Changes the language, the grouping question or the smallest group shown, and returns
     *  the new report: every result added so far (from any source) is counted again. */
    update(options: Pick<TeamOptions, "locale" | "groupBy" | "minGroup">): TeamReport | null;
    /** Removes the team report from the page. Calling it again does nothing. */
    destroy(): void;
}

/** Mounts the team report into `element`. Bad options throw an `Error` naming the option. */
export function mountTeam(element: Element, options?: TeamOptions): TeamHandle;
"#;
