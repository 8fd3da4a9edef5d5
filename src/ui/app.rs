//! The App component: one `use_reducer` holds the session; its `Reducible` delegates to the
//! engine. Events leave through callbacks, fired from effects, never from the reducer.

use super::intro::Intro;
use super::lead::LeadPage;
use super::report::Results;
use super::screens::{DimensionPage, ProfilePage};
use super::storage::{self, Notice, Offers};
use super::strings::{self, fill, strings};
use super::{frame, Shared};
use crate::engine::history::{kept_key, Kept};
use crate::engine::lead::{Lead, LeadConfig, LeadMode};
use crate::engine::outbox::Status;
use crate::engine::saved::storage_key;
use crate::engine::{build_result, Action, AssessmentResult, Definition, LeadGate, LeadPlace, Session, Step, Wording};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The reducer state: the definition and the engine's session.
#[derive(Debug, PartialEq)]
pub struct AppState {
    pub def: Rc<Definition>,
    pub session: Rc<Session>,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.session.apply(&self.def, action) {
            Ok(session) if session != *self.session => {
                Rc::new(AppState { def: self.def.clone(), session: Rc::new(session) })
            }
            _ => self,
        }
    }
}

/// Lets the embedding layer send actions (such as reset) into a mounted app.
#[derive(Clone, Default)]
pub struct Remote(Rc<RefCell<Option<Callback<Action>>>>);

impl Remote {
    /// Sends an action; returns false when the app is not mounted.
    pub fn send(&self, action: Action) -> bool {
        match self.0.borrow().as_ref() {
            Some(cb) => {
                cb.emit(action);
                true
            }
            None => false,
        }
    }
}

impl Remote {
    /// Drops the app's dispatcher. The dispatcher refers back to the component, whose props hold
    /// this remote, so an unmounted app is only freed once this cycle is broken.
    pub fn clear(&self) {
        self.0.borrow_mut().take();
    }
}

impl PartialEq for Remote {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where a widget saves its answers and what it found there.
#[derive(Clone, PartialEq)]
struct Store {
    key: Rc<str>,
    /// Autosave is on and this widget holds the key.
    saving: bool,
    offers: Offers,
    notice: Option<Notice>,
    /// What is stored that can never be resumed, deleted once the widget holds the key.
    discard: Rc<[String]>,
}

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    pub definition: Shared<Definition>,
    /// The lead gate (off unless the host asks for it).
    #[prop_or_else(|| Shared(Rc::new(LeadConfig::off())))]
    pub lead: Shared<LeadConfig>,
    /// The state of the submission to the host's `submit-url`, if any.
    #[prop_or_default]
    pub submission: Option<Status>,
    #[prop_or_default]
    pub onretry: Callback<()>,
    /// The user chose not to send the result (it is deleted from the outbox).
    #[prop_or_default]
    pub ondiscard: Callback<()>,
    #[prop_or_else(|| AttrValue::from("en"))]
    pub locale: AttrValue,
    /// Save answers in localStorage and offer to resume them.
    #[prop_or(true)]
    pub autosave: bool,
    /// Separates this widget's autosave from other widgets of the same assessment (`storageKey`).
    #[prop_or_default]
    pub storage_key: Option<AttrValue>,
    /// Calls to action by result (the `cta` option): the first that matches is shown.
    #[prop_or_default]
    pub cta: Rc<Vec<crate::engine::cta::Cta>>,
    /// Offer the result code on the results (the `resultCode` option).
    #[prop_or_default]
    pub result_code: bool,
    /// Where the respondent came from, put into the result (the `attribution` option).
    #[prop_or_default]
    pub attribution: Option<Rc<crate::engine::attribution::Attribution>>,
    /// Unique per mounted widget; prefixes ids and radio-group names.
    #[prop_or_else(|| AttrValue::from("cxs"))]
    pub uid: AttrValue,
    /// Extra class on the root: `cxs-light` or `cxs-dark` (none follows `prefers-color-scheme`).
    #[prop_or_default]
    pub scheme: AttrValue,
    #[prop_or_default]
    pub onready: Callback<()>,
    /// (answered, total)
    #[prop_or_default]
    pub onprogress: Callback<(usize, usize)>,
    /// Where the user got to: began, a statement page shown, the lead form shown.
    #[prop_or_default]
    pub onfunnel: Callback<Funnel>,
    /// The result when the assessment completes; `None` when a completed session is reset.
    #[prop_or_default]
    pub onresult: Callback<Option<Rc<AssessmentResult>>>,
    /// A lead given before the first statement (`before-start`); a lead given later comes with the
    /// result instead.
    #[prop_or_default]
    pub onlead: Callback<Rc<Lead>>,
    #[prop_or_default]
    pub remote: Remote,
}

