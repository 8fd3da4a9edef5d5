//! Property tests: the definition parser and validator, the saved-session reader and the resume
//! link decoder never panic, whatever they are given; scores stay within 0–100 whatever the
//! weights; and every valid scale's answers survive a resume link and a saved session.
//! `PROPTEST_CASES` sets the number of cases.
#![cfg(not(target_arch = "wasm32"))]

use cx_scorecard::engine::definition::ScaleOption;
use cx_scorecard::engine::json;
use cx_scorecard::engine::saved::{decode, decode_link, encode, encode_link};
use cx_scorecard::engine::{
    default_definition, validate, Answer, Answers, Definition, LeadGate, Session, Text, DEFAULT_DEFINITION_JSON,
};
use proptest::prelude::*;
use serde_json::Value;

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

/// Whether our value and serde_json's hold the same data.
fn same(ours: &json::Value, theirs: &Value) -> bool {
    match (ours, theirs) {
        (json::Value::Null, Value::Null) => true,
        (json::Value::Bool(a), Value::Bool(b)) => a == b,
        (json::Value::Num(a), Value::Number(b)) => {
            // Within 10^-13 relative, or 10^-300 absolute for the tiniest (subnormal) numbers.
            let b = b.as_f64().unwrap();
            a == &b || (a - b).abs() <= 1e-13 * b.abs() || (a - b).abs() < 1e-300
        }
        (json::Value::Str(a), Value::String(b)) => a == b,
        (json::Value::Arr(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y)),
        (json::Value::Obj(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| same(x, y)))
        }
        _ => false,
    }
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
        let restored = decode(&def, &encode(&def, &session, "2026-01-01T00:00:00Z", None));
        prop_assert_eq!(restored.map(|s| s.answers), Ok(answers));
        // The saved-session reader takes exactly the scale's values.
        let highest = lowest + (len - 1) as u8;
        for outside in [lowest.checked_sub(1), highest.checked_add(1)].into_iter().flatten() {
            let mut s = session.clone();
            s.answers.insert("d1.s1".into(), Answer::Value(outside));
            prop_assert!(decode(&def, &encode(&def, &s, "2026-01-01T00:00:00Z", None)).is_err(), "{}", outside);
        }
    }

    /// The widget's JSON reader agrees with serde_json on valid JSON, and its writer's output
    /// reads back the same in both.
    #[test]
    fn json_reads_and_writes_like_serde_json(v in any_json()) {
        let ours = json::parse(&v.to_string()).expect("valid JSON is read");
        prop_assert!(same(&ours, &v), "{ours:?} vs {v}");
        let written = ours.to_string();
        let back: Value = serde_json::from_str(&written).expect("our output is JSON");
        prop_assert!(same(&ours, &back), "{written}");
        let pretty: Value = serde_json::from_str(&ours.to_pretty()).expect("pretty output is JSON");
        prop_assert!(same(&ours, &pretty));
    }

    /// Near-JSON (valid JSON with one character changed) is accepted or refused as serde_json
    /// does, and never panics.
    #[test]
    fn damaged_json_is_refused_like_serde_json(v in any_json(), at in any::<usize>(), c in prop::sample::select(
        vec!['"', '\\', ',', ':', '{', '}', '[', ']', '0', '-', '.', 'e', 'u', ' ', '\u{1}', 'é'])
    ) {
        let mut text: Vec<char> = v.to_string().chars().collect();
        let i = at % (text.len() + 1);
        if at % 2 == 0 || i == text.len() { text.insert(i, c) } else { text[i] = c }
        let text: String = text.into_iter().collect();
        let theirs = serde_json::from_str::<Value>(&text);
        let ours = json::parse(&text);
        prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{}: ours {:?}, serde_json {:?}", text, ours, theirs);
    }

    #[test]
    fn arbitrary_saved_sessions_never_panic(s in ".{0,300}", v in any_json()) {
        let def = default_definition();
        let _ = decode(&def, &s);
        let _ = decode(&def, &v.to_string());
    }
}
