//! The lead form between the last statement and the results.

use crate::engine::lead::{make_lead, FieldKind, LeadConfig, LeadError};
use crate::engine::map::Map;
use crate::engine::Action;
use crate::ui::now_iso;
use crate::ui::strings::{strings, Strings};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::prelude::*;
use crate::ui::Shared;

#[derive(Properties, PartialEq)]
pub struct LeadPageProps {
    pub config: Shared<LeadConfig>,
    pub locale: AttrValue,
    pub uid: AttrValue,
    pub autofocus: bool,
    pub ondispatch: Callback<Action>,
    pub onback: Callback<()>,
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

#[component]
pub fn LeadPage(props: &LeadPageProps) -> Html {
    let s = strings(&props.locale);
    let heading = super::screens::use_heading_focus(props.autofocus);
    let values = use_state(Map::<String, String>::new);
    let consent = use_state(|| false);
    let errors = use_state(Vec::<(String, LeadError)>::new);
    let attempt = use_state(|| 0u32);
    let form = use_node_ref();
    let config = &props.config;
    let consent_text = config.consent_text.clone().unwrap_or_else(|| s.default_consent.to_string());
    let id = |key: &str| format!("{}-lead-{key}", props.uid);

    // After a failed submit, focus the first field in error.
    {
        let (form, errors) = (form.clone(), errors.clone());
        let uid = props.uid.clone();
        use_effect_with(*attempt, move |_| {
            if let (Some((key, _)), Some(form)) = (errors.first(), form.cast::<Element>()) {
                if let Ok(Some(el)) = form.query_selector(&format!("#{uid}-lead-{key}")) {
                    if let Ok(el) = el.dyn_into::<HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            }
        });
    }

    let onsubmit = {
        let (values, consent, errors, attempt) = (values.clone(), consent.clone(), errors.clone(), attempt.clone());
        let (config, ondispatch, consent_text) = (config.clone(), props.ondispatch.clone(), consent_text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let at = now_iso();
            match make_lead(&config, &values, *consent, &consent_text, &at) {
                Ok(lead) => {
                    errors.set(Vec::new());
                    ondispatch.emit(Action::SubmitLead { lead, at });
                }
                Err(found) => {
                    errors.set(found);
                    attempt.set(*attempt + 1);
                }
            }
        })
    };
    let error_for = |key: &str| errors.iter().find(|(k, _)| k == key).map(|(_, e)| error_text(s, e));

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
        let value = values.get(&key).cloned().unwrap_or_default();
        let update = {
            let (values, key) = (values.clone(), key.clone());
            Callback::from(move |v: String| {
                let mut next = (*values).clone();
                next.insert(key.clone(), v);
                values.set(next);
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
        let consent = consent.clone();
        Callback::from(move |e: Event| consent.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let onskip = {
        let ondispatch = props.ondispatch.clone();
        Callback::from(move |_: MouseEvent| ondispatch.emit(Action::SkipLead { at: now_iso() }))
    };
    html! {
        <form class="cxs-page cxs-lead" part="page lead" ref={form} {onsubmit} novalidate=true>
            <h2 class="cxs-heading" tabindex="-1" ref={heading}>{ s.lead_heading }</h2>
            <p class="cxs-note">{ s.lead_hint }</p>
            if !errors.is_empty() { <p class="cxs-alert" role="alert">{ s.lead_errors }</p> }
            { for fields }
            <div class={if consent_error.is_some() { "cxs-consent cxs-missing" } else { "cxs-consent" }}>
                <label class="cxs-check">
                    <input type="checkbox" id={id("consent")} name="consent" checked={*consent} onchange={onconsent} required=true
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
                    <button type="button" class="cxs-btn" part="button" onclick={onskip}>{ s.skip_lead }</button>
                }
                <button type="submit" class="cxs-btn cxs-primary" part="button primary-button">{ s.show_results }</button>
            </div>
        </form>
    }
}
