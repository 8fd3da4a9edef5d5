//! Attribution read from a page's URL: the five UTM parameters, the path, the referrer's origin.

use cx_scorecard::engine::attribution::{Attribution, MAX_LEN};

#[test]
fn utm_parameters_path_and_referrer_are_read_and_nothing_else() {
    let params = [
        ("utm_source", "newsletter"),
        ("utm_medium", " email "),
        ("utm_campaign", "spring"),
        ("utm_term", ""),
        ("utm_content", "hero"),
        ("utm_source", "second"),
        ("gclid", "x"),
        ("email", "someone@example.com"),
    ];
    let a = Attribution::read(params, "/pricing", Some("https://news.example"));
    assert_eq!(
        a,
        Attribution {
            utm_source: Some("newsletter".into()),
            utm_medium: Some("email".into()),
            utm_campaign: Some("spring".into()),
            utm_term: None,
            utm_content: Some("hero".into()),
            landing_path: Some("/pricing".into()),
            referrer: Some("https://news.example".into()),
        }
    );
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["utmSource"], "newsletter");
    assert!(json.get("utmTerm").is_none(), "absent fields are omitted: {json}");
    assert_eq!(json["landingPath"], "/pricing");
}

#[test]
fn long_values_are_cut_and_nothing_given_is_nothing() {
    let long = "x".repeat(MAX_LEN + 50);
    let a = Attribution::read([("utm_source", long.as_str())], "", None);
    assert_eq!(a.utm_source.as_deref().map(str::len), Some(MAX_LEN));
    assert_eq!(a.landing_path, None);
    assert_eq!(serde_json::to_string(&Attribution::read([], "", None)).unwrap(), "{}");
}
