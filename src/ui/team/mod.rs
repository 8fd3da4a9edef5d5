//! The team report's screen (built into the team module only, feature `team`): the inputs (files
//! chosen or dropped, pasted JSON or result codes) and the report. Data down, callbacks up: the
//! embedding layer holds the results (`engine::team::TeamBook`), so that `add()` and `report()`
//! on the handle are synchronous, and passes each new report down.

mod chart;
mod inputs;
mod reading;
mod view;

pub use reading::{yield_now, Added, Decoder};

use crate::engine::team::{TeamReport, TeamTexts};
use crate::engine::Definition;
use crate::ui::Shared;
use yew::prelude::*;

/// The id of one of the screen's elements, unique to its mount (`uid`).
fn element_id(uid: &str, name: &str) -> AttrValue {
    AttrValue::from(format!("{uid}-team-{name}"))
}

#[derive(Properties, PartialEq)]
pub struct TeamScreenProps {
    pub def: Shared<Definition>,
    /// `None` while the definition loads.
    pub report: Option<Shared<TeamReport>>,
    pub texts: Shared<TeamTexts>,
    pub locale: AttrValue,
    /// Results the user added (files read, or pasted text).
    pub onadd: Callback<Added>,
    /// A message shown instead of the report (a definition that could not be used).
    #[prop_or_default]
    pub failure: Option<AttrValue>,
    /// Prefixes the screen's ids.
    pub uid: AttrValue,
    /// What the last addition did ("12 added, 2 not added"), said by screen readers.
    #[prop_or_default]
    pub status: Option<AttrValue>,
    /// What is being read or loaded, and what could not be loaded.
    #[prop_or_default]
    pub progress: Vec<Progress>,
    /// "Try again" on a source that could not be loaded (its number in `progress`).
    #[prop_or_default]
    pub onretry: Callback<usize>,
}

/// A source being read or loaded ("Reading team.json: 40%"), or one that could not be loaded,
/// which can be tried again.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub text: AttrValue,
    /// Could not be loaded: the number to try it again with.
    pub retry: Option<usize>,
}

#[component]
pub fn TeamScreen(props: &TeamScreenProps) -> Html {
    let t = &*props.texts;
    html! {
        <div class="cxs cxs-team" part="root" lang={props.locale.clone()}>
            <h2 class="cxs-heading">{ t.heading }</h2>
            <p class="cxs-note">{ t.privacy }</p>
            if let Some(message) = &props.failure {
                <div class="cxs-failed" role="alert"><p>{ message.clone() }</p></div>
            } else if let Some(report) = &props.report {
                <inputs::Inputs texts={props.texts.clone()} uid={props.uid.clone()} onadd={props.onadd.clone()} />
                <p class="cxs-note cxs-team-status" role="status">{ props.status.clone() }</p>
                <ul class="cxs-team-progress" aria-live="polite">
                    { for props.progress.iter().map(|p| html! {
                        <li class={classes!(p.retry.is_some().then_some("cxs-src-failed"))}>
                            { p.text.clone() }
                            if let Some(i) = p.retry {
                                <button type="button" class="cxs-btn" part="button" onclick={props.onretry.reform(move |_: MouseEvent| i)}>{ t.try_again }</button>
                            }
                        </li>
                    }) }
                </ul>
                <view::TeamView def={props.def.clone()} report={report.clone()} texts={props.texts.clone()} locale={props.locale.clone()} uid={props.uid.clone()} busy={props.progress.iter().any(|p| p.retry.is_none())} />
            } else {
                <p class="cxs-note" role="status">{ t.loading }</p>
            }
        </div>
    }
}
