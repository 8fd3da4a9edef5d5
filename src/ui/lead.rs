//! The lead form: before the first statement, between the last statement and the results, or
//! below the teaser (a summary of the result) before the full report.

use crate::engine::lead::{make_lead, FieldKind, LeadConfig, LeadError, LeadMode};
use crate::engine::{Action, AssessmentResult, Definition};
use crate::ui::now_iso;
use crate::ui::strings::{strings, Strings};
use crate::ui::Shared;
use std::collections::BTreeMap as Map;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LeadPageProps {
    pub config: Shared<LeadConfig>,
    pub locale: AttrValue,
    pub uid: AttrValue,
    pub autofocus: bool,
    pub ondispatch: Callback<Action>,
    pub onback: Callback<()>,
    /// In teaser mode: the result the form opens, summarised above it.
    #[prop_or_default]
    pub teaser: Option<Shared<AssessmentResult>>,
    pub def: Shared<Definition>,
}

fn error_text(s: &Strings, e: &LeadError) -> &'static str {
    match e {
        LeadError::Required => s.error_required,
        LeadError::InvalidEmail => s.error_email,
        LeadError::NotAnOption => s.error_option,
        LeadError::TooLong => s.error_too_long,
        LeadError::ConsentRequired => s.error_consent,
    }
}

/// What the visitor has entered so far, and the errors of the last attempt to submit.
#[derive(Clone, Default, PartialEq)]
struct Draft {
    values: Map<String, String>,
    consent: bool,
    errors: Vec<(String, LeadError)>,
    /// Failed submits so far: each one moves focus to the first field in error.
    attempt: u32,
}

