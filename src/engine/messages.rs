//! The engine's own sentences (reasons for caps, gates and recommendations), and locale-aware
//! number formatting. English is compiled in; German, French and Spanish arrive with the language
//! packs (`src/locales/<language>.json`, see `locales`).

/// Supported languages; the first is the fallback.
pub const LOCALES: [&str; 4] = ["en", "de", "fr", "es"];

/// The supported language for a tag: its language if supported (`de-CH` → `de`), else English.
pub fn resolve(tag: &str) -> &'static str {
    let language = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    LOCALES.iter().find(|l| **l == language).copied().unwrap_or(LOCALES[0])
}

/// Declares a table of texts: a struct with one `&'static str` field per key (so a language is
/// one complete value of it), `entries()` to list them, and `read()` to take a language from a
/// pack, where a missing key falls back to English.
macro_rules! text_table {
    ($(#[$doc:meta])* $name:ident { $($key:ident),* $(,)? }) => {
        $(#[$doc])*
        pub struct $name { $(pub $key: &'static str,)* }
        impl $name {
            const KEYS: [&'static str; [$(stringify!($key)),*].len()] = [$(stringify!($key)),*];

            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                Self::KEYS.into_iter().zip([$(self.$key),*]).collect()
            }

            /// The texts of a pack's object at `path`; strings are kept for the life of the page.
            /// (A loop over the keys, not code per key: the tables have dozens.)
            /// Each key missing from `strings` keeps its English text.
            pub fn read(strings: &::std::collections::BTreeMap<String, String>, english: &Self) -> Self {
                let mut texts = [$(english.$key),*];
                for (text, key) in texts.iter_mut().zip(Self::KEYS) {
                    if let Some(s) = strings.get(key) {
                        *text = Box::leak(s.clone().into_boxed_str());
                    }
                }
                let [$($key),*] = texts;
                $name { $($key),* }
            }
        }
    };
}
#[allow(unused_imports)] // used by the UI, which exists only on wasm32
pub(crate) use text_table;

text_table! {
    Messages {
        cap,
        gate,
        unassessed,
        weakest,
        strongest,
        ranked,
        why_scored,
        why_unassessed,
        why_critical,
        why_gap,
        list_separator,
    }
}

pub const EN: Messages = Messages {
    cap: "Capped at level {cap} ({cap_name}) by {dim}, a critical dimension at level {dl} ({dl_name}): the overall level can be at most {margin} above the lowest critical dimension. The score alone would give level {uncapped}.",
    gate: "Level {level} ({name}) needs every dimension at {min} or more; not yet: {list}.",
    unassessed: "unassessed",
    weakest: "Your weakest dimension",
    strongest: "Your strongest dimension",
    ranked: "Ranked {r} of {n} by score",
    why_scored: "{standing}: scored {score} of 100, level {level} ({name}), so this is the next step at that level.",
    why_unassessed: "Not assessed: every answer here was \"Don't know\", so this starts from the first step.",
    why_critical: " It is a critical dimension, so it limits your overall level.",
    why_gap: " {n} answers were \"Don't know\", so its level is capped at {max} until there is evidence.",
    list_separator: ", ",
};

/// How the engine words a result in one language: the text variants of `locale`, its sentences,
/// and how numbers are written for people. The caller passes it in (the engine keeps no registry
/// of languages): the widget with the browser's `Intl.NumberFormat`, native code with
/// [`plain_number`].
pub struct Wording<'a> {
    pub locale: &'a str,
    pub messages: &'a Messages,
    /// A score or threshold for people: `58.3` (or `58,3`), `65`.
    pub number: &'a dyn Fn(f64) -> String,
}

impl Wording<'static> {
    /// English, with [`plain_number`].
    pub fn english() -> Self {
        Wording { locale: "en", messages: &EN, number: &plain_number }
    }
}

/// A supported language other than English, as packs bring.
pub fn supported(locale: &str) -> Result<&'static str, String> {
    LOCALES[1..].iter().copied().find(|l| *l == locale).ok_or_else(|| {
        format!(
            "{} is not a language the widget supports ({})",
            crate::engine::text::quote(locale),
            LOCALES[1..].join(", ")
        )
    })
}

/// A score for people as English writes it: whole numbers without decimals, otherwise one
/// decimal (`58.3`, `65`).
pub fn plain_number(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        one_decimal(x)
    }
}

/// `x` rounded to one decimal ("58.3", "-4.0"), with integer arithmetic: the float formatter
/// would add 14 KB to the download.
pub fn one_decimal(x: f64) -> String {
    let t = (x * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    let t = t.unsigned_abs();
    format!("{sign}{}.{}", t / 10, t % 10)
}

/// The `{name}` placeholders of a template, sorted (to check that translations keep them).
pub fn placeholders(template: &str) -> Vec<String> {
    let mut v: Vec<String> =
        template.split('{').skip(1).filter_map(|p| p.split_once('}')).map(|(k, _)| k.to_string()).collect();
    v.sort();
    v
}

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs.iter().fold(template.to_string(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}
