//! Where a lead came from: the UTM parameters of the host page's URL and its path (and, only if
//! the host asks, the referring page's origin), read once when the widget mounts. Pure: the UI
//! passes in the URL's parts.

use serde::{Deserialize, Serialize};

/// `result.attribution` (with the `attribution` option). Absent fields are omitted.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(hashmap_as_object, missing_as_null))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Attribution {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub utm_source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub utm_medium: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub utm_campaign: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub utm_term: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub utm_content: Option<String>,
    /// The path of the page the widget was on (no query, no fragment).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub landing_path: Option<String>,
    /// The origin of the page that linked to it (`attribution: "full"` only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub referrer: Option<String>,
}

/// The longest value kept, in characters: a URL can carry anything.
pub const MAX_LEN: usize = 200;

impl Attribution {
    /// From the page's query parameters (already decoded, in order; the first of a name counts),
    /// its path, and the referrer's origin if the host asked for it. Empty values count as absent.
    pub fn read<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>, path: &str, referrer: Option<&str>) -> Self {
        let mut a = Attribution::default();
        let keep = |v: &str| Some(v.trim()).filter(|v| !v.is_empty()).map(|v| v.chars().take(MAX_LEN).collect());
        for (name, value) in params {
            let slot = match name {
                "utm_source" => &mut a.utm_source,
                "utm_medium" => &mut a.utm_medium,
                "utm_campaign" => &mut a.utm_campaign,
                "utm_term" => &mut a.utm_term,
                "utm_content" => &mut a.utm_content,
                _ => continue,
            };
            if slot.is_none() {
                *slot = keep(value);
            }
        }
        a.landing_path = keep(path);
        a.referrer = referrer.and_then(keep);
        a
    }

    /// The fields (by their name in the result, `utmTerm`…) whose value holds an email address:
    /// a link's parameters sometimes carry the recipient's. Analytics gets the attribution without
    /// them ([`Attribution::for_analytics`]).
    pub fn personal_fields(&self) -> Vec<&'static str> {
        self.fields().into_iter().filter(|(_, v)| v.as_deref().is_some_and(holds_email)).map(|(n, _)| n).collect()
    }

    /// This attribution without any value that holds an email address: what the data layer gets.
    pub fn for_analytics(&self) -> Attribution {
        let keep = |v: &Option<String>| v.clone().filter(|v| !holds_email(v));
        Attribution {
            utm_source: keep(&self.utm_source),
            utm_medium: keep(&self.utm_medium),
            utm_campaign: keep(&self.utm_campaign),
            utm_term: keep(&self.utm_term),
            utm_content: keep(&self.utm_content),
            landing_path: keep(&self.landing_path),
            referrer: keep(&self.referrer),
        }
    }

    fn fields(&self) -> [(&'static str, &Option<String>); 7] {
        [
            ("utmSource", &self.utm_source),
            ("utmMedium", &self.utm_medium),
            ("utmCampaign", &self.utm_campaign),
            ("utmTerm", &self.utm_term),
            ("utmContent", &self.utm_content),
            ("landingPath", &self.landing_path),
            ("referrer", &self.referrer),
        ]
    }
}

/// Whether `text` holds what reads as an email address: a local part, `@` (or `%40`, still
/// encoded), and a domain with a dot (`jane.doe@example.com`, `x jane@mail.example.co.uk y`).
/// A handle such as `@example` or `team@home` is not one.
pub fn holds_email(text: &str) -> bool {
    let text = text.replace("%40", "@");
    // Any non-ASCII character counts as a letter (an international address): Unicode's tables
    // would cost the wasm more than they tell here.
    let letter = |c: char| c.is_ascii_alphanumeric() || !c.is_ascii();
    let local = |c: char| letter(c) || "._%+-!#$&'*/=?^`{|}~".contains(c);
    let domain = |c: char| letter(c) || c == '.' || c == '-';
    text.match_indices('@').any(|(at, _)| {
        if !text[..at].chars().next_back().is_some_and(local) {
            return false;
        }
        let after = &text[at + 1..];
        let host = after[..after.find(|c: char| !domain(c)).unwrap_or(after.len())].trim_end_matches(['.', '-']);
        let mut labels = host.split('.');
        let first = labels.next().unwrap_or("");
        let last = host.rsplit('.').next().unwrap_or("");
        !first.is_empty() && host.contains('.') && last.chars().count() >= 2 && labels.all(|l| !l.is_empty())
    })
}
