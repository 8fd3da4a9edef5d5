//! The question screens: the profile and one page per dimension (the intro is in `intro`, the
//! results in `report`).

use crate::engine::{Action, Answer, Definition, ProfileAnswer, Session};
use crate::ui::intro::use_heading_focus;
use crate::ui::strings::{fill, strings};
use crate::ui::Shared;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
/// Props of the profile page and of the dimension pages (`index` is the dimension's).
pub struct PageProps {
    pub def: Shared<Definition>,
    #[prop_or_default]
    pub index: usize,
    pub session: Shared<Session>,
    pub locale: AttrValue,
    pub uid: AttrValue,
    /// Focus this page's heading when it appears (false only on the widget's first render).
    pub autofocus: bool,
    pub ondispatch: Callback<Action>,
    pub onnext: Callback<()>,
    pub onback: Callback<()>,
}

fn submit(onnext: &Callback<()>) -> Callback<SubmitEvent> {
    onnext.reform(|e: SubmitEvent| e.prevent_default())
}

fn nav(s: &crate::ui::strings::Strings, onback: &Callback<()>, next_label: &str) -> Html {
    html! {
        <div class="cxs-nav">
            <button type="button" class="cxs-btn" part="button" onclick={onback.reform(|_: MouseEvent| ())}>{ s.back }</button>
            <button type="submit" class="cxs-btn cxs-primary" part="button primary-button">{ next_label.to_string() }</button>
        </div>
    }
}

/// Moves focus to the first control of the first item the user left unanswered.
#[hook]
fn use_focus_missing(form: &NodeRef, first_missing: Option<String>) {
    let form = form.clone();
    use_effect_with(first_missing, move |name| {
        if let (Some(name), Some(form)) = (name, form.cast::<Element>()) {
            let selector = format!("[name=\"{}\"]", name.replace('"', "\\\""));
            if let Ok(Some(el)) = form.query_selector(&selector) {
                if let Ok(el) = el.dyn_into::<HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    });
}

#[component]
pub fn ProfilePage(props: &PageProps) -> Html {
    let heading = use_heading_focus(props.autofocus);
    let s = strings(&props.locale);
    let l = props.locale.as_str();
    let form = use_node_ref();
    let field_name = |id: &str| format!("{}-{}", props.uid, id);
    use_focus_missing(&form, props.session.missing.first().map(|id| field_name(id)));
    let questions = props.def.profile.iter().map(|q| {
        let name = field_name(&q.id);
        let missing = props.session.missing.contains(&q.id);
        let label = html! { <>{ q.label.get(l) }if q.required { {" "}<span class="cxs-req">{"("}{ s.required }{")"}</span> }</> };
        if q.multiple {
            let chosen: Vec<String> = match props.session.profile.get(&q.id) {
                Some(ProfileAnswer::Many(v)) => v.clone(),
                Some(ProfileAnswer::One(v)) => vec![v.clone()],
                None => vec![],
            };
            html! {
                <fieldset class={if missing { "cxs-item cxs-missing" } else { "cxs-item" }}>
                    <legend>{ label }</legend>
                    <div class="cxs-checks">
                    { for q.options.iter().map(|o| {
                        let checked = chosen.contains(&o.id);
                        let onchange = {
                            let (qid, oid, chosen, ondispatch) = (q.id.clone(), o.id.clone(), chosen.clone(), props.ondispatch.clone());
                            Callback::from(move |e: Event| {
                                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                                let mut ids: Vec<String> = chosen.iter().filter(|c| **c != oid).cloned().collect();
                                if on { ids.push(oid.clone()); }
                                ondispatch.emit(Action::SetProfile { question_id: qid.clone(), answer: Some(ProfileAnswer::Many(ids)) });
                            })
                        };
                        html! {
                            <label class="cxs-opt"><input type="checkbox" name={name.clone()} value={o.id.clone()} {checked} {onchange} /><span>{ o.label.get(l) }</span></label>
                        }
                    }) }
                    </div>
                </fieldset>
            }
        } else {
            let current = match props.session.profile.get(&q.id) {
                Some(ProfileAnswer::One(v)) => v.clone(),
                _ => String::new(),
            };
            let onchange = {
                let (qid, ondispatch) = (q.id.clone(), props.ondispatch.clone());
                Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    let answer = (!v.is_empty()).then_some(ProfileAnswer::One(v));
                    ondispatch.emit(Action::SetProfile { question_id: qid.clone(), answer });
                })
            };
            html! {
                <div class={if missing { "cxs-item cxs-field cxs-missing" } else { "cxs-item cxs-field" }}>
                    <label>
                        <span class="cxs-field-label">{ label }</span>
                        <select class="cxs-select" name={name} {onchange} required={q.required}>
                            <option value="" selected={current.is_empty()}>{ s.choose }</option>
                            { for q.options.iter().map(|o| html! {
                                <option value={o.id.clone()} selected={current == o.id}>{ o.label.get(l) }</option>
                            }) }
                        </select>
                    </label>
                </div>
            }
        }
    });
    html! {
        <form class="cxs-page cxs-profile" part="page" ref={form} onsubmit={submit(&props.onnext)} novalidate=true>
            <h2 class="cxs-heading" tabindex="-1" ref={heading}>{ s.profile_heading }</h2>
            <p class="cxs-note">{ s.profile_hint }</p>
            { for questions }
            { nav(s, &props.onback, s.next) }
        </form>
    }
}

