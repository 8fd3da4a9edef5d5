//! The lead gate, the CSV download and the submission outbox.
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::export::answers_csv;
use cx_scorecard::engine::lead::LeadMode;
use cx_scorecard::engine::lead::{is_email, make_lead, validate_lead, LeadConfig, LeadError};
use cx_scorecard::engine::outbox::{backoff_ms, outcome_for_status, Outbox, Outcome, Reason, Status, MAX_ATTEMPTS};
use cx_scorecard::engine::session::ActionError;
use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{build_result, default_definition, Action, Answer, LeadGate, LeadPlace, Session, Step};
use std::collections::BTreeMap as Map;

fn values(pairs: &[(&str, &str)]) -> Map<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn config(json: &str) -> LeadConfig {
    LeadConfig::from_json(json).unwrap()
}

/// The outbox as stored: its JSON text.
fn stored(o: &Outbox) -> String {
    serde_json::to_string(o).unwrap()
}

#[test]
fn email_addresses() {
    for ok in ["ana@example.com", "a.b+c@sub.example.co.uk", "x@y.io", " padded@example.org "] {
        assert!(is_email(ok), "{ok}");
    }
    for bad in [
        "",
        "ana",
        "ana@",
        "@example.com",
        "ana@example",
        "ana@@example.com",
        "ana @example.com",
        "ana@.com",
        "ana@example.c",
        "a<b>@example.com",
        "ana@-x.com",
    ] {
        assert!(!is_email(bad), "{bad}");
    }
}

#[test]
fn the_default_fields_need_an_email_and_consent() {
    let c = LeadConfig::before_results();
    assert_eq!(
        validate_lead(&c, &values(&[]), false),
        vec![("email".to_string(), LeadError::Required), ("consent".to_string(), LeadError::ConsentRequired)]
    );
    assert_eq!(
        validate_lead(&c, &values(&[("email", "not-an-email")]), true),
        vec![("email".to_string(), LeadError::InvalidEmail)]
    );
    assert!(validate_lead(&c, &values(&[("email", "ana@example.com")]), true).is_empty());
}

#[test]
fn configured_fields_with_custom_text_and_choice() {
    let c = config(
        r#"{"fields": [
            {"type": "name", "required": true},
            {"type": "email", "required": true},
            {"type": "role"},
            {"id": "budget", "type": "choice", "label": "Budget", "options": ["<10k", "10k+"], "required": true},
            {"id": "goal", "type": "text", "label": "Main goal"}
        ], "consentText": "You may contact me.", "privacyPolicyUrl": "https://host.example/privacy"}"#,
    );
    assert!(c.problems().is_empty());
    let errors = validate_lead(&c, &values(&[("name", "  "), ("email", "ana@example.com"), ("budget", "1M")]), true);
    assert_eq!(errors, vec![("name".into(), LeadError::Required), ("budget".into(), LeadError::NotAnOption)]);
    let long = "x".repeat(201);
    assert_eq!(
        validate_lead(
            &c,
            &values(&[("name", "Ana"), ("email", "ana@example.com"), ("budget", "10k+"), ("goal", &long)]),
            true
        ),
        vec![("goal".into(), LeadError::TooLong)]
    );
}

#[test]
fn no_lead_exists_without_consent() {
    let c = LeadConfig::before_results();
    let v = values(&[("email", "ana@example.com"), ("name", " Ana "), ("company", "")]);
    assert!(make_lead(&c, &v, false, "text", "t").is_err());
    let lead = make_lead(&c, &v, true, "You may contact me.", "2026-11-23T10:00:00Z").unwrap();
    assert_eq!(lead.values, values(&[("email", "ana@example.com"), ("name", "Ana")]), "trimmed, empty left out");
    let json: serde_json::Value = serde_json::from_str(&serde_json::to_string(&lead).unwrap()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"email": "ana@example.com", "name": "Ana", "consent": {"text": "You may contact me.", "at": "2026-11-23T10:00:00Z"}})
    );
}

