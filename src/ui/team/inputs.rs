//! Adding results: files chosen or dropped (`.json` holding one result or an array, `.ndjson`),
//! and pasted result JSON or result codes, this round's or the previous round's.

use crate::engine::team::{Round, TeamTexts};
use crate::ui::Shared;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, FileList, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the user added: a file's or the paste box's text, or a file that could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct Added {
    pub round: Round,
    pub source: String,
    /// `None` when the file could not be read.
    pub text: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct InputsProps {
    pub texts: Shared<crate::engine::team::TeamTexts>,
    pub uid: AttrValue,
    pub onadd: Callback<Added>,
}

/// Reads each file's text, in order, and hands it up.
fn read_files(files: Option<FileList>, round: Round, onadd: Callback<Added>) {
    let Some(files) = files else { return };
    let files: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        for file in files {
            let text = JsFuture::from(file.text()).await.ok().and_then(|t| t.as_string());
            onadd.emit(Added { round, source: file.name(), text });
        }
    });
}

#[component]
pub fn Inputs(props: &InputsProps) -> Html {
    let t: &TeamTexts = &props.texts;
    let id = |name: &str| super::element_id(&props.uid, name);
    let (id_add, id_file, id_paste) = (id("add"), id("file"), id("paste"));
    let previous = use_state(|| false);
    let over = use_state(|| false);
    let paste = use_node_ref();
    let round = if *previous { Round::Previous } else { Round::Current };
    let onchange = {
        let onadd = props.onadd.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            read_files(input.files(), round, onadd.clone());
            // The same file chosen again is read again (and reported as a duplicate).
            input.set_value("");
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let (over, onadd) = (over.clone(), props.onadd.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            read_files(e.data_transfer().and_then(|d| d.files()), round, onadd.clone());
        })
    };
    let onpaste = {
        let (paste, onadd, pasted) = (paste.clone(), props.onadd.clone(), props.texts.pasted);
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste.cast::<HtmlTextAreaElement>() else { return };
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            onadd.emit(Added { round, source: pasted.into(), text: Some(text) });
            area.set_value("");
        })
    };
    let ontoggle = {
        let previous = previous.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
                previous.set(input.checked());
            }
        })
    };
    html! {
        <section class="cxs-team-inputs" aria-labelledby={id_add.clone()}>
            <h3 id={id_add.clone()}>{ t.add_heading }</h3>
            <div class={classes!("cxs-drop", over.then_some("cxs-over"))} {ondragover} {ondragleave} {ondrop}>
                <div class="cxs-drop-row">
                    <input type="file" id={id_file.clone()} class="cxs-file" multiple=true accept=".json,.ndjson,application/json,application/x-ndjson" {onchange} />
                    <label for={id_file.clone()} class="cxs-btn cxs-file-label" part="button">{ t.choose_files }</label>
                    <span class="cxs-note">{ t.drop_hint }</span>
                </div>
                <label for={id_paste.clone()}>{ t.paste_label }</label>
                <textarea id={id_paste.clone()} class="cxs-paste" ref={paste} spellcheck="false" autocomplete="off" />
                <button type="button" class="cxs-btn" part="button" onclick={onpaste}>{ t.paste_add }</button>
                <div>
                    <label class="cxs-check">
                        <input type="checkbox" checked={*previous} onchange={ontoggle} />
                        { t.previous_round }
                    </label>
                </div>
            </div>
        </section>
    }
}
