//! Autosave and the resume link: round trips, and rejection of anything else.
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::lead::{make_lead, LeadConfig};
use cx_scorecard::engine::saved::{
    decode, decode_link, encode, encode_link, is_stale, is_storage_scope, storage_key, LinkError, RestoreError,
};
use cx_scorecard::engine::wire::parse;
use cx_scorecard::engine::{
    default_definition, Action, Answer, Answers, Definition, LeadGate, ProfileAnswer, Session, Step,
};
use serde_json::{json, Value};
use std::collections::BTreeMap as Map;

/// The session as stored: the JSON text of `encode`.
fn encode_text(def: &Definition, session: &Session, now: &str, scope: Option<&str>) -> String {
    serde_json::to_string(&encode(def, session, now, scope)).unwrap()
}

/// Reads stored JSON text back; the text must be JSON.
fn decode_text(def: &Definition, text: &str) -> Result<Session, RestoreError> {
    decode(def, serde_json::from_str(text).expect("JSON"))
}

/// A stored item's value as the storage layer reads it.
fn stored(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn started(def: &Definition) -> Session {
    let s = Session::new(LeadGate::Required)
        .apply(def, Action::Start { at: "t0".into(), id: "abc".into() })
        .unwrap()
        .apply(
            def,
            Action::SetProfile {
                question_id: "channels".into(),
                answer: Some(ProfileAnswer::Many(vec!["chat".into()])),
            },
        )
        .unwrap()
        .apply(def, Action::Next { at: "t1".into() })
        .unwrap();
    let s = s.apply(def, Action::Answer { statement_id: "d1.s1".into(), answer: Answer::Value(2) }).unwrap();
    s.apply(def, Action::Answer { statement_id: "d1.s2".into(), answer: Answer::DontKnow }).unwrap()
}

#[test]
fn a_saved_session_round_trips() {
    let def = default_definition();
    let s = started(&def);
    assert_eq!(storage_key(&def, None), "cx-scorecard:session:cx-operations:1.0.0");
    let json = encode_text(&def, &s, "2026-11-23T10:00:00Z", None);
    assert_eq!(decode_text(&def, &json), Ok(s.clone()));
    // The value itself reads back too (the wasm hands `decode` the parsed value).
    assert_eq!(decode(&def, serde_json::to_value(encode(&def, &s, "now", None)).unwrap()), Ok(s));
}

#[test]
fn the_lead_is_never_stored() {
    let def = default_definition();
    let mut s = started(&def);
    for d in &def.dimensions {
        for st in &d.statements {
            s.answers.insert(st.id.clone(), Answer::Value(3));
        }
    }
    s.step = Step::Dimension(6);
    s = s.apply(&def, Action::Next { at: "t2".into() }).unwrap();
    assert_eq!(s.step, Step::Lead);
    let lead = make_lead(
        &LeadConfig::before_results(),
        &Map::from([("email".to_string(), "ana@example.com".to_string())]),
        true,
        "ok",
        "t3",
    )
    .unwrap();
    let done = s.apply(&def, Action::SubmitLead { lead, at: "t3".into() }).unwrap();
    let json = encode_text(&def, &done, "now", None);
    assert!(!json.contains("ana@example.com"));
    let back = decode_text(&def, &json).unwrap();
    assert_eq!(back.lead, None);
    assert_eq!(back.step, Step::Results);
    let on_lead_page = decode_text(&def, &encode_text(&def, &s, "now", None)).unwrap();
    assert_eq!(on_lead_page.step, Step::Dimension(6), "the lead page itself is not restored");
}

#[test]
fn corrupt_or_foreign_sessions_are_refused() {
    let def = default_definition();
    let good = encode_text(&def, &started(&def), "now", None);
    // Text that is not JSON never becomes a value to decode; any value that is not a session is refused.
    assert!(serde_json::from_str::<Value>("{not json").is_err());
    assert!(serde_json::from_str::<Value>("").is_err());
    assert!(matches!(decode(&def, Value::Null), Err(RestoreError::Corrupt(_))));
    assert!(matches!(decode(&def, json!("{not json")), Err(RestoreError::Corrupt(_))));
    assert!(matches!(decode(&def, json!("")), Err(RestoreError::Corrupt(_))));
    let other_version = good.replace("\"version\":\"1.0.0\"", "\"version\":\"0.9.0\"");
    assert_eq!(decode_text(&def, &other_version), Err(RestoreError::OtherVersion("0.9.0".into())));
    let other_id = good.replace("\"id\":\"cx-operations\"", "\"id\":\"other\"");
    assert!(matches!(decode_text(&def, &other_id), Err(RestoreError::Corrupt(_))));
    let unknown_statement = good.replace("\"d1.s1\"", "\"d9.s9\"");
    assert_eq!(decode_text(&def, &unknown_statement), Err(RestoreError::Corrupt("unknown statement \"d9.s9\"".into())));
    let out_of_scale = good.replace("\"d1.s1\":2", "\"d1.s1\":9");
    assert_eq!(decode_text(&def, &out_of_scale), Err(RestoreError::Corrupt("answer 9 is outside the scale".into())));
    let bad_page = good.replace("{\"Dimension\":0}", "{\"Dimension\":42}");
    assert_eq!(decode_text(&def, &bad_page), Err(RestoreError::Corrupt("page out of range".into())));
    let bad_option = good.replace("\"chat\"", "\"pigeon\"");
    assert!(matches!(decode_text(&def, &bad_option), Err(RestoreError::Corrupt(_))));
}

#[test]
fn resume_links_are_short_and_round_trip() {
    let def = default_definition();
    let mut answers = Answers::new();
    for (i, s) in def.dimensions.iter().flat_map(|d| &d.statements).enumerate() {
        match i % 7 {
            0 => {}
            6 => {
                answers.insert(s.id.clone(), Answer::DontKnow);
            }
            v => {
                answers.insert(s.id.clone(), Answer::Value(v as u8));
            }
        }
    }
    let link = encode_link(&def, &answers);
    assert!(link.starts_with("1."));
    assert_eq!(link.len(), 2 + 5 + 1 + 18, "36 statements × 3 bits = 18 characters: {link}");
    assert_eq!(decode_link(&def, &link), Ok(answers.clone()));
    let empty = encode_link(&def, &Answers::new());
    assert_eq!(decode_link(&def, &empty), Ok(Answers::new()));
    // Resuming lands on the first page with a gap.
    let s = Session::resumed(&def, answers, &Session::new(LeadGate::Off), "t", "id");
    assert_eq!(s.step, Step::Dimension(0));
}

#[test]
fn garbage_links_are_refused() {
    let def = default_definition();
    let good = encode_link(&def, &Answers::new());
    for bad in ["", "1", "1..", "2.abcde.AAAAAAAAAAAAAAAAAA", "1.abcde", "x.y.z", "1.....", "🙂", "1.\u{0}.\u{0}"] {
        assert!(decode_link(&def, bad).is_err(), "{bad:?}");
    }
    let tag = &good[2..7];
    assert_eq!(decode_link(&def, "1.ZZZZZ.AAAAAAAAAAAAAAAAAA"), Err(LinkError::OtherAssessment));
    assert_eq!(decode_link(&def, &format!("1.{tag}.AAAA")), Err(LinkError::Malformed), "too short");
    assert_eq!(decode_link(&def, &format!("1.{tag}.AAAAAAAAAAAAAAAAA*")), Err(LinkError::Malformed), "bad character");
    // 36 × 3 bits fill 18 characters exactly; the last three bits are d7.s5.
    let last = decode_link(&def, &format!("1.{tag}.AAAAAAAAAAAAAAAAAB")).unwrap();
    assert_eq!(last, Answers::from([("d7.s5".to_string(), Answer::Value(1))]));
    // All ones: code 7 is one past "Don't know" (6) with a five-point scale.
    assert_eq!(decode_link(&def, &format!("1.{tag}.//////////////////")), Err(LinkError::Malformed));
}

#[test]
fn resume_replaces_a_fresh_session_and_keeps_the_gate() {
    let def = default_definition();
    let saved = started(&def);
    let fresh = Session::new(LeadGate::Skippable);
    let resumed = fresh.apply(&def, Action::Resume(Box::new(saved.clone()))).unwrap();
    assert_eq!(resumed.answers, saved.answers);
    assert_eq!(resumed.step, Step::Dimension(0));
    assert_eq!(resumed.lead_gate, LeadGate::Skippable);
    assert!(resumed.apply(&def, Action::Resume(Box::new(saved))).is_err(), "only from the intro");
}

#[test]
fn answers_and_profile_answers_read_back_from_json() {
    fn error<T: std::fmt::Debug>(r: Result<T, cx_scorecard::engine::ValidationProblem>) -> (String, String) {
        let e = r.unwrap_err();
        (e.path, e.message)
    }
    let a: Answers = parse(r#"{"d1.s1": 3, "d1.s2": null}"#).unwrap();
    assert_eq!(a["d1.s1"], Answer::Value(3));
    assert_eq!(a["d1.s2"], Answer::DontKnow);
    assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"d1.s1":3,"d1.s2":null}"#);
    let e = error(parse::<Answers>(r#"{"d1.s1": 300}"#));
    assert_eq!(e, ("d1.s1".to_string(), "invalid value: integer `300`, expected u8".to_string()));
    assert!(parse::<Answers>(r#"{"d1.s1": "3"}"#).is_err());
    assert!(parse::<Answers>(r#"{"d1.s1": -1}"#).is_err());
    assert!(parse::<Answers>(r#"{"d1.s1": 2.5}"#).is_err());
    assert!(parse::<Answers>(r#"[3]"#).is_err());
    assert_eq!(parse::<ProfileAnswer>(r#""retail""#), Ok(ProfileAnswer::One("retail".into())));
    assert_eq!(
        parse::<ProfileAnswer>(r#"["phone", "chat"]"#),
        Ok(ProfileAnswer::Many(vec!["phone".into(), "chat".into()]))
    );
    assert!(parse::<ProfileAnswer>("5").is_err());
    assert!(parse::<ProfileAnswer>(r#"["phone", 5]"#).is_err());
}

#[test]
fn a_storage_key_separates_two_widgets_and_only_own_old_versions_are_stale() {
    let def = default_definition();
    let s = started(&def);
    assert_eq!(storage_key(&def, Some("team-a")), "cx-scorecard:session:cx-operations:1.0.0:team-a");
    let a = encode_text(&def, &s, "now", Some("team-a"));
    assert!(a.contains("\"storageKey\":\"team-a\""));
    assert_eq!(decode_text(&def, &a), Ok(s.clone()), "a scoped save reads back the same");
    let plain = encode_text(&def, &s, "now", None);
    assert!(!plain.contains("storageKey"));
    // A widget without a storageKey never treats a scoped widget's save as its own old version …
    assert!(!is_stale(&def, None, "cx-scorecard:session:cx-operations:1.0.0:team-a", Some(&stored(&a))));
    // … nor the other way round, nor its own current key …
    assert!(!is_stale(&def, Some("team-a"), "cx-scorecard:session:cx-operations:1.0.0", Some(&stored(&plain))));
    assert!(!is_stale(&def, Some("team-b"), "cx-scorecard:session:cx-operations:1.0.0:team-a", Some(&stored(&a))));
    assert!(!is_stale(&def, Some("team-a"), "cx-scorecard:session:cx-operations:1.0.0:team-a", Some(&stored(&a))));
    assert!(!is_stale(&def, None, "cx-scorecard:outbox", Some(&json!({}))));
    // … but its own saves of another version are, and so is anything unreadable under its prefix.
    let old = a.replace("\"version\":\"1.0.0\"", "\"version\":\"0.9.0\"");
    assert!(is_stale(&def, Some("team-a"), "cx-scorecard:session:cx-operations:0.9.0:team-a", Some(&stored(&old))));
    assert!(is_stale(&def, None, "cx-scorecard:session:cx-operations:0.9.0", Some(&stored(&plain))));
    // Text that is not JSON is no value at all: stale to the widget without a storageKey, not to
    // a scoped one; a value that is no session (null, a string) is stale too.
    assert!(serde_json::from_str::<Value>("{garbage").is_err());
    assert!(is_stale(&def, None, "cx-scorecard:session:cx-operations:0.9.0", None));
    assert!(!is_stale(&def, Some("team-a"), "cx-scorecard:session:cx-operations:0.9.0:team-a", None));
    assert!(is_stale(&def, None, "cx-scorecard:session:cx-operations:0.9.0", Some(&Value::Null)));
    assert!(is_stale(&def, None, "cx-scorecard:session:cx-operations:0.9.0", Some(&json!("{garbage"))));
    for good in ["a", "team-a", "Team_2", &"x".repeat(64)] {
        assert!(is_storage_scope(good), "{good}");
    }
    for bad in ["", "a:b", "a b", "ü", "a/b", &"x".repeat(65)] {
        assert!(!is_storage_scope(bad), "{bad}");
    }
}