#[component]
pub fn LeadPage(props: &LeadPageProps) -> Html {
    let s = strings(&props.locale);
    let heading = super::intro::use_heading_focus(props.autofocus);
    let draft = use_state(Draft::default);
    let form = use_node_ref();
    let config = &props.config;
    let consent_text = config.consent_text.clone().unwrap_or_else(|| s.default_consent.to_string());
    let id = |key: &str| format!("{}-lead-{key}", props.uid);

    // After a failed submit, focus the first field in error.
    {
        let (form, draft) = (form.clone(), draft.clone());
        let uid = props.uid.clone();
        use_effect_with(draft.attempt, move |_| {
            if let (Some((key, _)), Some(form)) = (draft.errors.first(), form.cast::<Element>()) {
                if let Ok(Some(el)) = form.query_selector(&format!("#{uid}-lead-{key}")) {
                    if let Ok(el) = el.dyn_into::<HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }

    let onsubmit = {
        let draft = draft.clone();
        let (config, ondispatch, consent_text) = (config.clone(), props.ondispatch.clone(), consent_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let at = now_iso();
            match make_lead(&config, &draft.values, draft.consent, &consent_text, &at) {
                Ok(lead) => {
                    draft.set(Draft { errors: Vec::new(), ..(*draft).clone() });
                    ondispatch.emit(Action::SubmitLead { lead, at });
                }
                Err(errors) => draft.set(Draft { errors, attempt: draft.attempt + 1, ..(*draft).clone() }),
            }
        })
    };
    let error_for = |key: &str| draft.errors.iter().find(|(k, _)| k == key).map(|(_, e)| error_text(s, e));

    let fields = config.fields.iter().map(|f| {
        let key = f.key().to_string();
        let (label, input_type, autocomplete) = match f.kind {
            FieldKind::Name => (s.field_name, "text", "name"),
            FieldKind::Email => (s.field_email, "email", "email"),
            FieldKind::Company => (s.field_company, "text", "organization"),
            FieldKind::Role => (s.field_role, "text", "organization-title"),
            FieldKind::Text | FieldKind::Choice => ("", "text", "off"),
        };
        let label = f.label.clone().unwrap_or_else(|| label.to_string());
        let error = error_for(&key);
        let error_id = format!("{}-error", id(&key));
        let value = draft.values.get(&key).cloned().unwrap_or_default();
        let update = {
            let (draft, key) = (draft.clone(), key.clone());
            Callback::from(move |v: String| {
                let mut next = (*draft).clone();
                next.values.insert(key.clone(), v);
                draft.set(next);
            })
        };
        let control = if f.kind == FieldKind::Choice {
            html! {
                <select id={id(&key)} class="cxs-select" name={key.clone()} onchange={update.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())}
                    aria-invalid={error.is_some().then_some("true")} aria-describedby={error.is_some().then(|| error_id.clone())}
                    required={f.required}>
                    <option value="" selected={value.is_empty()}>{ s.choose }</option>
                    { for f.options.iter().map(|o| html! { <option value={o.clone()} selected={value == *o}>{ o.clone() }</option> }) }
                </select>
            }
        } else {
            html! {
                <input id={id(&key)} class="cxs-input" type={input_type} name={key.clone()} autocomplete={autocomplete}
                    value={value} oninput={update.reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value())} maxlength="200" required={f.required}
                    aria-invalid={error.is_some().then_some("true")} aria-describedby={error.is_some().then(|| error_id.clone())} />
            }
        };
        html! {
            <div class={if error.is_some() { "cxs-field cxs-lead-field cxs-missing" } else { "cxs-field cxs-lead-field" }}>
                <label for={id(&key)}>
                    <span class="cxs-field-label">{ label }
                        if !f.required { {" "}<span class="cxs-req">{"("}{ s.optional }{")"}</span> }
                    </span>
                </label>
                { control }
                if let Some(text) = error { <p class="cxs-error" id={error_id}>{ text }</p> }
            </div>
        }
    });
    let consent_error = error_for("consent");
    let onconsent = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let consent = e.target_unchecked_into::<HtmlInputElement>().checked();
            draft.set(Draft { consent, ..(*draft).clone() })
        })
    };
    let onskip = {
        let ondispatch = props.ondispatch.clone();
        Callback::from(move |_: MouseEvent| ondispatch.emit(Action::SkipLead { at: now_iso() }))
    };
    // The texts of the mode: where the form stands, and what submitting (or skipping) it does.
    let (hint, submit, skip) = match config.mode {
        LeadMode::BeforeStart => (s.lead_hint_start, s.lead_submit_start, s.lead_skip_start),
        LeadMode::Teaser => (s.lead_hint_teaser, s.lead_submit_teaser, s.lead_skip_teaser),
        LeadMode::Off | LeadMode::BeforeResults => (s.lead_hint, s.show_results, s.skip_lead),
    };
    let summary = props.teaser.as_ref().map(|r| super::report::summary(s, r, &props.def, &props.locale));
    let title = format!("{}-lead-title", props.uid);
    let form_heading = if summary.is_some() {
        html! { <h3 class="cxs-lead-heading" id={title.clone()}>{ s.lead_heading_teaser }</h3> }
    } else {
        html! { <h2 class="cxs-heading" id={title.clone()} tabindex="-1" ref={heading.clone()}>{ s.lead_heading }</h2> }
    };
    let form_html = html! {
        <form class={classes!("cxs-lead", summary.is_none().then_some("cxs-page"))} part={if summary.is_none() { "page lead" } else { "lead" }}
            ref={form} {onsubmit} novalidate=true aria-labelledby={title}>
            { form_heading }
            <p class="cxs-note">{ hint }</p>
            if !draft.errors.is_empty() { <p class="cxs-alert" role="alert">{ s.lead_errors }</p> }
            { for fields }
            <div class={if consent_error.is_some() { "cxs-consent cxs-missing" } else { "cxs-consent" }}>
                <label class="cxs-check">
                    <input type="checkbox" id={id("consent")} name="consent" checked={draft.consent} onchange={onconsent} required=true
                        aria-invalid={consent_error.is_some().then_some("true")}
                        aria-describedby={consent_error.is_some().then(|| format!("{}-error", id("consent")))} />
                    <span>{ consent_text }</span>
                </label>
                if let Some(url) = &config.privacy_policy_url {
                    <p class="cxs-privacy"><a href={url.clone()} target="_blank" rel="noopener noreferrer">{ s.privacy_policy }</a></p>
                }
                if let Some(text) = consent_error { <p class="cxs-error" id={format!("{}-error", id("consent"))}>{ text }</p> }
            </div>
            <div class="cxs-nav">
                <button type="button" class="cxs-btn" part="button" onclick={props.onback.reform(|_: MouseEvent| ())}>{ s.back }</button>
                if config.allow_skip {
                    <button type="button" class="cxs-btn" part="button" onclick={onskip}>{ skip }</button>
                }
                <button type="submit" class="cxs-btn cxs-primary" part="button primary-button">{ submit }</button>
            </div>
        </form>
    };
    match summary {
        // The summary's heading is the page's, focused when it appears.
        Some(summary) => html! {
            <section class="cxs-page cxs-results cxs-teaser" part="page results teaser">
                <p class="cxs-kicker">{ props.teaser.as_ref().map(|r| r.assessment.title.clone()) }</p>
                <h2 class="cxs-heading" tabindex="-1" ref={heading}>{ s.results_heading }</h2>
                { summary }
                { form_html }
            </section>
        },
        None => form_html,
    }
}
