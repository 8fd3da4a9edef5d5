//! The intro screen: what the assessment is, and Start (or, for a returning user, the answers on
//! offer). It also compiles natively, where it is prerendered at build time (`ui::prerender`).

use crate::engine::Definition;
use crate::ui::strings::{fill, strings, Strings};
use crate::ui::Shared;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct IntroProps {
    pub def: Shared<Definition>,
    pub locale: AttrValue,
    /// Focus this page's heading when it appears (false only on the widget's first render).
    pub autofocus: bool,
    pub onstart: Callback<()>,
    /// Answered statements in a resume link the user may continue.
    #[prop_or_default]
    pub link: Option<usize>,
    /// Answered statements saved in this browser that the user may continue.
    #[prop_or_default]
    pub saved: Option<usize>,
    /// Continue an offer: `true` the link's answers, `false` the saved ones.
    #[prop_or_default]
    pub onresume: Callback<bool>,
    #[prop_or_default]
    pub onstartover: Callback<()>,
}

#[component]
pub fn Intro(props: &IntroProps) -> Html {
    let heading = use_heading_focus(props.autofocus);
    let s = strings(&props.locale);
    let def = &props.def;
    let l = props.locale.as_str();
    let onclick = props.onstart.reform(|_: MouseEvent| ());
    // "Resume", or with both a link and saved answers on offer, one button for each; the link's
    // is the primary one.
    let both = props.link.is_some() && props.saved.is_some();
    let resume = |from_link: bool| {
        let primary = from_link || !both;
        let label = match (both, from_link) {
            (false, _) => s.resume,
            (true, true) => s.resume_link,
            (true, false) => s.resume_saved,
        };
        html! {
            <button type="button" class={if primary { "cxs-btn cxs-primary" } else { "cxs-btn" }}
                part={if primary { "button primary-button" } else { "button" }}
                onclick={props.onresume.reform(move |_: MouseEvent| from_link)}>{ label }</button>
        }
    };
    html! {
        <section class="cxs-page cxs-intro" part="page">
            <h2 class="cxs-heading" tabindex="-1" ref={heading}>{ def.title.get(l) }</h2>
            if let Some(intro) = &def.intro { <p class="cxs-lede">{ intro.get(l) }</p> }
            <ul class="cxs-facts">
                if let Some(m) = def.estimated_minutes { <li>{ fill(s.minutes, &[("n", m.to_string())]) }</li> }
                <li>{ fill(s.statements_in, &[("s", def.statement_count().to_string()), ("d", def.dimensions.len().to_string())]) }</li>
            </ul>
            <p class="cxs-note">{ s.intro_privacy }</p>
            if props.link.is_some() || props.saved.is_some() {
                <div class="cxs-offer" part="offer">
                    <p>{ offer_text(s, props.link, props.saved, def.statement_count()) }</p>
                    <div class="cxs-nav">
                        <button type="button" class="cxs-btn" part="button" onclick={props.onstartover.reform(|_: MouseEvent| ())}>{ s.start_over }</button>
                        if props.saved.is_some() { { resume(false) } }
                        if props.link.is_some() { { resume(true) } }
                    </div>
                </div>
            } else {
                <div class="cxs-nav">
                    <button type="button" class="cxs-btn cxs-primary" part="button primary-button" {onclick}>{ s.start }</button>
                </div>
            }
        </section>
    }
}

/// What the intro says of the answers on offer.
fn offer_text(s: &Strings, link: Option<usize>, saved: Option<usize>, total: usize) -> String {
    let t = ("t", total.to_string());
    match (link, saved) {
        (Some(a), Some(b)) => fill(s.welcome_both, &[("a", a.to_string()), ("b", b.to_string()), t]),
        (Some(a), None) => fill(s.welcome_link, &[("a", a.to_string()), t]),
        (None, Some(a)) => fill(s.welcome_back, &[("a", a.to_string()), t]),
        (None, None) => String::new(),
    }
}

/// Focuses a page's heading. Within sight, the browser scrolls it into view (the new page's top,
/// after Next at the foot of a long one); with the widget wholly out of view, it does not scroll:
/// the page appeared without the user looking at it (a click on the prerendered first screen,
/// replayed once the wasm is ready after the user has scrolled away; a host's `reset()`), and
/// where the page is scrolled is the user's.
#[cfg(target_arch = "wasm32")]
fn focus_heading(h: &web_sys::HtmlElement) {
    let in_view = (|| {
        let widget = h.closest(".cxs").ok()??;
        let window = web_sys::window()?;
        let (width, height) = (window.inner_width().ok()?.as_f64()?, window.inner_height().ok()?.as_f64()?);
        let r = widget.get_bounding_client_rect();
        Some(r.bottom() > 0.0 && r.top() < height && r.right() > 0.0 && r.left() < width)
    })()
    .unwrap_or(true);
    if in_view {
        let _ = h.focus();
    } else {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = h.focus_with_options(&options);
    }
}

/// A ref for the page heading, focused when the page appears so screen readers announce it.
#[hook]
pub(crate) fn use_heading_focus(autofocus: bool) -> NodeRef {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            // (Effects run in the browser only, never when prerendering.)
            #[cfg(target_arch = "wasm32")]
            if autofocus {
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    focus_heading(&h);
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = (autofocus, heading);
        });
    }
    heading
}
