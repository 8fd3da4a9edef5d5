//! Adding results: files chosen or dropped (`.json` holding one result or an array, `.ndjson`),
//! and pasted result JSON or result codes, this round's or the previous round's.

use super::reading::{read_file, read_text, Added};
use crate::engine::team::{Round, TeamTexts};
use crate::ui::Shared;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, File, FileList, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputsProps {
    pub texts: Shared<crate::engine::team::TeamTexts>,
    pub uid: AttrValue,
    pub onadd: Callback<Added>,
}

/// A number for each reading of this screen.
fn next(ids: &Rc<Cell<u32>>) -> u32 {
    ids.set(ids.get() + 1);
    ids.get()
}

/// Reads each file, in order, piece by piece, and hands the pieces up.
fn read_files(files: Option<FileList>, round: Round, ids: Rc<Cell<u32>>, onadd: Callback<Added>) {
    let Some(files) = files else { return };
    let files: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        for file in files {
            read_file(file, next(&ids), round, onadd.clone()).await;
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
    let ids = use_memo((), |_| Rc::new(Cell::new(0u32)));
    let round = if *previous { Round::Previous } else { Round::Current };
    let onchange = {
        let (onadd, ids) = (props.onadd.clone(), (*ids).clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            read_files(input.files(), round, ids.clone(), onadd.clone());
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
        let (over, onadd, ids) = (over.clone(), props.onadd.clone(), (*ids).clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            read_files(e.data_transfer().and_then(|d| d.files()), round, ids.clone(), onadd.clone());
        })
    };
    let onpaste = {
        let (paste, onadd, pasted, ids) = (paste.clone(), props.onadd.clone(), props.texts.pasted, (*ids).clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = paste.cast::<HtmlTextAreaElement>() else { return };
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            wasm_bindgen_futures::spawn_local(read_text(text, next(&ids), round, pasted.into(), onadd.clone()));
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
