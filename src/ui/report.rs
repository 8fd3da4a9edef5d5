//! The results report: level and reasons, top priorities, radar chart and bars, recommendations,
//! context figures, downloads, print, and the submission status.

use crate::engine::export::answers_csv;
use crate::engine::history::{change, signed};
use crate::engine::outbox::{Reason, Status};
use crate::engine::result::AssessmentResult;
use crate::engine::Definition;
use crate::ui::strings::{fill, strings, Strings};
use crate::ui::Shared;
use std::f64::consts::PI;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::engine::messages::one_decimal;

/// Saves `text` as a file through a temporary object URL.
pub(crate) fn download(name: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let options: web_sys::BlobPropertyBag = super::bare();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&js_sys::Array::of1(&text.into()), &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    gloo_timers::callback::Timeout::new(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// A date for people, in the locale.
fn local_date(iso: &str, locale: &str) -> String {
    date_with(iso, locale, &[("dateStyle", "long")])
}

/// A date in the locale with the given `Intl.DateTimeFormat` options.
fn date_with(iso: &str, locale: &str, options: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let given: js_sys::Object = super::bare();
    for (k, v) in options {
        let _ = js_sys::Reflect::set(&given, &(*k).into(), &(*v).into());
    }
    String::from(date.to_locale_date_string(locale, &given))
}

/// An earlier completion's day, short ("3 March"; with the year when it is not `now`'s).
fn earlier_day(iso: &str, now: &str, locale: &str) -> String {
    if iso.get(..4) == now.get(..4) {
        date_with(iso, locale, &[("day", "numeric"), ("month", "long")])
    } else {
        date_with(iso, locale, &[("day", "numeric"), ("month", "long"), ("year", "numeric")])
    }
}

/// The overall level and score, with the change since last time (`change`) when there is one.
fn overall(s: &Strings, r: &AssessmentResult, def: &Definition, locale: &str, change: Option<String>) -> Html {
    let o = &r.overall;
    let number = super::strings::number_format(locale);
    let level_description =
        o.level.and_then(|lv| def.level(lv)).and_then(|lv| lv.description.as_ref()).map(|d| d.get(locale).to_string());
    html! {
        <div class="cxs-overall" part="overall">
            if let (Some(score), Some(level), Some(name)) = (o.score, o.level, &o.level_name) {
                <p class="cxs-level">{ format!("{} {level}: ", s.level) }<strong>{ name.clone() }</strong></p>
                <p class="cxs-score">{ format!("{}: ", s.overall) }<strong>{ fill(s.score_of, &[("s", number(score))]) }</strong>
                    if let Some(text) = change { { " " }<span class="cxs-change" part="change">{ text }</span> }
                </p>
                if let Some(d) = level_description { <p class="cxs-level-desc">{ d }</p> }
            } else {
                <p class="cxs-level"><strong>{ s.not_assessed }</strong></p>
                <p>{ s.not_assessed_overall }</p>
            }
        </div>
    }
}

/// The top priority: the first recommendation, with its dimension.
fn top_priority(s: &Strings, r: &AssessmentResult) -> Html {
    let Some(rec) = r.recommendations.first() else { return Html::default() };
    let title = r.dimensions.iter().find(|d| d.id == rec.dimension_id).map(|d| d.title.clone()).unwrap_or_default();
    html! {
        <div class="cxs-top" part="top-priority">
            <h3>{ s.top_priority }</h3>
            <p><strong>{ rec.text.clone() }</strong>{ " — " }{ title }</p>
        </div>
    }
}

/// The summary the teaser shows above its form: the level, the overall score and the top priority.
pub fn summary(s: &Strings, r: &AssessmentResult, def: &Definition, locale: &str) -> Html {
    html! { <>{ overall(s, r, def, locale, None) }{ top_priority(s, r) }</> }
}

fn file_stem(r: &AssessmentResult) -> String {
    let day: String = r.completed_at.chars().take(10).filter(|c| c.is_ascii_digit() || *c == '-').collect();
    format!("{}-{}", r.assessment.id, day)
}

/// The radar chart: one axis per dimension, numbered like the bar list it is the picture of.
fn radar(s: &Strings, r: &AssessmentResult, uid: &str, number: &dyn Fn(f64) -> String) -> Html {
    let n = r.dimensions.len();
    if n < 3 {
        return Html::default();
    }
    let point = |i: usize, radius: f64| {
        // JS Math keeps libm's trigonometry out of the wasm.
        let a = -PI / 2.0 + 2.0 * PI * i as f64 / n as f64;
        (radius * js_sys::Math::cos(a), radius * js_sys::Math::sin(a))
    };
    let polygon = |radius: &dyn Fn(usize) -> f64| {
        (0..n)
            .map(|i| point(i, radius(i)))
            .map(|(x, y)| format!("{},{}", one_decimal(x), one_decimal(y)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let title_id = format!("{uid}-radar-title");
    let desc_id = format!("{uid}-radar-desc");
    let desc = r
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{}. {}: {}", i + 1, d.title, d.score.map_or(s.not_assessed.to_string(), number)))
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <svg class="cxs-radar" viewBox="-135 -125 270 250" role="img" aria-labelledby={format!("{title_id} {desc_id}")} part="chart">
            <title id={title_id}>{ s.chart_title }</title>
            <desc id={desc_id}>{ desc }</desc>
            { for [25.0, 50.0, 75.0, 100.0].iter().map(|ring| html! {
                <polygon class="cxs-radar-ring" points={polygon(&|_| *ring)} />
            }) }
            { for (0..n).map(|i| { let (x, y) = point(i, 100.0); html! {
                <line class="cxs-radar-axis" x1="0" y1="0" x2={one_decimal(x)} y2={one_decimal(y)} />
            }}) }
            <polygon class="cxs-radar-area" points={polygon(&|i| r.dimensions[i].score.unwrap_or(0.0))} />
            { for r.dimensions.iter().enumerate().map(|(i, d)| {
                let (x, y) = point(i, d.score.unwrap_or(0.0));
                let (lx, ly) = point(i, 114.0);
                html! { <>
                    if d.score.is_some() { <circle class="cxs-radar-dot" cx={one_decimal(x)} cy={one_decimal(y)} r="3.5" /> }
                    <text class="cxs-radar-label" x={one_decimal(lx)} y={one_decimal(ly + 4.0)} text-anchor="middle">{ i + 1 }</text>
                </> }
            }) }
        </svg>
    }
}

fn reason_text(s: &Strings, reason: &Reason) -> String {
    match reason {
        Reason::Offline => s.reason_offline.to_string(),
        Reason::Network => s.reason_network.to_string(),
        Reason::Status(code) => fill(s.reason_status, &[("status", code.to_string())]),
        Reason::Redirect => s.reason_redirect.to_string(),
        Reason::Timeout => s.reason_timeout.to_string(),
    }
}

/// The submission's status; while the result waits on this device the user may retry or
/// discard it ("Don't send"). The buttons stay out of the live region (only the status is
/// announced), and focus moves to the status when the button pressed goes away.
fn submission(
    s: &Strings,
    status: &Status,
    text_ref: &NodeRef,
    onretry: &Callback<()>,
    ondiscard: &Callback<()>,
) -> Html {
    let (class, text, retry, waiting) = match status {
        Status::Sending => ("cxs-submit", s.sending.to_string(), false, false),
        Status::Sent => ("cxs-submit cxs-submit-sent", s.sent.to_string(), false, false),
        Status::Queued { reason, .. } => {
            ("cxs-submit cxs-submit-queued", fill(s.queued, &[("reason", reason_text(s, reason))]), false, true)
        }
        Status::Failed { reason } => {
            ("cxs-submit cxs-submit-failed", fill(s.failed, &[("reason", reason_text(s, reason))]), true, true)
        }
        Status::Discarded => ("cxs-submit cxs-submit-discarded", s.discarded.to_string(), false, false),
    };
    let then_focus = |callback: &Callback<()>| {
        let (callback, text_ref) = (callback.clone(), text_ref.clone());
        Callback::from(move |_: MouseEvent| {
            callback.emit(());
            if let Some(p) = text_ref.cast::<web_sys::HtmlElement>() {
                let _ = p.focus();
            }
        })
    };
    html! {
        <div class={class} part="submission">
            <p role="status" tabindex="-1" ref={text_ref.clone()}>{ text }</p>
            if waiting {
                <div class="cxs-nav">
                    if retry {
                        <button type="button" class="cxs-btn" part="button" onclick={then_focus(onretry)}>{ s.retry }</button>
                    }
                    <button type="button" class="cxs-btn" part="button" onclick={then_focus(ondiscard)}>{ s.dont_send }</button>
                </div>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub result: Shared<AssessmentResult>,
    pub def: Shared<Definition>,
    pub locale: AttrValue,
    pub uid: AttrValue,
    pub autofocus: bool,
    pub onrestart: Callback<()>,
    #[prop_or_default]
    pub submission: Option<Status>,
    #[prop_or_default]
    pub onretry: Callback<()>,
    #[prop_or_default]
    pub ondiscard: Callback<()>,
    /// The call to action this result gets, if any (the first of the host's that matches).
    #[prop_or_default]
    pub cta: Option<Rc<crate::engine::cta::Cta>>,
    /// The user followed the call to action.
    #[prop_or_default]
    pub oncta: Callback<Rc<crate::engine::cta::Cta>>,
    /// The full report (false: the teaser's summary only, its form skipped).
    #[prop_or(true)]
    pub full: bool,
    /// This completion is kept in the browser for next time (progress since last time).
    #[prop_or_default]
    pub kept: bool,
    /// Deletes what is kept (offered while something is).
    #[prop_or_default]
    pub onforget: Option<Callback<()>>,
    /// The result code to offer (with the `resultCode` option): the answers and profile answers,
    /// never the lead.
    #[prop_or_default]
    pub code: Option<AttrValue>,
}

/// The result code in a read-only field, to copy by hand, and a button that copies it. When the
/// clipboard cannot be written, the field is focused with the code selected, for the user's own
/// copy; when it is, the status says so and focus stays on the button.
fn result_code(s: &Strings, code: &AttrValue, uid: &str, copied: &UseStateHandle<bool>, input: &NodeRef) -> Html {
    let onclick = {
        let (copied, input, code) = (copied.clone(), input.clone(), code.clone());
        Callback::from(move |_: MouseEvent| {
            copied.set(false);
            let (copied, input) = (copied.clone(), input.clone());
            super::screens::copy_text(
                &code,
                Callback::from(move |ok| {
                    copied.set(ok);
                    if let Some(i) = input.cast::<web_sys::HtmlInputElement>().filter(|_| !ok) {
                        let _ = i.focus();
                        i.select();
                    }
                }),
            );
        })
    };
    let id = format!("{uid}-result-code");
    let hint = format!("{id}-hint");
    html! {
        <div class="cxs-code" part="result-code">
            <label for={id.clone()} class="cxs-field-label">{ s.result_code_label }</label>
            <input {id} ref={input.clone()} class="cxs-input" type="text" readonly=true value={code.clone()}
                aria-describedby={hint.clone()} />
            <p class="cxs-note" id={hint}>{ s.result_code_hint }</p>
            <button type="button" class="cxs-btn" part="button" {onclick}>{ s.result_code }</button>
            <p class="cxs-note" role="status">{ if **copied { s.result_code_copied } else { "" } }</p>
        </div>
    }
}

/// `url` resolved against the page, as the link goes.
fn absolute(url: &str) -> String {
    let base =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    web_sys::Url::new_with_base(url, &base).map_or_else(|_| url.to_string(), |u| u.href())
}

#[component]
pub fn Results(props: &ResultsProps) -> Html {
    let s = strings(&props.locale);
    let l = props.locale.as_str();
    let heading = super::intro::use_heading_focus(props.autofocus);
    let status_ref = use_node_ref();
    let r = &props.result;
    let o = &r.overall;
    let title_of = |id: &str| r.dimensions.iter().find(|d| d.id == id).map(|d| d.title.clone()).unwrap_or_default();
    let reasons: Vec<&String> = o.capped_by.iter().chain(o.gate.iter()).collect();
    // Progress since the last completion kept in this browser.
    let since = r.previous.as_ref().map(|p| (change(r, p), earlier_day(&p.completed_at, &r.completed_at, l)));
    let forgotten = use_state(|| false);
    // The result code's copy, said once done (see `result_code`).
    let copied = use_state(|| false);
    let code_ref = use_node_ref();
    let kept_ref = use_node_ref();
    let since_text = |delta: Option<f64>, day: &str| {
        delta.map(|d| {
            fill(s.since, &[("change", signed(d, &super::strings::number_format(l))), ("date", day.to_string())])
        })
    };
    let ondownload_json = {
        let r = r.clone();
        Callback::from(move |_: MouseEvent| {
            let json = super::wire::to_pretty(&*r.0);
            let _ = download(&format!("{}.json", file_stem(&r)), "application/json", &json);
        })
    };
    let ondownload_csv = {
        let (r, def) = (r.clone(), props.def.clone());
        Callback::from(move |_: MouseEvent| {
            let _ = download(
                &format!("{}.csv", file_stem(&r)),
                "text/csv;charset=utf-8",
                &format!("\u{feff}{}", answers_csv(&def, &r)),
            );
        })
    };
    let number = super::strings::number_format(l);
    // What this browser keeps for next time, and the way to delete it.
    let kept_note = {
        let text = match (&since, props.kept, *forgotten) {
            (_, _, true) => Some(s.kept_deleted.to_string()),
            (Some((_, day)), _, false) => Some(fill(s.kept_compared, &[("date", day.clone())])),
            (None, true, false) => Some(s.kept_note.to_string()),
            (None, false, false) => None,
        };
        let onclick = props.onforget.clone().map(|f| {
            let (forgotten, kept_ref) = (forgotten.clone(), kept_ref.clone());
            Callback::from(move |_: MouseEvent| {
                f.emit(());
                forgotten.set(true);
                // The button goes: focus stays in the place, on the status that replaces it.
                if let Some(p) = kept_ref.cast::<web_sys::HtmlElement>() {
                    let _ = p.focus();
                }
            })
        });
        html! {
            if let Some(text) = text {
                <div class="cxs-kept" part="kept">
                    <p role="status" tabindex="-1" ref={kept_ref.clone()}>{ text }</p>
                    if let (Some(onclick), false) = (onclick, *forgotten) {
                        <button type="button" class="cxs-link-btn" part="button" {onclick}>{ s.kept_delete }</button>
                    }
                </div>
            }
        }
    };
    let onprint = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <section class="cxs-page cxs-results" part="page results">
            <p class="cxs-kicker">{ r.assessment.title.clone() }</p>
            <h2 class="cxs-heading" tabindex="-1" ref={heading}>{ s.results_heading }</h2>
            <p class="cxs-note cxs-date">{ fill(s.completed_on, &[("date", local_date(&r.completed_at, l))]) }</p>
            if let Some(status) = &props.submission { { submission(s, status, &status_ref, &props.onretry, &props.ondiscard) } }
            { overall(s, r, &props.def, l, since.as_ref().and_then(|(c, day)| since_text(c.overall, day))) }
            { kept_note }
            if !reasons.is_empty() {
                <div class="cxs-reason" part="reason">
                    <h3>{ s.why_capped }</h3>
                    { for reasons.iter().map(|t| html! { <p>{ (*t).clone() }</p> }) }
                </div>
            }
            if let Some(c) = &props.cta {
                <div class="cxs-cta" part="cta">
                    <a class="cxs-btn cxs-primary cxs-cta-link" part="button primary-button cta" href={c.url.clone()}
                        target="_blank" rel="noopener" onclick={props.oncta.reform({ let c = c.clone(); move |_: MouseEvent| c.clone() })}>
                        { c.text.get(l) }<span class="cxs-sr">{ " " }{ s.new_tab }</span>
                    </a>
                    if let Some(d) = &c.description { <p class="cxs-cta-description">{ d.get(l) }</p> }
                    // On paper the link is its address.
                    <p class="cxs-print-only">{ absolute(&c.url) }</p>
                </div>
            }
            if !props.full {
                // The teaser, its form skipped: the summary's top priority, and a way to start again.
                { top_priority(s, r) }
                <div class="cxs-nav cxs-actions">
                    <button type="button" class="cxs-btn" part="button" onclick={props.onrestart.reform(|_: MouseEvent| ())}>{ s.start_again }</button>
                </div>
            } else {
            <h3>{ s.priorities_heading }</h3>
            <ol class="cxs-priorities">
                { for r.recommendations.iter().take(3).map(|rec| html! {
                    <li><strong>{ rec.text.clone() }</strong>{ " — " }{ title_of(&rec.dimension_id) }</li>
                }) }
            </ol>
            <h3>{ s.dimensions_heading }</h3>
            <div class="cxs-scores">
                { radar(s, r, &props.uid, &number) }
                <ol class="cxs-bars" part="bars">
                { for r.dimensions.iter().map(|d| {
                    let label = match (d.score, d.level, &d.level_name) {
                        (Some(sc), Some(lv), Some(n)) => format!("{} · {} {lv} {n}", fill(s.score_of, &[("s", number(sc))]), s.level),
                        _ => s.not_assessed.to_string(),
                    };
                    let i = r.dimensions.iter().position(|x| x.id == d.id).unwrap_or(0);
                    let moved = since.as_ref().and_then(|(c, day)| since_text(c.dimensions.get(i).copied().flatten(), day));
                    html! {
                        <li class="cxs-bar-item">
                            <div class="cxs-bar-head">
                                <span class="cxs-bar-title">{ d.title.clone() }</span>
                                <span class="cxs-bar-value">{ label }
                                    if let Some(text) = moved { <span class="cxs-change">{ format!(" · {text}") }</span> }
                                </span>
                            </div>
                            <svg class="cxs-bar" viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                <rect class="cxs-bar-track" x="0" y="0" width="100" height="6" />
                                <rect class="cxs-bar-fill" x="0" y="0" width={one_decimal(d.score.unwrap_or(0.0))} height="6" />
                            </svg>
                            if d.critical || d.evidence_gap {
                                <p class="cxs-tags">
                                    if d.critical { <span class="cxs-tag">{ s.critical }</span> }
                                    if d.evidence_gap { <span class="cxs-tag cxs-tag-gap">{ s.evidence_gap }</span> }
                                </p>
                            }
                        </li>
                    }
                }) }
                </ol>
            </div>
            <h3>{ s.recommendations_heading }</h3>
            <ol class="cxs-recs" part="recommendations">
            { for r.recommendations.iter().map(|rec| html! {
                <li class="cxs-rec">
                    <p class="cxs-rec-dim">{ title_of(&rec.dimension_id) }</p>
                    <p class="cxs-rec-text">{ rec.text.clone() }</p>
                    <p class="cxs-rec-why"><span class="cxs-why">{ s.why }{ ": " }</span>{ rec.why.clone() }</p>
                </li>
            }) }
            </ol>
            if !props.def.benchmarks.is_empty() {
                <section class="cxs-context" part="context">
                    <h3>{ s.context_heading }</h3>
                    <p class="cxs-note">{ s.context_note }</p>
                    <ul>
                    { for props.def.benchmarks.iter().map(|b| html! {
                        <li>{ b.text.get(l) }<span class="cxs-source">{ format!(" {}: {}", s.source, b.source) }
                            { b.year.map(|y| format!(", {y}")).unwrap_or_default() }{ "." }</span></li>
                    }) }
                    </ul>
                </section>
            }
            if let Some(code) = &props.code { { result_code(s, code, &props.uid, &copied, &code_ref) } }
            <div class="cxs-nav cxs-actions">
                <button type="button" class="cxs-btn" part="button" onclick={ondownload_json}>{ s.download_json }</button>
                <button type="button" class="cxs-btn" part="button" onclick={ondownload_csv}>{ s.download_csv }</button>
                <button type="button" class="cxs-btn" part="button" onclick={onprint}>{ s.print }</button>
                <button type="button" class="cxs-btn" part="button" onclick={props.onrestart.reform(|_: MouseEvent| ())}>{ s.start_again }</button>
            </div>
            }
        </section>
    }
}