#[component]
pub fn DimensionPage(props: &PageProps) -> Html {
    let heading = use_heading_focus(props.autofocus);
    let s = strings(&props.locale);
    let l = props.locale.as_str();
    let def = &props.def;
    let d = &def.dimensions[props.index];
    let form = use_node_ref();
    let radio_name = |id: &str| format!("{}-{}", props.uid, id);
    let missing = &props.session.missing;
    use_focus_missing(&form, missing.first().map(|id| radio_name(id)));
    let (answered, total) = props.session.progress(def);
    let first_number = def.dimensions[..props.index].iter().map(|d| d.statements.len()).sum::<usize>();
    let last = props.index + 1 == def.dimensions.len();
    let options: Vec<(Option<u8>, String)> = def
        .scale
        .options
        .iter()
        .map(|o| (Some(o.value), o.label.get(l).to_string()))
        .chain(std::iter::once((None, def.scale.dont_know.get(l).to_string())))
        .collect();
    let items = d.statements.iter().enumerate().map(|(i, st)| {
        let name = radio_name(&st.id);
        let error_id = format!("{name}-error");
        let is_missing = missing.contains(&st.id);
        let current = props.session.answers.get(&st.id).copied();
        html! {
            <fieldset class={if is_missing { "cxs-item cxs-missing" } else { "cxs-item" }} part="item"
                aria-describedby={is_missing.then(|| error_id.clone())}>
                <legend><span class="cxs-num">{ first_number + i + 1 }{ ". " }</span>{ st.text.get(l) }</legend>
                <div class="cxs-scale">
                { for options.iter().map(|(value, label)| {
                    let answer = value.map_or(Answer::DontKnow, Answer::Value);
                    let onchange = {
                        let (id, ondispatch) = (st.id.clone(), props.ondispatch.clone());
                        Callback::from(move |_: Event| ondispatch.emit(Action::Answer { statement_id: id.clone(), answer }))
                    };
                    html! {
                        <label class={if value.is_none() { "cxs-opt cxs-dk" } else { "cxs-opt" }}>
                            <input type="radio" name={name.clone()} value={value.map_or("dk".to_string(), |v| v.to_string())}
                                checked={current == Some(answer)} {onchange} />
                            <span>{ label.clone() }</span>
                        </label>
                    }
                }) }
                </div>
                if is_missing { <p class="cxs-error" id={error_id}>{ s.missing_item }</p> }
            </fieldset>
        }
    });
    let summary = match missing.len() {
        0 => None,
        1 => Some(s.missing_one.to_string()),
        n => Some(fill(s.missing_many, &[("n", n.to_string())])),
    };
    html! {
        <form class="cxs-page cxs-dimension" part="page" ref={form} onsubmit={submit(&props.onnext)} novalidate=true>
            <p class="cxs-step">{ format!("{} {} {} {}", s.part, props.index + 1, s.of, def.dimensions.len()) }</p>
            <h2 class="cxs-heading" tabindex="-1" ref={heading}>{ d.title.get(l) }</h2>
            if let Some(desc) = &d.description { <p class="cxs-lede">{ desc.get(l) }</p> }
            <div class="cxs-progress" part="progress">
                <progress max={total.to_string()} value={answered.to_string()} aria-label={s.progress_label}></progress>
                <span>{ format!("{answered} {} {total} {}", s.of, s.answered) }</span>
            </div>
            <p class="cxs-note">{ s.reverse_hint }</p>
            if let Some(text) = summary { <p class="cxs-alert" role="alert">{ text }</p> }
            { for items }
            { nav(s, &props.onback, if last { s.see_results } else { s.next }) }
            <ResumeLink def={props.def.clone()} session={props.session.clone()} locale={props.locale.clone()} uid={props.uid.clone()} />
        </form>
    }
}

