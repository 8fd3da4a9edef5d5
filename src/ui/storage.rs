//! Browser storage for autosave, and what to offer a returning user. Storage may be disabled,
//! full or hold anything: every failure becomes a notice, never a crash.

use crate::engine::saved::{decode, decode_link, encode, storage_key, storage_prefix, RestoreError};
use crate::engine::{Definition, Session};
use std::rc::Rc;
use web_sys::Storage;

/// The fragment parameter that carries a resume link.
pub const LINK_PARAM: &str = "cx-resume=";

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
    /// The resume link could not be read.
    BadLink,
}

/// A session the user may continue.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer {
    pub session: Rc<Session>,
    pub from_link: bool,
}

fn link_in_location() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    let at = hash.find(LINK_PARAM)?;
    let rest = &hash[at + LINK_PARAM.len()..];
    Some(rest.split('&').next().unwrap_or("").to_string())
}

/// What to offer on the intro: a resume link in the page's URL first, then saved answers.
pub fn find(def: &Definition, autosave: bool, base: &Session) -> (Option<Offer>, Option<Notice>) {
    if let Some(link) = link_in_location() {
        return match decode_link(def, &link) {
            Ok(answers) if !answers.is_empty() => {
                let session = Session::resumed(def, answers, base, &super::now_iso(), &super::new_id());
                (Some(Offer { session: Rc::new(session), from_link: true }), None)
            }
            _ => (None, Some(Notice::BadLink)),
        };
    }
    if !autosave {
        return (None, None);
    }
    let Some(storage) = local() else { return (None, Some(Notice::Unavailable)) };
    let key = storage_key(def);
    let mut notice = None;
    // Sessions saved for other versions of this assessment cannot be reused.
    let prefix = storage_prefix(def);
    let len = storage.length().unwrap_or(0);
    let stale: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&prefix) && *k != key)
        .collect();
    for k in stale {
        let _ = storage.remove_item(&k);
        notice = Some(Notice::OtherVersion);
    }
    let offer = match storage.get_item(&key) {
        Ok(Some(json)) => match decode(def, &json) {
            Ok(session)
                if session.started_at.is_some() && !session.answers.is_empty() || session.completed_at.is_some() =>
            {
                Some(Offer { session: Rc::new(session), from_link: false })
            }
            Ok(_) => None,
            Err(e) => {
                let _ = storage.remove_item(&key);
                notice = Some(match e {
                    RestoreError::OtherVersion(_) => Notice::OtherVersion,
                    RestoreError::Corrupt(_) => Notice::Corrupt,
                });
                None
            }
        },
        Ok(None) => None,
        Err(_) => {
            notice = Some(Notice::Unavailable);
            None
        }
    };
    (offer, notice)
}

/// Saves the session; false when storage refused (disabled or full).
pub fn save(def: &Definition, session: &Session) -> bool {
    local().is_some_and(|s| s.set_item(&storage_key(def), &encode(def, session, &super::now_iso())).is_ok())
}

pub fn forget(def: &Definition) {
    if let Some(s) = local() {
        let _ = s.remove_item(&storage_key(def));
    }
}

/// The page's URL with a resume link for these answers in its fragment.
pub fn resume_url(def: &Definition, session: &Session) -> String {
    let link = crate::engine::saved::encode_link(def, &session.answers);
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or("");
    format!("{base}#{LINK_PARAM}{link}")
}
