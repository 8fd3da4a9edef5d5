//! The first screen, rendered at build time with Yew's server-side rendering (feature
//! `prerender`, natively): the intro of the default assessment exactly as the app draws it for a
//! first visit, inside the app root the widget renders into. `src/bin/prerender.rs` writes it into
//! `pkg/` for each language and colour scheme.

use crate::engine::locales::{pack, read_pack, Strings as Sources, STRINGS_SOURCES};
use crate::engine::{Definition, DEFAULT_DEFINITION_JSON, DEFAULT_DEFINITION_SOURCE};
use crate::ui::intro::Intro;
use crate::ui::strings::{register, Strings, EN};
use crate::ui::{frame, Shared, ROOT_CLASS};
use std::rc::Rc;
use yew::prelude::*;

/// The colour schemes a first screen is rendered in: the theme option's name and the class the
/// app gives its root for it.
pub const SCHEMES: [(&str, &str); 3] = [("auto", ""), ("light", "cxs-light"), ("dark", "cxs-dark")];

#[derive(Properties, PartialEq)]
pub struct FirstScreenProps {
    pub def: Shared<Definition>,
    pub locale: AttrValue,
    /// The root's scheme class (see [`SCHEMES`]).
    pub scheme: AttrValue,
}

/// The app root holding the intro of a first visit: no saved answers, no link, no notice, nothing
/// announced yet (what `App` renders then, through the same `frame` and `Intro`).
#[component]
pub fn FirstScreen(props: &FirstScreenProps) -> Html {
    let intro = html! {
        <Intro def={props.def.clone()} locale={props.locale.clone()} autofocus={false} onstart={Callback::noop()} />
    };
    html! {
        <div class={ROOT_CLASS}>{ frame(&props.scheme, &props.locale, String::new(), None, NodeRef::default(), intro) }</div>
    }
}

/// The default assessment as a page has it once the language packs are added: the English
/// definition the wasm carries, with each pack built from the source and read the way the
/// browser reads it. The widget's strings of each language are registered on this thread.
pub fn default_definition() -> Result<Definition, String> {
    let source = Definition::from_json(DEFAULT_DEFINITION_SOURCE).map_err(|e| format!("{e:?}"))?;
    let mut def = Definition::from_json(DEFAULT_DEFINITION_JSON).map_err(|e| format!("{e:?}"))?;
    for (locale, text) in STRINGS_SOURCES {
        let sources: Sources = serde_json::from_str(text).map_err(|e| format!("src/locales/{locale}.json: {e}"))?;
        let loaded = read_pack(&def, pack(&source, locale, &sources))?;
        register(loaded.locale, Strings::read(&loaded.ui, &EN), loaded.messages);
        def = loaded.definition;
    }
    Ok(def)
}

/// The first screen's HTML in `locale` and `scheme` (a class of [`SCHEMES`]), without hydration
/// markers: the widget replaces it rather than hydrating it.
pub fn render(locale: &'static str, scheme: &'static str) -> Result<String, String> {
    // Read here first, so that a bad pack fails with its reason rather than on the renderer's thread.
    default_definition()?;
    // The renderer runs the component on a worker thread of its own runtime, which is where the
    // strings must be registered: the props are made there.
    let renderer = yew::ServerRenderer::<FirstScreen>::with_props(move || FirstScreenProps {
        def: Shared(Rc::new(default_definition().expect("read once already"))),
        locale: AttrValue::Static(locale),
        scheme: AttrValue::Static(scheme),
    });
    Ok(futures::executor::block_on(renderer.hydratable(false).render()))
}