/// Writes `text` to the clipboard; `done` hears whether it was (never, where there is no clipboard:
/// `navigator.clipboard` exists only in secure contexts).
pub(crate) fn copy_text(text: &str, done: Callback<bool>) {
    let navigator = web_sys::window().map(|w| w.navigator());
    match navigator.filter(|n| js_sys::Reflect::has(n, &"clipboard".into()).unwrap_or(false)) {
        Some(n) => {
            let promise = n.clipboard().write_text(text);
            wasm_bindgen_futures::spawn_local(async move {
                done.emit(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
            });
        }
        None => done.emit(false),
    }
}

#[derive(Properties, PartialEq)]
pub struct ResumeLinkProps {
    pub def: Shared<Definition>,
    pub session: Shared<Session>,
    pub locale: AttrValue,
    pub uid: AttrValue,
}

/// A link that carries the answers so far, to continue on another visit or device.
#[component]
pub fn ResumeLink(props: &ResumeLinkProps) -> Html {
    let s = strings(&props.locale);
    // The link once made, and whether it is on the clipboard.
    let link = use_state(|| (None::<String>, false));
    let input = use_node_ref();
    let onclick = {
        let (state, def, session) = (link.clone(), props.def.clone(), props.session.clone());
        Callback::from(move |_: MouseEvent| {
            let link = super::storage::resume_url(&def, &session);
            state.set((Some(link.clone()), false));
            let (state, copied) = (state.clone(), link.clone());
            copy_text(
                &link,
                Callback::from(move |ok| {
                    if ok {
                        state.set((Some(copied.clone()), true));
                    }
                }),
            );
        })
    };
    {
        let input = input.clone();
        use_effect_with(link.0.clone(), move |_| {
            if let Some(i) = input.cast::<HtmlInputElement>() {
                let _ = i.focus();
                i.select();
            }
        });
    }
    let id = format!("{}-resume-link", props.uid);
    html! {
        <div class="cxs-resume" part="resume-link">
            <button type="button" class="cxs-link-btn" {onclick}>{ s.link_button }</button>
            if let Some(url) = &link.0 {
                <label for={id.clone()} class="cxs-field-label">{ s.link_label }</label>
                <input {id} ref={input} class="cxs-input" type="text" readonly=true value={url.clone()} />
                if link.1 { <p class="cxs-note" role="status">{ s.link_copied }</p> }
            }
        </div>
    }
}
