//! The widget's own user-visible strings (the assessment's texts come from the definition).
//! English is compiled in; German, French and Spanish arrive with the language packs
//! (`src/locales/<language>.json`).

#[cfg(target_arch = "wasm32")]
use crate::engine::messages::plain_number;
use crate::engine::messages::text_table;
use crate::engine::messages::{Messages, EN as ENGINE_EN};
use std::cell::RefCell;

text_table! {
    Strings {
    start,
    minutes,
    statements_in,
    intro_privacy,
    profile_heading,
    profile_hint,
    choose,
    back,
    next,
    see_results,
    part,
    of,
    answered,
    progress_label,
    reverse_hint,
    missing_one,
    missing_many,
    missing_item,
    required,
    results_heading,
    overall,
    level,
    not_assessed,
    not_assessed_overall,
    why_capped,
    dimensions_heading,
    critical,
    evidence_gap,
    recommendations_heading,
    why,
    start_again,
    score_of,
    lead_heading,
    lead_hint,
    field_name,
    field_email,
    field_company,
    field_role,
    optional,
    error_required,
    error_email,
    error_option,
    error_too_long,
    error_consent,
    lead_errors,
    default_consent,
    privacy_policy,
    show_results,
    skip_lead,
    completed_on,
    priorities_heading,
    chart_heading,
    chart_title,
    context_heading,
    context_note,
    source,
    download_json,
    download_csv,
    print,
    sending,
    sent,
    queued,
    failed,
    discarded,
    retry,
    dont_send,
    reason_offline,
    reason_network,
    reason_status,
    reason_redirect,
    reason_timeout,
    welcome_back,
    welcome_link,
    welcome_both,
    resume,
    start_over,
    resume_link,
    resume_saved,
    notice_unavailable,
    notice_corrupt,
    notice_other_version,
    notice_bad_link,
    notice_shared,
    link_button,
    link_label,
    link_copied,
    failure_title,
    loading,
    lead_hint_start,
    lead_submit_start,
    lead_skip_start,
    lead_heading_teaser,
    lead_hint_teaser,
    lead_submit_teaser,
    lead_skip_teaser,
    top_priority,
    since,
    kept_note,
    kept_compared,
    kept_delete,
    kept_deleted,
    new_tab,
    result_code,
    result_code_label,
    result_code_hint,
    result_code_copied,
    }
}

pub const EN: Strings = Strings {
    start: "Start the assessment",
    minutes: "About {n} minutes",
    statements_in: "{s} statements in {d} areas",
    intro_privacy: "Your answers stay in this browser unless you choose to share them.",
    profile_heading: "About your organisation",
    profile_hint: "Optional questions that put your result in context. Skip any you prefer not to answer.",
    choose: "Choose…",
    back: "Back",
    next: "Next",
    see_results: "See my results",
    part: "Part",
    of: "of",
    answered: "answered",
    progress_label: "Statements answered",
    reverse_hint: "Rate how far you agree with each statement for your organisation today.",
    missing_one: "One statement still needs an answer (choose “Don’t know” if you are unsure).",
    missing_many: "{n} statements still need an answer (choose “Don’t know” if you are unsure).",
    missing_item: "Please choose an answer.",
    required: "required",
    results_heading: "Your result",
    overall: "Overall score",
    level: "Level",
    not_assessed: "Not assessed",
    not_assessed_overall: "No dimension could be scored, because every answer was “Don’t know”.",
    why_capped: "Why this level",
    dimensions_heading: "Scores by dimension",
    critical: "critical",
    evidence_gap: "evidence gap: level capped",
    recommendations_heading: "Recommendations, weakest area first",
    why: "Why",
    start_again: "Start again",
    score_of: "{s} of 100",
    lead_heading: "Your details",
    lead_hint: "Your answers have been scored in this browser. Add your details to see your results.",
    field_name: "Name",
    field_email: "Work email",
    field_company: "Company",
    field_role: "Role",
    optional: "optional",
    error_required: "This field is required.",
    error_email: "Enter an email address such as name@company.com.",
    error_option: "Choose one of the options.",
    error_too_long: "Use 200 characters or fewer.",
    error_consent: "Tick the box to agree, or your details cannot be used.",
    lead_errors: "Please correct the highlighted fields.",
    default_consent: "I agree that the provider of this assessment may keep these details with my results and contact me about them.",
    privacy_policy: "Privacy policy",
    show_results: "Show my results",
    skip_lead: "Skip and see results",
    completed_on: "Completed {date}",
    priorities_heading: "Your top three priorities",
    chart_heading: "Profile across dimensions",
    chart_title: "Radar chart of the dimension scores (0 to 100)",
    context_heading: "Context, not a comparison",
    context_note: "Published figures from other studies, to put your result in context. They were measured differently, so they are not a like-for-like benchmark.",
    source: "Source",
    download_json: "Download JSON",
    download_csv: "Download CSV",
    print: "Print or save as PDF",
    sending: "Sending your results…",
    sent: "Your results were sent.",
    queued: "Not sent yet ({reason}). They are kept on this device for up to 7 days and will be sent automatically.",
    failed: "Your results could not be sent ({reason}). They are kept on this device for up to 7 days.",
    discarded: "Your results were not sent, and nothing of them is kept on this device.",
    retry: "Try again",
    dont_send: "Don’t send",
    reason_offline: "offline",
    reason_network: "the network request failed",
    reason_status: "the server answered {status}",
    reason_redirect: "the server answered with a redirect",
    reason_timeout: "the server did not answer in time",
    welcome_back: "Welcome back. You have answered {a} of {t} statements.",
    welcome_link: "This link holds {a} of {t} answered statements.",
    welcome_both: "This link holds {a} of {t} answered statements, and this browser has {b} of {t} saved from before. Choose which to continue.",
    resume: "Resume",
    start_over: "Start over",
    resume_link: "Continue from the link",
    resume_saved: "Continue saved answers",
    notice_unavailable: "Your answers cannot be saved in this browser, so finish in one sitting.",
    notice_corrupt: "Your saved answers could not be read, so the assessment starts afresh.",
    notice_other_version: "Your saved answers were for an earlier version of this assessment, so it starts afresh.",
    notice_bad_link: "The resume link could not be read, so its answers cannot be used.",
    notice_shared: "Another copy of this assessment on this page is already saving its answers, so answers here are not saved.",
    link_button: "Get a link to continue later",
    link_label: "Link to continue later (keep it private: it holds your answers)",
    link_copied: "Copied to the clipboard.",
    failure_title: "The assessment could not be shown",
    loading: "Loading the assessment…",
    lead_hint_start: "Add your details to begin. Your answers are scored in this browser.",
    lead_submit_start: "Begin the assessment",
    lead_skip_start: "Skip and begin",
    lead_heading_teaser: "Get the full report",
    lead_hint_teaser: "Add your details to see the full report: every score, every recommendation, the chart, downloads and print.",
    lead_submit_teaser: "Show the full report",
    lead_skip_teaser: "Skip and keep the summary",
    top_priority: "Your top priority",
    since: "{change} since {date}",
    kept_note: "This result is kept in this browser (its scores only), so that next time you can see what changed.",
    kept_compared: "Compared with your result of {date}, kept in this browser (its scores only).",
    kept_delete: "Delete the kept result",
    kept_deleted: "The kept result is deleted from this browser.",
    new_tab: "(opens in a new tab)",
    result_code: "Copy my result code",
    result_code_label: "Your result code",
    result_code_hint: "Send it to whoever runs your team’s report. It holds your answers and profile answers, never your contact details.",
    result_code_copied: "Result code copied",
};

