//! Property tests: the readers of every wire format (definition, saved session, outbox, lead
//! configuration, language pack) and the resume link decoder never panic, whatever they are
//! given; scores stay within 0–100 whatever the weights; every valid scale's answers survive a
//! resume link and a saved session; and what the engine writes (definitions, results, saved
//! sessions, outboxes, lead configurations, packs) reads back the same through serde_json.
//! `PROPTEST_CASES` sets the number of cases.
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::definition::ScaleOption;
use cx_scorecard::engine::lead::{make_lead, FieldKind, LeadConfig, LeadField, LeadMode};
use cx_scorecard::engine::locales::{pack, LanguagePack, Strings, STRINGS_SOURCES};
use cx_scorecard::engine::outbox::{Entry, Outbox, Reason};
use cx_scorecard::engine::saved::{decode, decode_link, encode, encode_link, is_stale};
use cx_scorecard::engine::wire::{parse, read, read_object};
use cx_scorecard::engine::Wording;
use cx_scorecard::engine::{
    build_result, default_definition, validate, Answer, Answers, AssessmentResult, Definition, LeadGate, ProfileAnswer,
    Session, Step, Text, ValidationProblem, DEFAULT_DEFINITION_JSON, DEFAULT_DEFINITION_SOURCE,
};
use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000)
}

/// A JSON value of any shape.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,10}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Whether two values hold the same data, numbers within serde_json's reading precision (its
/// default float parsing can be a unit in the last place off).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(a), Value::Bool(b)) => a == b,
        (Value::Number(a), Value::Number(b)) => {
            // Within 10^-13 relative, or 10^-300 absolute for the tiniest (subnormal) numbers.
            let (a, b) = (a.as_f64().unwrap(), b.as_f64().unwrap());
            a == b || (a - b).abs() <= 1e-13 * b.abs() || (a - b).abs() < 1e-300
        }
        (Value::String(a), Value::String(b)) => a == b,
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| same(x, y)))
        }
        _ => false,
    }
}

/// `x` written by serde_json, compactly and pretty: both texts.
fn texts<T: Serialize>(x: &T) -> [String; 2] {
    [serde_json::to_string(x).unwrap(), serde_json::to_string_pretty(x).unwrap()]
}

/// The stored text of a session, as the widget saves it.
fn encode_text(def: &Definition, session: &Session, scope: Option<&str>) -> String {
    serde_json::to_string(&encode(def, session, "2026-01-01T00:00:00Z", scope)).unwrap()
}

/// Reads a stored session's text back.
fn decode_text(def: &Definition, text: &str) -> Result<Session, cx_scorecard::engine::saved::RestoreError> {
    decode(def, serde_json::from_str(text).expect("stored sessions are JSON"))
}

/// The pack of a language as the build makes it.
fn pack_of(def: &Definition, locale: &str) -> LanguagePack {
    let strings = STRINGS_SOURCES.iter().find(|(l, _)| *l == locale).unwrap().1;
    let strings: Strings = serde_json::from_str(strings).unwrap();
    pack(def, locale, &strings)
}

/// A syntax error as the readers report it: at the whole document, in serde_json's words.
fn syntax_error(e: &serde_json::Error) -> ValidationProblem {
    ValidationProblem { path: String::new(), message: e.to_string() }
}

/// Any outbox entry: every reason, any attempts, texts with quotes, escapes and non-ASCII, and
/// epoch milliseconds (whole numbers, as `Date.now()` gives them) up to 10^14, the year 5138.
/// (serde_json, without its `float_roundtrip` feature, reads some larger ones back a little off:
/// `1880993088185791.0` as 1880993088185791.3. The widget reads with `JSON.parse`.)
fn any_entry() -> impl Strategy<Value = Entry> {
    let reason = prop_oneof![
        Just(Reason::Offline),
        Just(Reason::Network),
        Just(Reason::Redirect),
        Just(Reason::Timeout),
        any::<u16>().prop_map(Reason::Status),
    ];
    let ms = (0u64..=100_000_000_000_000).prop_map(|t| t as f64);
    (".{0,12}", ".{0,20}", ".{0,40}", ms.clone(), any::<u32>(), prop::option::of(ms), prop::option::of(reason))
        .prop_map(|(id, url, body, queued_at, attempts, next_at, last_error)| Entry {
            id,
            url,
            body,
            queued_at,
            attempts,
            next_at,
            last_error,
        })
}