#[test]
fn bad_lead_configurations_are_named() {
    let json = r#"{"fields": [{"type": "email"}, {"type": "email"}, {"type": "choice", "id": "c"}, {"type": "text", "id": "consent", "label": "x"}], "privacyPolicyUrl": "javascript:alert(1)"}"#;
    let c: LeadConfig = cx_scorecard::engine::wire::parse(json).unwrap();
    let problems: Vec<String> = c.problems().into_iter().map(|(p, m)| format!("{p}: {m}")).collect();
    let want = vec![
        "fields[1].id: duplicate field id \"email\"",
        "fields[2].label: a custom field needs a label",
        "fields[2].options: a choice field needs options",
        "fields[3].id: \"consent\" cannot be used as a field id",
        "privacyPolicyUrl: must be an http(s) URL or a relative link, got \"javascript:alert(1)\"",
    ];
    assert_eq!(problems, want);
    // `from_json` reads and checks: it refuses the configuration with every problem.
    let refused: Vec<String> =
        LeadConfig::from_json(json).unwrap_err().into_iter().map(|(p, m)| format!("{p}: {m}")).collect();
    assert_eq!(refused, want);
    for ok in ["privacy.html", "/legal/privacy", "https://host.example/p?x=1", "../p#a"] {
        let c = LeadConfig { privacy_policy_url: Some(ok.into()), ..LeadConfig::before_results() };
        assert!(c.problems().is_empty(), "{ok}");
    }
    // A type error stops the reading: each is named on its own, and of several the first in key order.
    let err = |json: &str| -> Vec<String> {
        LeadConfig::from_json(json).unwrap_err().into_iter().map(|(p, m)| format!("{p}: {m}")).collect()
    };
    assert_eq!(
        err(r#"{"colour": 1}"#),
        ["colour: unknown field `colour`, expected one of `mode`, `fields`, `consentText`, `privacyPolicyUrl`, `allowSkip`"]
    );
    assert_eq!(
        err(r#"{"fields": [{"type": "phone"}]}"#),
        ["fields[0].type: unknown variant `phone`, expected one of `name`, `email`, `company`, `role`, `text`, `choice`"]
    );
    assert_eq!(err(r#"{"allowSkip": "yes"}"#), ["allowSkip: invalid type: string \"yes\", expected a boolean"]);
    // Not an object: never a configuration with defaults (which would turn the gate on).
    assert_eq!(err("[]"), [": expected an object, found an array"]);
    assert_eq!(err("[\"off\"]"), [": expected an object, found an array"]);
    assert_eq!(
        err(r#"{"fields": [{"type": "phone"}], "allowSkip": "yes", "colour": 1}"#),
        ["allowSkip: invalid type: string \"yes\", expected a boolean"]
    );
}

fn finish_statements(def: &cx_scorecard::engine::Definition, mut s: Session) -> Session {
    s = s.apply(def, Action::Start { at: "t0".into(), id: "r1".into() }).unwrap();
    s = s.apply(def, Action::Next { at: "t1".into() }).unwrap();
    for d in &def.dimensions {
        for st in &d.statements {
            s = s.apply(def, Action::Answer { statement_id: st.id.clone(), answer: Answer::Value(4) }).unwrap();
        }
        s = s.apply(def, Action::Next { at: "t2".into() }).unwrap();
    }
    s
}

#[test]
fn the_gate_stands_between_the_last_page_and_the_results() {
    let def = default_definition();
    let s = finish_statements(&def, Session::new(LeadGate::Required));
    assert_eq!(s.step, Step::Lead);
    assert!(
        s.completed_at.is_none() && build_result(&def, &s, &Wording::english()).is_none(),
        "no result before the gate"
    );
    assert_eq!(s.apply(&def, Action::SkipLead { at: "t3".into() }), Err(ActionError::LeadRequired));
    assert_eq!(s.apply(&def, Action::Back).unwrap().step, Step::Dimension(6));
    let lead =
        make_lead(&LeadConfig::before_results(), &values(&[("email", "ana@example.com")]), true, "ok", "t3").unwrap();
    let done = s.apply(&def, Action::SubmitLead { lead: lead.clone(), at: "t3".into() }).unwrap();
    assert_eq!(done.step, Step::Results);
    let result = build_result(&def, &done, &Wording::english()).unwrap();
    assert_eq!(result.lead, Some(lead));
    assert_eq!(result.completed_at, "t3");
    // Reset keeps the gate.
    assert_eq!(done.apply(&def, Action::Reset).unwrap(), Session::new(LeadGate::Required));
}

#[test]
fn a_skipped_gate_gives_a_result_without_a_lead() {
    let def = default_definition();
    let s = finish_statements(&def, Session::new(LeadGate::Skippable));
    let done = s.apply(&def, Action::SkipLead { at: "t3".into() }).unwrap();
    let result = build_result(&def, &done, &Wording::english()).unwrap();
    assert!(result.lead.is_none());
    assert!(serde_json::to_value(&result).unwrap().get("lead").is_none());
}

#[test]
fn csv_has_one_row_per_answer() {
    let def = default_definition();
    let mut s = finish_statements(&def, Session::default());
    assert_eq!(s.step, Step::Results);
    s.answers.insert("d7.s2".into(), Answer::DontKnow);
    let csv = answers_csv(&def, &build_result(&def, &s, &Wording::english()).unwrap());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(lines.len(), 1 + 36 + 1, "header, 36 rows, trailing empty");
    assert_eq!(lines[0], "assessment_id,assessment_version,completed_at,dimension_id,dimension,question_id,statement,reverse_scored,value,answer");
    assert_eq!(
        lines[1],
        "cx-operations,1.0.0,t2,d1,Journey stages and moments of truth,d1.s1,Our customer lifecycle stages are defined and used to organise operational work.,false,4,Agree"
    );
    assert_eq!(
        lines[2],
        "cx-operations,1.0.0,t2,d1,Journey stages and moments of truth,d1.s2,\"We have named our 10–20 key moments of truth, including non-obvious ones (a third contact in a month, a 100th order).\",false,4,Agree"
    );
    assert!(lines[33].contains(",d7.s2,") && lines[33].ends_with(",false,,Don’t know"), "{}", lines[33]);
}

#[test]
fn outbox_backs_off_gives_up_and_retries_on_demand() {
    assert_eq!([1, 2, 3, 4, 7, 8, 20].map(backoff_ms), [1000.0, 2000.0, 4000.0, 8000.0, 60000.0, 60000.0, 60000.0]);
    assert_eq!(outcome_for_status(201), Outcome::Delivered);
    assert_eq!(Reason::Status(503).to_string(), "the server answered 503");
    assert_eq!(Reason::Network.to_string(), "the network request failed");
    assert_eq!(outcome_for_status(0), Outcome::Retry(Reason::Network));
    assert_eq!(outcome_for_status(503), Outcome::Retry(Reason::Status(503)));
    assert_eq!(outcome_for_status(429), Outcome::Retry(Reason::Status(429)));
    assert_eq!(outcome_for_status(400), Outcome::Rejected(Reason::Status(400)));

    let mut o = Outbox::default();
    o.enqueue("r1", "https://h/x", "{}".into(), 0.0);
    o.enqueue("r1", "https://h/x", "{}".into(), 5.0);
    assert_eq!(o.entries.len(), 1, "one entry per result and URL");
    assert_eq!(o.status("r1"), Some(Status::Sending));
    assert_eq!(o.due(0.0).len(), 1);
    let s = o.record("r1", "https://h/x", Outcome::Retry(Reason::Offline), 100.0);
    assert_eq!(s, Some(Status::Queued { attempts: 1, next_at: 1100.0, reason: Reason::Offline }));
    assert!(o.due(1099.0).is_empty());
    assert_eq!(o.due(1100.0).len(), 1);
    assert_eq!(o.next_wake(), Some(1100.0));
    for i in 2..MAX_ATTEMPTS {
        assert!(
            matches!(o.record("r1", "https://h/x", Outcome::Retry(Reason::Status(503)), 0.0), Some(Status::Queued { attempts, .. }) if attempts == i)
        );
    }
    assert_eq!(
        o.record("r1", "https://h/x", Outcome::Retry(Reason::Status(503)), 0.0),
        Some(Status::Failed { reason: Reason::Status(503) })
    );
    assert!(o.due(f64::MAX).is_empty(), "given up until the user retries");
    o.retry_all(50.0);
    assert_eq!(o.due(50.0).len(), 1);
    assert_eq!(o.record("r1", "https://h/x", Outcome::Delivered, 60.0), Some(Status::Sent));
    assert!(o.entries.is_empty());
    o.enqueue("r2", "https://h/x", "{}".into(), 0.0);
    assert_eq!(
        o.record("r2", "https://h/x", Outcome::Rejected(Reason::Status(400)), 0.0),
        Some(Status::Failed { reason: Reason::Status(400) })
    );
    o.enqueue("r3", "https://h/y", "{\"a\":\"\\u00e9\"}".into(), 1_763_892_000_123.0);
    o.record("r3", "https://h/y", Outcome::Retry(Reason::Offline), 0.0);
    assert_eq!(Outbox::from_json(&stored(&o), 0.0), o, "the outbox survives storage");
    assert_eq!(o.entries.len(), 2);
    // Unreadable entries are left out; unreadable text is an empty outbox.
    let damaged = stored(&o).replacen("\"attempts\":1", "\"attempts\":\"one\"", 1);
    assert_ne!(damaged, stored(&o));
    assert_eq!(Outbox::from_json(&damaged, 0.0).entries, o.entries[1..]);
    assert_eq!(Outbox::from_json("{not json", 0.0), Outbox::default());
}

#[test]
fn queued_submissions_expire_after_seven_days_and_can_be_discarded() {
    use cx_scorecard::engine::outbox::MAX_AGE_MS;
    const DAY: f64 = 24.0 * 3_600_000.0;
    assert_eq!(MAX_AGE_MS, 7.0 * DAY);
    let t0 = 1_763_892_000_000.0;
    let mut o = Outbox::default();
    o.enqueue("r1", "https://h/x", "{\"lead\":{\"email\":\"a@b.example\"}}".into(), t0);
    o.enqueue("r2", "https://h/x", "{}".into(), t0 + DAY);
    o.record("r1", "https://h/x", Outcome::Rejected(Reason::Status(400)), t0);
    // Stored and read back, the age is kept.
    let mut o = Outbox::from_json(&stored(&o), t0 + 2.0 * DAY);
    assert_eq!(o.entries[0].queued_at, t0);
    assert!(o.expire(t0 + 7.0 * DAY - 1.0).is_empty(), "not yet");
    assert_eq!(o.expire(t0 + 7.0 * DAY), vec!["r1".to_string()], "r1 is 7 days old");
    assert_eq!(o.entries.len(), 1);
    assert!(!stored(&o).contains("a@b.example"), "the lead is gone with it");
    assert_eq!(o.expire(t0 + 8.0 * DAY), vec!["r2".to_string()]);
    assert!(o.entries.is_empty());

    // An entry from an earlier build, without queuedAt, counts from when it is read.
    let legacy =
        r#"{"entries":[{"id":"r9","url":"https://h/x","body":"{}","attempts":1,"nextAt":null,"lastError":"network"}]}"#;
    let mut o = Outbox::from_json(legacy, t0);
    assert_eq!(o.entries[0].queued_at, t0);
    assert_eq!(o.status("r9"), Some(Status::Failed { reason: Reason::Network }));
    assert!(o.expire(t0 + 6.0 * DAY).is_empty());
    // A clock far in the past or future does not keep it forever.
    assert_eq!(o.expire(t0 - 7.0 * DAY), vec!["r9".to_string()]);

    // "Don't send": every entry of that result is deleted.
    let mut o = Outbox::default();
    o.enqueue("r1", "https://h/x", "{}".into(), t0);
    o.enqueue("r1", "https://h/y", "{}".into(), t0);
    o.enqueue("r2", "https://h/x", "{}".into(), t0);
    assert!(o.discard("r1"));
    assert!(!o.discard("r1"), "nothing left to discard");
    // A request that was under way when it was discarded reports nothing (not "sent").
    assert_eq!(o.record("r1", "https://h/x", Outcome::Retry(Reason::Timeout), t0), None);
    assert_eq!(o.record("r1", "https://h/x", Outcome::Delivered, t0), None);
    assert_eq!(o.entries.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["r2"]);
}

#[test]
fn a_redirect_or_a_timeout_is_a_failure_kept_in_the_outbox() {
    let mut o = Outbox::default();
    o.enqueue("r1", "https://h/x", "{}".into(), 0.0);
    // A redirect is not retried automatically: following it would send a GET without the result.
    assert_eq!(
        o.record("r1", "https://h/x", Outcome::Rejected(Reason::Redirect), 10.0),
        Some(Status::Failed { reason: Reason::Redirect })
    );
    assert_eq!(o.entries.len(), 1, "kept");
    assert_eq!(o.status("r1"), Some(Status::Failed { reason: Reason::Redirect }));
    assert_eq!(Reason::Redirect.to_string(), "the server answered with a redirect");
    o.enqueue("r2", "https://h/x", "{}".into(), 0.0);
    assert_eq!(
        o.record("r2", "https://h/x", Outcome::Retry(Reason::Timeout), 10.0),
        Some(Status::Queued { attempts: 1, next_at: 1010.0, reason: Reason::Timeout })
    );
    assert_eq!(Reason::Timeout.to_string(), "the server did not answer in time");
    let back = Outbox::from_json(&stored(&o), 0.0);
    assert_eq!(back, o, "both reasons survive storage");
}

fn a_lead() -> cx_scorecard::engine::lead::Lead {
    make_lead(&LeadConfig::before_results(), &values(&[("email", "ana@example.com")]), true, "ok", "t0").unwrap()
}

fn answer_every_page(def: &cx_scorecard::engine::Definition, mut s: Session) -> Session {
    for d in &def.dimensions {
        for st in &d.statements {
            s = s.apply(def, Action::Answer { statement_id: st.id.clone(), answer: Answer::Value(4) }).unwrap();
        }
        s = s.apply(def, Action::Next { at: "t2".into() }).unwrap();
    }
    s
}

#[test]
fn the_modes_by_name() {
    assert_eq!(LeadMode::named("before-start"), Some(LeadMode::BeforeStart));
    assert_eq!(LeadMode::named("teaser"), Some(LeadMode::Teaser));
    assert_eq!(LeadMode::named("before-results"), Some(LeadMode::BeforeResults));
    assert_eq!(LeadMode::named(""), Some(LeadMode::Off));
    assert_eq!(LeadMode::named("Teaser"), None);
    assert_eq!(config(r#"{"mode": "teaser", "allowSkip": true}"#).mode, LeadMode::Teaser);
    assert!(LeadConfig::with_mode(LeadMode::BeforeStart).enabled());
    assert!(!LeadConfig::off().enabled());
}

#[test]
fn before_start_the_form_comes_first_and_the_result_carries_its_lead() {
    let def = default_definition();
    let s = Session::gated(LeadGate::Required, LeadPlace::BeforeStart)
        .apply(&def, Action::Start { at: "t0".into(), id: "r1".into() })
        .unwrap();
    assert_eq!(s.step, Step::Lead);
    assert!(s.lead_first());
    assert_eq!(s.apply(&def, Action::SkipLead { at: "t1".into() }), Err(ActionError::LeadRequired));
    assert_eq!(s.apply(&def, Action::Back).unwrap().step, Step::Intro, "back from the first form is the intro");
    let begun = s.apply(&def, Action::SubmitLead { lead: a_lead(), at: "t1".into() }).unwrap();
    assert_eq!(begun.step, Step::Profile, "the form begins the assessment");
    assert!(begun.completed_at.is_none(), "submitting the form completes nothing");
    // Back to the intro and on again: the form is not asked twice.
    let again = begun.apply(&def, Action::Back).unwrap();
    assert_eq!(again.step, Step::Intro);
    assert_eq!(again.apply(&def, Action::Next { at: "t1".into() }).unwrap().step, Step::Profile);
    let done = answer_every_page(&def, begun.apply(&def, Action::Next { at: "t1".into() }).unwrap());
    assert_eq!(done.step, Step::Results, "no second form before the results");
    let result = build_result(&def, &done, &Wording::english()).unwrap();
    assert_eq!(result.lead, Some(a_lead()));
    assert!(done.full_report());
    // A skippable form skipped begins without a lead.
    let skippable = Session::gated(LeadGate::Skippable, LeadPlace::BeforeStart)
        .apply(&def, Action::Start { at: "t0".into(), id: "r1".into() })
        .unwrap();
    let begun = skippable.apply(&def, Action::SkipLead { at: "t1".into() }).unwrap();
    assert_eq!((begun.step, begun.lead.is_none(), begun.completed_at.is_none()), (Step::Profile, true, true));
    // Reset keeps the place.
    assert_eq!(done.apply(&def, Action::Reset).unwrap(), Session::gated(LeadGate::Required, LeadPlace::BeforeStart));
}

#[test]
fn a_stored_session_never_holds_the_form_or_its_lead() {
    use cx_scorecard::engine::saved::encode;
    let def = default_definition();
    let first = Session::gated(LeadGate::Required, LeadPlace::BeforeStart)
        .apply(&def, Action::Start { at: "t0".into(), id: "r1".into() })
        .unwrap();
    assert_eq!(encode(&def, &first, "t", None).session.step, Step::Intro);
    let begun = first.apply(&def, Action::SubmitLead { lead: a_lead(), at: "t1".into() }).unwrap();
    let stored = encode(&def, &begun, "t", None);
    assert!(stored.session.lead.is_none());
    assert!(!serde_json::to_string(&stored).unwrap().contains("ana@example.com"));
    let teaser = finish_statements(&def, Session::gated(LeadGate::Required, LeadPlace::Teaser));
    assert_eq!(encode(&def, &teaser, "t", None).session.step, Step::Dimension(6));
}

#[test]
fn the_teaser_opens_the_full_report_only_with_the_form() {
    let def = default_definition();
    let s = finish_statements(&def, Session::gated(LeadGate::Skippable, LeadPlace::Teaser));
    assert_eq!(s.step, Step::Lead, "the teaser's form follows the last statement");
    assert!(!s.full_report());
    assert_eq!(s.apply(&def, Action::Back).unwrap().step, Step::Dimension(6));
    let skipped = s.apply(&def, Action::SkipLead { at: "t3".into() }).unwrap();
    assert_eq!(skipped.step, Step::Results);
    assert!(!skipped.full_report(), "skipping keeps the teaser only");
    let result = build_result(&def, &skipped, &Wording::english()).unwrap();
    assert!(result.lead.is_none());
    let unlocked = s.apply(&def, Action::SubmitLead { lead: a_lead(), at: "t3".into() }).unwrap();
    assert!(unlocked.full_report() && unlocked.unlocked);
    assert_eq!(build_result(&def, &unlocked, &Wording::english()).unwrap().lead, Some(a_lead()));
    // Stored and read back (the lead is not stored), the report stays open; a reset closes it.
    let json = serde_json::to_value(&unlocked).unwrap();
    let back: Session = serde_json::from_value(json).unwrap();
    let resumed =
        Session::gated(LeadGate::Skippable, LeadPlace::Teaser).apply(&def, Action::Resume(Box::new(back))).unwrap();
    assert!(resumed.lead.is_none() && resumed.full_report());
    assert!(!unlocked.apply(&def, Action::Reset).unwrap().full_report());
    // Other modes always show the full report.
    assert!(finish_statements(&def, Session::new(LeadGate::Required)).full_report());
    assert!(Session::gated(LeadGate::Off, LeadPlace::Teaser).full_report());
}