pub use crate::engine::messages::{fill, resolve, LOCALES};

/// A language's texts: the widget's strings and the engine's sentences.
type Language = (&'static str, &'static Strings, &'static Messages);

thread_local! {
    /// The languages added from packs (the page's, shared by its widgets).
    static ADDED: RefCell<Vec<Language>> = const { RefCell::new(Vec::new()) };
}

/// The strings for a locale: added from a pack, else English.
pub fn strings(locale: &str) -> &'static Strings {
    let language = resolve(locale);
    ADDED.with(|a| a.borrow().iter().find(|(l, _, _)| *l == language).map(|(_, s, _)| *s)).unwrap_or(&EN)
}

/// The engine's sentences for a locale: added from a pack, else English. The engine is given
/// them (see [`Wording`]); it keeps no languages of its own.
pub fn messages(locale: &str) -> &'static Messages {
    let language = resolve(locale);
    ADDED.with(|a| a.borrow().iter().find(|(l, _, _)| *l == language).map(|(_, _, m)| *m)).unwrap_or(&ENGINE_EN)
}

/// A score for people in `locale`, as the browser's `Intl.NumberFormat` writes it (at most one
/// decimal: `58.3`, `58,3`, `65`).
#[cfg(target_arch = "wasm32")]
pub fn number_format(locale: &str) -> impl Fn(f64) -> String {
    use wasm_bindgen::JsValue;
    let options: js_sys::Object = super::bare();
    let _ = js_sys::Reflect::set(&options, &"maximumFractionDigits".into(), &1.into());
    let locales = js_sys::Array::of1(&locale.into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options).format();
    move |x: f64| {
        format.call1(&JsValue::NULL, &x.into()).ok().and_then(|s| s.as_string()).unwrap_or_else(|| plain_number(x))
    }
}

/// Whether a language's strings have been added.
pub fn has(language: &str) -> bool {
    ADDED.with(|a| a.borrow().iter().any(|(l, _, _)| *l == language))
}

/// Makes a language's strings and sentences (read from a pack) available, once per language.
pub fn register(language: &'static str, s: Strings, m: Messages) {
    ADDED.with(|a| {
        let mut a = a.borrow_mut();
        if !a.iter().any(|(l, _, _)| *l == language) {
            a.push((language, Box::leak(Box::new(s)), Box::leak(Box::new(m))));
        }
    });
}
