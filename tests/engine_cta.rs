//! Calls to action: which one a result gets, and which URLs and entries are refused.

use cx_scorecard::engine::cta::{choose, is_safe_url, url_problem, validate, Cta, UrlProblem};
use cx_scorecard::engine::AssessmentResult;

/// The golden result: overall level 3; d1 4, d2 2, d3 3, d4 4, d5 5, d6 1, d7 3.
fn golden() -> AssessmentResult {
    serde_json::from_str(include_str!("golden/result.json")).unwrap()
}

fn ctas(json: &str) -> Vec<Cta> {
    serde_json::from_str(json).unwrap()
}

const LIST: &str = r#"[
  {"id": "workshop", "text": "Book a workshop", "url": "https://example.com/workshop", "when": {"level": [1, 2]}},
  {"id": "feedback", "text": {"en": "Fix your feedback loops", "de": "Feedback-Schleifen"}, "url": "/feedback", "when": {"dimension": "d6", "level": [1]}},
  {"id": "guide", "text": "Read the guide", "url": "guide.html", "description": "Ten pages", "when": {"level": [3, 4, 5]}},
  {"id": "any", "text": "Talk to us", "url": "https://example.com/contact"}
]"#;

#[test]
fn the_first_matching_rule_wins() {
    let list = ctas(LIST);
    let mut r = golden();
    // Overall 3: the workshop (1, 2) does not match; d6 is at 1, so the feedback one does.
    assert_eq!(choose(&list, &r).map(|c| c.id.as_str()), Some("feedback"));
    // d6 at 2: the next rule, overall level 3.
    r.dimensions[5].level = Some(2);
    assert_eq!(choose(&list, &r).map(|c| c.id.as_str()), Some("guide"));
    // Overall 2: the workshop.
    r.overall.level = Some(2);
    assert_eq!(choose(&list, &r).map(|c| c.id.as_str()), Some("workshop"));
    // Unassessed overall and d6: only the one without a rule.
    r.overall.level = None;
    r.dimensions[5].level = None;
    assert_eq!(choose(&list, &r).map(|c| c.id.as_str()), Some("any"));
    // Without a catch-all, nothing matches.
    assert_eq!(choose(&list[..3], &r), None);
    // A rule naming a dimension the assessment does not have never matches.
    let other =
        ctas(r#"[{"id": "x", "text": "X", "url": "/x", "when": {"dimension": "d99", "level": [1, 2, 3, 4, 5]}}]"#);
    assert_eq!(choose(&other, &golden()), None);
}

#[test]
fn only_http_https_and_relative_urls_are_followed() {
    for ok in [
        "https://example.com/a",
        "HTTP://example.com",
        "/path",
        "guide.html",
        "?q=1",
        "#top",
        "a/b:c",
        "\\path",
        "https://example.com/a@b?c=@#@",
        "https://example.com",
    ] {
        assert!(is_safe_url(ok), "{ok}");
    }
    for bad in [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:x",
        "data:text/html,x",
        "vbscript:x",
        "mailto:a@b",
        "",
        "  ",
    ] {
        assert!(!is_safe_url(bad), "{bad:?}");
    }
}

#[test]
fn relative_means_this_site_and_an_address_holds_no_password() {
    // Each of these a browser reads as another host: `\\` is `/` in an http(s) URL.
    for other in [
        "//evil.example/x",
        "/\\evil.example/x",
        "\\\\evil.example/x",
        "\\/evil.example/x",
        " //evil.example",
        "/\t/evil.example/x",
        "/\n\\evil.example",
    ] {
        assert_eq!(url_problem(other), Some(UrlProblem::OtherSite), "{other:?}");
    }
    for secret in [
        "https://user:secret@host.example/",
        "https://user@host.example/x",
        "HTTP://a:b@host.example",
        "https:\\\\user:secret@host.example",
        "http:user:secret@host.example/",
        "https://user:secret@host.example?next=/",
    ] {
        assert_eq!(url_problem(secret), Some(UrlProblem::Credentials), "{secret:?}");
    }
    let list = ctas(
        r#"[{"id": "a", "text": "A", "url": "/a"}, {"id": "b", "text": "B", "url": "/\\evil.example/x"},
            {"id": "c", "text": "C", "url": "https://user:secret@host.example/"}]"#,
    );
    assert_eq!(
        validate(&list),
        vec![
            "cta[1].url must not begin with two slashes or backslashes, which lead to another site \
             (write https:// for that), got \"/\\\\evil.example/x\"",
            "cta[2].url must not hold a user name or password (before an @)",
        ]
    );
    assert!(validate(&list).iter().all(|p| !p.contains("secret")), "the password is not printed");
}

#[test]
fn bad_entries_are_named() {
    let list = ctas(
        r#"[{"id": "a", "text": "A", "url": "javascript:alert(1)"}, {"id": "a", "text": " ", "url": "/b", "when": {"level": []}}]"#,
    );
    assert_eq!(
        validate(&list),
        vec![
            "cta[0].url must be an https:, http: or relative URL, got \"javascript:alert(1)\"",
            "cta[1].id \"a\" is given twice",
            "cta[1].text must not be empty",
            "cta[1].when.level must list at least one level",
        ]
    );
    assert!(validate(&ctas(LIST)).is_empty());
    // Unknown members are refused, so a misspelt `wehn` is not silently ignored.
    assert!(
        serde_json::from_str::<Vec<Cta>>(r#"[{"id": "a", "text": "A", "url": "/a", "wehn": {"level": [1]}}]"#).is_err()
    );
}
