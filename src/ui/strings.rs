//! The widget's own user-visible strings (the assessment's texts come from the definition).

/// Every UI string, one field per key, so a locale is one complete value of this struct.
pub struct Strings {
    pub start: &'static str,
    pub minutes: &'static str,
    pub statements_in: &'static str,
    pub intro_privacy: &'static str,
    pub profile_heading: &'static str,
    pub profile_hint: &'static str,
    pub choose: &'static str,
    pub back: &'static str,
    pub next: &'static str,
    pub see_results: &'static str,
    pub part: &'static str,
    pub of: &'static str,
    pub answered: &'static str,
    pub progress_label: &'static str,
    pub reverse_hint: &'static str,
    pub missing_one: &'static str,
    pub missing_many: &'static str,
    pub missing_item: &'static str,
    pub required: &'static str,
    pub results_heading: &'static str,
    pub overall: &'static str,
    pub level: &'static str,
    pub not_assessed: &'static str,
    pub not_assessed_overall: &'static str,
    pub why_capped: &'static str,
    pub dimensions_heading: &'static str,
    pub critical: &'static str,
    pub evidence_gap: &'static str,
    pub recommendations_heading: &'static str,
    pub why: &'static str,
    pub start_again: &'static str,
    pub score_of: &'static str,
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
};

/// The strings for a locale (English until other locales are added).
pub fn strings(_locale: &str) -> &'static Strings {
    &EN
}

/// Replaces `{name}` placeholders.
pub fn fill(template: &str, pairs: &[(&str, String)]) -> String {
    pairs.iter().fold(template.to_string(), |s, (k, v)| s.replace(&format!("{{{k}}}"), v))
}