/// A step of the funnel that hosts chart (the funnel events of the embedding contract).
#[derive(Clone, Debug, PartialEq)]
pub enum Funnel {
    /// The user began (Start, or continued saved answers or a link).
    Start,
    /// The user followed the call to action `id` (to `url`), with the overall level.
    Cta { id: String, url: String, level: Option<u8> },
    /// A statement page was shown: its index (from 0) of `total`, and its dimension.
    Page { index: usize, total: usize, dimension_id: String },
    /// The lead form was shown.
    LeadShown,
}

/// A long-lived Yew app root that hosts one widget at a time. Yew keeps the event listeners of
/// every app root for the life of the page, so roots are pooled and reused rather than destroyed:
/// `app: None` unmounts the widget, and a new `generation` mounts a fresh one.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct RootProps {
    pub app: Option<AppProps>,
    pub generation: u32,
    /// Shown instead of the app while its definition loads.
    pub loading: bool,
    /// Shown instead of the app when it cannot start.
    pub failure: Option<Failure>,
}

/// Why the widget cannot start: a headline and the list of problems.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub message: AttrValue,
    pub problems: Rc<Vec<String>>,
    pub locale: AttrValue,
}

#[component]
pub fn Root(props: &RootProps) -> Html {
    if let Some(f) = &props.failure {
        let s = strings(&f.locale);
        return html! {
            <div class="cxs cxs-failure" part="root error" role="alert" lang={f.locale.clone()}>
                <h2 class="cxs-heading">{ s.failure_title }</h2>
                <p>{ f.message.clone() }</p>
                if !f.problems.is_empty() {
                    <ul class="cxs-problems">{ for f.problems.iter().map(|p| html! { <li><code>{ p.clone() }</code></li> }) }</ul>
                }
            </div>
        };
    }
    match &props.app {
        Some(app) if props.loading => html! {
            <div class="cxs" part="root" lang={app.locale.clone()}>
                <p class="cxs-note" role="status">{ strings(&app.locale).loading }</p>
            </div>
        },
        Some(app) => html! { <App key={props.generation} ..app.clone() /> },
        None => Html::default(),
    }
}

/// An object without a prototype, as a dictionary for a browser API (fetch's init, an event's
/// init, `Intl` options): members the widget does not set are then absent, whatever a page has
/// set on `Object.prototype`.
pub fn bare<T: wasm_bindgen::JsCast>() -> T {
    js_sys::Object::create(wasm_bindgen::JsValue::NULL.unchecked_ref::<js_sys::Object>()).unchecked_into()
}

