//! Attribution read from a page's URL: the five UTM parameters, the path, the referrer's origin.

use cx_scorecard::engine::attribution::{holds_email, Attribution, MAX_LEN};
use cx_scorecard::engine::AssessmentResult;

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

#[test]
fn an_email_address_in_attribution_is_found_however_it_is_written() {
    for personal in [
        "jane.doe@example.com",
        "Jane.Doe+cx@Mail.Example.co.uk",
        "jane.doe%40example.com",
        "jane.doe%40EXAMPLE.COM",
        "spring sale for jane@example.org today",
        "/users/jane@example.com/profile",
        "jöran@exämple.de",
    ] {
        assert!(holds_email(personal), "{personal}");
    }
    for not in ["newsletter", "@example", "team@home", "cx ops", "a@b.c", "@example.com", "jane@.com", "/pricing"] {
        assert!(!holds_email(not), "{not}");
    }
}

#[test]
fn analytics_gets_the_result_without_the_lead_or_an_email_in_attribution() {
    let params = [("utm_source", "newsletter"), ("utm_term", "jane.doe@example.com"), ("utm_content", "x%40y.example")];
    let a = Attribution::read(params, "/pricing", None);
    assert_eq!(a.personal_fields(), ["utmTerm", "utmContent"]);
    assert_eq!(
        a.for_analytics(),
        Attribution {
            utm_source: Some("newsletter".into()),
            landing_path: Some("/pricing".into()),
            ..Attribution::default()
        }
    );

    let mut result: AssessmentResult = serde_json::from_str(include_str!("golden/result.json")).unwrap();
    result.lead = Some(
        serde_json::from_value(serde_json::json!({
            "email": "ana@example.com", "name": "Ana Lima",
            "consent": {"text": "You may contact me.", "at": "2026-05-01T10:00:00Z"}
        }))
        .unwrap(),
    );
    result.attribution = Some(a);
    let analytics = result.for_analytics();
    let text = serde_json::to_string(&analytics).unwrap();
    for personal in ["ana@example.com", "Ana Lima", "jane.doe", "x%40y", "lead", "utmTerm", "utmContent"] {
        assert!(!text.contains(personal), "{personal} in {text}");
    }
    assert_eq!(
        serde_json::to_value(&analytics.attribution).unwrap(),
        serde_json::json!({"utmSource": "newsletter", "landingPath": "/pricing"})
    );
    // Everything else is the result as it is.
    assert_eq!(
        AssessmentResult { lead: result.lead.clone(), attribution: result.attribution.clone(), ..analytics },
        result
    );
}