/// Replaces one node (chosen by `pick`) of `v` with `new`.
fn mutate(v: &mut Value, pick: &mut usize, new: &Value) -> bool {
    if *pick == 0 {
        *v = new.clone();
        return true;
    }
    *pick -= 1;
    match v {
        Value::Array(items) => items.iter_mut().any(|i| mutate(i, pick, new)),
        Value::Object(map) => map.values_mut().any(|i| mutate(i, pick, new)),
        _ => false,
    }
}

/// Any finite positive weight: subnormal, ordinary, huge, and the largest there is.
fn any_weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        prop::num::f64::POSITIVE | prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL,
        0.01f64..1_000.0,
        1e300f64..1.7e308,
        Just(f64::MAX),
    ]
}

/// Answers to the default assessment from codes 0–6: 0 unanswered, 1–5 the value, 6 "Don't know".
fn default_answers(def: &Definition, codes: &[u8]) -> Answers {
    def.dimensions
        .iter()
        .flat_map(|d| &d.statements)
        .zip(codes)
        .filter(|(_, c)| **c != 0)
        .map(|(s, c)| (s.id.clone(), if *c == 6 { Answer::DontKnow } else { Answer::Value(*c) }))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_the_parser(s in ".{0,400}") {
        let _ = Definition::from_json(&s);
        let _ = LeadConfig::from_json(&s);
        let _ = parse::<LanguagePack>(&s);
        let _ = Outbox::from_json(&s, 0.0);
    }

    #[test]
    fn mutated_definitions_never_panic(pick in 0usize..2_000, new in any_json()) {
        let mut v: Value = serde_json::from_str(DEFAULT_DEFINITION_JSON).unwrap();
        mutate(&mut v, &mut pick.clone(), &new);
        if let Ok(def) = Definition::from_json(&v.to_string()) {
            // A definition that validates can be scored and linked without panicking.
            let answers: Answers = def.dimensions.iter().flat_map(|d| &d.statements).map(|s| (s.id.clone(), Answer::Value(def.scale_min()))).collect();
            let _ = cx_scorecard::engine::score(&def, &answers);
            let link = encode_link(&def, &answers);
            prop_assert_eq!(decode_link(&def, &link), Ok(answers));
        }
    }

    #[test]
    fn arbitrary_links_never_panic(s in ".{0,64}", t in "1\\.[A-Za-z0-9_-]{5}\\.[A-Za-z0-9_-]{0,30}") {
        let def = default_definition();
        let _ = decode_link(&def, &s);
        let _ = decode_link(&def, &t);
    }

    #[test]
    fn links_round_trip(codes in prop::collection::vec(0u8..7, 36)) {
        let def = default_definition();
        let answers = default_answers(&def, &codes);
        prop_assert_eq!(decode_link(&def, &encode_link(&def, &answers)), Ok(answers));
    }

    /// Whatever the finite positive weights (even beyond what validation allows), the overall score
    /// is a number within 0–100, between the lowest and the highest dimension score.
    #[test]
    fn any_weights_give_an_overall_score_within_0_to_100(
        weights in prop::collection::vec(any_weight(), 7),
        codes in prop::collection::vec(0u8..7, 36),
    ) {
        let mut def = default_definition();
        for (d, w) in def.dimensions.iter_mut().zip(&weights) {
            d.weight = *w;
        }
        let card = cx_scorecard::engine::score(&def, &default_answers(&def, &codes));
        let scores: Vec<f64> = card.dimensions.iter().filter_map(|d| d.score).collect();
        match card.overall.score {
            None => prop_assert!(scores.is_empty(), "no overall score beside {:?}", scores),
            Some(s) => {
                prop_assert!(s.is_finite() && (0.0..=100.0).contains(&s), "overall {} for {:?}", s, weights);
                let lowest = scores.iter().copied().fold(f64::INFINITY, f64::min);
                let highest = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                // Within the rounding (to one decimal) of the dimension scores and of the mean.
                prop_assert!(lowest - 0.1 <= s && s <= highest + 0.1, "{} outside {}–{}", s, lowest, highest);
            }
        }
    }

    /// Every scale the reader can give (values 0–255, each one more than the last, perhaps
    /// wrapping past 255) validates exactly when it stays within 0–255; and then any answers
    /// survive a resume link and a saved session.
    #[test]
    fn every_valid_scale_round_trips(
        lowest in any::<u8>(),
        len in 2usize..=256,
        codes in prop::collection::vec(any::<u16>(), 36),
    ) {
        let mut def = default_definition();
        def.scale.options = (0..len)
            .map(|i| ScaleOption { value: lowest.wrapping_add(i as u8), label: Text::Plain(format!("Option {i}")) })
            .collect();
        let errors = validate(&def);
        let fits = usize::from(lowest) + len <= 256;
        prop_assert_eq!(errors.is_empty(), fits, "{:?}", errors);
        if !fits {
            prop_assert!(errors.iter().all(|e| e.path.starts_with("scale.options[") && e.path.ends_with("].value")
                && e.message.starts_with("values must ascend by one within 0–255")), "{:?}", errors);
            return Ok(());
        }
        // Codes 0 unanswered, 1..=len the values from the lowest, len + 1 "Don't know".
        let answers: Answers = def.dimensions.iter().flat_map(|d| &d.statements).zip(codes)
            .filter_map(|(s, c)| match usize::from(c) % (len + 2) {
                0 => None,
                c if c == len + 1 => Some((s.id.clone(), Answer::DontKnow)),
                c => Some((s.id.clone(), Answer::Value(lowest + (c - 1) as u8))),
            })
            .collect();
        prop_assert_eq!(decode_link(&def, &encode_link(&def, &answers)), Ok(answers.clone()));
        let session = Session { answers: answers.clone(), ..Session::new(LeadGate::Off) };
        let restored = decode_text(&def, &encode_text(&def, &session, None));
        prop_assert_eq!(restored.map(|s| s.answers), Ok(answers));
        // The saved-session reader takes exactly the scale's values.
        let highest = lowest + (len - 1) as u8;
        for outside in [lowest.checked_sub(1), highest.checked_add(1)].into_iter().flatten() {
            let mut s = session.clone();
            s.answers.insert("d1.s1".into(), Answer::Value(outside));
            prop_assert!(decode_text(&def, &encode_text(&def, &s, None)).is_err(), "{}", outside);
        }
    }

    /// A definition that validates writes out and reads back the same, compact and pretty.
    #[test]
    fn valid_definitions_round_trip_through_serde_json(pick in 0usize..1_100, new in any_json()) {
        let mut v: Value = serde_json::from_str(DEFAULT_DEFINITION_SOURCE).unwrap();
        mutate(&mut v, &mut pick.clone(), &new);
        if let Ok(def) = Definition::from_value(v) {
            let value = serde_json::to_value(&def).unwrap();
            for text in texts(&def) {
                let back = Definition::from_json(&text).expect("a written definition reads back");
                prop_assert!(same(&serde_json::to_value(&back).unwrap(), &value), "{}", text);
            }
        }
    }

    /// A result (with a lead, profile answers and any answers) writes out and reads back the same.
    #[test]
    fn results_round_trip_through_serde_json(
        codes in prop::collection::vec(1u8..7, 36),
        profile in prop::collection::vec(any::<prop::sample::Index>(), 6),
        with_lead in any::<bool>(),
        email in "[a-z]{1,8}@[a-z]{1,8}\\.example",
        name in ".{0,20}",
    ) {
        let def = default_definition();
        let mut session = Session {
            id: Some("r1".into()),
            step: Step::Results,
            started_at: Some("2026-01-01T00:00:00Z".into()),
            completed_at: Some("2026-01-01T00:09:00Z".into()),
            answers: default_answers(&def, &codes),
            ..Session::new(LeadGate::Off)
        };
        for (q, pick) in def.profile.iter().zip(&profile) {
            let id = pick.get(&q.options).id.clone();
            let answer = if q.multiple { ProfileAnswer::Many(vec![id]) } else { ProfileAnswer::One(id) };
            session.profile.insert(q.id.clone(), answer);
        }
        if with_lead {
            let values = BTreeMap::from([("email".to_string(), email), ("name".to_string(), name)]);
            let config = LeadConfig { privacy_policy_url: Some("/privacy".into()), ..LeadConfig::before_results() };
            session.lead = make_lead(&config, &values, true, "You may contact me.", "2026-01-01T00:09:00Z").ok();
            prop_assert!(session.lead.is_some());
        }
        for locale in ["en", "de"] {
            let wording = Wording { locale, ..Wording::english() };
            let result = build_result(&def, &session, &wording).expect("complete");
            for text in texts(&result) {
                let back: AssessmentResult = serde_json::from_str(&text).expect("a written result reads back");
                // The id too: the result carries it.
                prop_assert_eq!(&back.id, "r1");
                prop_assert_eq!(&back, &result, "{}", text);
            }
        }
    }

    /// Any outbox writes out and reads back the same.
    #[test]
    fn outboxes_round_trip_through_serde_json(
        entries in prop::collection::vec(any_entry(), 0..5),
        now in any::<f64>(),
    ) {
        let outbox = Outbox { entries };
        for text in texts(&outbox) {
            prop_assert_eq!(&Outbox::from_json(&text, now), &outbox, "{}", text);
        }
        prop_assert_eq!(Outbox::from_value(serde_json::to_value(&outbox).unwrap(), now), outbox);
    }

    /// Any well-typed lead configuration writes out and reads back the same; `from_json` then
    /// refuses it exactly when it has problems.
    #[test]
    fn lead_configurations_round_trip_through_serde_json(
        fields in prop::collection::vec((
            prop::option::of("[a-z]{1,8}"),
            0usize..6,
            prop::option::of(".{0,12}"),
            any::<bool>(),
            prop::collection::vec(".{0,6}", 0..3),
        ), 0..5),
        off in any::<bool>(),
        consent_text in prop::option::of(".{0,20}"),
        privacy_policy_url in prop::option::of(".{0,20}"),
        allow_skip in any::<bool>(),
    ) {
        let kinds = [
            FieldKind::Name,
            FieldKind::Email,
            FieldKind::Company,
            FieldKind::Role,
            FieldKind::Text,
            FieldKind::Choice,
        ];
        let config = LeadConfig {
            mode: if off { LeadMode::Off } else { LeadMode::BeforeResults },
            fields: fields
                .into_iter()
                .map(|(id, kind, label, required, options)| {
                    LeadField { id, kind: kinds[kind], label, required, options }
                })
                .collect(),
            consent_text,
            privacy_policy_url,
            allow_skip,
        };
        let checked = LeadConfig::checked(config.clone());
        for text in texts(&config) {
            prop_assert_eq!(parse::<LeadConfig>(&text), Ok(config.clone()), "{}", text);
            prop_assert_eq!(&LeadConfig::from_json(&text), &checked, "{}", text);
        }
    }

    /// Near-JSON (a wire document, or any JSON, with one character changed) is refused by every
    /// reader exactly when serde_json refuses it, with serde_json's syntax error; and nothing panics.
    #[test]
    fn damaged_json_is_refused_like_serde_json(
        doc in 0usize..8,
        v in any_json(),
        at in any::<usize>(),
        c in prop::sample::select(
            vec!['"', '\\', ',', ':', '{', '}', '[', ']', '0', '-', '.', 'e', 'u', ' ', '\u{1}', 'é']
        ),
    ) {
        let def = default_definition();
        let session = Session {
            answers: default_answers(&def, &[3; 36]),
            completed_at: Some("t".into()),
            ..Session::new(LeadGate::Required)
        };
        let mut outbox = Outbox::default();
        outbox.enqueue("r1", "https://h/x", "{\"a\":\"\\u00e9\"}".into(), 1_763_892_000_123.0);
        let source = Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap();
        let text = match doc {
            0 => DEFAULT_DEFINITION_JSON.to_string(),
            1 => encode_text(&def, &session, Some("team-a")),
            2 => serde_json::to_string(&outbox).unwrap(),
            3 => r#"{"mode": "before-results", "fields": [{"type": "email"}], "allowSkip": true}"#.into(),
            4 => serde_json::to_string(&pack_of(&source, "de")).unwrap(),
            5 => serde_json::to_string_pretty(&build_result(&def, &session, &Wording::english()).unwrap()).unwrap(),
            _ => v.to_string(),
        };
        let mut text: Vec<char> = text.chars().collect();
        let i = at % (text.len() + 1);
        if at % 2 == 0 || i == text.len() { text.insert(i, c) } else { text[i] = c }
        let text: String = text.into_iter().collect();
        let definition = Definition::from_json(&text);
        let lead = LeadConfig::from_json(&text);
        let pack = parse::<LanguagePack>(&text);
        let outbox = Outbox::from_json(&text, 0.0);
        match serde_json::from_str::<Value>(&text) {
            Err(e) => {
                let e = syntax_error(&e);
                prop_assert_eq!(definition, Err(vec![e.clone()]));
                prop_assert_eq!(lead, Err(vec![(e.path.clone(), e.message.clone())]));
                prop_assert_eq!(pack, Err(e));
                prop_assert_eq!(outbox, Outbox::default());
            }
            Ok(v) => {
                // JSON text reads as its value does.
                prop_assert_eq!(definition, Definition::from_value(v.clone()));
                let read_lead = read_object::<LeadConfig>(v.clone()).map_err(|e| vec![(e.path, e.message)]);
                prop_assert_eq!(lead, read_lead.and_then(LeadConfig::checked));
                prop_assert_eq!(&pack, &read::<LanguagePack>(v.clone()));
                prop_assert_eq!(outbox, Outbox::from_value(v.clone(), 0.0));
                let _ = decode(&def, v.clone());
                let _ = is_stale(&def, None, "cx-scorecard:session:cx-operations:0.9.0", Some(&v));
                if let Ok(pack) = pack {
                    let _ = def.clone().add_locale(pack);
                }
            }
        }
    }

    #[test]
    fn arbitrary_saved_sessions_never_panic(s in ".{0,300}", v in any_json()) {
        let def = default_definition();
        if let Ok(v) = serde_json::from_str(&s) {
            let _ = decode(&def, v);
        }
        let _ = decode(&def, v.clone());
        let _ = is_stale(&def, Some("team-a"), "cx-scorecard:session:cx-operations:0.9.0:team-a", Some(&v));
    }

    /// A stored session with any one part replaced never panics the reader; what it accepts is a
    /// session of this assessment, which is stored and read back the same.
    #[test]
    fn mutated_saved_sessions_never_panic(
        pick in 0usize..80,
        new in any_json(),
        codes in prop::collection::vec(0u8..7, 36),
    ) {
        let def = default_definition();
        let session = Session {
            id: Some("r1".into()),
            step: Step::Dimension(2),
            started_at: Some("t0".into()),
            profile: BTreeMap::from([
                ("industry".to_string(), ProfileAnswer::One("banking".into())),
                ("channels".to_string(), ProfileAnswer::Many(vec!["phone".into(), "chat".into()])),
            ]),
            answers: default_answers(&def, &codes),
            ..Session::new(LeadGate::Skippable)
        };
        let mut v = serde_json::to_value(encode(&def, &session, "now", Some("team-a"))).unwrap();
        mutate(&mut v, &mut pick.clone(), &new);
        if let Ok(s) = decode(&def, v) {
            prop_assert_eq!(decode_text(&def, &encode_text(&def, &s, None)), Ok(s));
        }
    }

    /// Any text, any JSON and any stored outbox with one part replaced: the outbox reader never
    /// panics, and keeps no more entries than it was given.
    #[test]
    fn arbitrary_outboxes_never_panic(
        s in ".{0,300}",
        v in any_json(),
        entries in prop::collection::vec(any_entry(), 1..4),
        pick in 0usize..40,
        new in any_json(),
    ) {
        let _ = Outbox::from_json(&s, 0.0);
        let _ = Outbox::from_value(v.clone(), 0.0);
        let _ = Outbox::from_value(serde_json::json!({"entries": [v]}), 0.0);
        let n = entries.len();
        let mut stored = serde_json::to_value(Outbox { entries }).unwrap();
        mutate(&mut stored, &mut pick.clone(), &new);
        prop_assert!(Outbox::from_value(stored, 1.0).entries.len() <= n);
    }

    /// Any JSON as a lead configuration, and any language pack with one part replaced, never
    /// panics; a pack that is accepted leaves a valid definition, and one that is refused leaves
    /// the definition as it was.
    #[test]
    fn arbitrary_lead_configurations_and_packs_never_panic(
        v in any_json(),
        pick in 0usize..160,
        new in any_json(),
    ) {
        let _ = LeadConfig::from_json(&v.to_string());
        let _ = read::<LeadConfig>(v.clone());
        let def = default_definition();
        let source = Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap();
        let _ = read::<LanguagePack>(v);
        let mut p = serde_json::to_value(pack_of(&source, "fr")).unwrap();
        mutate(&mut p, &mut pick.clone(), &new);
        if let Ok(p) = read::<LanguagePack>(p) {
            let mut d = def.clone();
            match d.add_locale(p) {
                Ok(_) => prop_assert!(validate(&d).is_empty(), "{:?}", validate(&d)),
                Err(_) => prop_assert_eq!(d, def),
            }
        }
    }
}

/// The definitions the widget carries write out and read back exactly the same.
#[test]
fn the_definitions_round_trip_exactly_through_serde_json() {
    let quick = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/quick-check.json")).unwrap();
    for source in [DEFAULT_DEFINITION_JSON, DEFAULT_DEFINITION_SOURCE, &quick] {
        let def = Definition::from_json(source).unwrap();
        for text in texts(&def) {
            assert_eq!(Definition::from_json(&text), Ok(def.clone()));
        }
    }
}

/// Every language pack writes out and reads back the same.
#[test]
fn packs_round_trip_through_serde_json() {
    let source = Definition::from_json(DEFAULT_DEFINITION_SOURCE).unwrap();
    for locale in ["de", "fr", "es"] {
        let p = pack_of(&source, locale);
        for text in texts(&p) {
            assert_eq!(parse::<LanguagePack>(&text), Ok(p.clone()), "{locale}");
        }
    }
}
