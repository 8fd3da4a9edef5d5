//! Browser storage for autosave, and what to offer a returning user. Storage may be disabled,
//! full or hold anything: every failure becomes a notice, never a crash. Nothing stored is
//! deleted unless it can never be resumed (unreadable, or for another version) or the user says
//! so (Start over, or a reset).

use crate::engine::history::Kept;
use crate::engine::saved::{decode, decode_link, encode, is_stale, storage_prefix, RestoreError};
use crate::engine::{Definition, Session};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Storage;
use yew::NodeRef;

/// The fragment parameter that carries a resume link.
pub const LINK_PARAM: &str = "cx-resume=";

/// The page's localStorage, if it has one it may use. A thin web-sys wrapper, not gloo-storage:
/// `LocalStorage::raw()` there throws a JS exception out of the wasm (`expect_throw`) where storage
/// is disabled, which the page tests of disabled and full storage do, and its `get`/`set` read and
/// write with serde_json, a second JSON parser in the download beside the browser's (`ui::wire`).
fn local() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Something the user should know about saved answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Storage is disabled or full: answers are not saved.
    Unavailable,
    /// Saved answers could not be read and were discarded.
    Corrupt,
    /// Saved answers were for another version and were discarded.
    OtherVersion,
    /// The resume link could not be read (anything saved is still offered).
    BadLink,
    /// Another widget on the page already saves this assessment under the same key, so this one
    /// does not save (the host can give each a `storageKey`).
    Shared,
}

/// What a returning user may continue: the answers in a resume link, those saved in this
/// browser, or both (then the user chooses).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Offers {
    pub link: Option<Rc<Session>>,
    pub saved: Option<Rc<Session>>,
}

thread_local! {
    /// The storage keys that a mounted widget saves under, each claimed by one widget at a time
    /// (known by its root element's ref).
    static CLAIMED: RefCell<Vec<(String, NodeRef)>> = const { RefCell::new(Vec::new()) };
}

/// Whether `key` is free for a widget's autosave: no widget on the page holds it (a widget whose
/// element was taken out of the page without being destroyed holds nothing).
pub fn is_free(key: &str) -> bool {
    CLAIMED.with(|c| !c.borrow().iter().any(|(k, holder)| k == key && holder.get().is_none_or(|el| el.is_connected())))
}

/// Claims `key` for the autosave of the widget whose root is `root`; false when another widget
/// on the page has it.
pub fn claim(key: &str, root: &NodeRef) -> bool {
    CLAIMED.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|(k, holder)| k != key || holder.get().is_none_or(|el| el.is_connected()));
        if c.iter().any(|(k, _)| k == key) {
            return false;
        }
        c.push((key.to_string(), root.clone()));
        true
    })
}

/// Gives a claimed key back (the widget was removed).
pub fn release(key: &str, root: &NodeRef) {
    CLAIMED.with(|c| c.borrow_mut().retain(|(k, holder)| !(k == key && holder == root)));
}

fn link_in_location() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let at = hash.find(LINK_PARAM)?;
    let rest = &hash[at + LINK_PARAM.len()..];
    Some(rest.split('&').next().unwrap_or("").to_string())
}

/// What to offer on the intro: the answers of a resume link in the page's URL, and those saved
/// under `key` (when `saving`); and what is stored that can never be resumed, to delete (see
/// [`forget`]). Only reads: an unreadable link changes nothing stored.
pub fn find(
    def: &Definition,
    key: &str,
    scope: Option<&str>,
    saving: bool,
    base: &Session,
) -> (Offers, Option<Notice>, Vec<String>) {
    let mut offers = Offers::default();
    let mut notice = None;
    let mut discard = Vec::new();
    if let Some(link) = link_in_location() {
        match decode_link(def, &link) {
            Ok(answers) if !answers.is_empty() => {
                let session = Session::resumed(def, answers, base, &super::now_iso(), &super::new_id());
                offers.link = Some(Rc::new(session));
            }
            _ => notice = Some(Notice::BadLink),
        }
    }
    if !saving {
        return (offers, notice, discard);
    }
    let Some(storage) = local() else { return (offers, Some(Notice::Unavailable), discard) };
    // This widget's sessions saved for other versions of this assessment cannot be resumed.
    let len = storage.length().unwrap_or(0);
    let prefix = storage_prefix(def);
    let stale: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix))
        .filter(|k| {
            let Some(text) = storage.get_item(k).ok().flatten() else { return false };
            is_stale(def, scope, k, super::wire::parse_value(&text).ok().as_ref())
        })
        .collect();
    if !stale.is_empty() {
        notice = notice.or(Some(Notice::OtherVersion));
    }
    discard.extend(stale);
    match storage.get_item(key) {
        Ok(Some(json)) => match super::wire::parse_value(&json)
            .map_err(|e| RestoreError::Corrupt(e.message))
            .and_then(|v| decode(def, v))
        {
            Ok(session)
                if session.started_at.is_some() && !session.answers.is_empty() || session.completed_at.is_some() =>
            {
                offers.saved = Some(Rc::new(session));
            }
            Ok(_) => {}
            Err(e) => {
                discard.push(key.to_string());
                notice = notice.or(Some(match e {
                    RestoreError::OtherVersion(_) => Notice::OtherVersion,
                    RestoreError::Corrupt(_) => Notice::Corrupt,
                }));
            }
        },
        Ok(None) => {}
        Err(_) => notice = notice.or(Some(Notice::Unavailable)),
    }
    (offers, notice, discard)
}

/// Saves the session; false when storage refused (disabled or full).
pub fn save(def: &Definition, key: &str, scope: Option<&str>, session: &Session) -> bool {
    local().is_some_and(|s| {
        s.set_item(key, &super::wire::to_text(&encode(def, session, &super::now_iso(), scope))).is_ok()
    })
}

pub fn forget(key: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(key);
    }
}

/// The page's URL with a resume link for these answers in its fragment.
pub fn resume_url(def: &Definition, session: &Session) -> String {
    let link = crate::engine::saved::encode_link(def, &session.answers);
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or("");
    format!("{base}#{LINK_PARAM}{link}")
}

/// The last completion kept under `key` (progress since last time); nothing when storage is
/// unreadable or holds something else.
pub fn read_kept(def: &Definition, key: &str) -> Option<Kept> {
    let text = local()?.get_item(key).ok().flatten()?;
    Kept::read(def, super::wire::parse_value(&text).ok()?)
}

/// Keeps a completion for next time; false when storage refused.
pub fn keep(key: &str, kept: &Kept) -> bool {
    local().is_some_and(|s| s.set_item(key, &super::wire::to_text(kept)).is_ok())
}
