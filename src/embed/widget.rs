//! A mounted widget: its app root and props, its language, and its submissions.

use super::outlet::Outlet;
use super::{locales, submit};
use crate::engine::messages::resolve;
use crate::engine::outbox::Status;
use crate::engine::text::quote;
use crate::engine::AssessmentResult;
use crate::ui::{wire, AppProps, Failure, Remote, Root, RootProps, Shared};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use web_sys::Element;
use yew::{AppHandle, AttrValue};

/// Shows a submission status in the mounted widget.
pub(crate) fn set_submission(mounted: &Weak<Slot>, status: Option<Status>) {
    let Some(mounted) = mounted.upgrade() else { return };
    let Ok(mut guard) = mounted.try_borrow_mut() else { return };
    if let Some(m) = guard.as_mut() {
        if m.props.submission != status {
            m.props.submission = status;
            m.render();
        }
    }
}

/// Hands a completed result to the page's sender and follows its status.
pub(crate) fn submit_result(outlet: &Rc<Outlet>, mounted: &Weak<Slot>, r: &AssessmentResult, url: &str) {
    let sender = match submit::sender() {
        Ok(s) => s,
        Err(e) => {
            return outlet.error("submit", &format!("could not start submitting: {}", super::options::describe(&e)))
        }
    };
    let body = wire::to_text(r);
    let listener: Rc<dyn Fn(Status)> = Rc::new({
        let (mounted, outlet) = (mounted.clone(), Rc::downgrade(outlet));
        move |status: Status| {
            if let (Status::Failed { reason }, Some(outlet)) = (&status, outlet.upgrade()) {
                outlet.error("submit", &format!("the result could not be sent: {reason}"));
            }
            set_submission(&mounted, Some(status));
        }
    });
    sender.submit(&r.id, url, body, &listener);
    // The listener lives as long as the widget does.
    if let Some(m) = mounted.upgrade() {
        if let Ok(mut guard) = m.try_borrow_mut() {
            if let Some(m) = guard.as_mut() {
                m.listeners.push(listener);
            }
        }
    }
}

/// Where a mounted widget lives. Boxed, so that what is left after `destroy()` until the JS
/// handle is garbage-collected (or `free()`d) is a few bytes, not the whole widget.
pub(crate) type Slot = RefCell<Option<Box<Mounted>>>;

pub(crate) struct Mounted {
    pub app: AppHandle<Root>,
    pub root: Element,
    pub generation: u32,
    pub props: AppProps,
    pub outlet: Rc<Outlet>,
    pub remote: Remote,
    pub theme: Vec<&'static str>,
    /// Submission status listeners, kept alive while the widget is mounted.
    pub listeners: Vec<Rc<dyn Fn(Status)>>,
    pub loading: bool,
    pub failure: Option<Failure>,
    /// Waits for the language pack of its language before showing anything.
    pub waiting_for_pack: bool,
    /// Shows the default assessment, whose texts in other languages come with the packs.
    pub uses_default: bool,
    /// The language asked for last, which a pack arriving late must not override.
    pub wanted: AttrValue,
    /// Re-adopts the stylesheet when the widget's box changes: it was attached, or moved into
    /// another document or shadow root, where it would otherwise be unstyled.
    pub restyle: (web_sys::ResizeObserver, Closure<dyn FnMut()>),
}

impl Mounted {
    pub fn render(&mut self) {
        self.app.update(RootProps {
            app: Some(self.props.clone()),
            generation: self.generation,
            loading: self.loading || self.waiting_for_pack,
            failure: self.failure.clone(),
        });
    }

    pub fn set_locale(&mut self, locale: AttrValue) {
        if self.uses_default {
            self.props.definition = Shared(locales::default_definition());
        }
        self.props.locale = locale;
        if let Some(f) = &mut self.failure {
            f.locale = self.props.locale.clone();
        }
        self.render();
    }
}

/// Switches a widget's language, first fetching its texts if need be. The widget keeps its
/// current language until they arrive; if they cannot be had, it keeps that language (English
/// if it had none yet) and reports an error.
pub(crate) fn switch_locale(slot: &Rc<Slot>, tag: &str) {
    let locale = AttrValue::from(resolve(tag));
    let mut guard = slot.borrow_mut();
    let Some(m) = guard.as_mut() else { return };
    m.wanted = locale.clone();
    if locales::has(&locale) {
        m.set_locale(locale);
        return;
    }
    let weak = Rc::downgrade(slot);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = locales::load(&locale).await;
        let Some(slot) = weak.upgrade() else { return };
        let mut guard = slot.borrow_mut();
        let Some(m) = guard.as_mut() else { return }; // destroyed meanwhile
        if m.wanted != locale {
            return; // another language was asked for since
        }
        m.waiting_for_pack = false;
        let shown = match &loaded {
            Ok(()) => locale,
            Err(_) if locales::has(&m.props.locale) => m.props.locale.clone(),
            Err(_) => AttrValue::from(crate::engine::text::FALLBACK_LOCALE),
        };
        m.wanted = shown.clone();
        m.set_locale(shown.clone());
        let outlet = m.outlet.clone();
        drop(guard);
        if let Err(message) = loaded {
            outlet.error("locale", &format!("{message}, so the widget stays in {}", quote(&shown)));
        }
    });
}