/// A random id for a new session's result (128 bits from the browser's CSPRNG).
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let crypto = web_sys::window().and_then(|w| w.crypto().ok());
    if crypto.is_none_or(|c| c.get_random_values_with_u8_array(&mut bytes).is_err()) {
        // No crypto: fall back to time and Math.random, still unique enough for an idempotency key.
        let t = js_sys::Date::now().to_bits().to_le_bytes();
        let r = (js_sys::Math::random() * 2f64.powi(53)) as u64;
        bytes[..8].copy_from_slice(&t);
        bytes[8..].copy_from_slice(&r.to_le_bytes());
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The current time as ISO 8601: the UI passes time into the engine.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_reducer({
        let def = props.definition.clone();
        let gate = match (props.lead.enabled(), props.lead.allow_skip) {
            (false, _) => LeadGate::Off,
            (true, false) => LeadGate::Required,
            (true, true) => LeadGate::Skippable,
        };
        let place = match props.lead.mode {
            LeadMode::BeforeStart => LeadPlace::BeforeStart,
            LeadMode::Teaser => LeadPlace::Teaser,
            LeadMode::Off | LeadMode::BeforeResults => LeadPlace::BeforeResults,
        };
        move || AppState { def: def.0, session: Rc::new(Session::gated(gate, place)) }
    });
    let dispatch = state.dispatcher();
    // Where this widget saves, whether it may (one widget per key on a page), what a returning
    // user may continue, and anything to tell them about saved answers.
    let scope = props.storage_key.clone();
    let root = use_node_ref();
    // Rendered from the first frame as found (reading storage only); the claim and the
    // deletions happen once mounted.
    let store = use_state(|| {
        let key = storage_key(&props.definition, scope.as_deref());
        let saving = props.autosave && storage::is_free(&key);
        let (offers, notice, discard) =
            storage::find(&props.definition, &key, scope.as_deref(), saving, &state.session);
        let notice = if props.autosave && !saving { Some(Notice::Shared) } else { notice };
        Store { key: Rc::from(key), saving, offers, notice, discard: Rc::from(discard) }
    });
    {
        // Claim the key, delete what can never be resumed, and give the key back when the widget
        // goes. Should another widget have claimed the key meanwhile, this one does not save.
        let (store, root) = (store.clone(), root.clone());
        use_effect_with((), move |_| {
            let found = (*store).clone();
            let saving = found.saving && storage::claim(&found.key, &root);
            if saving {
                found.discard.iter().for_each(|k| storage::forget(k));
            } else if found.saving {
                let offers = Offers { saved: None, ..found.offers.clone() };
                store.set(Store { saving, offers, notice: Some(Notice::Shared), ..found.clone() });
            }
            move || {
                if saving {
                    storage::release(&found.key, &root);
                }
            }
        });
    }
    let notice = store.notice;
    // The last completion kept in this browser (progress since last time), only where this widget
    // saves: with autosave off nothing is read or kept.
    let kept_at = kept_key(&props.definition, scope.as_deref());
    let kept = use_state(|| if store.saving { storage::read_kept(&props.definition, &kept_at) } else { None });
    {
        // The embed layer's way in (reset, iframe commands), for as long as this app is mounted.
        let (remote, dispatch) = (props.remote.clone(), dispatch.clone());
        use_effect_with((), move |_| {
            let send = Callback::from(move |a| dispatch.dispatch(a));
            *remote.0.borrow_mut() = Some(send.clone());
            move || {
                let mut held = remote.0.borrow_mut();
                if held.as_ref() == Some(&send) {
                    held.take();
                }
            }
        });
    }
    let locale = props.locale.clone();
    let s = strings(&locale);
    let session = state.session.clone();
    // The props carry the definition with every language loaded so far (the reducer's copy has the
    // same structure, which is all the engine needs).
    let def = props.definition.clone();
    let step = session.step;
    // Pages focus their heading when they appear, except on the first render: the host owns focus.
    let rendered = use_mut_ref(|| false);
    let autofocus = *rendered.borrow();
    {
        let rendered = rendered.clone();
        use_effect(move || *rendered.borrow_mut() = true);
    }
    {
        let onready = props.onready.clone();
        use_effect_with((), move |_| onready.emit(()));
    }
    {
        // The funnel: each step the user reaches, once per change of step (never on the first
        // render, which is the intro).
        let (onfunnel, def) = (props.onfunnel.clone(), def.clone());
        let last = use_mut_ref(|| step);
        use_effect_with(step, move |&step| {
            let before = std::mem::replace(&mut *last.borrow_mut(), step);
            if before == step {
                return;
            }
            if before == Step::Intro {
                onfunnel.emit(Funnel::Start);
            }
            match step {
                Step::Dimension(index) => onfunnel.emit(Funnel::Page {
                    index,
                    total: def.dimensions.len(),
                    dimension_id: def.dimensions[index].id.clone(),
                }),
                Step::Lead => onfunnel.emit(Funnel::LeadShown),
                _ => {}
            }
        });
    }
    let (answered, total) = session.progress(&def);
    {
        let onprogress = props.onprogress.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(answered, move |&answered| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                onprogress.emit((answered, total));
            }
        });
    }
    // Autosave: every change is stored. A reset (back to a fresh intro from a started session)
    // forgets; the first render never does, so what is stored waits for the user's choice.
    {
        let (def, store, scope) = (def.clone(), store.clone(), scope.clone());
        let was_started = use_mut_ref(|| false);
        use_effect_with(Shared(session.clone()), move |session| {
            if !store.saving {
                return;
            }
            let fresh = session.started_at.is_none() && session.step == Step::Intro;
            if fresh {
                if std::mem::replace(&mut *was_started.borrow_mut(), false) {
                    storage::forget(&store.key);
                }
            } else {
                *was_started.borrow_mut() = true;
                if !storage::save(&def, &store.key, scope.as_deref(), session)
                    && store.notice != Some(Notice::Unavailable)
                {
                    store.set(Store { notice: Some(Notice::Unavailable), ..(*store).clone() });
                }
            }
        });
    }
    let attribution = props.attribution.clone();
    let result = use_memo((Shared(session.clone()), locale.clone(), kept.clone()), |(session, locale, kept)| {
        let number = strings::number_format(locale);
        let wording = Wording { locale, messages: strings::messages(locale), number: &number };
        build_result(&def, session, &wording).map(|mut r| {
            r.attribution = attribution.as_deref().cloned();
            r.previous = kept.as_ref().and_then(|k| k.previous_for(&r)).cloned();
            Rc::new(r)
        })
    });
    {
        // A completion (not the results shown again on resuming) is kept, for next time.
        let (store, kept, key, result) = (store.clone(), kept.clone(), kept_at.clone(), (*result).clone());
        let last = use_mut_ref(|| step);
        use_effect_with(step, move |&step| {
            let before = std::mem::replace(&mut *last.borrow_mut(), step);
            if let (Step::Results, Step::Dimension(_) | Step::Lead, Some(r)) = (step, before, result) {
                let next = Kept::after(kept.as_ref(), &r);
                if store.saving && storage::keep(&key, &next) {
                    kept.set(Some(next));
                }
            }
        });
    }
    {
        // A lead given before the first statement is reported when given; one given later comes
        // with its result (below), so this runs before the result's effect.
        let onlead = props.onlead.clone();
        let lead = session.lead.clone();
        use_effect_with(lead.is_some(), move |&given| {
            if let Some(lead) = lead.filter(|_| given && step != Step::Results) {
                onlead.emit(Rc::new(lead));
            }
        });
    }
    let onforget = {
        let (store, kept, key) = (store.clone(), kept.clone(), kept_at.clone());
        (store.saving && kept.is_some()).then(|| {
            Callback::from(move |()| {
                storage::forget(&key);
                kept.set(None);
            })
        })
    };
    {
        let onresult = props.onresult.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(session.completed_at.clone(), {
            let result = (*result).clone();
            move |_| {
                if !std::mem::replace(&mut *first.borrow_mut(), false) || result.is_some() {
                    onresult.emit(result);
                }
            }
        });
    }

    let send = |action: fn() -> Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: ()| dispatch.dispatch(action()))
    };
    let onstart = send(|| Action::Start { at: now_iso(), id: new_id() });
    let onnext = send(|| Action::Next { at: now_iso() });
    let onback = send(|| Action::Back);
    let onrestart = send(|| Action::Reset);
    let ondispatch = Callback::from({
        let dispatch = dispatch.clone();
        move |a: Action| dispatch.dispatch(a)
    });

    let onresume = {
        let (store, dispatch) = (store.clone(), dispatch.clone());
        Callback::from(move |from_link: bool| {
            let chosen = if from_link { &store.offers.link } else { &store.offers.saved };
            if let Some(session) = chosen {
                dispatch.dispatch(Action::Resume(Box::new((**session).clone())));
                store.set(Store { offers: Offers::default(), ..(*store).clone() });
            }
        })
    };
    let onstartover = {
        let store = store.clone();
        Callback::from(move |()| {
            if store.saving {
                storage::forget(&store.key);
            }
            store.set(Store { offers: Offers::default(), ..(*store).clone() });
        })
    };
    let answered_in = |s: &Option<Rc<Session>>| s.as_ref().map(|s| s.progress(&def).0);
    let (link, saved) = (answered_in(&store.offers.link), answered_in(&store.offers.saved));
    let body = match step {
        Step::Intro => {
            html! { <Intro def={def.clone()} {locale} {autofocus} {onstart} {link} {saved} {onresume} {onstartover} /> }
        }
        Step::Profile => html! {
            <ProfilePage def={def.clone()} {session} {locale} uid={props.uid.clone()} {autofocus} ondispatch={ondispatch.clone()} {onnext} {onback} />
        },
        Step::Dimension(index) => html! {
            <DimensionPage key={index} def={def.clone()} {index} {session} {locale} uid={props.uid.clone()} {autofocus} {ondispatch} {onnext} {onback} />
        },
        Step::Lead => {
            // In teaser mode the form stands below the summary of the result it will open.
            let teaser = (props.lead.mode == LeadMode::Teaser).then(|| {
                let mut done = (*session).clone();
                done.completed_at = Some(String::new());
                let number = strings::number_format(&locale);
                let wording = Wording { locale: &locale, messages: strings::messages(&locale), number: &number };
                build_result(&def, &done, &wording).map(|r| Shared(Rc::new(r)))
            });
            html! {
                <LeadPage config={props.lead.clone()} {locale} uid={props.uid.clone()} {autofocus} {ondispatch} {onback}
                    teaser={teaser.flatten()} def={def.clone()} />
            }
        }
        Step::Results => match (*result).clone() {
            Some(result) => {
                let cta = crate::engine::cta::choose(&props.cta, &result).cloned().map(Rc::new);
                // The answers and profile answers for the team report (never the lead).
                let code = props.result_code.then(|| {
                    AttrValue::from(crate::engine::code::encode(&def, &result.id, &session.answers, &result.profile))
                });
                let oncta = {
                    let (onfunnel, level) = (props.onfunnel.clone(), result.overall.level);
                    Callback::from(move |c: Rc<crate::engine::cta::Cta>| {
                        onfunnel.emit(Funnel::Cta { id: c.id.clone(), url: c.url.clone(), level })
                    })
                };
                html! {
                    <Results {result} def={def.clone()} {locale} uid={props.uid.clone()} {autofocus} {onrestart} {cta} {oncta}
                        full={session.full_report()} kept={store.saving && kept.is_some()} {onforget} {code}
                        submission={props.submission.clone()} onretry={props.onretry.clone()} ondiscard={props.ondiscard.clone()} />
                }
            }
            None => html! {},
        },
    };
    let live = match step {
        Step::Dimension(_) => fill(
            "{a} {of} {t} {answered}",
            &[
                ("a", answered.to_string()),
                ("of", s.of.to_string()),
                ("t", total.to_string()),
                ("answered", s.answered.to_string()),
            ],
        ),
        _ => String::new(),
    };
    let notice_text = match (notice, step) {
        (Some(Notice::Unavailable), Step::Intro | Step::Profile | Step::Dimension(_)) => Some(s.notice_unavailable),
        (Some(Notice::Shared), Step::Intro | Step::Profile | Step::Dimension(_)) => Some(s.notice_shared),
        (Some(Notice::Corrupt), Step::Intro) => Some(s.notice_corrupt),
        (Some(Notice::OtherVersion), Step::Intro) => Some(s.notice_other_version),
        (Some(Notice::BadLink), Step::Intro) => Some(s.notice_bad_link),
        _ => None,
    };
    frame(&props.scheme, &props.locale, live, notice_text, root, body)
}
